/**
 * Conflicts on the server (同步冲突): a street pushed a cell whose value on the
 * server is no longer the one the street started from — the district changed
 * it meanwhile. A cell is a figure or a task's progress (任务进展). The push
 * never overwrites it; the cell waits here for the district, who takes the
 * street's value (a figure then lands as 待审核, like a returned file's; the
 * progress entry is written, its old text in the entry's history) or keeps its
 * own. Each decision names who and when; the street sees it at its next sync.
 */
import { sql } from 'kysely';
import { ApiError } from '../../../shared/api/errors';
import type { ProgressStatus } from '../../../shared/model/task';
import { periodLabel } from '../../../shared/periods';
import type { SyncConflictView, SyncProgressValue } from '../../../shared/sync/views';
import type { Db } from '../db/open';
import { writeTxOp } from '../db/tx';
import { getFigureOp } from '../db/repos/figures';
import { getUnitOp } from '../db/repos/units';
import { saveFiguresOp } from '../entry/save';
import { saveProgressOp } from '../entry/progress';
import { shortText } from '../plans/common';
import { planUnitsOp, requirePlanOp } from '../plans/scope';
import { all, get, query, run, runSync, type Op } from '../store/query';

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

const LATEST_OF_UNIT = query<ConflictRow, { planId: number; unitId: number }>(
  (_qb, p) => sql`SELECT * FROM sync_conflicts WHERE id IN (
    SELECT max(id) FROM sync_conflicts WHERE plan_id = ${p('planId')} AND unit_id = ${p('unitId')} GROUP BY kind, indicator_id, task_id, period) ORDER BY id`,
);

/** The unit's conflicts of a plan, the latest per cell (what its desktop needs to know). */
export function* listConflictsOfUnitOp(planId: number, unitId: number) {
  return (yield* all(LATEST_OF_UNIT, { planId, unitId })).map(toConflict);
}

type CellOf = { planId: number; unitId: number; period: string };
const OPEN_FIGURE_CONFLICT = query<{ id: number }, CellOf & { indicatorId: number }>(
  (_qb, p) => sql`SELECT id FROM sync_conflicts WHERE plan_id = ${p('planId')} AND unit_id = ${p('unitId')} AND kind = 'figure'
    AND indicator_id = ${p('indicatorId')} AND period = ${p('period')} AND state = 'open'`,
);
type FigureConflictValues = { value: number | null; note: string | null; base: number | null; current: number | null; by: string; at: string };
const UPDATE_FIGURE_CONFLICT = query<never, FigureConflictValues & { id: number }>(
  (_qb, p) => sql`UPDATE sync_conflicts SET value = ${p('value')}, note = ${p('note')}, base = ${p('base')}, current = ${p('current')},
    pushed_by = ${p('by')}, pushed_at = ${p('at')} WHERE id = ${p('id')}`,
);
const INSERT_FIGURE_CONFLICT = query<never, FigureConflictValues & CellOf & { indicatorId: number }>(
  (_qb, p) => sql`INSERT INTO sync_conflicts (plan_id, unit_id, kind, indicator_id, period, value, note, base, current, state, pushed_by, pushed_at)
    VALUES (${p('planId')}, ${p('unitId')}, 'figure', ${p('indicatorId')}, ${p('period')}, ${p('value')}, ${p('note')}, ${p('base')}, ${p('current')},
      'open', ${p('by')}, ${p('at')})`,
);

/** Records a pushed figure the district changed meanwhile; an open conflict of the same cell is brought up to date. Inside the push's transaction. */
export function* recordConflictOp(
  c: { planId: number; unitId: number; indicatorId: number; period: string; value: number | null; note: string | null; base: number | null; current: number | null; by: string; at: string },
): Op<void> {
  const open = yield* get(OPEN_FIGURE_CONFLICT, c);
  if (open !== undefined) yield* run(UPDATE_FIGURE_CONFLICT, { ...c, id: open.id });
  else yield* run(INSERT_FIGURE_CONFLICT, c);
}

