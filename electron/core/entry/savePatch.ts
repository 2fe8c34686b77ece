/**
 * entry.save for a grid: saves through saveFigures (unchanged rules, one
 * transaction) and answers with only the cells of the client's view that
 * changed, so an edit in a 2,000 × 40 grid costs a few cells on the wire
 * instead of the whole sheet.
 *
 * Main grid: for each indicator column the edits touch (its shown period,
 * the month before, the same period last year), the column is computed once
 * after the save; the patch holds the touched cells, the district total, and
 * the column's ranks as one array (a changed rate moves the rank of every unit
 * below it, so sending the column is smaller than sending those cells).
 * Flipped grid: the touched indicator rows.
 */
import type { FigureEdit, FigureSaveResult, FigureView, SheetPatch, UnitYearPatch } from '../../../shared/entry/views';
import { buildProgressTable } from '../../../shared/figures/progressTable';
import { requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { indicatorsOf } from './planData';
import { isBaseYear, planUnits } from '../plans/scope';
import { saveFigures } from './save';
import { figureLookup, figurePeriodsAt, packedCellOf, unitYearCells, unitYearUnit } from './sheet';
import { figureRevision, figuresIn, periodsRead, targetsOf } from './sheetData';
import type { FigureReviewMode } from '../review/onSave';
import { FULL_SCOPE, type ReadScope } from '../access/scope';
import { reviewMarksIn } from './sheet';
import type { ReviewMark } from '../../../shared/review/states';

/** The 审核 marks of the units and periods a save touched, as they are after it (a 填报员's save makes them 待审核). */
function touchedReviews(db: Db, planId: number, edits: FigureEdit[]): ReviewMark[] {
  const keys = new Set(edits.map((e) => `${e.unitId}|${e.period}`));
  return reviewMarksIn(db, planId, [...new Set(edits.map((e) => e.period))]).filter((m) => keys.has(`${m.unitId}|${m.period}`));
}

export function saveForView(
  db: Db,
  planId: number,
  edits: FigureEdit[],
  by: string,
  source: string | undefined,
  view?: FigureView,
  review: FigureReviewMode = 'district',
  scope: ReadScope = FULL_SCOPE,
): FigureSaveResult {
  const revisionBefore = figureRevision(db);
  const result = saveFigures(db, planId, edits, by, source, review);
  const revision = figureRevision(db);
  let patch: FigureSaveResult['patch'] = null;
  if (view?.kind === 'units') patch = unitsPatch(db, planId, view.period, edits, result.changed > 0, scope);
  else if (view?.kind === 'unit') patch = unitYearPatch(db, planId, view.unitId, view.year, edits, result.changed > 0);
  if (patch && result.changed > 0) patch.reviews = touchedReviews(db, planId, edits);
  return { ...result, revisionBefore, revision, patch };
}

/** The patch of the main grid as the caller sees it (access/scope.ts): an entry account's has its own row and the district's. */
function unitsPatch(db: Db, planId: number, period: string, edits: FigureEdit[], changed: boolean, scope: ReadScope): SheetPatch {
  const patch: SheetPatch = { kind: 'units', period, cells: [], ranks: {} };
  if (!changed) return patch;
  const indicators = indicatorsOf(db, planId);
  const figurePeriods = figurePeriodsAt(indicators, period);
  /** indicatorId → the units whose cells in this view read an edited figure. */
  const touched = new Map<number, Set<number>>();
  for (const i of indicators) {
    const fp = figurePeriods[i.id];
    if (!fp) continue;
    const reads = new Set(periodsRead(fp));
    for (const e of edits) {
      if (e.indicatorId !== i.id || !reads.has(e.period)) continue;
      if (!touched.has(i.id)) touched.set(i.id, new Set());
      touched.get(i.id)!.add(e.unitId);
    }
  }
  if (touched.size === 0) return patch;
  const affected = indicators.filter((i) => touched.has(i.id));
  const ids = affected.map((i) => i.id);
  const { plan, parent, subUnits } = planUnits(db, planId);
  const figures = figuresIn(db, planId, affected.flatMap((i) => periodsRead(figurePeriods[i.id]!)), ids, scope.hiddenIn(planId));
  const targets = targetsOf(db, ids);
  const baseYear = isBaseYear(plan, requirePeriod(period).year);
  const after = buildProgressTable({ period, parent, subUnits, indicators: affected, targets, figures, baseYear });

  const lookup = figureLookup(figures);
  for (const i of affected) {
    const units = touched.get(i.id)!;
    const fp = figurePeriods[i.id];
    patch.cells.push([parent.id, i.id, packedCellOf(after.parent.cells[i.id], parent.id, fp, lookup)]);
    const rows = scope.unitId === null ? after.rows : after.rows.filter((r) => r.unit.id === scope.unitId);
    for (const r of rows) if (units.has(r.unit.id)) patch.cells.push([r.unit.id, i.id, packedCellOf(r.cells[i.id], r.unit.id, fp, lookup)]);
    // A 填报员's grid has no ranks (access/narrow.ts).
    if (scope.unitId === null) patch.ranks[i.id] = [null, ...rows.map((r) => r.cells[i.id].rank)];
  }
  return patch;
}

function unitYearPatch(db: Db, planId: number, unitId: number, year: number, edits: FigureEdit[], changed: boolean): UnitYearPatch {
  const patch: UnitYearPatch = { kind: 'unit', unitId, year, cells: {} };
  if (!changed) return patch;
  const { unit, isPlanUnit, subUnits, context } = unitYearUnit(db, planId, unitId, year);
  const years = new Set([String(year), String(year - 1)]);
  // This unit's row reads its own figures; the plan unit's additive totals read its sub-units' too.
  const ids = new Set(
    edits.filter((e) => years.has(e.period.slice(0, 4)) && (isPlanUnit || e.unitId === unitId)).map((e) => e.indicatorId),
  );
  const indicators = indicatorsOf(db, planId).filter((i) => ids.has(i.id));
  if (indicators.length) patch.cells = unitYearCells(db, unit, subUnits, year, indicators, context);
  return patch;
}

