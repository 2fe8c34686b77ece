/**
 * Status thresholds (进度预警标准) — the only place they are defined, so the
 * dashboard, the 完成情况统计表 and the summary can never disagree.
 *
 * A unit is judged against 时序进度 (share of the year elapsed), not against
 * 100%: 60% done at the end of September is behind, 60% at the end of June
 * is ahead. Bureaus' usual practice is:
 *   green  完成率 ≥ 时序进度                 on or ahead of schedule
 *   amber  behind by at most AMBER_TOLERANCE  slipping, worth a reminder
 *   red    behind by more                     needs attention (严重滞后)
 * Ten percentage points is roughly one month (8.3 points) plus a little
 * slack for figures that arrive late; change it here if a bureau uses
 * another rule.
 */
import { roundTo } from '../numbers';

/** How far (as a fraction, 0.10 = 10 个百分点) completion may lag 时序进度 and still be amber. */
export const AMBER_TOLERANCE = 0.1;

/**
 * Decimals the lag is compared at. Rates come from divisions (6.3/9 =
 * 0.7000000000000001) and 0.45 − 0.35 is 0.10000000000000003 in binary, so
 * without rounding a unit exactly 10 points behind would turn red.
 */
export const COMPARE_DECIMALS = 6;

export type StatusBand = 'green' | 'amber' | 'red';

/** Classifies a known completion rate against 时序进度 (both fractions: 0.75 = 75%). */
export function bandOf(rate: number, scheduleProgress: number): StatusBand {
  const lag = roundTo(scheduleProgress - rate, COMPARE_DECIMALS);
  if (lag <= 0) return 'green';
  if (lag <= AMBER_TOLERANCE) return 'amber';
  return 'red';
}
