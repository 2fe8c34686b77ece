/**
 * The 牵头单位 / 责任单位 of tasks are kept as written (附件1 prints them so);
 * when a unit is renamed or merged, or a group phrase reworded, the texts of
 * the tasks linked to it follow, each change in the task's history.
 */
import { changeText } from '../../../shared/plan/rules';
import { replacePhraseInList, replaceUnitInList } from '../../../shared/units/listText';
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { all, query, run, runSync, type Op } from '../store/query';
import { audit, shortText } from '../plans/common';
import { recordEditOp } from '../plans/history';

interface TaskTextRow {
  id: number;
  seq: number;
  plan_id: number;
  lead_text: string;
  responsible_text: string;
}

const SET_TEXTS = query<never, { id: number; lead: string; responsible: string }>(
  (_qb, p) => sql`UPDATE tasks SET lead_text = ${p('lead')}, responsible_text = ${p('responsible')} WHERE id = ${p('id')}`,
);

function* rewriteOp(rows: TaskTextRow[], by: string, why: string, change: (text: string) => string): Op<number> {
  const stamp = audit(by);
  let n = 0;
  for (const t of rows) {
    const lead = change(t.lead_text);
    const responsible = change(t.responsible_text);
    if (lead === t.lead_text && responsible === t.responsible_text) continue;
    yield* run(SET_TEXTS, { id: t.id, lead, responsible });
    n++;
    for (const [field, label, before, after] of [
      ['lead_text', '牵头单位', t.lead_text, lead],
      ['responsible_text', '责任单位', t.responsible_text, responsible],
    ] as const) {
      if (before === after) continue;
      yield* recordEditOp(stamp, {
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

const TASKS = sql`SELECT t.id, t.seq, a.plan_id, t.lead_text, t.responsible_text FROM tasks t JOIN action_lines a ON a.id = t.action_line_id`;
const TASKS_OF_UNIT = query<TaskTextRow, { unitId: number }>(
  (_qb, p) => sql`${TASKS} WHERE t.id IN (SELECT task_id FROM task_units WHERE unit_id = ${p('unitId')})`,
);
// The pattern is '%' + the phrase + '%', made here (no text concatenation of a parameter, whose type PostgreSQL could not infer).
const TASKS_NAMING_PHRASE = query<TaskTextRow, { ownerUnitId: number; pattern: string }>(
  (_qb, p) =>
    sql`${TASKS} JOIN plans p ON p.id = a.plan_id WHERE p.unit_id = ${p('ownerUnitId')} AND (t.lead_text LIKE ${p('pattern')} OR t.responsible_text LIKE ${p('pattern')})`,
);
const RENAME_PHRASE_LINKS = query<never, { ownerUnitId: number; from: string; to: string }>(
  (_qb, p) => sql`UPDATE task_units SET via_phrase = ${p('to')} WHERE via_phrase = ${p('from')} AND task_id IN
       (SELECT t.id FROM tasks t JOIN action_lines a ON a.id = t.action_line_id JOIN plans p ON p.id = a.plan_id WHERE p.unit_id = ${p('ownerUnitId')})`,
);

/** Tasks linked to the unit: `from` → `to` in their texts (a merge writes `to` once). Returns how many changed. */
export function* rewriteTaskTextsOp(unitId: number, from: string, to: string, by: string, why = `单位改名为“${to}”`): Op<number> {
  const rows = yield* all(TASKS_OF_UNIT, { unitId });
  return yield* rewriteOp(rows, by, why, (text) => replaceUnitInList(text, from, to));
}

export function rewriteTaskTexts(db: Db, unitId: number, from: string, to: string, by: string, why = `单位改名为“${to}”`): number {
  return runSync(db, rewriteTaskTextsOp(unitId, from, to, by, why));
}

/** Tasks whose units came through the phrase: its old wording → the new one. */
export function* rewritePhraseTextsOp(ownerUnitId: number, from: string, to: string, by: string): Op<number> {
  const rows = yield* all(TASKS_NAMING_PHRASE, { ownerUnitId, pattern: `%${from}%` });
  yield* run(RENAME_PHRASE_LINKS, { ownerUnitId, from, to });
  return yield* rewriteOp(rows, by, `组合称谓改为“${to}”`, (text) => replacePhraseInList(text, from, to));
}
