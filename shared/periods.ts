/**
 * Reporting periods (报告期) and their keys.
 *
 * Keys are stored in the database and in exchange files, so exactly one
 * spelling is accepted for each period:
 *   "2022-09"  monthly, cumulative January–September (1-9月累计)
 *   "2022Q3"   third quarter
 *   "2022"     the whole year
 * Lenient spellings ("2022-9", "2022q3") are rejected rather than guessed,
 * so two keys for the same period can never coexist.
 */
import type { Frequency } from './model/indicator';

export interface Period {
  year: number;
  frequency: Frequency;
  /** Month 1–12 (monthly), quarter 1–4 (quarterly), always 1 (yearly). */
  index: number;
}

export type ParsedPeriod = { ok: true; period: Period } | { ok: false; error: string };

/** Bounds that catch typos ("1022", "2202") without limiting real plans. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const PERIODS_PER_YEAR: Record<Frequency, number> = { monthly: 12, quarterly: 4, yearly: 1 };

const QUARTER_SPANS = ['一季度', '上半年', '前三季度', '全年'];

const FORMAT_HINT = '应为“2022”（年度）、“2022Q3”（季度）或“2022-09”（1-9月累计）';

/** Reads a period key; the error says in Chinese what is wrong with it. */
export function parsePeriod(key: string): ParsedPeriod {
  if (typeof key !== 'string' || key.trim() === '') return { ok: false, error: '报告期不能为空' };
  const m = /^(\d{4})(?:-(\d{2})|Q(\d))?$/.exec(key);
  if (!m) return { ok: false, error: `报告期格式不正确：“${key}”，${FORMAT_HINT}` };
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, error: `年份超出范围：“${key}”，年份应在${MIN_YEAR}至${MAX_YEAR}之间` };
  }
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, error: `月份应在1至12之间：“${key}”` };
    return { ok: true, period: { year, frequency: 'monthly', index: month } };
  }
  if (m[3] !== undefined) {
    const quarter = Number(m[3]);
    if (quarter < 1 || quarter > 4) return { ok: false, error: `季度应在1至4之间：“${key}”` };
    return { ok: true, period: { year, frequency: 'quarterly', index: quarter } };
  }
  return { ok: true, period: { year, frequency: 'yearly', index: 1 } };
}

export function isPeriodKey(key: string): boolean {
  return parsePeriod(key).ok;
}

/**
 * Parses a key that is expected to be valid (it came from the database or
 * from periodsOfYear); a bad key here is a programming error, so it throws.
 */
export function requirePeriod(key: string): Period {
  const parsed = parsePeriod(key);
  if (!parsed.ok) throw new RangeError(parsed.error);
  return parsed.period;
}

/** The canonical key of a period; throws on an impossible period (month 13). */
export function formatPeriod(period: Period): string {
  const { year, frequency, index } = period;
  const key =
    frequency === 'monthly'
      ? `${year}-${String(index).padStart(2, '0')}`
      : frequency === 'quarterly'
        ? `${year}Q${index}`
        : `${year}`;
  // Round-trip through the parser so the same rules apply both ways.
  const parsed = parsePeriod(key);
  if (!parsed.ok || (frequency === 'yearly' && index !== 1)) {
    throw new RangeError(parsed.ok ? `年度报告期的序号应为1：${index}` : parsed.error);
  }
  return key;
}

/**
 * Chinese label as documents write it: "2022年1-9月", "2022年前三季度", "2022年度".
 * Quarterly figures, like monthly ones, are cumulative from January (they are
 * judged against the annual target at 时序进度), so a quarter is named the way
 * statistics bulletins name a year-to-date span: 一季度, 上半年, 前三季度, 全年.
 */
export function periodLabel(key: string): string {
  const { year, frequency, index } = requirePeriod(key);
  if (frequency === 'yearly') return `${year}年度`;
  if (frequency === 'quarterly') return `${year}年${QUARTER_SPANS[index - 1]}`;
  // Monthly figures are cumulative; January alone is written "1月", not "1-1月".
  return index === 1 ? `${year}年1月` : `${year}年1-${index}月`;
}

/** All periods of one frequency in a year, in order. */
export function periodsOfYear(year: number, frequency: Frequency): string[] {
  const count = PERIODS_PER_YEAR[frequency];
  return Array.from({ length: count }, (_, i) => formatPeriod({ year, frequency, index: i + 1 }));
}

/** The period just before, same frequency ("2022-01" → "2021-12", "2022Q1" → "2021Q4"). */
export function previousPeriod(key: string): string {
  const { year, frequency, index } = requirePeriod(key);
  if (index > 1) return formatPeriod({ year, frequency, index: index - 1 });
  return formatPeriod({ year: year - 1, frequency, index: PERIODS_PER_YEAR[frequency] });
}

/** The same period a year earlier, the comparison base for 同比 ("2022-09" → "2021-09"). */
export function samePeriodLastYear(key: string): string {
  const p = requirePeriod(key);
  return formatPeriod({ ...p, year: p.year - 1 });
}

function lastMonthOf(period: Period): number {
  if (period.frequency === 'monthly') return period.index;
  if (period.frequency === 'quarterly') return period.index * 3;
  return 12;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Last day of the period as an ISO date ("2022Q1" → "2022-03-31"). */
export function periodEndDate(key: string): string {
  const p = requirePeriod(key);
  const month = lastMonthOf(p);
  const mm = String(month).padStart(2, '0');
  return `${p.year}-${mm}-${String(daysInMonth(p.year, month)).padStart(2, '0')}`;
}

/**
 * 时序进度: the share of the year elapsed at the end of the period, counted
 * in months as bureaus do (end of September → 75%), not in days.
 */
export function scheduleProgress(key: string): number {
  return lastMonthOf(requirePeriod(key)) / 12;
}
