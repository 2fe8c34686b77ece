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
import type { Db } from '../db/open';
import { getReview, insertReviewEvent, putReview } from '../db/repos/reviews';

export type FigureReviewMode = 'district' | 'unit' | 'file';

/** Refuses an entry account's change of approved figures; `place` names the cell ("洪都街道 · 技术合同成交额（2022年1-9月）"). */
export function guardReview(db: Db, planId: number, unitId: number, period: string, mode: FigureReviewMode, place: string): void {
  if (mode !== 'unit') return;
  if (getReview(db, planId, unitId, period)?.state === 'approved') {
    throw new ApiError('bad_request', `${place}：已审核通过，不能再修改。如需更正，请联系区里的管理员退回后再改。`);
  }
}

/**
 * After the writes of one save, inside its transaction: the states of the units and periods it
 * changed. `source` is 'entry' or the returned file's name.
 */
export function reviewAfterSave(
  db: Db,
  planId: number,
  changed: Iterable<{ unitId: number; period: string }>,
  mode: FigureReviewMode,
  by: string,
  at: string,
  source: string,
): void {
  const seen = new Set<string>();
  for (const { unitId, period } of changed) {
    const key = `${unitId}|${period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const current = getReview(db, planId, unitId, period);
    if (mode === 'district') {
      if (current?.state === 'approved') insertReviewEvent(db, planId, { unitId, period, action: 'correct', source, by, at });
      continue;
    }
    // A 退回 reason stays beside the new submission, so the district sees what it asked for.
    const reason = current?.state === 'returned' ? current.reason : null;
    putReview(db, planId, { unitId, period, state: 'pending', reason, by, at });
    if (current?.state !== 'pending') insertReviewEvent(db, planId, { unitId, period, action: 'submit', source, by, at });
  }
}
