/** Action lines (重点工作) and tasks with their lead and responsible units. */
import type { ActionLine, Task, TaskUnitLink } from '../../../../shared/model/task';
import type { Db } from '../open';

export function insertActionLine(db: Db, a: Omit<ActionLine, 'id'>): number {
  return Number(
    db.prepare('INSERT INTO action_lines (plan_id, seq, title) VALUES (?, ?, ?)').run(a.planId, a.seq, a.title)
      .lastInsertRowid,
  );
}

export function insertTask(db: Db, t: Omit<Task, 'id'>): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO tasks (action_line_id, seq, content, lead_text, responsible_text, deadline)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(t.actionLineId, t.seq, t.content, t.leadText, t.responsibleText, t.deadline).lastInsertRowid,
  );
  const link = db.prepare(
    'INSERT INTO task_units (task_id, unit_id, role, via_phrase, sort_order) VALUES (?, ?, ?, ?, ?)',
  );
  t.units.forEach((u, i) => link.run(id, u.unitId, u.role, u.viaPhrase, i));
  return id;
}

export function listActionLines(db: Db, planId: number): ActionLine[] {
  return (
    db.prepare('SELECT id, plan_id, seq, title FROM action_lines WHERE plan_id = ? ORDER BY seq').all(planId) as {
      id: number;
      plan_id: number;
      seq: number;
      title: string;
    }[]
  ).map((r) => ({ id: r.id, planId: r.plan_id, seq: r.seq, title: r.title }));
}

export function listTasks(db: Db, planId: number): Task[] {
  const rows = db
    .prepare(
      `SELECT t.* FROM tasks t JOIN action_lines a ON a.id = t.action_line_id
       WHERE a.plan_id = ? ORDER BY t.seq, t.id`,
    )
    .all(planId) as {
    id: number;
    action_line_id: number;
    seq: number;
    content: string;
    lead_text: string;
    responsible_text: string;
    deadline: string | null;
  }[];
  const links = db
    .prepare(
      `SELECT tu.task_id, tu.unit_id, tu.role, tu.via_phrase FROM task_units tu
       JOIN tasks t ON t.id = tu.task_id JOIN action_lines a ON a.id = t.action_line_id
       WHERE a.plan_id = ? ORDER BY tu.task_id, tu.role, tu.sort_order`,
    )
    .all(planId) as { task_id: number; unit_id: number; role: TaskUnitLink['role']; via_phrase: string | null }[];
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
