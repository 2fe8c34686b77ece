/**
 * What a figure write does to 审核 — the one place saveFigures asks:
 *
 * - `district`: the district itself writes (an admin account, the desktop
 *   window, `npm run web`, a CLI command). Its figures need no approval
 *   (approved on entry: no state). Correcting a unit's approved figures is
 *   allowed and recorded as a step ('correct') besides the figure's history.
 * - `unit`: an entry account (填报员) writes its own unit's figures. Approved
 *   ones are read-only to it (refused with the reason); anything else it
 *   changes becomes 待审核 ('submit', also after a 退回).
 * - `file`: a returned 填报表 or 数据包 taken in by the district: what it
 *   changes lands as 待审核 for that unit and period, whatever the state was —
 *   one approval path for typed and returned figures.
 */
import { ApiError } from '../../../shared/api/errors';
import type { Caller } from '../caller';
import { getReviewOp, insertReviewEventOp, putReviewOp, type StoredReview } from '../db/repos/reviews';
import type { Op } from '../store/query';

export type FigureReviewMode = 'district' | 'unit' | 'file';

/**
 * What a caller's typed figures do to 审核: an entry account's (填报员) go to 审核 ('unit'), everyone
 * else's — the district's admin accounts, the desktop, `npm run web`, the CLI — are approved on entry.
 */
export function reviewModeOf(caller: Caller): FigureReviewMode {
  return caller.kind === 'account' && caller.account.role === 'entry' ? 'unit' : 'district';
}

/**
 * The states one save has read, by "unit|period": inside its transaction nothing else writes them, so
 * the guard's reading serves the step after the writes too (one query less per cell on PostgreSQL).
 */
export type ReviewsRead = Map<string, StoredReview | undefined>;

function* reviewOf(planId: number, unitId: number, period: string, read: ReviewsRead): Op<StoredReview | undefined> {
  const key = `${unitId}|${period}`;
  if (!read.has(key)) read.set(key, yield* getReviewOp(planId, unitId, period));
  return read.get(key);
}

/** Refuses an entry account's change of approved figures; `place` names the cell ("洪都街道 · 技术合同成交额（2022年1-9月）"). */
export function* guardReviewOp(planId: number, unitId: number, period: string, mode: FigureReviewMode, place: string, read: ReviewsRead = new Map()): Op<void> {
  if (mode !== 'unit') return;
  if ((yield* reviewOf(planId, unitId, period, read))?.state === 'approved') {
    throw new ApiError('bad_request', `${place}：已审核通过，不能再修改。如需更正，请联系区里的管理员退回后再改。`);
  }
}

/**
 * After the writes of one save, inside its transaction: the states of the units and periods it
 * changed. `source` is 'entry' or the returned file's name.
 */
export function* reviewAfterSaveOp(
  planId: number,
  changed: Iterable<{ unitId: number; period: string }>,
  mode: FigureReviewMode,
  by: string,
  at: string,
  source: string,
  read: ReviewsRead = new Map(),
): Op<void> {
  const seen = new Set<string>();
  for (const { unitId, period } of changed) {
    const key = `${unitId}|${period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const current = yield* reviewOf(planId, unitId, period, read);
    if (mode === 'district') {
      if (current?.state === 'approved') yield* insertReviewEventOp(planId, { unitId, period, action: 'correct', source, by, at });
      continue;
    }
    // A 退回 reason stays beside the new submission, so the district sees what it asked for.
    const reason = current?.state === 'returned' ? current.reason : null;
    yield* putReviewOp(planId, { unitId, period, state: 'pending', reason, by, at });
    if (current?.state !== 'pending') yield* insertReviewEventOp(planId, { unitId, period, action: 'submit', source, by, at });
  }
}
