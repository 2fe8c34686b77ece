/**
 * Periods as the entry screens use them: the choices of the period picker,
 * the cumulative predecessor of a figure, and which figure periods a lock covers.
 */
import type { Frequency } from '../model/indicator';
import { figurePeriodFor } from '../figures/progressTable';
import { formatPeriod, parsePeriod, periodEndDate, periodLabel, periodsOfYear, previousPeriod, requirePeriod, scheduleProgress } from '../periods';

export interface PeriodChoice {
  key: string;
  label: string;
  /** 时序进度 at the end of the period (0.75 for 2022-09). */
  schedule: number;
  /** How it differs from the choices that end the same month ("季报：截至9月底，与“1-9月”同一截止日"). */
  note: string;
}

/**
 * What the period picker says of a choice. 1-12月, 全年 and 年度 (and 1-9月 and 前三季度) end on
 * the same day and show the same figures — each indicator at its own period (figurePeriodFor) —;
 * they differ in the reporting rhythm they stand for, and task progress and 催报 are kept per
 * period chosen.
 */
export function periodNote(key: string): string {
  const p = requirePeriod(key);
  if (p.frequency === 'monthly') return p.index === 1 ? '月报：1月' : `月报：1-${p.index}月累计`;
  if (p.frequency === 'quarterly') return `季报：截至${p.index * 3}月底，与“1-${p.index * 3}月”同一截止日`;
  return '年报：全年数，与“1-12月”“全年”同一截止日';
}

/** The explanation at the top of the period picker. */
export const PERIOD_PICKER_HELP =
  '同一截止月的报告期显示同一组完成数：月报指标取1-N月累计，季报指标取季度累计，年报指标取年度数（只在12月底）。区别在于报送节奏：任务进展和催报按所选报告期分别记录。';

export interface PeriodGroup {
  label: string;
  choices: PeriodChoice[];
}

const choice = (key: string): PeriodChoice => ({ key, label: periodLabel(key), schedule: scheduleProgress(key), note: periodNote(key) });

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
 * within the plan's year; January for a future one. For a plan whose years
 * are past, the last month its figures reach (`lastFigureMonth`: a bureau
 * looking back at 2022 with figures to September wants 1-9月, not an empty
 * 1-12月), else December.
 */
export function defaultPeriod(year: number, today: Date, yearEnd = year, lastFigureMonth: string | null = null): string {
  // A multi-year plan opens on the year it is in today (its first or last year outside them).
  if (yearEnd > year) year = Math.min(yearEnd, Math.max(year, today.getFullYear()));
  const y = today.getFullYear();
  if (y > yearEnd && lastFigureMonth && /^\d{4}-\d{2}$/.test(lastFigureMonth)) return lastFigureMonth;
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
 * The period whose cumulative value a figure must not rise above: the month
 * (or quarter) after, within the same year — the forward half of the same
 * rule, so a value that would make a later period's cumulative figure drop
 * asks for a note too.
 */
export function cumulativeSuccessor(figurePeriod: string): string | null {
  const p = requirePeriod(figurePeriod);
  if (p.frequency === 'yearly' || p.index === periodsOfYear(p.year, p.frequency).length) return null;
  return formatPeriod({ year: p.year, frequency: p.frequency, index: p.index + 1 });
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

/**
 * The month a figure period ends in: 2022-09 itself, 2022Q3 → 2022-09, 2022 → 2022-12
 * (the last month figures of a plan reach: Plan.lastFigureMonth).
 */
export function lastMonthOf(period: string): string | null {
  const parsed = parsePeriod(period);
  if (!parsed.ok) return null;
  const p = parsed.period;
  const month = p.frequency === 'monthly' ? p.index : p.frequency === 'quarterly' ? p.index * 3 : 12;
  return `${p.year}-${String(month).padStart(2, '0')}`;
}
