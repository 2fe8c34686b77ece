/** The entry grid of one view period (units × indicators) and the flipped grid of one unit (indicators × months). */
import { ApiError } from '../../../shared/api/errors';
import { cumulativePredecessor, cumulativeSuccessor, periodEndingAt } from '../../../shared/entry/periods';
import { entryCellOf, packCell, type PackedCell } from '../../../shared/entry/packedCell';
import { cellKey, type EntryGridSheet, type EntrySheet, type UnitYearSheet } from '../../../shared/entry/views';
import { buildProgressTable, figurePeriodFor, type ProgressCell } from '../../../shared/figures/progressTable';
import type { Indicator } from '../../../shared/model/indicator';
import type { Figure } from '../../../shared/model/target';
import type { Unit } from '../../../shared/model/units';
import { periodLabel, periodsOfYear, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listIndicatorsOp, targetIndexOfOp } from '../db/repos/indicators';
import { listLocksOp, type PeriodLock } from '../db/repos/locks';
import { isBaseYear, planUnitsOp, requireYearInPlan } from '../plans/scope';
import { figureRevisionOp, figuresOfYearsOp, periodsRead, targetsOfOp } from './sheetData';
import { figureIndexOfOp } from '../db/repos/figures';
import { indexFigures, type FigureIndex } from '../../../shared/figures/figureIndex';
import type { HiddenFigures } from '../access/scope';
import { listReviewsOp } from '../db/repos/reviews';
import { runSync, type Op } from '../store/query';
import type { ReviewMark } from '../../../shared/review/states';

/** The 审核 marks of the periods a sheet shows (review/: states by unit and the indicator's own period). */
export function* reviewMarksInOp(planId: number, periods: readonly string[]): Op<ReviewMark[]> {
  return (yield* listReviewsOp(planId, periods)).map(({ unitId, period, state, reason }) => ({ unitId, period, state, reason }));
}

export function reviewMarksIn(db: Db, planId: number, periods: readonly string[]): ReviewMark[] {
  return runSync(db, reviewMarksInOp(planId, periods));
}

/** Notes and previous cumulative values of a set of figures, by cell (the index numeric-keyed: figureIndex.ts). */
export function figureLookup(figures: readonly Figure[] | FigureIndex) {
  const index = Array.isArray(figures) ? indexFigures(figures) : (figures as FigureIndex);
  // A view has a handful of periods: each one's predecessor is worked out once, not per cell.
  const predecessors = new Map<string, string | null>();
  const predecessor = (period: string) => {
    let prev = predecessors.get(period);
    if (prev === undefined) predecessors.set(period, (prev = cumulativePredecessor(period)));
    return prev;
  };
  const successors = new Map<string, string | null>();
  const successor = (period: string) => {
    let next = successors.get(period);
    if (next === undefined) successors.set(period, (next = cumulativeSuccessor(period)));
    return next;
  };
  return {
    note: (indicatorId: number, unitId: number, period: string) => index.note(indicatorId, unitId, period),
    previous: (indicatorId: number, unitId: number, period: string): number | null => index.value(indicatorId, unitId, predecessor(period)),
    next: (indicatorId: number, unitId: number, period: string): number | null => index.value(indicatorId, unitId, successor(period)),
  };
}

/** Who locked each locked period and when, for the grid's tooltip on locked cells. */
function lockInfoOf(locks: readonly PeriodLock[]): Record<string, { by: string; at: string }> {
  return Object.fromEntries(locks.map((l) => [l.period, { by: l.lockedBy, at: l.lockedAt }]));
}

/** One packed cell of the main grid. */
export function packedCellOf(cell: ProgressCell, unitId: number, figurePeriod: string | null, lookup: ReturnType<typeof figureLookup>): PackedCell {
  if (!figurePeriod) return packCell(entryCellOf(cell, null, null));
  return packCell(
    entryCellOf(
      cell,
      lookup.note(cell.indicatorId, unitId, figurePeriod),
      lookup.previous(cell.indicatorId, unitId, figurePeriod),
      lookup.next(cell.indicatorId, unitId, figurePeriod),
    ),
  );
}

