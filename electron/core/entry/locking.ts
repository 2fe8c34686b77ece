/** Locking and unlocking a view period, with the quarter/year that ends with it. */
import { ApiError } from '../../../shared/api/errors';
import { periodsCoveredBy } from '../../../shared/entry/periods';
import type { LockState } from '../../../shared/entry/views';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listLocks, lockEvents, lockPeriods, unlockPeriods } from '../db/repos/locks';
import { requirePlan, requireYearInPlan } from '../plans/scope';
import { writeTx } from '../db/tx';

const ALL_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;

export function lockView(db: Db, planId: number, period: string, by: string): string[] {
  const plan = requirePlan(db, planId);
  requireYearInPlan(plan, requirePeriod(period).year, period, { baseYear: true });
  const covered = periodsCoveredBy(period, [...ALL_FREQUENCIES]);
  return writeTx(db, () => lockPeriods(db, planId, covered, by, new Date().toISOString(), null));
}

export function unlockView(db: Db, planId: number, period: string, reason: string, by: string): string[] {
  requirePlan(db, planId);
  const covered = periodsCoveredBy(period, [...ALL_FREQUENCIES]);
  const done = writeTx(db, () => unlockPeriods(db, planId, covered, by, new Date().toISOString(), reason.trim()));
  if (done.length === 0) throw new ApiError('bad_request', `${periodLabel(period)}未锁定，无需解锁。`);
  return done;
}

export function lockState(db: Db, planId: number): LockState {
  requirePlan(db, planId);
  return {
    planId,
    locks: listLocks(db, planId).map((l) => ({ period: l.period, label: periodLabel(l.period), lockedBy: l.lockedBy, lockedAt: l.lockedAt })),
    events: lockEvents(db, planId)
      .reverse()
      .map((e) => ({ ...e, label: periodLabel(e.period) })),
  };
}
