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
import type { Db } from '../db/open';
import { insertActionLine, insertTask, listActionLines, listTasks } from '../db/repos/tasks';
import { listGroups, listUnits } from '../db/repos/units';
import { writeTx } from '../db/tx';
import { requirePlan } from './scope';
import { runWithBackup, type BackupContext } from '../backup/service';
import { audit, shortText, type RemovalResult } from './common';
import { recordEdit } from './history';

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

/** 序号: action lines 1..n in their order, tasks 1..N across the table. Two steps past UNIQUE (plan_id, seq). */
function renumber(db: Db, planId: number): void {
  const lines = listActionLines(db, planId);
  const setLine = db.prepare('UPDATE action_lines SET seq = ? WHERE id = ?');
  lines.forEach((l) => setLine.run(-l.id, l.id));
  lines.forEach((l, i) => setLine.run(i + 1, l.id));
  const lineOrder = new Map(lines.map((l, i) => [l.id, i]));
  const tasks = listTasks(db, planId).sort((a, b) => lineOrder.get(a.actionLineId)! - lineOrder.get(b.actionLineId)! || a.seq - b.seq || a.id - b.id);
  const setTask = db.prepare('UPDATE tasks SET seq = ? WHERE id = ?');
  tasks.forEach((t, i) => setTask.run(i + 1, t.id));
}

function requireLine(db: Db, planId: number, id: number) {
  const line = listActionLines(db, planId).find((l) => l.id === id);
  if (!line) throw new ApiError('not_found', `重点工作编号 ${id} 不属于本工作要点，请刷新页面后重试。`);
  return line;
}

function requireTask(db: Db, planId: number, id: number) {
  const task = listTasks(db, planId).find((t) => t.id === id);
  if (!task) throw new ApiError('not_found', `任务编号 ${id} 不属于本工作要点，请刷新页面后重试。`);
  return task;
}

