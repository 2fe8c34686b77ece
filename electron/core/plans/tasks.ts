/**
 * 任务分解 edited in the window: add, edit, move and remove action lines and
 * tasks; lead and responsible units chosen from the unit tree, departments
 * and group phrases (各街道、镇、集聚区). Removing a task or an action line
 * whose tasks have 任务进展 lists what goes and needs the confirmation, with
 * a backup first. Task numbers (序号) run across the whole table, so they are
 * renumbered after every add, move and removal.
 */
import { ApiError } from '../../../shared/api/errors';
import type { TaskUnitLink } from '../../../shared/model/task';
import { changeText } from '../../../shared/plan/rules';
import { joinUnitList } from '../../../shared/units/listText';
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { insertActionLineOp, insertTaskOp, listActionLinesOp, listTasksOp, relinkTaskUnitsOp } from '../db/repos/tasks';
import { listGroupsOp, listUnitsOp } from '../db/repos/units';
import { writeTxOp } from '../db/tx';
import { all, get, query, run, type Op } from '../store/query';
import { requirePlanOp } from './scope';
import { runWithBackupOp, takeCopyOp, type BackupContext } from '../backup/service';
import { audit, planEditBacked, removalWith, shortText, type RemovalResult } from './common';
import { recordEditOp } from './history';

/** One responsible entry: a unit or department, or a group phrase standing for its members. */
export type ResponsibleChoice = { unitId: number } | { groupId: number };

export interface TaskInput {
  id?: number;
  actionLineId: number;
  content: string;
  leadUnitIds: number[];
  responsible: ResponsibleChoice[];
  deadline: string | null;
}

const SET_LINE_SEQ = query<never, { id: number; seq: number }>((_qb, p) => sql`UPDATE action_lines SET seq = ${p('seq')} WHERE id = ${p('id')}`);
const SET_TASK_SEQ = query<never, { id: number; seq: number }>((_qb, p) => sql`UPDATE tasks SET seq = ${p('seq')} WHERE id = ${p('id')}`);
const SET_LINE_TITLE = query<never, { id: number; title: string }>((_qb, p) => sql`UPDATE action_lines SET title = ${p('title')} WHERE id = ${p('id')}`);
const PROGRESS_COUNT = query<{ n: number }, { taskId: number }>((_qb, p) => sql`SELECT count(*) AS n FROM progress WHERE task_id = ${p('taskId')}`);
const DELETE_LINE = query<never, { id: number }>((_qb, p) => sql`DELETE FROM action_lines WHERE id = ${p('id')}`);
const DELETE_TASK = query<never, { id: number }>((_qb, p) => sql`DELETE FROM tasks WHERE id = ${p('id')}`);
const UPDATE_TASK = query<never, { id: number; actionLineId: number; content: string; leadText: string; responsibleText: string; deadline: string | null }>(
  (_qb, p) =>
    sql`UPDATE tasks SET action_line_id = ${p('actionLineId')}, content = ${p('content')}, lead_text = ${p('leadText')}, responsible_text = ${p('responsibleText')},
        deadline = ${p('deadline')} WHERE id = ${p('id')}`,
);
const UNITS_WITH_PROGRESS = query<{ unit_id: number }, { taskId: number }>(
  (_qb, p) => sql`SELECT DISTINCT unit_id FROM progress WHERE task_id = ${p('taskId')}`,
);
const MOVE_TASK = query<never, { id: number; actionLineId: number }>(
  (_qb, p) => sql`UPDATE tasks SET action_line_id = ${p('actionLineId')} WHERE id = ${p('id')}`,
);

/** 序号: action lines 1..n in their order, tasks 1..N across the table. Two steps past UNIQUE (plan_id, seq). */
function* renumberOp(planId: number): Op<void> {
  const lines = yield* listActionLinesOp(planId);
  for (const l of lines) yield* run(SET_LINE_SEQ, { id: l.id, seq: -l.id });
  for (const [i, l] of lines.entries()) yield* run(SET_LINE_SEQ, { id: l.id, seq: i + 1 });
  const lineOrder = new Map(lines.map((l, i) => [l.id, i]));
  const tasks = (yield* listTasksOp(planId)).sort((a, b) => lineOrder.get(a.actionLineId)! - lineOrder.get(b.actionLineId)! || a.seq - b.seq || a.id - b.id);
  for (const [i, t] of tasks.entries()) yield* run(SET_TASK_SEQ, { id: t.id, seq: i + 1 });
}

