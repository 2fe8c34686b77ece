/**
 * Task progress (任务进展) per task, responsible unit and period, with its
 * history. Like figures, every change writes a history row; nothing is deleted.
 */
import type { Progress, ProgressStatus } from '../../../../shared/model/task';
import type { Db } from '../open';
import { all, get, query, run, runSync, type Op } from '../../store/query';

type ProgressRow = {
  task_id: number;
  unit_id: number;
  period: string;
  status: ProgressStatus;
  text: string;
  reported_on: string | null;
  entered_by: string;
  entered_at: string;
};

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

const PLAN_PROGRESS = query<ProgressRow, { planId: number; period: string }>((qb, p) =>
  qb
    .selectFrom('progress as p')
    .innerJoin('tasks as t', 't.id', 'p.task_id')
    .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
    .selectAll('p')
    .where('a.plan_id', '=', p('planId'))
    .where('p.period', '=', p('period'))
    .orderBy('t.seq')
    .orderBy('p.unit_id'),
);

/** Progress of a plan's tasks for one period. */
export function* listProgressOp(planId: number, period: string): Op<ProgressRecord[]> {
  return (yield* all(PLAN_PROGRESS, { planId, period })).map(toRecord);
}

export function listProgress(db: Db, planId: number, period: string): ProgressRecord[] {
  return runSync(db, listProgressOp(planId, period));
}

export type ProgressWrite = {
  taskId: number;
  unitId: number;
  period: string;
  status: ProgressStatus;
  text: string;
  reportedOn: string | null;
  by: string;
  at: string;
};

const PROGRESS = query<ProgressRow, { taskId: number; unitId: number; period: string }>((qb, p) =>
  qb.selectFrom('progress').selectAll().where('task_id', '=', p('taskId')).where('unit_id', '=', p('unitId')).where('period', '=', p('period')),
);
const PUT_PROGRESS = query<never, ProgressWrite>((qb, p) =>
  qb
    .insertInto('progress')
    .values({
      task_id: p('taskId'),
      unit_id: p('unitId'),
      period: p('period'),
      status: p('status'),
      text: p('text'),
      reported_on: p('reportedOn'),
      entered_by: p('by'),
      entered_at: p('at'),
    })
    .onConflict((oc) =>
      oc.columns(['task_id', 'unit_id', 'period']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        text: eb.ref('excluded.text'),
        reported_on: eb.ref('excluded.reported_on'),
        entered_by: eb.ref('excluded.entered_by'),
        entered_at: eb.ref('excluded.entered_at'),
      })),
    ),
);
const ADD_PROGRESS_HISTORY = query<never, ProgressWrite & { oldStatus: ProgressStatus | null; oldText: string | null }>((qb, p) =>
  qb.insertInto('progress_history').values({
    task_id: p('taskId'),
    unit_id: p('unitId'),
    period: p('period'),
    old_status: p('oldStatus'),
    new_status: p('status'),
    old_text: p('oldText'),
    new_text: p('text'),
    reported_on: p('reportedOn'),
    changed_by: p('by'),
    changed_at: p('at'),
  }),
);

/** Writes one progress entry and its history row (inside a write transaction); false when nothing changed. */
export function* writeProgressOp(w: ProgressWrite): Op<boolean> {
  const old = yield* get(PROGRESS, { taskId: w.taskId, unitId: w.unitId, period: w.period });
  if (old && old.status === w.status && old.text === w.text && old.reported_on === w.reportedOn) return false;
  const write = { taskId: w.taskId, unitId: w.unitId, period: w.period, status: w.status, text: w.text, reportedOn: w.reportedOn, by: w.by, at: w.at };
  yield* run(PUT_PROGRESS, write);
  yield* run(ADD_PROGRESS_HISTORY, { ...write, oldStatus: old?.status ?? null, oldText: old?.text ?? null });
  return true;
}

/** Writes one progress entry and its history row; false when nothing changed. Call inside a transaction. */
export function writeProgress(db: Db, w: ProgressWrite): boolean {
  return runSync(db, writeProgressOp(w));
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

const PROGRESS_HISTORY = query<
  {
    old_status: ProgressStatus | null;
    new_status: ProgressStatus;
    old_text: string | null;
    new_text: string;
    reported_on: string | null;
    changed_by: string;
    changed_at: string;
  },
  { taskId: number; unitId: number; period: string }
>((qb, p) =>
  qb
    .selectFrom('progress_history')
    .select(['old_status', 'new_status', 'old_text', 'new_text', 'reported_on', 'changed_by', 'changed_at'])
    .where('task_id', '=', p('taskId'))
    .where('unit_id', '=', p('unitId'))
    .where('period', '=', p('period'))
    .orderBy('id'),
);

export function* progressHistoryOp(taskId: number, unitId: number, period: string): Op<ProgressHistoryEntry[]> {
  return (yield* all(PROGRESS_HISTORY, { taskId, unitId, period })).map((r) => ({
    oldStatus: r.old_status,
    newStatus: r.new_status,
    oldText: r.old_text,
    newText: r.new_text,
    reportedOn: r.reported_on,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
  }));
}

export function progressHistory(db: Db, taskId: number, unitId: number, period: string): ProgressHistoryEntry[] {
  return runSync(db, progressHistoryOp(taskId, unitId, period));
}
