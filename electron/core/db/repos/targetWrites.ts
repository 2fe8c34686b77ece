/**
 * Writing one target or one baseline with its record in target_history (004):
 * every set, change and removal says who, when and from where ("工作目标",
 * "指标分解", a file name). Unchanged values are neither written nor recorded.
 * Over the query layer (store/query.ts): the same Ops on SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import type { Db } from '../open';
import { get, query, rowsQuery, run, runSync, type Op } from '../../store/query';

export interface TargetAudit {
  planId: number;
  by: string;
  at: string;
  source: string;
}

type Cell = { indicatorId: number; unitId: number };
const TARGET_OF = query<{ value: number; value_max: number | null }, Cell>(
  (_qb, p) => sql`SELECT value, value_max FROM targets WHERE indicator_id = ${p('indicatorId')} AND unit_id = ${p('unitId')}`,
);
export const DELETE_TARGET = query<never, Cell>((_qb, p) => sql`DELETE FROM targets WHERE indicator_id = ${p('indicatorId')} AND unit_id = ${p('unitId')}`);
/** Targets set (inserted or updated): one row as a query, or many by runMany (an import's 80,000). */
export const PUT_TARGETS = rowsQuery<Cell & { value: number; valueMax: number | null }>(
  (_qb, rows) => sql`INSERT INTO targets (indicator_id, unit_id, value, value_max)
       VALUES ${sql.join(rows.map((r) => sql`(${r('indicatorId')}, ${r('unitId')}, ${r('value')}, ${r('valueMax')})`))}
       ON CONFLICT (indicator_id, unit_id) DO UPDATE SET value = excluded.value, value_max = excluded.value_max`,
);
type Stamp = { planId: number; by: string; at: string; source: string };
export type TargetChange = Cell & Stamp & { oldValue: number | null; oldValueMax: number | null; newValue: number | null; newValueMax: number | null };
/** A target's change in target_history: one row as a query, or many by runMany. */
export const TARGET_HISTORY = rowsQuery<TargetChange>(
  (_qb, rows) => sql`INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max,
       changed_by, changed_at, source) VALUES ${sql.join(
         rows.map(
           (r) => sql`(${r('planId')}, ${r('indicatorId')}, ${r('unitId')}, 'target', ${r('oldValue')}, ${r('oldValueMax')},
       ${r('newValue')}, ${r('newValueMax')}, ${r('by')}, ${r('at')}, ${r('source')})`,
         ),
       )}`,
);
const BASELINE_OF = query<{ baseline: number | null }, { id: number }>((_qb, p) => sql`SELECT baseline FROM indicators WHERE id = ${p('id')}`);
const SET_BASELINE = query<never, { id: number; baseline: number | null }>(
  (_qb, p) => sql`UPDATE indicators SET baseline = ${p('baseline')} WHERE id = ${p('id')}`,
);
export const BASELINE_HISTORY = query<never, Cell & Stamp & { oldBaseline: number | null; newBaseline: number | null }>(
  (_qb, p) => sql`INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_baseline, new_baseline, changed_by, changed_at, source)
     VALUES (${p('planId')}, ${p('indicatorId')}, ${p('unitId')}, 'baseline', ${p('oldBaseline')}, ${p('newBaseline')}, ${p('by')}, ${p('at')}, ${p('source')})`,
);

/** The target of an indicator for a unit, as stored. */
export function* targetOfOp(indicatorId: number, unitId: number): Op<{ value: number; value_max: number | null } | undefined> {
  return yield* get(TARGET_OF, { indicatorId, unitId });
}

/** Sets (value) or removes (null) the target of an indicator for a unit; true when it changed. */
export function* writeTargetOp(audit: TargetAudit, indicatorId: number, unitId: number, value: number | null, valueMax: number | null = null): Op<boolean> {
  const cell = { indicatorId, unitId };
  const old = yield* get(TARGET_OF, cell);
  if (value === null) {
    if (!old) return false;
    yield* run(DELETE_TARGET, cell);
  } else {
    if (old && old.value === value && old.value_max === valueMax) return false;
    yield* run(PUT_TARGETS, { ...cell, value, valueMax });
  }
  yield* run(TARGET_HISTORY, {
    ...cell,
    planId: audit.planId,
    by: audit.by,
    at: audit.at,
    source: audit.source,
    oldValue: old?.value ?? null,
    oldValueMax: old?.value_max ?? null,
    newValue: value,
    newValueMax: value === null ? null : valueMax,
  });
  return true;
}

export function writeTarget(db: Db, audit: TargetAudit, indicatorId: number, unitId: number, value: number | null, valueMax: number | null = null): boolean {
  return runSync(db, writeTargetOp(audit, indicatorId, unitId, value, valueMax));
}

/** Sets an indicator's baseline (基数) for the plan's unit; true when it changed. */
export function* writeBaselineOp(audit: TargetAudit, indicatorId: number, planUnitId: number, baseline: number | null): Op<boolean> {
  const old = (yield* get(BASELINE_OF, { id: indicatorId }))?.baseline ?? null;
  if (old === baseline) return false;
  yield* run(SET_BASELINE, { id: indicatorId, baseline });
  yield* run(BASELINE_HISTORY, {
    indicatorId,
    unitId: planUnitId,
    planId: audit.planId,
    by: audit.by,
    at: audit.at,
    source: audit.source,
    oldBaseline: old,
    newBaseline: baseline,
  });
  return true;
}

export function writeBaseline(db: Db, audit: TargetAudit, indicatorId: number, planUnitId: number, baseline: number | null): boolean {
  return runSync(db, writeBaselineOp(audit, indicatorId, planUnitId, baseline));
}
