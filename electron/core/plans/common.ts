/** What every plan edit shares: the plan, its lock state, the audit stamp, and the answer of a removal. */
import { ApiError } from '../../../shared/api/errors';
import { periodLabel } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listLocksOp } from '../db/repos/locks';
import { runSync, type Op } from '../store/query';
import type { BackedOp } from '../backup/service';
import type { EditAudit } from './history';

export const audit = (by: string): EditAudit => ({ by, at: new Date().toISOString() });

/**
 * Targets and baselines are what reported figures were measured against: once any period of
 * the plan is locked, changing or removing one is refused (as an import is), until it is unlocked
 * with a reason. Adding where there was none stays allowed.
 */
export function* refuseWhenLockedOp(planId: number, what: string): Op<void> {
  const locks = yield* listLocksOp(planId);
  if (locks.length === 0) return;
  const names = locks.slice(0, 3).map((l) => periodLabel(l.period)).join('、');
  throw new ApiError(
    'bad_request',
    `${what}：本工作要点已有锁定的报告期（${names}${locks.length > 3 ? '等' : ''}），已报送的完成率是按现在的目标计算的。如确需修改，请先在“数据填报 → 锁定”中填写原因解锁。`,
  );
}

export function refuseWhenLocked(db: Db, planId: number, what: string): void {
  runSync(db, refuseWhenLockedOp(planId, what));
}

/**
 * A removal that would take what users entered with it: nothing happens until the user saw the
 * list (done: false) and confirmed; then it runs with a backup first (backup is its id).
 */
import type { RemovalResult } from '../../../shared/api/methods/planEdit';
export type { RemovalResult };

/** A plan or unit edit that takes a backup copy first (takeCopyOp), listed as a 'plan.edit' operation: `what` says what it is. */
export const planEditBacked = <T>(by: string, what: string, op: Op<T>): BackedOp<T> => ({ spec: { operation: 'plan.edit', reason: what, by, what }, op });

/** A removal's answer with the copy its operation took (runWithBackupOp / runWithBackupPg). */
export function removalWith(result: RemovalResult, backup: { id: string; createdAt: string } | null): RemovalResult {
  return result.done && backup ? { ...result, backup: { id: backup.id, createdAt: backup.createdAt } } : result;
}

export const shortText = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max)}…` : text);
