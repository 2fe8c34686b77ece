/**
 * The record of every edit made in the window (edit_history, migration 005):
 * who, when, what, old → new, in a Chinese line the history shows as is.
 * Targets and baselines keep their own record in target_history (004).
 */
import type { EditHistoryView } from '../../../shared/api/methods/planEdit';
import type { Db } from '../db/open';

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

export function recordEdit(db: Db, audit: EditAudit, e: EditRecord): void {
  db.prepare(
    `INSERT INTO edit_history (plan_id, entity, entity_id, action, field, old_value, new_value, summary, changed_by, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.planId, e.entity, e.entityId, e.action, e.field ?? null, e.oldValue ?? null, e.newValue ?? null, e.summary, audit.by, audit.at);
}

export type EditHistoryEntry = EditHistoryView;

/** A plan's edits (and unit edits, which belong to every plan), newest first. */
export function listEdits(db: Db, planId: number | null, entity?: EditEntity): EditHistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT entity, entity_id, action, summary, changed_by, changed_at FROM edit_history
        WHERE (plan_id = ? OR plan_id IS NULL) AND (? IS NULL OR entity = ?) ORDER BY id DESC LIMIT 2000`,
    )
    .all(planId, entity ?? null, entity ?? null) as {
    entity: EditEntity;
    entity_id: number;
    action: EditAction;
    summary: string;
    changed_by: string;
    changed_at: string;
  }[];
  return rows.map((r) => ({
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    summary: r.summary,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
  }));
}

/** Edits of units and group phrases (of one unit, when given), newest first. */
export function listUnitEdits(db: Db, unitId?: number): EditHistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT entity, entity_id, action, summary, changed_by, changed_at FROM edit_history
        WHERE entity = 'unit' AND (? IS NULL OR entity_id = ?) ORDER BY id DESC LIMIT 2000`,
    )
    .all(unitId ?? null, unitId ?? null) as { entity: EditEntity; entity_id: number; action: EditAction; summary: string; changed_by: string; changed_at: string }[];
  return rows.map((r) => ({ entity: r.entity, entityId: r.entity_id, action: r.action, summary: r.summary, changedBy: r.changed_by, changedAt: r.changed_at }));
}
