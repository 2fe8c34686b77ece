/**
 * The 牵头单位 / 责任单位 of tasks are kept as written (附件1 prints them so);
 * when a unit is renamed or merged, or a group phrase reworded, the texts of
 * the tasks linked to it follow, each change in the task's history.
 */
import { changeText } from '../../../shared/plan/rules';
import { replacePhraseInList, replaceUnitInList } from '../../../shared/units/listText';
import type { Db } from '../db/open';
import { audit, shortText } from '../plans/common';
import { recordEdit } from '../plans/history';

interface TaskTextRow {
  id: number;
  seq: number;
  plan_id: number;
  lead_text: string;
  responsible_text: string;
}

function rewrite(db: Db, rows: TaskTextRow[], by: string, why: string, change: (text: string) => string): number {
  const set = db.prepare('UPDATE tasks SET lead_text = ?, responsible_text = ? WHERE id = ?');
  const stamp = audit(by);
  let n = 0;
  for (const t of rows) {
    const lead = change(t.lead_text);
    const responsible = change(t.responsible_text);
    if (lead === t.lead_text && responsible === t.responsible_text) continue;
    set.run(lead, responsible, t.id);
    n++;
    for (const [field, label, before, after] of [
      ['lead_text', '牵头单位', t.lead_text, lead],
      ['responsible_text', '责任单位', t.responsible_text, responsible],
    ] as const) {
      if (before === after) continue;
      recordEdit(db, stamp, {
        planId: t.plan_id,
        entity: 'task',
        entityId: t.id,
        action: 'change',
        field,
        oldValue: before,
        newValue: after,
        summary: `任务${t.seq}${changeText(label, shortText(before, 40), shortText(after, 40))}（${why}）`,
      });
    }
  }
  return n;
}

const TASKS = `SELECT t.id, t.seq, a.plan_id, t.lead_text, t.responsible_text FROM tasks t JOIN action_lines a ON a.id = t.action_line_id`;

/** Tasks linked to the unit: `from` → `to` in their texts (a merge writes `to` once). Returns how many changed. */
export function rewriteTaskTexts(db: Db, unitId: number, from: string, to: string, by: string, why = `单位改名为“${to}”`): number {
  const rows = db.prepare(`${TASKS} WHERE t.id IN (SELECT task_id FROM task_units WHERE unit_id = ?)`).all(unitId) as TaskTextRow[];
  return rewrite(db, rows, by, why, (text) => replaceUnitInList(text, from, to));
}

/** Tasks whose units came through the phrase: its old wording → the new one. */
export function rewritePhraseTexts(db: Db, ownerUnitId: number, from: string, to: string, by: string): number {
  const rows = db
    .prepare(
      `${TASKS} JOIN plans p ON p.id = a.plan_id WHERE p.unit_id = ? AND (t.lead_text LIKE '%' || ? || '%' OR t.responsible_text LIKE '%' || ? || '%')`,
    )
    .all(ownerUnitId, from, from) as TaskTextRow[];
  db.prepare(
    `UPDATE task_units SET via_phrase = ? WHERE via_phrase = ? AND task_id IN
       (SELECT t.id FROM tasks t JOIN action_lines a ON a.id = t.action_line_id JOIN plans p ON p.id = a.plan_id WHERE p.unit_id = ?)`,
  ).run(to, from, ownerUnitId);
  return rewrite(db, rows, by, `组合称谓改为“${to}”`, (text) => replacePhraseInList(text, from, to));
}