export function figurePeriodsAt(indicators: readonly Indicator[], period: string): Record<number, string | null> {
  return Object.fromEntries(indicators.map((i) => [i.id, figurePeriodFor(i.frequency, period)]));
}

/** What both forms of the main grid are built from. */
function* mainGridParts(planId: number, period: string, hidden?: HiddenFigures | null) {
  const { plan, parent, subUnits } = yield* planUnitsOp(planId);
  const { year } = requirePeriod(period);
  requireYearInPlan(plan, year, period, { baseYear: true });
  const indicators = yield* listIndicatorsOp(planId);
  const figurePeriods = figurePeriodsAt(indicators, period);
  const shown = Object.values(figurePeriods).filter((p): p is string => p != null);
  // Indexed straight from the database rows: 160,000 figures at 2,000 × 40 are never made into objects.
  const figures = yield* figureIndexOfOp(planId, shown.flatMap(periodsRead), { notes: true, hidden });
  const table = buildProgressTable({
    period,
    parent,
    subUnits,
    indicators,
    targets: yield* targetIndexOfOp(planId),
    figures,
    baseYear: isBaseYear(plan, year),
  });
  const wanted = new Set([period, ...shown]);
  const locks = (yield* listLocksOp(planId)).filter((l) => wanted.has(l.period));
  const locked = locks.map((l) => l.period);
  const reviews = yield* reviewMarksInOp(planId, shown);
  return { parent, subUnits, indicators, figurePeriods, figures, table, locked, lockInfo: lockInfoOf(locks), reviews };
}

/** What the handler adds to a sheet: the caller's own name and whether approved figures are read-only to it. */
type CallerParts = 'operator' | 'approvedReadOnly';

/**
 * The sheets leave `operator` and `approvedReadOnly` to the handler: they are the caller's, not the data's
 * (electron/core/caller.ts). `hidden`: figures the caller may not see (access/scope.ts).
 */
export function* buildEntrySheetOp(planId: number, period: string, hidden?: HiddenFigures | null): Op<Omit<EntrySheet, CallerParts>> {
  const { parent, subUnits, indicators, figurePeriods, figures, table, locked, lockInfo, reviews } = yield* mainGridParts(planId, period, hidden);
  const lookup = figureLookup(figures);
  const previous: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const unit of [parent, ...subUnits]) {
    for (const i of indicators) {
      const fp = figurePeriods[i.id];
      if (!fp) continue;
      const key = cellKey(i.id, unit.id, fp);
      const note = lookup.note(i.id, unit.id, fp);
      if (note) notes[key] = note;
      const prev = lookup.previous(i.id, unit.id, fp);
      if (prev != null) previous[key] = prev;
    }
  }
  return {
    planId,
    period,
    periodLabel: periodLabel(period),
    scheduleProgress: table.scheduleProgress,
    table,
    figurePeriods,
    locked,
    lockInfo,
    viewLocked: locked.includes(period),
    previous,
    notes,
    reviews,
  };
}

export function buildEntrySheet(db: Db, planId: number, period: string, hidden?: HiddenFigures | null): Omit<EntrySheet, CallerParts> {
  return runSync(db, buildEntrySheetOp(planId, period, hidden));
}

export function* buildEntryGridOp(planId: number, period: string, hidden?: HiddenFigures | null): Op<Omit<EntryGridSheet, CallerParts>> {
  const { parent, subUnits, indicators, figurePeriods, figures, table, locked, lockInfo, reviews } = yield* mainGridParts(planId, period, hidden);
  const lookup = figureLookup(figures);
  const rows = [table.parent, ...table.rows];
  const cells = rows.map((row) => indicators.map((i) => packedCellOf(row.cells[i.id], row.unit.id, figurePeriods[i.id], lookup)));
  const ranks = Object.fromEntries(indicators.map((i) => [i.id, rows.map((r) => r.cells[i.id].rank)]));
  return {
    planId,
    period,
    periodLabel: periodLabel(period),
    scheduleProgress: table.scheduleProgress,
    indicators,
    units: [parent, ...subUnits].map((u) => ({ id: u.id, name: u.name })),
    figurePeriods,
    cells,
    ranks,
    locked,
    lockInfo,
    viewLocked: locked.includes(period),
    revision: yield* figureRevisionOp(),
    reviews,
  };
}

