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
import { writeTxOp } from '../db/tx';
import { listIndicatorsOp } from '../db/repos/indicators';
import { isBaseYear, planUnitsOp } from '../plans/scope';
import { saveFiguresOp } from './save';
import { figureLookup, figurePeriodsAt, packedCellOf, reviewMarksInOp, unitYearCellsOp, unitYearUnitOp } from './sheet';
import { figureRevisionOp, figuresInOp, periodsRead, targetsOfOp } from './sheetData';
import type { FigureReviewMode } from '../review/onSave';
import { FULL_SCOPE, type ReadScope } from '../access/scope';
import type { ReviewMark } from '../../../shared/review/states';
import { runSync, type Op, type OpStore } from '../store/query';

/** The 审核 marks of the units and periods a save touched, as they are after it (a 填报员's save makes them 待审核). */
function* touchedReviewsOp(planId: number, edits: FigureEdit[]): Op<ReviewMark[]> {
  const keys = new Set(edits.map((e) => `${e.unitId}|${e.period}`));
  return (yield* reviewMarksInOp(planId, [...new Set(edits.map((e) => e.period))])).filter((m) => keys.has(`${m.unitId}|${m.period}`));
}

/** What a save's transaction answers besides the count: the figures' revision right before its writes and after them. */
interface Saved {
  changed: number;
  revisionBefore: number;
  revision: number;
}

/** The save as ONE write transaction (saveFiguresOp), with the revisions read under the same lock. */
function* saveWithRevisionsOp(planId: number, edits: FigureEdit[], by: string, at: string, source: string | undefined, review: FigureReviewMode): Op<Saved> {
  const revisionBefore = yield* figureRevisionOp();
  const changed = yield* saveFiguresOp(planId, edits, by, at, source, review);
  return { changed, revisionBefore, revision: changed > 0 ? yield* figureRevisionOp() : revisionBefore };
}

/** What the save answers, read after its transaction: the changed cells of the client's view. */
function* saveAnswerOp(
  planId: number,
  edits: FigureEdit[],
  saved: Saved,
  by: string,
  at: string,
  view: FigureView | undefined,
  scope: ReadScope,
): Op<FigureSaveResult> {
  const changed = saved.changed > 0;
  let patch: FigureSaveResult['patch'] = null;
  if (view?.kind === 'units') patch = yield* unitsPatchOp(planId, view.period, edits, changed, scope);
  else if (view?.kind === 'unit') patch = yield* unitYearPatchOp(planId, view.unitId, view.year, edits, changed);
  if (patch && changed) patch.reviews = yield* touchedReviewsOp(planId, edits);
  return { changed: saved.changed, by, at, revisionBefore: saved.revisionBefore, revision: saved.revision, patch };
}

/**
 * entry.save on SQLite: the save in one IMMEDIATE transaction, then the view's patch. `scope`: what the
 * caller may see (access/scope.ts); `review`: what its writes do to 审核 (review/onSave.ts reviewModeOf).
 */
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
  const at = new Date().toISOString();
  const saved = writeTxOp(db, saveWithRevisionsOp(planId, edits, by, at, source, review));
  return runSync(db, saveAnswerOp(planId, edits, saved, by, at, view, scope));
}

/** entry.save on any store (the PostgreSQL core): the same two steps, the save as one write transaction. */
export async function saveForViewOn(
  store: OpStore,
  planId: number,
  edits: FigureEdit[],
  by: string,
  source: string | undefined,
  view: FigureView | undefined,
  review: FigureReviewMode,
  scope: ReadScope,
): Promise<FigureSaveResult> {
  const at = new Date().toISOString();
  const saved = await store.write(saveWithRevisionsOp(planId, edits, by, at, source, review));
  return store.read(saveAnswerOp(planId, edits, saved, by, at, view, scope));
}

/** The patch of the main grid as the caller sees it (access/scope.ts): an entry account's has its own row and the district's. */
function* unitsPatchOp(planId: number, period: string, edits: FigureEdit[], changed: boolean, scope: ReadScope): Op<SheetPatch> {
  const patch: SheetPatch = { kind: 'units', period, cells: [], ranks: {} };
  if (!changed) return patch;
  const indicators = yield* listIndicatorsOp(planId);
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
  const { plan, parent, subUnits } = yield* planUnitsOp(planId);
  const figures = yield* figuresInOp(ids, affected.flatMap((i) => periodsRead(figurePeriods[i.id]!)), yield* scope.hiddenInOp(planId));
  const targets = yield* targetsOfOp(ids);
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

function* unitYearPatchOp(planId: number, unitId: number, year: number, edits: FigureEdit[], changed: boolean): Op<UnitYearPatch> {
  const patch: UnitYearPatch = { kind: 'unit', unitId, year, cells: {} };
  if (!changed) return patch;
  const { unit, isPlanUnit, subUnits, context } = yield* unitYearUnitOp(planId, unitId, year);
  const years = new Set([String(year), String(year - 1)]);
  // This unit's row reads its own figures; the plan unit's additive totals read its sub-units' too.
  const ids = new Set(
    edits.filter((e) => years.has(e.period.slice(0, 4)) && (isPlanUnit || e.unitId === unitId)).map((e) => e.indicatorId),
  );
  const indicators = (yield* listIndicatorsOp(planId)).filter((i) => ids.has(i.id));
  if (indicators.length) patch.cells = yield* unitYearCellsOp(unit, subUnits, year, indicators, context);
  return patch;
}
