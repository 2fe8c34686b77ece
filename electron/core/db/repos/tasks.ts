/**
 * Action lines (重点工作) and tasks with their lead and responsible units.
 * Over the query layer (store/query.ts): the same queries on a SQLite file
 * (the synchronous functions) and a PostgreSQL store (the `…Op` generators).
 */
import type { ActionLine, Task, TaskUnitLink } from '../../../../shared/model/task';
import type { Db } from '../open';
import { all, get, query, returnedId, run, runSync, type Op } from '../../store/query';

const INSERT_ACTION_LINE = query<{ id: number }, { planId: number; seq: number; title: string }>((qb, p) =>
  qb.insertInto('action_lines').values({ plan_id: p('planId'), seq: p('seq'), title: p('title') }).returning('id'),
);

export function* insertActionLineOp(a: Omit<ActionLine, 'id'>): Op<number> {
  return returnedId(yield* get(INSERT_ACTION_LINE, { planId: a.planId, seq: a.seq, title: a.title }));
}

export function insertActionLine(db: Db, a: Omit<ActionLine, 'id'>): number {
  return runSync(db, insertActionLineOp(a));
}

const INSERT_TASK = query<
  { id: number },
  { actionLineId: number; seq: number; content: string; leadText: string; responsibleText: string; deadline: string | null }
>((qb, p) =>
  qb
    .insertInto('tasks')
    .values({
      action_line_id: p('actionLineId'),
      seq: p('seq'),
      content: p('content'),
      lead_text: p('leadText'),
      responsible_text: p('responsibleText'),
      deadline: p('deadline'),
    })
    .returning('id'),
);
const INSERT_TASK_UNIT = query<never, { taskId: number; unitId: number; role: TaskUnitLink['role']; viaPhrase: string | null; sortOrder: number }>(
  (qb, p) =>
    qb
      .insertInto('task_units')
      .values({ task_id: p('taskId'), unit_id: p('unitId'), role: p('role'), via_phrase: p('viaPhrase'), sort_order: p('sortOrder') }),
);

export function* insertTaskOp(t: Omit<Task, 'id'>): Op<number> {
  const id = returnedId(
    yield* get(INSERT_TASK, {
      actionLineId: t.actionLineId,
      seq: t.seq,
      content: t.content,
      leadText: t.leadText,
      responsibleText: t.responsibleText,
      deadline: t.deadline,
    }),
  );
  yield* linkTaskUnitsOp(id, t.units);
  return id;
}

/** A task's lead and responsible units, in their order (a new task, or one whose links were cleared). */
const CLEAR_TASK_UNITS = query<never, { taskId: number }>((qb, p) => qb.deleteFrom('task_units').where('task_id', '=', p('taskId')));

/** A task's units replaced by these, in this order (an edited task, a task an import updates in place). */
export function* relinkTaskUnitsOp(taskId: number, units: readonly TaskUnitLink[]): Op<void> {
  yield* run(CLEAR_TASK_UNITS, { taskId });
  yield* linkTaskUnitsOp(taskId, units);
}

export function* linkTaskUnitsOp(taskId: number, units: readonly TaskUnitLink[]): Op<void> {
  for (const [i, u] of units.entries()) {
    yield* run(INSERT_TASK_UNIT, { taskId, unitId: u.unitId, role: u.role, viaPhrase: u.viaPhrase, sortOrder: i });
  }
}

export function insertTask(db: Db, t: Omit<Task, 'id'>): number {
  return runSync(db, insertTaskOp(t));
}

const PLAN_ACTION_LINES = query<{ id: number; plan_id: number; seq: number; title: string }, { planId: number }>((qb, p) =>
  qb.selectFrom('action_lines').select(['id', 'plan_id', 'seq', 'title']).where('plan_id', '=', p('planId')).orderBy('seq'),
);

export function* listActionLinesOp(planId: number): Op<ActionLine[]> {
  return (yield* all(PLAN_ACTION_LINES, { planId })).map((r) => ({ id: r.id, planId: r.plan_id, seq: r.seq, title: r.title }));
}

export function listActionLines(db: Db, planId: number): ActionLine[] {
  return runSync(db, listActionLinesOp(planId));
}

interface TaskRow {
  id: number;
  action_line_id: number;
  seq: number;
  content: string;
  lead_text: string;
  responsible_text: string;
  deadline: string | null;
}

const PLAN_TASKS = query<TaskRow, { planId: number }>((qb, p) =>
  qb
    .selectFrom('tasks as t')
    .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
    .selectAll('t')
    .where('a.plan_id', '=', p('planId'))
    .orderBy('t.seq')
    .orderBy('t.id'),
);
const PLAN_TASK_UNITS = query<{ task_id: number; unit_id: number; role: TaskUnitLink['role']; via_phrase: string | null }, { planId: number }>((qb, p) =>
  qb
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
    .select(['tu.task_id', 'tu.unit_id', 'tu.role', 'tu.via_phrase'])
    .where('a.plan_id', '=', p('planId'))
    .orderBy('tu.task_id')
    .orderBy('tu.role')
    .orderBy('tu.sort_order'),
);

export function* listTasksOp(planId: number): Op<Task[]> {
  const rows = yield* all(PLAN_TASKS, { planId });
  const links = yield* all(PLAN_TASK_UNITS, { planId });
  const byTask = new Map<number, TaskUnitLink[]>();
  for (const l of links) {
    const list = byTask.get(l.task_id) ?? [];
    list.push({ unitId: l.unit_id, role: l.role, viaPhrase: l.via_phrase });
    byTask.set(l.task_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    actionLineId: r.action_line_id,
    seq: r.seq,
    content: r.content,
    leadText: r.lead_text,
    responsibleText: r.responsible_text,
    deadline: r.deadline,
    units: byTask.get(r.id) ?? [],
  }));
}

export function listTasks(db: Db, planId: number): Task[] {
  return runSync(db, listTasksOp(planId));
}
