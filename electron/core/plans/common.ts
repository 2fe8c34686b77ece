/** What every plan edit shares: the plan, its lock state, the audit stamp, and the answer of a removal. */
import { ApiError } from '../../../shared/api/errors';
import { periodLabel } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listLocks } from '../db/repos/locks';
import type { EditAudit } from './history';

export const audit = (by: string): EditAudit => ({ by, at: new Date().toISOString() });

/**
 * Targets and baselines are what reported figures were measured against: once any period of
 * the plan is locked, changing or removing one is refused (as an import is), until it is unlocked
 * with a reason. Adding where there was none stays allowed.
 */
export function refuseWhenLocked(db: Db, planId: number, what: string): void {
  const locks = listLocks(db, planId);
  if (locks.length === 0) return;
  const names = locks.slice(0, 3).map((l) => periodLabel(l.period)).join('、');
  throw new ApiError(
    'bad_request',
    `${what}：本工作要点已有锁定的报告期（${names}${locks.length > 3 ? '等' : ''}），已报送的完成率是按现在的目标计算的。如确需修改，请先在“数据填报 → 锁定”中填写原因解锁。`,
  );
}

/**
 * A removal that would take what users entered with it: nothing happens until the user saw the
 * list (done: false) and confirmed; then it runs with a backup first (backup is its id).
 */
export type { RemovalResult } from '../../../shared/api/methods/planEdit';

export const shortText = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max)}…` : text);
