/**
 * Task progress (任务进展) per task, responsible unit and period, with its
 * history. Like figures, every change writes a history row; nothing is deleted.
 */
import type { Progress, ProgressStatus } from '../../../../shared/model/task';
import type { Db } from '../open';

interface ProgressRow {
  task_id: number;
  unit_id: number;
  period: string;
  status: ProgressStatus;
  text: string;
  reported_on: string | null;
  entered_by: string;
  entered_at: string;
}

export interface ProgressRecord extends Progress {
  enteredBy: string;
  enteredAt: string;
}

const toRecord = (r: ProgressRow): ProgressRecord => ({
  taskId: r.task_id,
  unitId: r.unit_id,
  period: r.period,
  status: r.status,
  text: r.text,
  reportedOn: r.reported_on,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
});

/** Progress of a plan's tasks for one period. */
export function listProgress(db: Db, planId: number, period: string): ProgressRecord[] {
  return (
    db
      .prepare(
        `SELECT p.* FROM progress p JOIN tasks t ON t.id = p.task_id JOIN action_lines a ON a.id = t.action_line_id
         WHERE a.plan_id = ? AND p.period = ? ORDER BY t.seq, p.unit_id`,
      )
      .all(planId, period) as ProgressRow[]
  ).map(toRecord);
}

export interface ProgressWrite {
  taskId: number;
  unitId: number;
  period: string;
  status: ProgressStatus;
  text: string;
  reportedOn: string | null;
  by: string;
  at: string;
}

/** Writes one progress entry and its history row; false when nothing changed. Call inside a transaction. */
export function writeProgress(db: Db, w: ProgressWrite): boolean {
  const old = db
    .prepare('SELECT * FROM progress WHERE task_id = ? AND unit_id = ? AND period = ?')
    .get(w.taskId, w.unitId, w.period) as ProgressRow | undefined;
  if (old && old.status === w.status && old.text === w.text && old.reported_on === w.reportedOn) return false;
  db.prepare(
    `INSERT INTO progress (task_id, unit_id, period, status, text, reported_on, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (task_id, unit_id, period) DO UPDATE SET status = excluded.status, text = excluded.text,
       reported_on = excluded.reported_on, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
  ).run(w.taskId, w.unitId, w.period, w.status, w.text, w.reportedOn, w.by, w.at);
  db.prepare(
    `INSERT INTO progress_history (task_id, unit_id, period, old_status, new_status, old_text, new_text, reported_on, changed_by, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(w.taskId, w.unitId, w.period, old?.status ?? null, w.status, old?.text ?? null, w.text, w.reportedOn, w.by, w.at);
  return true;
}

export interface ProgressHistoryEntry {
  oldStatus: ProgressStatus | null;
  newStatus: ProgressStatus;
  oldText: string | null;
  newText: string;
  reportedOn: string | null;
  changedBy: string;
  changedAt: string;
}

export function progressHistory(db: Db, taskId: number, unitId: number, period: string): ProgressHistoryEntry[] {
  return (
    db
      .prepare(
        `SELECT old_status, new_status, old_text, new_text, reported_on, changed_by, changed_at FROM progress_history
         WHERE task_id = ? AND unit_id = ? AND period = ? ORDER BY id`,
      )
      .all(taskId, unitId, period) as {
      old_status: ProgressStatus | null;
      new_status: ProgressStatus;
      old_text: string | null;
      new_text: string;
      reported_on: string | null;
      changed_by: string;
      changed_at: string;
    }[]
  ).map((r) => ({
    oldStatus: r.old_status,
    newStatus: r.new_status,
    oldText: r.old_text,
    newText: r.new_text,
    reportedOn: r.reported_on,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
  }));
}
