/**
 * Locking and unlocking a view period, with the quarter/year that ends with it. Ops of the query
 * layer (store/query.ts): the same rules on a SQLite file and a PostgreSQL store; the writes are
 * each ONE write transaction (writeTxOp here, writeTxPgOp in the PostgreSQL core).
 */
import { ApiError } from '../../../shared/api/errors';
import { periodsCoveredBy } from '../../../shared/entry/periods';
import type { LockState } from '../../../shared/entry/views';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listLocksOp, lockEventsOp, lockPeriodsOp, unlockPeriodsOp } from '../db/repos/locks';
import { requirePlanOp, requireYearInPlan } from '../plans/scope';
import { writeTxOp } from '../db/tx';
import { runSync, type Op } from '../store/query';

const ALL_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;

/** Locks the view period and what it covers: one write transaction. */
export function* lockViewOp(planId: number, period: string, by: string): Op<string[]> {
  const plan = yield* requirePlanOp(planId);
  requireYearInPlan(plan, requirePeriod(period).year, period, { baseYear: true });
  const covered = periodsCoveredBy(period, [...ALL_FREQUENCIES]);
  return yield* lockPeriodsOp(planId, covered, by, new Date().toISOString(), null);
}

export function lockView(db: Db, planId: number, period: string, by: string): string[] {
  return writeTxOp(db, lockViewOp(planId, period, by));
}

/** Unlocks the view period and what it covers, with the reason: one write transaction; refused when none was locked. */
export function* unlockViewOp(planId: number, period: string, reason: string, by: string): Op<string[]> {
  yield* requirePlanOp(planId);
  const covered = periodsCoveredBy(period, [...ALL_FREQUENCIES]);
  const done = yield* unlockPeriodsOp(planId, covered, by, new Date().toISOString(), reason.trim());
  if (done.length === 0) throw new ApiError('bad_request', `${periodLabel(period)}未锁定，无需解锁。`);
  return done;
}

export function unlockView(db: Db, planId: number, period: string, reason: string, by: string): string[] {
  return writeTxOp(db, unlockViewOp(planId, period, reason, by));
}

export function* lockStateOp(planId: number): Op<LockState> {
  yield* requirePlanOp(planId);
  const locks = yield* listLocksOp(planId);
  const events = yield* lockEventsOp(planId);
  return {
    planId,
    locks: locks.map((l) => ({ period: l.period, label: periodLabel(l.period), lockedBy: l.lockedBy, lockedAt: l.lockedAt })),
    events: events.reverse().map((e) => ({ ...e, label: periodLabel(e.period) })),
  };
}

export function lockState(db: Db, planId: number): LockState {
  return runSync(db, lockStateOp(planId));
}
