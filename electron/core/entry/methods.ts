/**
 * The reads of the entry methods (数据填报) as Ops of the query layer
 * (store/query.ts), written once for both doors to the store: the SQLite
 * handlers (handlers/entry.ts) run them with runSync, the PostgreSQL core
 * (store/postgres/entryMethods.ts) with await. What depends on who calls —
 * the operator's name, whether approved figures are read-only to it
 * (review/onSave.ts reviewModeOf) and what it may see (`scope`,
 * access/scope.ts, narrowed by access/narrow.ts) — comes in as parameters,
 * so each door resolves its caller its own way.
 */
import type { EntryGridSheet, EntrySheet, UnitYearSheet } from '../../../shared/entry/views';
import type { FigureHistoryEntry } from '../db/repos/figures';
import { figureHistoryOp } from '../db/repos/figures';
import { operatorOfOp, type Caller } from '../caller';
import { requirePlanOp } from '../plans/scope';
import { reviewModeOf } from '../review/onSave';
import { narrowEntryGrid, narrowEntrySheet } from '../access/narrow';
import type { ReadScope } from '../access/scope';
import type { Op } from '../store/query';
import { buildEntryGridOp, buildEntrySheetOp, buildUnitYearSheetOp } from './sheet';
import { figureRevisionOp } from './sheetData';

/** What a sheet says about its caller: the name writes are recorded under, and whether approved figures are read-only to it. */
function* callerPartsOp(caller: Caller): Op<{ operator: string | null; approvedReadOnly: boolean }> {
  return { operator: yield* operatorOfOp(caller), approvedReadOnly: reviewModeOf(caller) === 'unit' };
}

/** entry.sheet: the full sheet of a view period, narrowed to the caller's scope. */
export function* entrySheetOp(planId: number, period: string, caller: Caller, scope: ReadScope): Op<EntrySheet> {
  const sheet = yield* buildEntrySheetOp(planId, period, yield* scope.hiddenInOp(planId));
  return narrowEntrySheet({ ...sheet, ...(yield* callerPartsOp(caller)) }, scope);
}

/** entry.grid: the compact grid of a view period, narrowed to the caller's scope. */
export function* entryGridOp(planId: number, period: string, caller: Caller, scope: ReadScope): Op<EntryGridSheet> {
  const grid = yield* buildEntryGridOp(planId, period, yield* scope.hiddenInOp(planId));
  return narrowEntryGrid({ ...grid, ...(yield* callerPartsOp(caller)) }, scope);
}

/** entry.unitYear: one unit × the months of a year. */
export function* entryUnitYearOp(planId: number, unitId: number, year: number, caller: Caller): Op<UnitYearSheet> {
  const sheet = yield* buildUnitYearSheetOp(planId, unitId, year);
  return { ...sheet, ...(yield* callerPartsOp(caller)) };
}

/** entry.revision: the figures' revision (sheetData.ts figureRevision), of an existing plan. */
export function* entryRevisionOp(planId: number): Op<{ revision: number }> {
  yield* requirePlanOp(planId);
  return { revision: yield* figureRevisionOp() };
}

/** entry.history: a cell's 修改记录, oldest first. */
export function* entryHistoryOp(planId: number, indicatorId: number, unitId: number, period: string): Op<FigureHistoryEntry[]> {
  yield* requirePlanOp(planId);
  return yield* figureHistoryOp(indicatorId, unitId, period);
}
