/**
 * Year-on-year comparison (同比). Amounts compare as a relative growth rate
 * ("同比增长12.3%"); ratio indicators such as R&D 投入强度 compare as a
 * difference in percentage points ("比上年提高0.14个百分点"), because a
 * relative change of a percentage is ambiguous and not what summaries write.
 */
import { formatNumber, formatPercent, roundTo } from '../numbers';

/**
 * (current − lastYear) ÷ lastYear as a fraction; null when either value is
 * missing or last year is 0 (growth from nothing is undefined). A negative
 * base divides by its magnitude so that improving from −2 to −1 reads as growth.
 */
export function yoyGrowth(current: number | null | undefined, lastYear: number | null | undefined): number | null {
  if (current == null || lastYear == null || !Number.isFinite(current) || !Number.isFinite(lastYear)) return null;
  if (lastYear === 0) return null;
  return (current - lastYear) / Math.abs(lastYear);
}

/**
 * current − lastYear for indicators already measured in % (1.95 vs 1.81 →
 * 0.14 个百分点), rounded to `decimals` so float noise (0.1399999…) never shows.
 */
export function pointChange(
  current: number | null | undefined,
  lastYear: number | null | undefined,
  decimals = 2,
): number | null {
  if (current == null || lastYear == null || !Number.isFinite(current) || !Number.isFinite(lastYear)) return null;
  return roundTo(current - lastYear, decimals);
}

/** "同比增长12.3%", "同比下降5.0%", "与上年持平" (when it rounds to 0.0%); '' when null. */
export function describeYoy(growth: number | null, decimals = 1): string {
  if (growth == null) return '';
  const pct = roundTo(growth * 100, decimals);
  if (pct === 0) return '与上年持平';
  return `同比${pct > 0 ? '增长' : '下降'}${formatPercent(Math.abs(growth), decimals)}`;
}

/** "比上年提高0.14个百分点", "比上年降低0.3个百分点", "与上年持平"; '' when null. */
export function describePointChange(points: number | null, decimals = 2): string {
  if (points == null) return '';
  const r = roundTo(points, decimals);
  if (r === 0) return '与上年持平';
  return `比上年${r > 0 ? '提高' : '降低'}${formatNumber(Math.abs(r), decimals)}个百分点`;
}
