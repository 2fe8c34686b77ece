/**
 * 完成情况: for one period, every unit × indicator with its target, figure,
 * 完成率, status against 时序进度, 同比 and rank among the sub-units. Pure:
 * the core loads the rows, this computes; the entry grid, the Excel
 * 完成情况统计表 and the PDF summary all read this one table.
 */
import type { Indicator, Frequency } from '../model/indicator';
import type { Figure, Target } from '../model/target';
import type { Unit } from '../model/units';
import { formatPeriod, requirePeriod, samePeriodLastYear, scheduleProgress, periodLabel } from '../periods';
import { sumTo } from '../numbers';
import { aggregateChildren, parentIsComputed, parentSumsSubUnits } from './aggregate';
import { completionRate, growthTargetOf, type CompletionReason } from './completion';
import { pointChange, yoyGrowth } from './growth';
import { rankValues } from './rank';
import { indexFigures, type FigureIndex } from './figureIndex';
import { indexTargets, NO_TARGETS, type TargetIndex } from './targetIndex';
import { statusOfCompletion, type Status } from './status';

export interface ProgressCell {
  indicatorId: number;
  target: number | null;
  targetMax: number | null;
  /** The figure: entered, or for a parent whose figure is the sum of its sub-units (aggregate.ts) that sum. */
  actual: number | null;
  /** 'partial_sum': summed while some sub-units have not reported (status 'partial'). */
  actualSource: 'entered' | 'sum' | 'partial_sum' | null;
  /** For a computed parent: how many sub-units have reported, of how many. */
  reported: { count: number; of: number } | null;
  /** The indicator's own period the figure belongs to ("2022Q3" for a quarterly one asked at 2022-09). */
  figurePeriod: string | null;
  lastYear: number | null;
  /** 同比 as a fraction (0.123 = +12.3%); null without last year's value. */
  yoy: number | null;
  /** For ratio indicators (%): change in percentage points. */
  pointChange: number | null;
  rate: number | null;
  reason: CompletionReason | null;
  exceeded: boolean;
  status: Status;
  /** Rank among the sub-units by 完成率 (1 = best); null for the parent or without a rate. */
  rank: number | null;
}

export interface ProgressRow {
  unit: Unit;
  isParent: boolean;
  cells: Record<number, ProgressCell>;
}

export interface ProgressTable {
  period: string;
  periodLabel: string;
  /** 时序进度 of the period (0.75 at the end of September). */
  scheduleProgress: number;
  indicators: Indicator[];
  parent: ProgressRow;
  rows: ProgressRow[];
}

export interface ProgressInput {
  period: string;
  /** The unit whose view this is: the plan's unit with its sub-units, or one sub-unit alone. */
  parent: Unit;
  /**
   * The plan's own unit (青云谱区). Its goal wording (growth targets) and the
   * plan's baseline belong to it alone, even when the view is one street's.
   * Defaults to `parent`.
   */
  planUnitId?: number;
  /**
   * The period lies in the year before the plan (上年同期): its figures are
   * entered only as the base of 同比, so nothing is judged against this
   * year's targets or goals.
   */
  baseYear?: boolean;
  subUnits: Unit[];
  indicators: Indicator[];
  /** As a list, or already indexed (targetIndex.ts). */
  targets: readonly Target[] | TargetIndex;
  /** Figures of this year's and last year's periods (more is fine): as a list, or already indexed (figureIndex.ts). */
  figures: readonly Figure[] | FigureIndex;
}

/**
 * The indicator's own period that a view of `asked` shows: the last period of
 * the indicator's frequency that has ended by the end of `asked`. A quarterly
 * indicator asked at 2022-08 shows 2022Q2; a yearly one shows nothing before year end.
 */
export function figurePeriodFor(frequency: Frequency, asked: string): string | null {
  const p = requirePeriod(asked);
  const lastMonth = p.frequency === 'monthly' ? p.index : p.frequency === 'quarterly' ? p.index * 3 : 12;
  if (frequency === 'monthly') return formatPeriod({ year: p.year, frequency, index: lastMonth });
  if (frequency === 'quarterly') {
    const q = Math.floor(lastMonth / 3);
    return q === 0 ? null : formatPeriod({ year: p.year, frequency, index: q });
  }
  return lastMonth === 12 ? formatPeriod({ year: p.year, frequency, index: 1 }) : null;
}

