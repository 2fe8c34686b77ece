/**
 * Period locks (锁定): a locked period key of a plan is read-only for
 * figures and task progress. Every lock and unlock is kept in
 * period_lock_events, never deleted. Over the query layer (store/query.ts):
 * the same queries on a SQLite file and a PostgreSQL store.
 */
import type { Db } from '../open';
import { all, get, query, run, runSync, type Op } from '../../store/query';

export interface PeriodLock {
  period: string;
  lockedBy: string;
  lockedAt: string;
  reason: string | null;
}

export interface LockEvent {
  id: number;
  period: string;
  action: 'lock' | 'unlock';
  reason: string | null;
  by: string;
  at: string;
}

const PLAN_LOCKS = query<{ period: string; locked_by: string; locked_at: string; reason: string | null }, { planId: number }>((qb, p) =>
  qb.selectFrom('period_locks').select(['period', 'locked_by', 'locked_at', 'reason']).where('plan_id', '=', p('planId')).orderBy('period'),
);
const IS_LOCKED = query<{ one: number }, { planId: number; period: string }>((qb, p) =>
  qb
    .selectFrom('period_locks')
    .select((eb) => eb.lit(1).as('one'))
    .where('plan_id', '=', p('planId'))
    .where('period', '=', p('period')),
);
const ADD_LOCK = query<never, { planId: number; period: string; by: string; at: string; reason: string | null }>((qb, p) =>
  qb.insertInto('period_locks').values({ plan_id: p('planId'), period: p('period'), locked_by: p('by'), locked_at: p('at'), reason: p('reason') }),
);
const REMOVE_LOCK = query<never, { planId: number; period: string }>((qb, p) =>
  qb.deleteFrom('period_locks').where('plan_id', '=', p('planId')).where('period', '=', p('period')),
);
const ADD_LOCK_EVENT = query<never, { planId: number; period: string; action: 'lock' | 'unlock'; reason: string | null; by: string; at: string }>((qb, p) =>
  qb
    .insertInto('period_lock_events')
    .values({ plan_id: p('planId'), period: p('period'), action: p('action'), reason: p('reason'), by_name: p('by'), at: p('at') }),
);
const LOCK_EVENTS = query<{ id: number; period: string; action: 'lock' | 'unlock'; reason: string | null; by_name: string; at: string }, { planId: number }>(
  (qb, p) =>
    qb
      .selectFrom('period_lock_events')
      .select(['id', 'period', 'action', 'reason', 'by_name', 'at'])
      .where('plan_id', '=', p('planId'))
      .orderBy('id'),
);

export function* listLocksOp(planId: number): Op<PeriodLock[]> {
  return (yield* all(PLAN_LOCKS, { planId })).map((r) => ({ period: r.period, lockedBy: r.locked_by, lockedAt: r.locked_at, reason: r.reason }));
}

export function listLocks(db: Db, planId: number): PeriodLock[] {
  return runSync(db, listLocksOp(planId));
}

export function* isLockedOp(planId: number, period: string): Op<boolean> {
  return (yield* get(IS_LOCKED, { planId, period })) !== undefined;
}

export function isLocked(db: Db, planId: number, period: string): boolean {
  return runSync(db, isLockedOp(planId, period));
}

/** Locks the periods not locked yet; returns those it locked. Inside a write transaction. */
export function* lockPeriodsOp(planId: number, periods: string[], by: string, at: string, reason: string | null): Op<string[]> {
  const done: string[] = [];
  for (const period of periods) {
    if (yield* isLockedOp(planId, period)) continue;
    yield* run(ADD_LOCK, { planId, period, by, at, reason });
    yield* run(ADD_LOCK_EVENT, { planId, period, action: 'lock', reason, by, at });
    done.push(period);
  }
  return done;
}

/** Locks the periods not locked yet; returns those it locked. Call inside a transaction. */
export function lockPeriods(db: Db, planId: number, periods: string[], by: string, at: string, reason: string | null): string[] {
  return runSync(db, lockPeriodsOp(planId, periods, by, at, reason));
}

/** Unlocks the locked periods among `periods`; the reason is required and recorded. Inside a write transaction. */
export function* unlockPeriodsOp(planId: number, periods: string[], by: string, at: string, reason: string): Op<string[]> {
  const done: string[] = [];
  for (const period of periods) {
    if ((yield* run(REMOVE_LOCK, { planId, period })).changes === 0) continue;
    yield* run(ADD_LOCK_EVENT, { planId, period, action: 'unlock', reason, by, at });
    done.push(period);
  }
  return done;
}

/** Unlocks the locked periods among `periods`; the reason is required and recorded. Call inside a transaction. */
export function unlockPeriods(db: Db, planId: number, periods: string[], by: string, at: string, reason: string): string[] {
  return runSync(db, unlockPeriodsOp(planId, periods, by, at, reason));
}

export function* lockEventsOp(planId: number): Op<LockEvent[]> {
  return (yield* all(LOCK_EVENTS, { planId })).map((r) => ({ id: r.id, period: r.period, action: r.action, reason: r.reason, by: r.by_name, at: r.at }));
}

export function lockEvents(db: Db, planId: number): LockEvent[] {
  return runSync(db, lockEventsOp(planId));
}
