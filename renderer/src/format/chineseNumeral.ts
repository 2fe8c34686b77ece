/** Chinese numerals for list labels: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. Pure. */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    const place = digits.length - 1 - i;
    if (d === 0) {
      pendingZero = out !== '';
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d] + units[place];
  });
  return out;
}

/** The label of an action line as 附件1 writes it: "(一)". */
export function actionLineLabel(seq: number): string {
  return `(${chineseNumeral(seq)})`;
}
