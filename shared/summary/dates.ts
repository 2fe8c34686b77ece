/**
 * The 成文日期 a summary gets when none was set: the day it is written, as
 * long as that is during its period or soon after (two months); a summary of
 * a period long past (2022's, written in 2026) is dated at the period's end
 * instead — its last working day — since that is when such a summary is
 * written and signed. Shown, and editable, before export.
 */
import { periodEndDate } from '../periods';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);

/** The last Monday–Friday on or before `date` (ISO). */
export function lastWorkingDay(date: string): string {
  const d = parse(date);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return iso(d);
}

/** ISO date two calendar months after `date` (clamped to the month's end). */
function twoMonthsAfter(date: string): string {
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 2);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return iso(d);
}

export function defaultDatedOn(period: string, today: string): string {
  const end = periodEndDate(period);
  return today <= twoMonthsAfter(end) ? today : lastWorkingDay(end);
}
