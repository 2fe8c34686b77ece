/**
 * Group phrases (组合称谓: "各街道、镇、集聚区", "区直相关部门") edited in
 * 设置 → 单位与部门: the wording as documents write it, its other spellings
 * (for imports), and the units it stands for. Tasks that name the phrase
 * follow: a reworded phrase is reworded in their texts, a new member becomes
 * responsible, a member taken out stops being — unless it already reported
 * progress on such a task, which is refused with the names.
 */
import { ApiError } from '../../../shared/api/errors';
import type { UnitGroup } from '../../../shared/model/units';
import { changeText } from '../../../shared/plan/rules';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { insertGroupOp, listGroupsOp, listUnitsOp } from '../db/repos/units';
import { writeTxOp } from '../db/tx';
import { all, get, query, run, type Op } from '../store/query';
import { audit, shortText } from '../plans/common';
import { recordEditOp } from '../plans/history';
import { requireUnitOp } from './maintain';
import { rewritePhraseTextsOp } from './taskTexts';

export interface GroupInput {
  id?: number;
  ownerUnitId: number;
  phrase: string;
  aliases: string[];
  memberIds: number[];
}

const UPDATE_GROUP = query<never, { id: number; phrase: string; aliases: string }>(
  (_qb, p) => sql`UPDATE unit_groups SET phrase = ${p('phrase')}, aliases = ${p('aliases')} WHERE id = ${p('id')}`,
);
const DELETE_MEMBERS = query<never, { groupId: number }>((_qb, p) => sql`DELETE FROM unit_group_members WHERE group_id = ${p('groupId')}`);
const ADD_MEMBER = query<never, { groupId: number; unitId: number; sortOrder: number }>(
  (_qb, p) => sql`INSERT INTO unit_group_members (group_id, unit_id, sort_order) VALUES (${p('groupId')}, ${p('unitId')}, ${p('sortOrder')})`,
);
const TASKS_THROUGH_PHRASE = query<{ task_id: number }, { phrase: string; ownerUnitId: number }>(
  (_qb, p) => sql`SELECT DISTINCT tu.task_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN action_lines a ON a.id = t.action_line_id
        JOIN plans p ON p.id = a.plan_id WHERE tu.via_phrase = ${p('phrase')} AND tu.role = 'responsible' AND p.unit_id = ${p('ownerUnitId')}`,
);
const REPORTED_THROUGH = query<{ name: string }, { taskId: number; unitId: number; phrase: string }>(
  (_qb, p) => sql`SELECT u.name FROM progress p JOIN units u ON u.id = p.unit_id JOIN task_units tu ON tu.task_id = p.task_id AND tu.unit_id = p.unit_id
      WHERE p.task_id = ${p('taskId')} AND p.unit_id = ${p('unitId')} AND tu.via_phrase = ${p('phrase')} LIMIT 1`,
);
const DROP_LINK = query<never, { taskId: number; unitId: number; phrase: string }>(
  (_qb, p) => sql`DELETE FROM task_units WHERE task_id = ${p('taskId')} AND unit_id = ${p('unitId')} AND role = 'responsible' AND via_phrase = ${p('phrase')}`,
);
// INSERT … ON CONFLICT DO NOTHING: SQLite's INSERT OR IGNORE for a duplicate link, said the way both engines accept.
const ADD_LINK = query<never, { taskId: number; unitId: number; phrase: string }>(
  (_qb, p) => sql`INSERT INTO task_units (task_id, unit_id, role, via_phrase, sort_order)
      VALUES (${p('taskId')}, ${p('unitId')}, 'responsible', ${p('phrase')}, (SELECT coalesce(max(sort_order), 0) + 1 FROM task_units WHERE task_id = ${p('taskId')}))
      ON CONFLICT DO NOTHING`,
);
const DELETE_GROUP = query<never, { id: number }>((_qb, p) => sql`DELETE FROM unit_groups WHERE id = ${p('id')}`);

function* requireGroupOp(id: number): Op<UnitGroup> {
  const group = (yield* listGroupsOp()).find((g) => g.id === id);
  if (!group) throw new ApiError('not_found', `找不到编号为 ${id} 的组合称谓，它可能已被删除。请刷新页面后重试。`);
  return group;
}

function* checkedOp(input: GroupInput): Op<{ phrase: string; aliases: string[]; memberIds: number[] }> {
  const owner = yield* requireUnitOp(input.ownerUnitId);
  const phrase = input.phrase.trim();
  if (!phrase) throw new ApiError('bad_request', '组合称谓不能为空（如“各街道、镇、集聚区”）。');
  const clash = (yield* listGroupsOp()).find((g) => g.id !== input.id && g.ownerUnitId === owner.id && normaliseUnitName(g.phrase) === normaliseUnitName(phrase));
  if (clash) throw new ApiError('bad_request', `${owner.name}已有组合称谓“${clash.phrase}”，请换一个说法，或在原有称谓中修改。`);
  const aliases = [...new Set(input.aliases.map((a) => a.trim()).filter((a) => a && a !== phrase))];
  const children = new Map((yield* listUnitsOp()).filter((u) => u.parentId === owner.id).map((u) => [u.id, u]));
  const memberIds = [...new Set(input.memberIds)];
  if (memberIds.length === 0) throw new ApiError('bad_request', `组合称谓“${shortText(phrase)}”至少要包含一个单位。`);
  const stranger = memberIds.find((id) => !children.has(id));
  if (stranger !== undefined) throw new ApiError('bad_request', `单位编号 ${stranger} 不是${owner.name}的下级单位或部门，不能放进它的组合称谓。`);
  return { phrase, aliases, memberIds };
}

