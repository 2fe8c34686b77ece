/**
 * The date of a task progress entry (任务进展的日期). It says when the work
 * was done or reported, so for a period it may fall from the start of the
 * period's year until the end of the month after the period (progress for
 * 1-9月 is typically reported in early October), and never after today.
 * Pure: the progress screen limits its date picker with it, the core checks again.
 */
import { periodEndDate, periodLabel, requirePeriod } from '../periods';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2022-10-31" → "2022年10月31日". */
export function dateLabel(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function isRealDate(iso: string): boolean {
  const m = ISO.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The last day of the month after `iso`'s month ("2022-09-30" → "2022-10-31"). */
function endOfNextMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  const next = new Date(Date.UTC(y, m + 1, 0)); // day 0 of the month after next = last day of next month
  return next.toISOString().slice(0, 10);
}

export interface ProgressDateWindow {
  /** First allowed date: 1 January of the period's year. */
  first: string;
  /** Last allowed date: the end of the month after the period, or today when that is earlier. */
  last: string;
  /** Why `last` is what it is, for messages. */
  lastReason: 'window' | 'today';
}

/** `today` as an ISO date in local time ("2022-10-08"). */
export function progressDateWindow(period: string, today: string): ProgressDateWindow {
  const { year } = requirePeriod(period);
  const windowEnd = endOfNextMonth(periodEndDate(period));
  return today < windowEnd ? { first: `${year}-01-01`, last: today, lastReason: 'today' } : { first: `${year}-01-01`, last: windowEnd, lastReason: 'window' };
}

/** null when the date is fine, else a Chinese message saying what is wrong and which dates are allowed. */
export function checkProgressDate(date: string, period: string, today: string): string | null {
  if (!isRealDate(date)) return `日期“${date}”不是有效日期，请按 2022-09-30 的格式填写实际存在的日期。`;
  const w = progressDateWindow(period, today);
  const range = `${dateLabel(w.first)}至${dateLabel(w.last)}`;
  if (w.last < w.first) return `${periodLabel(period)}尚未开始（今天是${dateLabel(today)}），还不能填报该期的任务进展。`;
  if (date < w.first) return `日期${dateLabel(date)}早于${periodLabel(period)}所在年度，请填写${range}之间的日期。`;
  if (date > w.last) {
    return w.lastReason === 'today'
      ? `日期${dateLabel(date)}晚于今天，进展日期不能填未来的日子，请填写${range}之间的日期。`
      : `日期${dateLabel(date)}晚于${periodLabel(period)}的报送截止日（${dateLabel(w.last)}），请填写${range}之间的日期；之后的进展请填到下一期。`;
  }
  return null;
}

/** The date a new entry gets: today while it is allowed, else the last day of the period. */
export function defaultProgressDate(period: string, today: string): string {
  const w = progressDateWindow(period, today);
  if (today >= w.first && today <= w.last) return today;
  const end = periodEndDate(period);
  return end <= w.last ? end : w.last;
}
