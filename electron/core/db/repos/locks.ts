/**
 * Period locks (锁定): a locked period key of a plan is read-only for
 * figures and task progress. Every lock and unlock is kept in
 * period_lock_events, never deleted.
 */
import { sql } from 'kysely';
import type { Db } from '../open';
import { all, query, runSync, type Op } from '../../store/query';

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

const PLAN_LOCKS = query<{ period: string; locked_by: string; locked_at: string; reason: string | null }, { planId: number }>(
  (_qb, p) => sql`SELECT period, locked_by, locked_at, reason FROM period_locks WHERE plan_id = ${p('planId')} ORDER BY period`,
);

export function* listLocksOp(planId: number): Op<PeriodLock[]> {
  return (yield* all(PLAN_LOCKS, { planId })).map((r) => ({ period: r.period, lockedBy: r.locked_by, lockedAt: r.locked_at, reason: r.reason }));
}

export function listLocks(db: Db, planId: number): PeriodLock[] {
  return runSync(db, listLocksOp(planId));
}

export function isLocked(db: Db, planId: number, period: string): boolean {
  return db.prepare('SELECT 1 FROM period_locks WHERE plan_id = ? AND period = ?').pluck().get(planId, period) === 1;
}

/** Locks the periods not locked yet; returns those it locked. Call inside a transaction. */
export function lockPeriods(db: Db, planId: number, periods: string[], by: string, at: string, reason: string | null): string[] {
  const done: string[] = [];
  for (const period of periods) {
    if (isLocked(db, planId, period)) continue;
    db.prepare('INSERT INTO period_locks (plan_id, period, locked_by, locked_at, reason) VALUES (?, ?, ?, ?, ?)').run(
      planId,
      period,
      by,
      at,
      reason,
    );
    db.prepare('INSERT INTO period_lock_events (plan_id, period, action, reason, by_name, at) VALUES (?, ?, ?, ?, ?, ?)').run(
      planId,
      period,
      'lock',
      reason,
      by,
      at,
    );
    done.push(period);
  }
  return done;
}

/** Unlocks the locked periods among `periods`; the reason is required and recorded. Call inside a transaction. */
export function unlockPeriods(db: Db, planId: number, periods: string[], by: string, at: string, reason: string): string[] {
  const done: string[] = [];
  for (const period of periods) {
    if (!isLocked(db, planId, period)) continue;
    db.prepare('DELETE FROM period_locks WHERE plan_id = ? AND period = ?').run(planId, period);
    db.prepare('INSERT INTO period_lock_events (plan_id, period, action, reason, by_name, at) VALUES (?, ?, ?, ?, ?, ?)').run(
      planId,
      period,
      'unlock',
      reason,
      by,
      at,
    );
    done.push(period);
  }
  return done;
}

export function lockEvents(db: Db, planId: number): LockEvent[] {
  return (
    db
      .prepare('SELECT id, period, action, reason, by_name, at FROM period_lock_events WHERE plan_id = ? ORDER BY id')
      .all(planId) as { id: number; period: string; action: 'lock' | 'unlock'; reason: string | null; by_name: string; at: string }[]
  ).map((r) => ({ id: r.id, period: r.period, action: r.action, reason: r.reason, by: r.by_name, at: r.at }));
}