/** Adds an action line at the end (no id) or renames one. */
export function saveActionLine(db: Db, by: string, planId: number, input: { id?: number; title: string }): number {
  return writeTx(db, () => {
    requirePlan(db, planId);
    const title = input.title.trim();
    if (!title) throw new ApiError('bad_request', '重点工作的名称不能为空。');
    if (title.length > 200) throw new ApiError('bad_request', '重点工作的名称不能超过 200 个字。');
    const stamp = audit(by);
    if (input.id === undefined) {
      const seq = listActionLines(db, planId).length + 1;
      const id = insertActionLine(db, { planId, seq, title });
      recordEdit(db, stamp, { planId, entity: 'action_line', entityId: id, action: 'add', newValue: title, summary: `新增重点工作：${title}` });
      return id;
    }
    const line = requireLine(db, planId, input.id);
    if (line.title !== title) {
      db.prepare('UPDATE action_lines SET title = ? WHERE id = ?').run(title, line.id);
      recordEdit(db, stamp, {
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
  });
}

/** Moves an action line to position `index` (0-based) among the plan's lines. */
export function moveActionLine(db: Db, by: string, planId: number, id: number, index: number): void {
  writeTx(db, () => {
    const lines = listActionLines(db, planId);
    const line = requireLine(db, planId, id);
    const rest = lines.filter((l) => l.id !== id);
    const at = Math.max(0, Math.min(index, rest.length));
    rest.splice(at, 0, line);
    const set = db.prepare('UPDATE action_lines SET seq = ? WHERE id = ?');
    rest.forEach((l) => set.run(-l.id, l.id));
    rest.forEach((l, i) => set.run(i + 1, l.id));
    renumber(db, planId);
    recordEdit(db, audit(by), { planId, entity: 'action_line', entityId: id, action: 'move', summary: `重点工作“${shortText(line.title)}”移到第 ${at + 1} 项` });
  });
}

/** The 任务进展 that go with these tasks, in the words the confirmation shows. */
function progressLosses(db: Db, tasks: { id: number; seq: number; content: string }[]): string[] {
  const count = db.prepare('SELECT count(*) FROM progress WHERE task_id = ?').pluck();
  return tasks.flatMap((t) => {
    const n = count.get(t.id) as number;
    return n ? [`任务${t.seq}（${shortText(t.content, 20)}）的 ${n} 条任务进展将被删除`] : [];
  });
}

const removal = (backup: { id: string; createdAt: string } | null | undefined) => (backup ? { id: backup.id, createdAt: backup.createdAt } : null);

/** Removes an action line with its tasks; their progress is listed first and needs `confirm`. */
export function removeActionLine(ctx: BackupContext, by: string, planId: number, id: number, confirm: boolean): RemovalResult {
  const { db } = ctx;
  requirePlan(db, planId);
  const line = requireLine(db, planId, id);
  const tasks = listTasks(db, planId).filter((t) => t.actionLineId === id);
  const loses = [...(tasks.length ? [`其下的 ${tasks.length} 项任务将被删除`] : []), ...progressLosses(db, tasks)];
  const hasProgress = loses.length > (tasks.length ? 1 : 0);
  if (hasProgress && !confirm) return { done: false, loses, backup: null };
  const { backup } = runWithBackup(ctx, { operation: 'plan.edit', reason: `删除重点工作 ${shortText(line.title)}`, by, what: '删除重点工作' }, (copy) => {
    if (tasks.length) copy.take();
    db.prepare('DELETE FROM action_lines WHERE id = ?').run(id);
    renumber(db, planId);
    recordEdit(db, audit(by), {
      planId,
      entity: 'action_line',
      entityId: id,
      action: 'remove',
      oldValue: line.title,
      summary: `删除重点工作：${line.title}${loses.length ? `（${loses.join('；')}）` : ''}`,
    });
  });
  return { done: true, loses, backup: removal(backup) };
}

/** The same links, whatever their order: an edit that keeps them keeps the texts as written. */
const sameLinks = (a: TaskUnitLink[], b: TaskUnitLink[]) => {
  const key = (l: TaskUnitLink) => `${l.role}:${l.unitId}:${l.viaPhrase ?? ''}`;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
};

/** The unit links and the texts "as written" of a task from the choices in the form. */
function linksFrom(db: Db, planId: number, input: TaskInput): { units: TaskUnitLink[]; leadText: string; responsibleText: string } {
  const plan = requirePlan(db, planId);
  const units = new Map(listUnits(db).map((u) => [u.id, u]));
  const groups = new Map(listGroups(db).map((g) => [g.id, g]));
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
  return writeTx(db, () => {
    const content = input.content.trim().replace(/\s*\n\s*/g, '');
    if (!content) throw new ApiError('bad_request', '任务内容不能为空。');
    if (content.length > 2000) throw new ApiError('bad_request', '任务内容不能超过 2000 个字。');
    if (input.deadline !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.deadline)) throw new ApiError('bad_request', '完成时限的日期格式应为 2022-12-31。');
    requireLine(db, planId, input.actionLineId);
    const links = linksFrom(db, planId, input);
    const { units } = links;
    let { leadText, responsibleText } = links;
    const stamp = audit(by);
    if (input.id === undefined) {
      // After every task (so after its line's last one); renumber() then gives the table's 序号.
      const seq = listTasks(db, planId).reduce((m, t) => Math.max(m, t.seq), 0) + 1;
      const id = insertTask(db, { actionLineId: input.actionLineId, seq, content, leadText, responsibleText, deadline: input.deadline, units });
      renumber(db, planId);
      recordEdit(db, stamp, { planId, entity: 'task', entityId: id, action: 'add', newValue: content, summary: `新增任务：${shortText(content, 40)}（牵头：${leadText}）` });
      return id;
    }
    const old = requireTask(db, planId, input.id);
    // Units unchanged: the texts stay as the document (or an import) wrote them.
    if (sameLinks(old.units, units)) {
      leadText = old.leadText;
      responsibleText = old.responsibleText;
    }
    db.prepare('UPDATE tasks SET action_line_id = ?, content = ?, lead_text = ?, responsible_text = ?, deadline = ? WHERE id = ?').run(
      input.actionLineId,
      content,
      leadText,
      responsibleText,
      input.deadline,
      old.id,
    );
    // Units that still carry progress for this task stay responsible: their progress must keep its row.
    const withProgress = db.prepare('SELECT DISTINCT unit_id FROM progress WHERE task_id = ?').pluck().all(old.id) as number[];
    const keptResponsible = new Set(units.filter((u) => u.role === 'responsible').map((u) => u.unitId));
    const dropped = withProgress.filter((u) => !keptResponsible.has(u));
    if (dropped.length) {
      const names = listUnits(db).filter((u) => dropped.includes(u.id)).map((u) => u.name).join('、');
      throw new ApiError('bad_request', `${names}已为任务${old.seq}填写了任务进展，不能从责任单位中去掉。如确需去掉，请先删除该单位的进展记录，或删除整项任务。`);
    }
    db.prepare('DELETE FROM task_units WHERE task_id = ?').run(old.id);
    const link = db.prepare('INSERT INTO task_units (task_id, unit_id, role, via_phrase, sort_order) VALUES (?, ?, ?, ?, ?)');
    units.forEach((u, i) => link.run(old.id, u.unitId, u.role, u.viaPhrase, i));
    if (old.actionLineId !== input.actionLineId) renumber(db, planId);
    const changes: [string, string, string, string][] = [
      ['content', '内容', old.content, content],
      ['lead_text', '牵头单位', old.leadText, leadText],
      ['responsible_text', '责任单位', old.responsibleText, responsibleText],
      ['deadline', '完成时限', old.deadline ?? '', input.deadline ?? ''],
    ];
    for (const [field, label, before, after] of changes) {
      if (before === after) continue;
      recordEdit(db, stamp, {
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
  });
}

/** Moves a task into an action line at position `index` (0-based) among that line's tasks. */
export function moveTask(db: Db, by: string, planId: number, taskId: number, actionLineId: number, index: number): void {
  writeTx(db, () => {
    const task = requireTask(db, planId, taskId);
    const line = requireLine(db, planId, actionLineId);
    const inLine = listTasks(db, planId).filter((t) => t.actionLineId === actionLineId && t.id !== taskId);
    const at = Math.max(0, Math.min(index, inLine.length));
    inLine.splice(at, 0, task);
    db.prepare('UPDATE tasks SET action_line_id = ? WHERE id = ?').run(actionLineId, taskId);
    const set = db.prepare('UPDATE tasks SET seq = ? WHERE id = ?');
    inLine.forEach((t, i) => set.run(100_000 + i, t.id));
    renumber(db, planId);
    recordEdit(db, audit(by), {
      planId,
      entity: 'task',
      entityId: taskId,
      action: 'move',
      summary: `任务“${shortText(task.content, 20)}”移到“${shortText(line.title)}”第 ${at + 1} 项`,
    });
  });
}

/** Removes a task; its progress is listed first and needs `confirm`, with a backup before. */
export function removeTask(ctx: BackupContext, by: string, planId: number, taskId: number, confirm: boolean): RemovalResult {
  const { db } = ctx;
  requirePlan(db, planId);
  const task = requireTask(db, planId, taskId);
  const loses = progressLosses(db, [task]);
  if (loses.length && !confirm) return { done: false, loses, backup: null };
  const { backup } = runWithBackup(ctx, { operation: 'plan.edit', reason: `删除任务${task.seq}`, by, what: '删除任务' }, (copy) => {
    if (loses.length) copy.take();
    db.prepare('DELETE FROM tasks WHERE id = ?').run(taskId);
    renumber(db, planId);
    recordEdit(db, audit(by), {
      planId,
      entity: 'task',
      entityId: taskId,
      action: 'remove',
      oldValue: task.content,
      summary: `删除任务${task.seq}：${shortText(task.content, 40)}${loses.length ? `（${loses.join('；')}）` : ''}`,
    });
  });
  return { done: true, loses, backup: removal(backup) };
}
