/**
 * The record of every edit made in the window (edit_history, migration 005):
 * who, when, what, old → new, in a Chinese line the history shows as is.
 * Targets and baselines keep their own record in target_history (004).
 */
import type { EditHistoryView } from '../../../shared/api/methods/planEdit';
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { all, query, run, runSync, type Op } from '../store/query';
import { requirePlanOp } from './scope';

export type EditEntity = EditHistoryView['entity'];
export type EditAction = EditHistoryView['action'];

export interface EditRecord {
  planId: number | null;
  entity: EditEntity;
  entityId: number;
  action: EditAction;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  summary: string;
}

export interface EditAudit {
  by: string;
  at: string;
}

const INSERT_EDIT = query<never, EditRow>(
  (_qb, p) => sql`INSERT INTO edit_history (plan_id, entity, entity_id, action, field, old_value, new_value, summary, changed_by, changed_at)
     VALUES (${p('planId')}, ${p('entity')}, ${p('entityId')}, ${p('action')}, ${p('field')}, ${p('oldValue')}, ${p('newValue')}, ${p('summary')}, ${p('by')}, ${p('at')})`,
);
type EditRow = { planId: number | null; entity: EditEntity; entityId: number; action: EditAction; field: string | null; oldValue: string | null; newValue: string | null; summary: string; by: string; at: string };

export function* recordEditOp(audit: EditAudit, e: EditRecord): Op<void> {
  yield* run(INSERT_EDIT, {
    planId: e.planId,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    field: e.field ?? null,
    oldValue: e.oldValue ?? null,
    newValue: e.newValue ?? null,
    summary: e.summary,
    by: audit.by,
    at: audit.at,
  });
}

export function recordEdit(db: Db, audit: EditAudit, e: EditRecord): void {
  runSync(db, recordEditOp(audit, e));
}

export type EditHistoryEntry = EditHistoryView;

type HistoryRow = { entity: EditEntity; entity_id: number; action: EditAction; summary: string; changed_by: string; changed_at: string };
const toEntry = (r: HistoryRow): EditHistoryEntry => ({
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  summary: r.summary,
  changedBy: r.changed_by,
  changedAt: r.changed_at,
});

// One query per filter (a parameter compared with NULL has no type PostgreSQL could infer): the same columns, order and limit.
const COLUMNS = sql`entity, entity_id, action, summary, changed_by, changed_at`;
const PLAN_EDITS = query<HistoryRow, { planId: number | null }>(
  (_qb, p) => sql`SELECT ${COLUMNS} FROM edit_history WHERE (plan_id = ${p('planId')} OR plan_id IS NULL) ORDER BY id DESC LIMIT 2000`,
);
const PLAN_EDITS_OF = query<HistoryRow, { planId: number | null; entity: EditEntity }>(
  (_qb, p) =>
    sql`SELECT ${COLUMNS} FROM edit_history WHERE (plan_id = ${p('planId')} OR plan_id IS NULL) AND entity = ${p('entity')} ORDER BY id DESC LIMIT 2000`,
);
const UNIT_EDITS = query<HistoryRow>(() => sql`SELECT ${COLUMNS} FROM edit_history WHERE entity = 'unit' ORDER BY id DESC LIMIT 2000`);
const UNIT_EDITS_OF = query<HistoryRow, { unitId: number }>(
  (_qb, p) => sql`SELECT ${COLUMNS} FROM edit_history WHERE entity = 'unit' AND entity_id = ${p('unitId')} ORDER BY id DESC LIMIT 2000`,
);

/** A plan's edits (and unit edits, which belong to every plan), newest first. */
export function* listEditsOp(planId: number | null, entity?: EditEntity): Op<EditHistoryEntry[]> {
  const rows = entity === undefined ? yield* all(PLAN_EDITS, { planId }) : yield* all(PLAN_EDITS_OF, { planId, entity });
  return rows.map(toEntry);
}

/** plan.edits: the plan's edits, the plan required. */
export function* planEditsOp(planId: number, entity?: EditEntity): Op<EditHistoryEntry[]> {
  yield* requirePlanOp(planId);
  return yield* listEditsOp(planId, entity);
}

export function listEdits(db: Db, planId: number | null, entity?: EditEntity): EditHistoryEntry[] {
  return runSync(db, listEditsOp(planId, entity));
}

/** Edits of units and group phrases (of one unit, when given), newest first. */
export function* listUnitEditsOp(unitId?: number): Op<EditHistoryEntry[]> {
  const rows = unitId === undefined ? yield* all(UNIT_EDITS) : yield* all(UNIT_EDITS_OF, { unitId });
  return rows.map(toEntry);
}

export function listUnitEdits(db: Db, unitId?: number): EditHistoryEntry[] {
  return runSync(db, listUnitEditsOp(unitId));
}