function* requireLineOp(planId: number, id: number) {
  const line = (yield* listActionLinesOp(planId)).find((l) => l.id === id);
  if (!line) throw new ApiError('not_found', `重点工作编号 ${id} 不属于本工作要点，请刷新页面后重试。`);
  return line;
}

function* requireTaskOp(planId: number, id: number) {
  const task = (yield* listTasksOp(planId)).find((t) => t.id === id);
  if (!task) throw new ApiError('not_found', `任务编号 ${id} 不属于本工作要点，请刷新页面后重试。`);
  return task;
}

/** Adds an action line at the end (no id) or renames one. */
export function saveActionLine(db: Db, by: string, planId: number, input: { id?: number; title: string }): number {
  return writeTxOp(db, saveActionLineOp(by, planId, input));
}

export function* saveActionLineOp(by: string, planId: number, input: { id?: number; title: string }): Op<number> {
  yield* requirePlanOp(planId);
  const title = input.title.trim();
  if (!title) throw new ApiError('bad_request', '重点工作的名称不能为空。');
  if (title.length > 200) throw new ApiError('bad_request', '重点工作的名称不能超过 200 个字。');
  const stamp = audit(by);
  if (input.id === undefined) {
    const seq = (yield* listActionLinesOp(planId)).length + 1;
    const id = yield* insertActionLineOp({ planId, seq, title });
    yield* recordEditOp(stamp, { planId, entity: 'action_line', entityId: id, action: 'add', newValue: title, summary: `新增重点工作：${title}` });
    return id;
  }
  const line = yield* requireLineOp(planId, input.id);
  if (line.title !== title) {
    yield* run(SET_LINE_TITLE, { id: line.id, title });
    yield* recordEditOp(stamp, {
      planId,
      entity: 'action_line',
      entityId: line.id,
      action: 'change',
      field: 'title',
      oldValue: line.title,
      newValue: title,
      summary: `重点工作${changeText('名称', line.title, title)}`,
    });
  }
  return line.id;
}

/** Moves an action line to position `index` (0-based) among the plan's lines. */
export function moveActionLine(db: Db, by: string, planId: number, id: number, index: number): void {
  writeTxOp(db, moveActionLineOp(by, planId, id, index));
}

export function* moveActionLineOp(by: string, planId: number, id: number, index: number): Op<void> {
  const lines = yield* listActionLinesOp(planId);
  const line = yield* requireLineOp(planId, id);
  const rest = lines.filter((l) => l.id !== id);
  const at = Math.max(0, Math.min(index, rest.length));
  rest.splice(at, 0, line);
  for (const l of rest) yield* run(SET_LINE_SEQ, { id: l.id, seq: -l.id });
  for (const [i, l] of rest.entries()) yield* run(SET_LINE_SEQ, { id: l.id, seq: i + 1 });
  yield* renumberOp(planId);
  yield* recordEditOp(audit(by), { planId, entity: 'action_line', entityId: id, action: 'move', summary: `重点工作“${shortText(line.title)}”移到第 ${at + 1} 项` });
}

/** The 任务进展 that go with these tasks, in the words the confirmation shows. */
function* progressLossesOp(tasks: { id: number; seq: number; content: string }[]): Op<string[]> {
  const out: string[] = [];
  for (const t of tasks) {
    const n = (yield* get(PROGRESS_COUNT, { taskId: t.id }))?.n ?? 0;
    if (n) out.push(`任务${t.seq}（${shortText(t.content, 20)}）的 ${n} 条任务进展将被删除`);
  }
  return out;
}


/** Removes an action line with its tasks; their progress is listed first and needs `confirm`. */
export function removeActionLine(ctx: BackupContext, by: string, planId: number, id: number, confirm: boolean): RemovalResult {
  const { result, backup } = runWithBackupOp(ctx, removeActionLineBacked(by, planId, id, confirm));
  return removalWith(result, backup);
}

export const removeActionLineBacked = (by: string, planId: number, id: number, confirm: boolean) =>
  planEditBacked(by, '删除重点工作', removeActionLineOp(by, planId, id, confirm));

/** The removal of an action line as one Op, run with its copy (runWithBackupOp / runWithBackupPg). */
export function* removeActionLineOp(by: string, planId: number, id: number, confirm: boolean): Op<RemovalResult> {
  yield* requirePlanOp(planId);
  const line = yield* requireLineOp(planId, id);
  const tasks = (yield* listTasksOp(planId)).filter((t) => t.actionLineId === id);
  const loses = [...(tasks.length ? [`其下的 ${tasks.length} 项任务将被删除`] : []), ...(yield* progressLossesOp(tasks))];
  const hasProgress = loses.length > (tasks.length ? 1 : 0);
  if (hasProgress && !confirm) return { done: false, loses, backup: null };
  if (tasks.length) yield* takeCopyOp(`删除重点工作 ${shortText(line.title)}`);
  yield* run(DELETE_LINE, { id });
  yield* renumberOp(planId);
  yield* recordEditOp(audit(by), {
    planId,
    entity: 'action_line',
    entityId: id,
    action: 'remove',
    oldValue: line.title,
    summary: `删除重点工作：${line.title}${loses.length ? `（${loses.join('；')}）` : ''}`,
  });
  return { done: true, loses, backup: null };
}

