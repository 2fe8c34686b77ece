/**
 * Month-by-month lines of the dashboard (1-12月): the view unit's cumulative
 * actual, target × 时序进度, and last year's values. Pure.
 *
 * At 2,000 units × 40 indicators × 12 months a ProgressTable per month would
 * judge 960,000 cells only to read one total each, so the core hands over
 * each month's sub-unit sums (SQL) and the unit's own figures, and the
 * district's figure is decided here by the rule of shared/figures/aggregate.ts
 * (`parentIsComputed`: the sum of the sub-units, 未报齐 while some have not
 * reported; otherwise the district's own entry) — the rule the ProgressTable
 * applies. test/integration/dashboard.test.ts checks every month's point
 * against that month's ProgressTable.
 */
import { periodEndingAt } from '../entry/periods';
import { parentIsComputed, parentSumsSubUnits } from '../figures/aggregate';
import type { Indicator } from '../model/indicator';
import { roundTo } from '../numbers';
import { periodsOfYear, scheduleProgress } from '../periods';
import type { IndicatorTrend } from './view';

export interface MonthlyFigures {
  /** The view unit's own figures by `${indicatorId}|${period}` (this year and last). */
  own: Map<string, number>;
  /**
   * For the plan unit's view: the sub-units' sum and how many reported, by
   * `${indicatorId}|${period}`. Empty for a sub-unit's view.
   */
  sums: Map<string, { sum: number; count: number }>;
}

export interface TrendInput {
  /** The view period: months after it have no actual yet. */
  period: string;
  indicators: Indicator[];
  /** Whether the view unit is the plan's unit with `subUnitCount` sub-units (their sums count). */
  isPlanUnit: boolean;
  subUnitCount: number;
  figures: MonthlyFigures;
  /** The view unit's target per indicator at the period (the ProgressTable cell's), null without one. */
  targetOf: (indicatorId: number) => number | null;
  /** Growth goals ("增长30%") have a rate as target, not an amount: no target line. */
  isGrowthTarget: (indicatorId: number) => boolean;
}

/** The view unit's figure of an indicator at one figure period, and whether it is a running (未报齐) sum. */
function figureAt(input: TrendInput, indicator: Indicator, fp: string, lastYear: boolean): { value: number | null; partial: boolean } {
  const key = `${indicator.id}|${fp}`;
  const own = input.figures.own.get(key) ?? null;
  const sums = input.figures.sums.get(key);
  const summable = input.isPlanUnit && input.subUnitCount > 0 && indicator.aggregation === 'sum';
  if (!lastYear) {
    // aggregate.ts's one rule: a split additive indicator, or an unsplit one its sub-units report, is
    // their sum; only a split one is 未报齐 while some have not reported.
    if (!(summable && parentSumsSubUnits(indicator, (sums?.count ?? 0) > 0))) return { value: own, partial: false };
    if (!sums || sums.count === 0) return { value: null, partial: false };
    return { value: roundTo(sums.sum, indicator.decimals), partial: parentIsComputed(indicator) && sums.count < input.subUnitCount };
  }
  // Last year: the entered value, else the sub-units' sum when every one of them has a value (as 同比 reads it).
  if (own != null) return { value: own, partial: false };
  if (summable && sums && sums.count === input.subUnitCount) return { value: roundTo(sums.sum, indicator.decimals), partial: false };
  return { value: null, partial: false };
}

export function buildTrends(input: TrendInput): IndicatorTrend[] {
  const year = Number(input.period.slice(0, 4));
  const months = periodsOfYear(year, 'monthly');
  const lastMonths = periodsOfYear(year - 1, 'monthly');
  const viewEnd = scheduleProgress(input.period);
  return input.indicators.map((indicator) => {
    const target = input.isGrowthTarget(indicator.id) ? null : input.targetOf(indicator.id);
    const actual: (number | null)[] = [];
    const partial: boolean[] = [];
    const plan: (number | null)[] = [];
    const lastYear: (number | null)[] = [];
    months.forEach((m, k) => {
      const fp = periodEndingAt(indicator.frequency, m);
      const due = fp != null && scheduleProgress(m) <= viewEnd;
      const now = due ? figureAt(input, indicator, fp, false) : { value: null, partial: false };
      actual.push(now.value);
      partial.push(now.partial);
      plan.push(fp == null || target == null ? null : indicator.aggregation === 'sum' ? roundTo(target * scheduleProgress(m), indicator.decimals + 2) : target);
      const lfp = periodEndingAt(indicator.frequency, lastMonths[k]);
      lastYear.push(lfp == null ? null : figureAt(input, indicator, lfp, true).value);
    });
    // The plan's baseline is last year's full-year value of the plan unit (as in the ProgressTable).
    if (input.isPlanUnit && lastYear[11] == null && indicator.baseline != null && periodEndingAt(indicator.frequency, lastMonths[11])) {
      lastYear[11] = indicator.baseline;
    }
    return { indicatorId: indicator.id, actual, partial, plan, lastYear: lastYear.some((v) => v != null) ? lastYear : null };
  });
}