export function buildProgressTable(input: ProgressInput): ProgressTable {
  const schedule = scheduleProgress(input.period);
  const figures = Array.isArray(input.figures) ? indexFigures(input.figures) : (input.figures as FigureIndex);
  const get = (indicatorId: number, unitId: number, period: string | null) => figures.value(indicatorId, unitId, period);
  const targets = input.baseYear ? NO_TARGETS : Array.isArray(input.targets) ? indexTargets(input.targets) : (input.targets as TargetIndex);

  // What depends only on the indicator is worked out once, not per cell (2,000 units × 40 indicators).
  const planUnitId = input.planUnitId ?? input.parent.id;
  const perIndicator = new Map(
    input.indicators.map((indicator) => {
      const figurePeriod = figurePeriodFor(indicator.frequency, input.period);
      const quantity = indicator.wording?.quantity;
      return [
        indicator.id,
        {
          figurePeriod,
          lastYearPeriod: figurePeriod ? samePeriodLastYear(figurePeriod) : null,
          // The plan's baseline is the plan unit's full-year actual of last year.
          isYearEnd: figurePeriod != null && scheduleProgress(figurePeriod) === 1,
          growth: quantity?.kind === 'growth' && !input.baseYear ? growthTargetOf(quantity, indicator.measureUnit) : null,
          ratio: indicator.measureUnit === '%',
        },
      ] as const;
    }),
  );

  const cellFor = (
    indicator: Indicator,
    unit: Unit,
    actual: number | null,
    source: ProgressCell['actualSource'],
    summedLastYear: number | null = null,
  ): ProgressCell => {
    const { figurePeriod, lastYearPeriod, isYearEnd, growth, ratio } = perIndicator.get(indicator.id)!;
    const isPlanUnit = unit.id === planUnitId;
    const lastYear =
      get(indicator.id, unit.id, lastYearPeriod) ?? summedLastYear ?? (isPlanUnit && isYearEnd ? indicator.baseline : null);
    const target = targets.get(indicator.id, unit.id);
    let completion: ReturnType<typeof completionRate>;
    let targetValue: number | null = target?.value ?? null;
    let targetMax: number | null = target?.valueMax ?? null;
    if (isPlanUnit && growth) {
      // A growth goal ("增长30%") belongs to the plan's unit: judged against last year.
      targetValue = growth.target;
      targetMax = null;
      completion = completionRate({ actual, target: growth.target, kind: 'growth', baseline: lastYear ?? indicator.baseline, growthBasis: growth.basis });
    } else {
      completion = completionRate({ actual, target: targetValue, targetMax, kind: targetMax != null ? 'range' : 'point' });
    }
    return {
      indicatorId: indicator.id,
      target: targetValue,
      targetMax,
      actual,
      actualSource: actual == null ? null : source,
      reported: null,
      figurePeriod,
      lastYear,
      yoy: ratio ? null : yoyGrowth(actual, lastYear),
      pointChange: ratio ? pointChange(actual, lastYear, indicator.decimals) : null,
      rate: completion.rate,
      reason: completion.reason ?? null,
      exceeded: completion.exceeded ?? (completion.rate != null && completion.rate >= 1),
      status: statusOfCompletion(completion, schedule),
      rank: null,
    };
  };

  const rows: ProgressRow[] = input.subUnits.map((unit) => {
    const cells: Record<number, ProgressCell> = {};
    for (const i of input.indicators) cells[i.id] = cellFor(i, unit, get(i.id, unit.id, perIndicator.get(i.id)!.figurePeriod), 'entered');
    return { unit, isParent: false, cells };
  });

  const parentCells: Record<number, ProgressCell> = {};
  for (const indicator of input.indicators) {
    const { figurePeriod } = perIndicator.get(indicator.id)!;
    // Last year's district value of an additive indicator, when it was entered per sub-unit:
    // their sum, but only when every sub-unit has one (a partial sum would invent a 同比).
    const lastYears = rows.map((r) => r.cells[indicator.id].lastYear);
    const summedLastYear =
      indicator.aggregation === 'sum' && rows.length > 0 && lastYears.every((v) => v != null)
        ? sumTo(lastYears as number[], indicator.decimals)
        : null;
    const anySubUnitFigure = rows.some((r) => r.cells[indicator.id].actual != null);
    if (!parentSumsSubUnits(indicator, anySubUnitFigure) || rows.length === 0) {
      const actual = get(indicator.id, input.parent.id, figurePeriod);
      parentCells[indicator.id] = cellFor(indicator, input.parent, actual, 'entered', summedLastYear);
      continue;
    }
    // The district total of an additive indicator the sub-units report is their sum, never typed (aggregate.ts).
    const agg = aggregateChildren({
      aggregation: 'sum',
      decimals: indicator.decimals,
      children: rows.map((r) => ({ unitId: r.unit.id, value: r.cells[indicator.id].actual })),
    });
    // Only a split indicator expects every sub-unit; what the others report of a district goal is complete as it stands.
    const partial = agg.state === 'partial' && parentIsComputed(indicator);
    const cell = cellFor(indicator, input.parent, agg.value, partial ? 'partial_sum' : 'sum', summedLastYear);
    parentCells[indicator.id] = {
      ...cell,
      reported: { count: agg.reportedCount, of: rows.length },
      // A running total while streets are still reporting is not judged, nor compared with last year.
      ...(partial ? { status: 'partial' as const, yoy: null, pointChange: null } : {}),
    };
  }

  for (const indicator of input.indicators) {
    const ranks = rankValues(rows.map((r) => r.cells[indicator.id].rate));
    rows.forEach((r, i) => (r.cells[indicator.id].rank = ranks[i]));
  }

  return {
    period: input.period,
    periodLabel: periodLabel(input.period),
    scheduleProgress: schedule,
    indicators: input.indicators,
    parent: { unit: input.parent, isParent: true, cells: parentCells },
    rows,
  };
}
