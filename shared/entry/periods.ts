/**
 * Periods as the entry screens use them: the choices of the period picker,
 * the cumulative predecessor of a figure, and which figure periods a lock covers.
 */
import type { Frequency } from '../model/indicator';
import { figurePeriodFor } from '../figures/progressTable';
import { periodEndDate, periodLabel, periodsOfYear, previousPeriod, requirePeriod, scheduleProgress } from '../periods';

export interface PeriodChoice {
  key: string;
  label: string;
  /** 时序进度 at the end of the period (0.75 for 2022-09). */
  schedule: number;
}

export interface PeriodGroup {
  label: string;
  choices: PeriodChoice[];
}

const choice = (key: string): PeriodChoice => ({ key, label: periodLabel(key), schedule: scheduleProgress(key) });

/**
 * The period picker of a plan: 月度（1-N月累计）, 季度, 年度 of each of its years
 * (a multi-year plan such as 2021—2025 has them per year, the latest first),
 * and the year before the plan (上年同期), whose figures are entered as the base of 同比.
 */
export function periodChoices(year: number, yearEnd = year): PeriodGroup[] {
  const last = year - 1;
  const years = Array.from({ length: Math.max(1, yearEnd - year + 1) }, (_, i) => yearEnd - i);
  const prefix = (y: number) => (years.length > 1 ? `${y}年 ` : '');
  return [
    ...years.flatMap((y) => [
      { label: `${prefix(y)}月度（1-N月累计）`, choices: periodsOfYear(y, 'monthly').map(choice) },
      { label: `${prefix(y)}季度`, choices: periodsOfYear(y, 'quarterly').map(choice) },
      { label: `${prefix(y)}年度`, choices: periodsOfYear(y, 'yearly').map(choice) },
    ]),
    {
      label: `上年同期（${last}年，用于计算同比）`,
      choices: [...periodsOfYear(last, 'monthly'), ...periodsOfYear(last, 'quarterly'), ...periodsOfYear(last, 'yearly')].map(choice),
    },
  ];
}

/**
 * The period to open by default: the last month that has ended by `today`
 * within the plan's year; December for a past year, January for a future one.
 */
export function defaultPeriod(year: number, today: Date, yearEnd = year): string {
  // A multi-year plan opens on the year it is in today (its first or last year outside them).
  if (yearEnd > year) year = Math.min(yearEnd, Math.max(year, today.getFullYear()));
  const y = today.getFullYear();
  if (y > year) return `${year}-12`;
  if (y < year) return `${year}-01`;
  const m = Math.max(1, today.getMonth()); // the month before the current one, at least January
  return `${year}-${String(m).padStart(2, '0')}`;
}

/**
 * The period whose cumulative value a figure must not fall below: the month
 * (or quarter) before, within the same year — monthly and quarterly figures
 * are both cumulative from January, and cumulation restarts each year.
 */
export function cumulativePredecessor(figurePeriod: string): string | null {
  const p = requirePeriod(figurePeriod);
  if (p.frequency === 'yearly' || p.index === 1) return null;
  return previousPeriod(figurePeriod);
}

/**
 * Figure periods a lock of `view` covers: the view itself and every
 * indicator period that ends with it (locking 2022-09 also locks 2022Q3; locking
 * 2022-12 also locks 2022Q4 and 2022). Periods that ended earlier keep their own lock.
 */
export function periodsCoveredBy(view: string, frequencies: readonly Frequency[]): string[] {
  const end = periodEndDate(view);
  const out = new Set<string>([view]);
  for (const f of new Set<Frequency>(['monthly', 'quarterly', 'yearly'])) {
    if (frequencies.length && !frequencies.includes(f)) continue;
    const fp = figurePeriodFor(f, view);
    if (fp && periodEndDate(fp) === end) out.add(fp);
  }
  return [...out];
}

/**
 * The figure period of a frequency that ends exactly at the end of `view`, or
 * null: the columns of the flipped grid (indicators × months) only hold a
 * quarterly indicator in March, June, September and December.
 */
export function periodEndingAt(frequency: Frequency, view: string): string | null {
  const fp = figurePeriodFor(frequency, view);
  return fp && periodEndDate(fp) === periodEndDate(view) ? fp : null;
}
