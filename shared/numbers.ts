/**
 * Numbers in one place: rounding, parsing what users type or import, and
 * formatting for screens and exports (zh-CN).
 */

/** Rounds half away from zero at `decimals` places, without binary float surprises (0.05+0.15 → 0.2). */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // Nudge by a relative epsilon so 1.005 rounds like a person expects.
  const rounded = Math.round(scaled * (1 + Number.EPSILON * 4)) / factor;
  const result = Math.sign(value) * rounded;
  return Object.is(result, -0) ? 0 : result;
}

const FULL_WIDTH_DIGITS = /[０-９．－＋，]/g;

/** Turns full-width digits and signs into ASCII, and drops thousands separators. */
export function normaliseNumberText(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGITS, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,\s]/g, '')
    .trim();
}

/** Parses a plain number as users type it ("1,234.5", "３.２", " 7 "); null when it is not one. */
export function parseNumber(text: string): number | null {
  const t = normaliseNumberText(text);
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * One formatter per number of decimals, made once: `toLocaleString` with options builds a new
 * formatter on every call (about 18 µs, ~50× a cached one's `format`), and tables, exports and
 * the grid format hundreds of thousands of numbers.
 */
const formatters = new Map<number, Intl.NumberFormat>();
function formatterFor(maxDecimals: number): Intl.NumberFormat {
  let f = formatters.get(maxDecimals);
  if (!f) formatters.set(maxDecimals, (f = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: maxDecimals, useGrouping: false })));
  return f;
}

/** Formats a number with up to `maxDecimals` decimals, trailing zeros dropped (7 → "7", 0.05 → "0.05"). */
export function formatNumber(value: number, maxDecimals = 4): string {
  return formatterFor(maxDecimals).format(roundTo(value, maxDecimals));
}

/** Formats a ratio (1.046) as a percentage with one decimal ("104.6%"). */
export function formatPercent(ratio: number, decimals = 1): string {
  return `${roundTo(ratio * 100, decimals).toFixed(decimals)}%`;
}

/** Sums values and rounds at `decimals`, so 3+0.05+3+0.5+0.15+0.1+0.2 is exactly 7. */
export function sumTo(values: readonly number[], decimals: number): number {
  return roundTo(
    values.reduce((acc, v) => acc + v, 0),
    decimals,
  );
}

/**
 * How many decimals an indicator gets when nothing else says (a new indicator
 * from an import; the seed loader could use it too): 亿元 figures are small
 * (0.0512 亿元 = 512 万元) so they keep 4; 万元, % and 个百分点 keep 2; counts
 * (家/个/件/项/名/人/户/所/座) are whole; anything else 2, so a value is never refused for precision.
 */
export function defaultDecimals(measureUnit: string): number {
  const u = measureUnit.replace(/\s+/g, '');
  if (u.includes('亿元')) return 4;
  if (/万元|%|％|百分点/.test(u)) return 2;
  if (/^(家|个|件|项|名|人|户|所|座|台|套|次|篇)$/.test(u)) return 0;
  return 2;
}

/**
 * A completion rate as every table and sentence prints it, to 0.1%: a target
 * not quite reached never shows as 100.0% (0.99996 → 0.999, i.e. "99.9%"),
 * so the 完成率 column and the status next to it always agree.
 */
export function displayRate(rate: number): number {
  const shown = roundTo(rate, 3);
  return rate < 1 && shown >= 1 ? Math.floor(rate * 1000) / 1000 : shown;
}

/** displayRate as text: "104.6%". */
export function formatRate(rate: number): string {
  return formatPercent(displayRate(rate));
}