/** The same links, whatever their order: an edit that keeps them keeps the texts as written. */
const sameLinks = (a: TaskUnitLink[], b: TaskUnitLink[]) => {
  const key = (l: TaskUnitLink) => `${l.role}:${l.unitId}:${l.viaPhrase ?? ''}`;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
};

/** The unit links and the texts "as written" of a task from the choices in the form. */
function* linksFromOp(planId: number, input: TaskInput): Op<{ units: TaskUnitLink[]; leadText: string; responsibleText: string }> {
  const plan = yield* requirePlanOp(planId);
  const units = new Map((yield* listUnitsOp()).map((u) => [u.id, u]));
  const groups = new Map((yield* listGroupsOp()).map((g) => [g.id, g]));
  const nameOf = (id: number) => {
    const u = units.get(id);
    if (!u) throw new ApiError('bad_request', `单位编号 ${id} 不存在，请刷新页面后重试。`);
    return u.name;
  };
  if (input.leadUnitIds.length === 0) throw new ApiError('bad_request', '请选择牵头单位。');
  const links: TaskUnitLink[] = input.leadUnitIds.map((unitId) => (nameOf(unitId), { unitId, role: 'lead', viaPhrase: null }));
  const responsibleNames: string[] = [];
  const phrases = new Set<string>();
  for (const r of input.responsible) {
    if ('unitId' in r) {
      responsibleNames.push(nameOf(r.unitId));
      links.push({ unitId: r.unitId, role: 'responsible', viaPhrase: null });
    } else {
      const g = groups.get(r.groupId);
      if (!g || g.ownerUnitId !== plan.unitId) throw new ApiError('bad_request', `组合称谓编号 ${r.groupId} 不属于本单位，请刷新页面后重试。`);
      responsibleNames.push(g.phrase);
      phrases.add(g.phrase);
      for (const unitId of g.memberIds) links.push({ unitId, role: 'responsible', viaPhrase: g.phrase });
    }
  }
  // A unit named twice (directly and through a phrase) is linked once.
  const seen = new Set<string>();
  const unique = links.filter((l) => {
    const key = `${l.role}:${l.unitId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { units: unique, leadText: input.leadUnitIds.map(nameOf).join('、'), responsibleText: joinUnitList(responsibleNames, phrases) };
}

/** Adds a task at the end of its action line (no id), or edits one in place (its progress stays with it). */
export function saveTask(db: Db, by: string, planId: number, input: TaskInput): number {
  return writeTxOp(db, saveTaskOp(by, planId, input));
}

export function* saveTaskOp(by: string, planId: number, input: TaskInput): Op<number> {
  const content = input.content.trim().replace(/\s*\n\s*/g, '');
  if (!content) throw new ApiError('bad_request', '任务内容不能为空。');
  if (content.length > 2000) throw new ApiError('bad_request', '任务内容不能超过 2000 个字。');
  if (input.deadline !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.deadline)) throw new ApiError('bad_request', '完成时限的日期格式应为 2022-12-31。');
  yield* requireLineOp(planId, input.actionLineId);
  const links = yield* linksFromOp(planId, input);
  const { units } = links;
  let { leadText, responsibleText } = links;
  const stamp = audit(by);
  if (input.id === undefined) {
    // After every task (so after its line's last one); renumber() then gives the table's 序号.
    const seq = (yield* listTasksOp(planId)).reduce((m, t) => Math.max(m, t.seq), 0) + 1;
    const id = yield* insertTaskOp({ actionLineId: input.actionLineId, seq, content, leadText, responsibleText, deadline: input.deadline, units });
    yield* renumberOp(planId);
    yield* recordEditOp(stamp, { planId, entity: 'task', entityId: id, action: 'add', newValue: content, summary: `新增任务：${shortText(content, 40)}（牵头：${leadText}）` });
    return id;
  }
  const old = yield* requireTaskOp(planId, input.id);
  // Units unchanged: the texts stay as the document (or an import) wrote them.
  if (sameLinks(old.units, units)) {
    leadText = old.leadText;
    responsibleText = old.responsibleText;
  }
  yield* run(UPDATE_TASK, { id: old.id, actionLineId: input.actionLineId, content, leadText, responsibleText, deadline: input.deadline });
  // Units that still carry progress for this task stay responsible: their progress must keep its row.
  const withProgress = (yield* all(UNITS_WITH_PROGRESS, { taskId: old.id })).map((r) => r.unit_id);
  const keptResponsible = new Set(units.filter((u) => u.role === 'responsible').map((u) => u.unitId));
  const dropped = withProgress.filter((u) => !keptResponsible.has(u));
  if (dropped.length) {
    const names = (yield* listUnitsOp()).filter((u) => dropped.includes(u.id)).map((u) => u.name).join('、');
    throw new ApiError('bad_request', `${names}已为任务${old.seq}填写了任务进展，不能从责任单位中去掉。如确需去掉，请先删除该单位的进展记录，或删除整项任务。`);
  }
  yield* relinkTaskUnitsOp(old.id, units);
  if (old.actionLineId !== input.actionLineId) yield* renumberOp(planId);
  const changes: [string, string, string, string][] = [
    ['content', '内容', old.content, content],
    ['lead_text', '牵头单位', old.leadText, leadText],
    ['responsible_text', '责任单位', old.responsibleText, responsibleText],
    ['deadline', '完成时限', old.deadline ?? '', input.deadline ?? ''],
  ];
  for (const [field, label, before, after] of changes) {
    if (before === after) continue;
    yield* recordEditOp(stamp, {
      planId,
      entity: 'task',
      entityId: old.id,
      action: 'change',
      field,
      oldValue: before,
      newValue: after,
      summary: `任务${old.seq}${changeText(label, shortText(before, 40), shortText(after, 40))}`,
    });
  }
  return old.id;
}

/** Moves a task into an action line at position `index` (0-based) among that line's tasks. */
export function moveTask(db: Db, by: string, planId: number, taskId: number, actionLineId: number, index: number): void {
  writeTxOp(db, moveTaskOp(by, planId, taskId, actionLineId, index));
}

export function* moveTaskOp(by: string, planId: number, taskId: number, actionLineId: number, index: number): Op<void> {
  const task = yield* requireTaskOp(planId, taskId);
  const line = yield* requireLineOp(planId, actionLineId);
  const inLine = (yield* listTasksOp(planId)).filter((t) => t.actionLineId === actionLineId && t.id !== taskId);
  const at = Math.max(0, Math.min(index, inLine.length));
  inLine.splice(at, 0, task);
  yield* run(MOVE_TASK, { id: taskId, actionLineId });
  for (const [i, t] of inLine.entries()) yield* run(SET_TASK_SEQ, { id: t.id, seq: 100_000 + i });
  yield* renumberOp(planId);
  yield* recordEditOp(audit(by), {
    planId,
    entity: 'task',
    entityId: taskId,
    action: 'move',
    summary: `任务“${shortText(task.content, 20)}”移到“${shortText(line.title)}”第 ${at + 1} 项`,
  });
}

/** Removes a task; its progress is listed first and needs `confirm`, with a backup before. */
export function removeTask(ctx: BackupContext, by: string, planId: number, taskId: number, confirm: boolean): RemovalResult {
  const { result, backup } = runWithBackupOp(ctx, removeTaskBacked(by, planId, taskId, confirm));
  return removalWith(result, backup);
}

export const removeTaskBacked = (by: string, planId: number, taskId: number, confirm: boolean) =>
  planEditBacked(by, '删除任务', removeTaskOp(by, planId, taskId, confirm));

/** The removal of a task as one Op, run with its copy (runWithBackupOp / runWithBackupPg). */
export function* removeTaskOp(by: string, planId: number, taskId: number, confirm: boolean): Op<RemovalResult> {
  yield* requirePlanOp(planId);
  const task = yield* requireTaskOp(planId, taskId);
  const loses = yield* progressLossesOp([task]);
  if (loses.length && !confirm) return { done: false, loses, backup: null };
  if (loses.length) yield* takeCopyOp(`删除任务${task.seq}`);
  yield* run(DELETE_TASK, { id: taskId });
  yield* renumberOp(planId);
  yield* recordEditOp(audit(by), {
    planId,
    entity: 'task',
    entityId: taskId,
    action: 'remove',
    oldValue: task.content,
    summary: `删除任务${task.seq}：${shortText(task.content, 40)}${loses.length ? `（${loses.join('；')}）` : ''}`,
  });
  return { done: true, loses, backup: null };
}