const OPEN_PROGRESS_CONFLICT = query<{ id: number }, CellOf & { taskId: number }>(
  (_qb, p) => sql`SELECT id FROM sync_conflicts WHERE plan_id = ${p('planId')} AND unit_id = ${p('unitId')} AND kind = 'progress'
    AND task_id = ${p('taskId')} AND period = ${p('period')} AND state = 'open'`,
);
type ProgressConflictValues = {
  status: ProgressStatus;
  text: string;
  reportedOn: string | null;
  baseStatus: ProgressStatus | null;
  baseText: string | null;
  currentStatus: ProgressStatus | null;
  currentText: string | null;
  by: string;
  at: string;
};
const UPDATE_PROGRESS_CONFLICT = query<never, ProgressConflictValues & { id: number }>(
  (_qb, p) => sql`UPDATE sync_conflicts SET status = ${p('status')}, text = ${p('text')}, reported_on = ${p('reportedOn')},
    base_status = ${p('baseStatus')}, base_text = ${p('baseText')}, current_status = ${p('currentStatus')}, current_text = ${p('currentText')},
    pushed_by = ${p('by')}, pushed_at = ${p('at')} WHERE id = ${p('id')}`,
);
const INSERT_PROGRESS_CONFLICT = query<never, ProgressConflictValues & CellOf & { taskId: number }>(
  (_qb, p) => sql`INSERT INTO sync_conflicts (plan_id, unit_id, kind, task_id, period, status, text, reported_on, base_status, base_text,
      current_status, current_text, state, pushed_by, pushed_at)
    VALUES (${p('planId')}, ${p('unitId')}, 'progress', ${p('taskId')}, ${p('period')}, ${p('status')}, ${p('text')}, ${p('reportedOn')},
      ${p('baseStatus')}, ${p('baseText')}, ${p('currentStatus')}, ${p('currentText')}, 'open', ${p('by')}, ${p('at')})`,
);

/** Records a pushed progress entry the district changed meanwhile; an open conflict of the same entry is brought up to date. Inside the push's transaction. */
export function* recordProgressConflictOp(c: {
  planId: number;
  unitId: number;
  taskId: number;
  period: string;
  value: SyncProgressValue & { reportedOn: string | null };
  base: SyncProgressValue | null;
  current: SyncProgressValue | null;
  by: string;
  at: string;
}): Op<void> {
  const values: ProgressConflictValues = {
    status: c.value.status,
    text: c.value.text,
    reportedOn: c.value.reportedOn,
    baseStatus: c.base?.status ?? null,
    baseText: c.base?.text ?? null,
    currentStatus: c.current?.status ?? null,
    currentText: c.current?.text ?? null,
    by: c.by,
    at: c.at,
  };
  const open = yield* get(OPEN_PROGRESS_CONFLICT, c);
  if (open !== undefined) yield* run(UPDATE_PROGRESS_CONFLICT, { ...values, id: open.id });
  else yield* run(INSERT_PROGRESS_CONFLICT, { ...values, planId: c.planId, unitId: c.unitId, taskId: c.taskId, period: c.period });
}

const PROGRESS_NOW = query<{ status: ProgressStatus; text: string }, { taskId: number; unitId: number; period: string }>(
  (_qb, p) => sql`SELECT status, text FROM progress WHERE task_id = ${p('taskId')} AND unit_id = ${p('unitId')} AND period = ${p('period')}`,
);

/** A unit's progress entry on this store now (the push compares it with the street's base; the district's list shows it). */
export function* progressNowOp(taskId: number, unitId: number, period: string): Op<SyncProgressValue | null> {
  const row = yield* get(PROGRESS_NOW, { taskId, unitId, period });
  return row ? { status: row.status, text: row.text } : null;
}

const INDICATOR_NAMES = query<{ id: number; name: string }, { planId: number }>(
  (_qb, p) => sql`SELECT id, name FROM indicators WHERE plan_id = ${p('planId')}`,
);
const TASK_NAMES = query<{ id: number; seq: number; content: string }, { planId: number }>(
  (_qb, p) => sql`SELECT t.id, t.seq, t.content FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ${p('planId')}`,
);
const CONFLICTS_OPEN = query<ConflictRow, { planId: number }>(
  (_qb, p) => sql`SELECT * FROM sync_conflicts WHERE plan_id = ${p('planId')} AND state = 'open' ORDER BY id DESC`,
);
const CONFLICTS_ALL = query<ConflictRow, { planId: number }>(
  (_qb, p) => sql`SELECT * FROM sync_conflicts WHERE plan_id = ${p('planId')} ORDER BY state = 'open' DESC, id DESC`,
);