export function buildEntryGrid(db: Db, planId: number, period: string, hidden?: HiddenFigures | null): Omit<EntryGridSheet, CallerParts> {
  return runSync(db, buildEntryGridOp(planId, period, hidden));
}

/** Who the flipped grid belongs to: the plan's own unit (goals, baseline) and whether the year is 上年同期. */
export interface UnitYearContext {
  planUnitId: number;
  baseYear: boolean;
}

/** The flipped grid's cells of the given indicators (rows). */
export function* unitYearCellsOp(
  unit: Unit,
  subUnits: Unit[],
  year: number,
  indicators: Indicator[],
  context: UnitYearContext,
): Op<UnitYearSheet['cells']> {
  const ids = indicators.map((i) => i.id);
  const targets = yield* targetsOfOp(ids);
  // Indexed once for the twelve months' tables below, not once per month.
  const figures = indexFigures(yield* figuresOfYearsOp(ids, year));
  const lookup = figureLookup(figures);
  const cells: UnitYearSheet['cells'] = {};
  for (const month of periodsOfYear(year, 'monthly')) {
    // One pure table per month gives the same target, 完成率 and status as the main grid.
    const table = buildProgressTable({ period: month, parent: unit, subUnits, indicators, targets, figures, ...context });
    for (const i of indicators) {
      const fp = periodEndingAt(i.frequency, month);
      if (!fp) continue;
      cells[`${i.id}|${month}`] = {
        figurePeriod: fp,
        cell: table.parent.cells[i.id],
        note: lookup.note(i.id, unit.id, fp),
        previous: lookup.previous(i.id, unit.id, fp),
        next: lookup.next(i.id, unit.id, fp),
      };
    }
  }
  return cells;
}

/** The unit of a flipped grid and whether it is the plan's own unit (its additive totals are sums). */
export function* unitYearUnitOp(planId: number, unitId: number, year: number) {
  const { plan, units, parent, subUnits } = yield* planUnitsOp(planId);
  requireYearInPlan(plan, year, String(year), { baseYear: true });
  const unit = units.find((u) => u.id === unitId);
  if (!unit || unit.kind === 'department') {
    throw new ApiError('not_found', `找不到编号为 ${unitId} 的单位，或它是部门（部门只填报任务进展，不填报指标）。`);
  }
  const isPlanUnit = unit.id === parent.id;
  const context: UnitYearContext = { planUnitId: parent.id, baseYear: isBaseYear(plan, year) };
  return { unit, isPlanUnit, subUnits: isPlanUnit ? subUnits : [], context };
}

export function* buildUnitYearSheetOp(planId: number, unitId: number, year: number): Op<Omit<UnitYearSheet, CallerParts>> {
  const { unit, isPlanUnit, subUnits, context } = yield* unitYearUnitOp(planId, unitId, year);
  const indicators = yield* listIndicatorsOp(planId);
  const cells = yield* unitYearCellsOp(unit, subUnits, year, indicators, context);
  const locks = (yield* listLocksOp(planId)).filter((l) => l.period.startsWith(String(year)));
  const locked = locks.map((l) => l.period);
  const reviews = yield* reviewMarksInOp(planId, [...new Set(Object.values(cells).map((c) => c.figurePeriod))]);
  return {
    planId,
    unit,
    isPlanUnit,
    year,
    indicators,
    months: periodsOfYear(year, 'monthly'),
    cells,
    locked,
    lockInfo: lockInfoOf(locks),
    revision: yield* figureRevisionOp(),
    reviews: reviews.filter((m) => m.unitId === unit.id),
  };
}

export function buildUnitYearSheet(db: Db, planId: number, unitId: number, year: number): Omit<UnitYearSheet, CallerParts> {
  return runSync(db, buildUnitYearSheetOp(planId, unitId, year));
}
