/**
 * The per-cell marks of 数据填报 on a desktop that syncs (shared/sync/views.ts):
 * from what this PC holds, what the server held at the last exchange
 * (sync_cells), the batches not yet answered (sync_outbox) and the 审核
 * states the server holds for the unit (sync_reviews). Reads only.
 */
import type { SyncCellMark, SyncMarks } from '../../../shared/sync/views';
import type { PushRequest } from '../../../shared/sync/wire';
import type { Db } from '../db/open';
import { requirePlan } from '../plans/scope';
import { sameValue } from './applyPull';
import { batchKeys, localCells, pendingKeys } from './push';
import { cellsOf, lastRun, linkOf, outboxOf, reviewsOfLink } from './store';

export function syncMarks(db: Db, planId: number): SyncMarks {
  requirePlan(db, planId);
  const link = linkOf(db, planId);
  const last = lastRun(db);
  if (!link) return { planId, linked: false, server: null, lastSyncAt: null, marks: [], queued: 0 };
  const cells = cellsOf(db, planId);
  const local = localCells(db, link);
  const reviews = reviewsOfLink(db, planId);
  const queued = new Set(pendingKeys(db, link));
  for (const entry of outboxOf(db, planId)) for (const k of batchKeys(link, JSON.parse(entry.payload) as PushRequest)) queued.add(k);
  const marks: SyncCellMark[] = [];
  for (const key of new Set([...local.keys(), ...cells.keys()])) {
    const [kind, idText, period] = key.split('|');
    const id = Number(idText);
    const base = {
      kind: kind === 'f' ? ('figure' as const) : ('progress' as const),
      indicatorId: kind === 'f' ? id : null,
      taskId: kind === 'p' ? id : null,
      unitId: link.unitId,
      period,
    };
    const cell = cells.get(key);
    const value = local.get(key)?.value ?? null;
    if (cell?.state === 'conflict' && (cell.sent === undefined || sameValue(cell.sent, value))) {
      marks.push({ ...base, state: 'conflict', message: cell.message });
    } else if (cell?.state === 'refused' && sameValue(cell.sent, value)) {
      marks.push({ ...base, state: 'refused', message: cell.message });
    } else if (queued.has(key)) {
      marks.push({ ...base, state: 'queued', message: null });
    } else if (kind === 'f' && value !== null) {
      const review = reviews.get(period);
      if (review?.state === 'approved') marks.push({ ...base, state: 'approved', message: null });
      else if (review?.state === 'returned') marks.push({ ...base, state: 'returned', message: review.reason });
      else if (review?.state === 'pending' || cell?.state === 'sent') marks.push({ ...base, state: 'sent', message: null });
    } else if (kind === 'p' && cell?.state === 'sent') {
      marks.push({ ...base, state: 'sent', message: null });
    }
  }
  return { planId, linked: true, server: link.server, lastSyncAt: last?.at ?? link.pulledAt, marks, queued: queued.size };
}