/** The conflicts of a plan for the district: open ones first. */
export function* listConflictsOp(planId: number, state: 'open' | 'all' = 'open'): Op<SyncConflictView[]> {
  const { units } = yield* planUnitsOp(planId);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const indicatorName = new Map((yield* all(INDICATOR_NAMES, { planId })).map((r) => [r.id, r.name]));
  const taskName = new Map((yield* all(TASK_NAMES, { planId })).map((r) => [r.id, `任务${r.seq}：${shortText(r.content, 24)}`]));
  const rows = yield* all(state === 'open' ? CONFLICTS_OPEN : CONFLICTS_ALL, { planId });
  const out: SyncConflictView[] = [];
  for (const r of rows) {
    const c = toConflict(r);
    const figure = c.kind === 'figure';
    out.push({
      ...c,
      unitName: unitName.get(c.unitId) ?? `单位${c.unitId}`,
      indicatorName: figure ? (indicatorName.get(c.indicatorId!) ?? `指标${c.indicatorId}`) : (taskName.get(c.taskId!) ?? `任务${c.taskId}`),
      periodLabel: periodLabel(c.period),
      // What the district holds now, not what it held at the push.
      current: figure ? ((yield* getFigureOp(c.indicatorId!, c.unitId, c.period))?.value ?? null) : yield* progressNowOp(c.taskId!, c.unitId, c.period),
    });
  }
  return out;
}

export function listConflicts(db: Db, planId: number, state: 'open' | 'all' = 'open'): SyncConflictView[] {
  return runSync(db, listConflictsOp(planId, state));
}

const CONFLICT = query<ConflictRow, { id: number }>((_qb, p) => sql`SELECT * FROM sync_conflicts WHERE id = ${p('id')}`);
const DECIDE = query<never, { id: number; state: 'taken' | 'kept'; by: string; at: string }>(
  (_qb, p) => sql`UPDATE sync_conflicts SET state = ${p('state')}, decided_by = ${p('by')}, decided_at = ${p('at')} WHERE id = ${p('id')}`,
);

/**
 * The district decides: `take` writes the street's value — a figure through saveFiguresOp, as a
 * returned file's (待审核, history, locks), a progress entry through saveProgressOp (history, locks,
 * the task's responsible units) —; otherwise the district's value stays. Either way the conflict is
 * closed, in the same transaction (ONE write transaction: writeTxOp on SQLite, writeTxPgOp on
 * PostgreSQL); a take the checks refuse leaves it open and says why.
 */
export function* resolveConflictOp(id: number, take: boolean, by: string, at: string): Op<SyncConflictView> {
  const row = yield* get(CONFLICT, { id });
  if (!row) throw new ApiError('not_found', `找不到编号为 ${id} 的同步冲突，请刷新列表。`);
  if (row.state !== 'open') throw new ApiError('bad_request', `这个同步冲突已由${row.decided_by ?? '他人'}处理过了，请刷新列表。`);
  if (take && row.kind === 'figure') {
    const unitName = (yield* getUnitOp(row.unit_id))?.name ?? '';
    yield* saveFiguresOp(
      row.plan_id,
      [{ indicatorId: row.indicator_id!, unitId: row.unit_id, period: row.period, value: row.value, note: row.note, confirmed: true }],
      by,
      at,
      `同步冲突：采用${unitName}的值`,
      'file',
    );
  } else if (take) {
    yield* saveProgressOp(row.plan_id, row.period, [{ taskId: row.task_id!, unitId: row.unit_id, status: row.status!, text: row.text ?? '', reportedOn: row.reported_on }], by, at);
  }
  yield* run(DECIDE, { id, state: take ? 'taken' : 'kept', by, at });
  return (yield* listConflictsOp(row.plan_id, 'all')).find((c) => c.id === id)!;
}

export function resolveConflict(db: Db, id: number, take: boolean, by: string): SyncConflictView {
  return writeTxOp(db, resolveConflictOp(id, take, by, new Date().toISOString()));
}

/** `sync.conflicts`: the plan's conflicts for the district (its plan refused when missing). */
export function* planConflictsOp(planId: number, state: 'open' | 'all'): Op<{ conflicts: SyncConflictView[] }> {
  yield* requirePlanOp(planId);
  return { conflicts: yield* listConflictsOp(planId, state) };
}
