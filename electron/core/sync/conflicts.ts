/**
 * Conflicts on the server (同步冲突): a street pushed a cell whose value on the
 * server is no longer the one the street started from — the district changed
 * it meanwhile. A cell is a figure or a task's progress (任务进展). The push
 * never overwrites it; the cell waits here for the district, who takes the
 * street's value (a figure then lands as 待审核, like a returned file's; the
 * progress entry is written, its old text in the entry's history) or keeps its
 * own. Each decision names who and when; the street sees it at its next sync.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ProgressStatus } from '../../../shared/model/task';
import { periodLabel } from '../../../shared/periods';
import type { SyncConflictView, SyncProgressValue } from '../../../shared/sync/views';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { getFigure } from '../db/repos/figures';
import { saveFigures } from '../entry/save';
import { saveProgress } from '../entry/progress';
import { shortText } from '../plans/common';
import { planUnits } from '../plans/scope';

interface ConflictRow {
  id: number;
  plan_id: number;
  unit_id: number;
  kind: 'figure' | 'progress';
  indicator_id: number | null;
  task_id: number | null;
  period: string;
  value: number | null;
  note: string | null;
  base: number | null;
  current: number | null;
  status: ProgressStatus | null;
  text: string | null;
  reported_on: string | null;
  base_status: ProgressStatus | null;
  base_text: string | null;
  current_status: ProgressStatus | null;
  current_text: string | null;
  state: 'open' | 'taken' | 'kept';
  pushed_by: string;
  pushed_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

const progressOf = (status: ProgressStatus | null, text: string | null, reportedOn?: string | null): SyncProgressValue | null =>
  status === null ? null : { status, text: text ?? '', ...(reportedOn !== undefined ? { reportedOn } : {}) };

const toConflict = (r: ConflictRow) => ({
  id: r.id,
  planId: r.plan_id,
  unitId: r.unit_id,
  kind: r.kind,
  indicatorId: r.indicator_id,
  taskId: r.task_id,
  period: r.period,
  value: r.kind === 'figure' ? r.value : progressOf(r.status, r.text, r.reported_on),
  note: r.note,
  base: r.kind === 'figure' ? r.base : progressOf(r.base_status, r.base_text),
  current: r.kind === 'figure' ? r.current : progressOf(r.current_status, r.current_text),
  state: r.state,
  pushedBy: r.pushed_by,
  pushedAt: r.pushed_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

/** The unit's conflicts of a plan, the latest per cell (what its desktop needs to know). */
export function listConflictsOfUnit(db: Db, planId: number, unitId: number) {
  return (
    db
      .prepare(
        `SELECT * FROM sync_conflicts WHERE id IN (
           SELECT max(id) FROM sync_conflicts WHERE plan_id = ? AND unit_id = ? GROUP BY kind, indicator_id, task_id, period) ORDER BY id`,
      )
      .all(planId, unitId) as ConflictRow[]
  ).map(toConflict);
}