/** Adds or edits a group phrase; returns its id. */
export function saveGroup(db: Db, by: string, input: GroupInput): number {
  return writeTxOp(db, saveGroupOp(by, input));
}

export function* saveGroupOp(by: string, input: GroupInput): Op<number> {
  {
    const { phrase, aliases, memberIds } = yield* checkedOp(input);
    const stamp = audit(by);
    const names = new Map((yield* listUnitsOp()).map((u) => [u.id, u.name]));
    const list = (ids: number[]) => ids.map((id) => names.get(id)).join('、');
    if (input.id === undefined) {
      const id = yield* insertGroupOp({ phrase, aliases, ownerUnitId: input.ownerUnitId, memberIds });
      yield* recordEditOp(stamp, { planId: null, entity: 'unit', entityId: input.ownerUnitId, action: 'add', newValue: phrase, summary: `新增组合称谓“${phrase}”：${list(memberIds)}` });
      return id;
    }
    const old = yield* requireGroupOp(input.id);
    if (old.ownerUnitId !== input.ownerUnitId) throw new ApiError('bad_request', '组合称谓所属的单位不能修改。');
    if (old.phrase !== phrase) yield* rewritePhraseTextsOp(old.ownerUnitId, old.phrase, phrase, by);
    yield* relinkTasksOp(old, phrase, memberIds);
    yield* run(UPDATE_GROUP, { id: old.id, phrase, aliases: JSON.stringify(aliases) });
    yield* run(DELETE_MEMBERS, { groupId: old.id });
    for (const [i, unitId] of memberIds.entries()) yield* run(ADD_MEMBER, { groupId: old.id, unitId, sortOrder: i });
    const changes: [string, string, string][] = [
      ['称谓', old.phrase, phrase],
      ['其他写法', old.aliases.join('、'), aliases.join('、')],
      ['包含单位', list(old.memberIds), list(memberIds)],
    ];
    for (const [label, before, after] of changes) {
      if (before === after) continue;
      yield* recordEditOp(stamp, {
        planId: null,
        entity: 'unit',
        entityId: old.ownerUnitId,
        action: 'change',
        field: 'group',
        oldValue: before,
        newValue: after,
        summary: `组合称谓“${shortText(phrase)}”${changeText(label, before, after)}`,
      });
    }
    return old.id;
  }
}

/** Tasks whose responsible units came through the phrase get its new members; members taken out go, unless they reported. */
function* relinkTasksOp(old: UnitGroup, phrase: string, memberIds: number[]): Op<void> {
  const kept = new Set(memberIds);
  const removed = old.memberIds.filter((id) => !kept.has(id));
  const added = memberIds.filter((id) => !old.memberIds.includes(id));
  if (!removed.length && !added.length) return;
  const tasks = (yield* all(TASKS_THROUGH_PHRASE, { phrase, ownerUnitId: old.ownerUnitId })).map((r) => r.task_id);
  if (!tasks.length) return;
  const blocked = new Set<string>();
  for (const t of tasks) for (const u of removed) {
    const name = (yield* get(REPORTED_THROUGH, { taskId: t, unitId: u, phrase }))?.name;
    if (name) blocked.add(name);
  }
  if (blocked.size) {
    throw new ApiError(
      'bad_request',
      `${[...blocked].join('、')}已通过“${shortText(phrase)}”为相关任务填写了任务进展，不能从该组合称谓中去掉。如确需去掉，请先删除其进展记录，或在任务分解中直接指定该单位。`,
    );
  }
  for (const t of tasks) {
    for (const u of removed) yield* run(DROP_LINK, { taskId: t, unitId: u, phrase });
    for (const u of added) yield* run(ADD_LINK, { taskId: t, unitId: u, phrase });
  }
}

/** Removes a phrase; tasks that used it keep their units and their text as written. */
export function removeGroup(db: Db, by: string, groupId: number): void {
  writeTxOp(db, removeGroupOp(by, groupId));
}

export function* removeGroupOp(by: string, groupId: number): Op<void> {
  const group = yield* requireGroupOp(groupId);
  yield* run(DELETE_GROUP, { id: groupId });
  yield* recordEditOp(audit(by), {
    planId: null,
    entity: 'unit',
    entityId: group.ownerUnitId,
    action: 'remove',
    oldValue: group.phrase,
    summary: `删除组合称谓“${group.phrase}”（已使用它的任务保留原有责任单位和文字）`,
  });
}
