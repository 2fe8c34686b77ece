/** Chinese numerals for the "(一)" labels of action lines (1 → 一, 12 → 十二, 21 → 二十一). */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** The label of an action line as 附件1 writes it: "(一)". */
export function actionLineLabel(seq: number): string {
  return `(${chineseNumeral(seq)})`;
}