/** Records a pushed figure the district changed meanwhile; an open conflict of the same cell is brought up to date. Inside the push's transaction. */
export function recordConflict(
  db: Db,
  c: { planId: number; unitId: number; indicatorId: number; period: string; value: number | null; note: string | null; base: number | null; current: number | null; by: string; at: string },
): void {
  const open = db
    .prepare("SELECT id FROM sync_conflicts WHERE plan_id = ? AND unit_id = ? AND kind = 'figure' AND indicator_id = ? AND period = ? AND state = 'open'")
    .pluck()
    .get(c.planId, c.unitId, c.indicatorId, c.period) as number | undefined;
  if (open !== undefined) {
    db.prepare('UPDATE sync_conflicts SET value = ?, note = ?, base = ?, current = ?, pushed_by = ?, pushed_at = ? WHERE id = ?').run(c.value, c.note, c.base, c.current, c.by, c.at, open);
    return;
  }
  db.prepare(
    `INSERT INTO sync_conflicts (plan_id, unit_id, kind, indicator_id, period, value, note, base, current, state, pushed_by, pushed_at)
     VALUES (?, ?, 'figure', ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  ).run(c.planId, c.unitId, c.indicatorId, c.period, c.value, c.note, c.base, c.current, c.by, c.at);
}

/** Records a pushed progress entry the district changed meanwhile; an open conflict of the same entry is brought up to date. Inside the push's transaction. */
export function recordProgressConflict(
  db: Db,
  c: {
    planId: number;
    unitId: number;
    taskId: number;
    period: string;
    value: SyncProgressValue & { reportedOn: string | null };
    base: SyncProgressValue | null;
    current: SyncProgressValue | null;
    by: string;
    at: string;
  },
): void {
  const values = [c.value.status, c.value.text, c.value.reportedOn, c.base?.status ?? null, c.base?.text ?? null, c.current?.status ?? null, c.current?.text ?? null, c.by, c.at];
  const open = db
    .prepare("SELECT id FROM sync_conflicts WHERE plan_id = ? AND unit_id = ? AND kind = 'progress' AND task_id = ? AND period = ? AND state = 'open'")
    .pluck()
    .get(c.planId, c.unitId, c.taskId, c.period) as number | undefined;
  if (open !== undefined) {
    db.prepare(
      `UPDATE sync_conflicts SET status = ?, text = ?, reported_on = ?, base_status = ?, base_text = ?, current_status = ?, current_text = ?, pushed_by = ?, pushed_at = ?
       WHERE id = ?`,
    ).run(...values, open);
    return;
  }
  db.prepare(
    `INSERT INTO sync_conflicts (plan_id, unit_id, kind, task_id, period, status, text, reported_on, base_status, base_text, current_status, current_text, state, pushed_by, pushed_at)
     VALUES (?, ?, 'progress', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  ).run(c.planId, c.unitId, c.taskId, c.period, ...values);
}

/** The district's progress entry of a unit now. */
function progressNow(db: Db, taskId: number, unitId: number, period: string): SyncProgressValue | null {
  const row = db.prepare('SELECT status, text FROM progress WHERE task_id = ? AND unit_id = ? AND period = ?').get(taskId, unitId, period) as
    | { status: ProgressStatus; text: string }
    | undefined;
  return row ? { status: row.status, text: row.text } : null;
}

/** The conflicts of a plan for the district: open ones first. */
export function listConflicts(db: Db, planId: number, state: 'open' | 'all' = 'open'): SyncConflictView[] {
  const { units } = planUnits(db, planId);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const indicatorName = new Map(
    (db.prepare('SELECT id, name FROM indicators WHERE plan_id = ?').raw().all(planId) as [number, string][]).map(([id, name]) => [id, name]),
  );
  const taskName = new Map(
    (
      db
        .prepare('SELECT t.id, t.seq, t.content FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ?')
        .raw()
        .all(planId) as [number, number, string][]
    ).map(([id, seq, content]) => [id, `任务${seq}：${shortText(content, 24)}`]),
  );
  const rows = db
    .prepare(`SELECT * FROM sync_conflicts WHERE plan_id = ? ${state === 'open' ? "AND state = 'open'" : ''} ORDER BY state = 'open' DESC, id DESC`)
    .all(planId) as ConflictRow[];
  return rows.map((r) => {
    const c = toConflict(r);
    const figure = c.kind === 'figure';
    return {
      ...c,
      unitName: unitName.get(c.unitId) ?? `单位${c.unitId}`,
      indicatorName: figure ? (indicatorName.get(c.indicatorId!) ?? `指标${c.indicatorId}`) : (taskName.get(c.taskId!) ?? `任务${c.taskId}`),
      periodLabel: periodLabel(c.period),
      // What the district holds now, not what it held at the push.
      current: figure ? (getFigure(db, c.indicatorId!, c.unitId, c.period)?.value ?? null) : progressNow(db, c.taskId!, c.unitId, c.period),
    };
  });
}

/**
 * The district decides: `take` writes the street's value — a figure through saveFigures, as a
 * returned file's (待审核, history, locks), a progress entry through saveProgress (history, locks,
 * the task's responsible units) —; otherwise the district's value stays. Either way the conflict is
 * closed, in the same transaction; a take the checks refuse leaves it open and says why.
 */
export function resolveConflict(db: Db, id: number, take: boolean, by: string): SyncConflictView {
  return writeTx(db, () => {
    const row = db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
    if (!row) throw new ApiError('not_found', `找不到编号为 ${id} 的同步冲突，请刷新列表。`);
    if (row.state !== 'open') throw new ApiError('bad_request', `这个同步冲突已由${row.decided_by ?? '他人'}处理过了，请刷新列表。`);
    const at = new Date().toISOString();
    if (take && row.kind === 'figure') {
      const unitName = (db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(row.unit_id) as string | undefined) ?? '';
      saveFigures(
        db,
        row.plan_id,
        [{ indicatorId: row.indicator_id!, unitId: row.unit_id, period: row.period, value: row.value, note: row.note, confirmed: true }],
        by,
        `同步冲突：采用${unitName}的值`,
        'file',
      );
    } else if (take) {
      saveProgress(db, row.plan_id, row.period, [{ taskId: row.task_id!, unitId: row.unit_id, status: row.status!, text: row.text ?? '', reportedOn: row.reported_on }], by);
    }
    db.prepare('UPDATE sync_conflicts SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(take ? 'taken' : 'kept', by, at, id);
    return listConflicts(db, row.plan_id, 'all').find((c) => c.id === id)!;
  });
}
