/**
 * The per-cell marks of 数据填报 and 任务进展 on a desktop that syncs
 * (shared/sync/views.ts): from what this PC holds, what the server held at the
 * last exchange (sync_cells), the batches not yet answered (sync_outbox) and
 * the 审核 states the server holds for the unit (sync_reviews). Reads only.
 *
 * One rule for figures and task progress (markOf). 审核 is of a unit's
 * period: for figures the server keeps it current by itself (every figure the
 * unit changes makes the period 待审核 again), so the period's state speaks
 * for every figure the server holds. Task progress does not reopen 审核 on
 * the server, so the period's 审核 speaks for a progress entry only when its
 * last step came after the server took the entry (both on the server's
 * clock); an entry sent since is 已发送.
 */
import type { ReviewState } from '../../../shared/review/states';
import type { SyncCellMark, SyncMarks } from '../../../shared/sync/views';
import type { PushRequest } from '../../../shared/sync/wire';
import type { Db } from '../db/open';
import { requirePlanOp } from '../plans/scope';
import { runSync, type Op } from '../store/query';
import { sameValue } from './applyPull';
import { batchKeys, localCellsOp, pendingKeysOp } from './push';
import { cellsOfOp, lastRunOp, linkOfOp, outboxOfOp, reviewsOfLinkOp, type CellValue, type SyncCell } from './store';

type Mark = Pick<SyncCellMark, 'state' | 'message'>;

/** The mark of one cell of this PC's unit, or none. */
export function markOf(
  kind: 'figure' | 'progress',
  value: CellValue,
  cell: SyncCell | undefined,
  queued: boolean,
  review: { state: ReviewState; reason: string | null; at: string } | undefined,
): Mark | null {
  if (cell?.state === 'conflict' && (cell.sent === undefined || sameValue(cell.sent, value))) return { state: 'conflict', message: cell.message };
  if (cell?.state === 'refused' && sameValue(cell.sent, value)) return { state: 'refused', message: cell.message };
  if (queued) return { state: 'queued', message: null };
  if (value === null) return null;
  const covered = review !== undefined && (kind === 'figure' || (cell?.serverAt != null && review.at >= cell.serverAt));
  if (covered && review.state === 'approved') return { state: 'approved', message: null };
  if (covered && review.state === 'returned') return { state: 'returned', message: review.reason };
  if ((covered && review.state === 'pending') || cell?.state === 'sent') return { state: 'sent', message: null };
  return null;
}

/**
 * Over the query layer: the same on a PostgreSQL store, where no plan is linked to a server (a server's
 * store does not sync itself), so every plan answers `linked: false`.
 */
export function* syncMarksOp(planId: number): Op<SyncMarks> {
  yield* requirePlanOp(planId);
  const link = yield* linkOfOp(planId);
  if (!link) return { planId, linked: false, server: null, lastSyncAt: null, marks: [], queued: 0 };
  const last = yield* lastRunOp();
  const cells = yield* cellsOfOp(planId);
  const local = yield* localCellsOp(link);
  const reviews = yield* reviewsOfLinkOp(planId);
  const queued = new Set(yield* pendingKeysOp(link));
  for (const entry of yield* outboxOfOp(planId)) for (const k of batchKeys(link, JSON.parse(entry.payload) as PushRequest)) queued.add(k);
  const marks: SyncCellMark[] = [];
  for (const key of new Set([...local.keys(), ...cells.keys()])) {
    const [k, idText, period] = key.split('|');
    const id = Number(idText);
    const kind = k === 'f' ? ('figure' as const) : ('progress' as const);
    const mark = markOf(kind, local.get(key)?.value ?? null, cells.get(key), queued.has(key), reviews.get(period));
    if (!mark) continue;
    marks.push({ kind, indicatorId: kind === 'figure' ? id : null, taskId: kind === 'progress' ? id : null, unitId: link.unitId, period, ...mark });
  }
  return { planId, linked: true, server: link.server, lastSyncAt: last?.at ?? link.pulledAt, marks, queued: queued.size };
}

export function syncMarks(db: Db, planId: number): SyncMarks {
  return runSync(db, syncMarksOp(planId));
}
