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
import type { Db } from '../db/open';
import { insertGroup, listGroups, listUnits } from '../db/repos/units';
import { writeTx } from '../db/tx';
import { audit, shortText } from '../plans/common';
import { recordEdit } from '../plans/history';
import { requireUnit } from './maintain';
import { rewritePhraseTexts } from './taskTexts';

export interface GroupInput {
  id?: number;
  ownerUnitId: number;
  phrase: string;
  aliases: string[];
  memberIds: number[];
}

function requireGroup(db: Db, id: number): UnitGroup {
  const group = listGroups(db).find((g) => g.id === id);
  if (!group) throw new ApiError('not_found', `找不到编号为 ${id} 的组合称谓，它可能已被删除。请刷新页面后重试。`);
  return group;
}

function checked(db: Db, input: GroupInput): { phrase: string; aliases: string[]; memberIds: number[] } {
  const owner = requireUnit(db, input.ownerUnitId);
  const phrase = input.phrase.trim();
  if (!phrase) throw new ApiError('bad_request', '组合称谓不能为空（如“各街道、镇、集聚区”）。');
  const clash = listGroups(db).find((g) => g.id !== input.id && g.ownerUnitId === owner.id && normaliseUnitName(g.phrase) === normaliseUnitName(phrase));
  if (clash) throw new ApiError('bad_request', `${owner.name}已有组合称谓“${clash.phrase}”，请换一个说法，或在原有称谓中修改。`);
  const aliases = [...new Set(input.aliases.map((a) => a.trim()).filter((a) => a && a !== phrase))];
  const children = new Map(listUnits(db).filter((u) => u.parentId === owner.id).map((u) => [u.id, u]));
  const memberIds = [...new Set(input.memberIds)];
  if (memberIds.length === 0) throw new ApiError('bad_request', `组合称谓“${shortText(phrase)}”至少要包含一个单位。`);
  const stranger = memberIds.find((id) => !children.has(id));
  if (stranger !== undefined) throw new ApiError('bad_request', `单位编号 ${stranger} 不是${owner.name}的下级单位或部门，不能放进它的组合称谓。`);
  return { phrase, aliases, memberIds };
}

/** Adds or edits a group phrase; returns its id. */
export function saveGroup(db: Db, by: string, input: GroupInput): number {
  return writeTx(db, () => {
    const { phrase, aliases, memberIds } = checked(db, input);
    const stamp = audit(by);
    const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
    const list = (ids: number[]) => ids.map((id) => names.get(id)).join('、');
    if (input.id === undefined) {
      const id = insertGroup(db, { phrase, aliases, ownerUnitId: input.ownerUnitId, memberIds });
      recordEdit(db, stamp, { planId: null, entity: 'unit', entityId: input.ownerUnitId, action: 'add', newValue: phrase, summary: `新增组合称谓“${phrase}”：${list(memberIds)}` });
      return id;
    }
    const old = requireGroup(db, input.id);
    if (old.ownerUnitId !== input.ownerUnitId) throw new ApiError('bad_request', '组合称谓所属的单位不能修改。');
    if (old.phrase !== phrase) rewritePhraseTexts(db, old.ownerUnitId, old.phrase, phrase, by);
    relinkTasks(db, old, phrase, memberIds);
    db.prepare('UPDATE unit_groups SET phrase = ?, aliases = ? WHERE id = ?').run(phrase, JSON.stringify(aliases), old.id);
    db.prepare('DELETE FROM unit_group_members WHERE group_id = ?').run(old.id);
    const add = db.prepare('INSERT INTO unit_group_members (group_id, unit_id, sort_order) VALUES (?, ?, ?)');
    memberIds.forEach((unitId, i) => add.run(old.id, unitId, i));
    const changes: [string, string, string][] = [
      ['称谓', old.phrase, phrase],
      ['其他写法', old.aliases.join('、'), aliases.join('、')],
      ['包含单位', list(old.memberIds), list(memberIds)],
    ];
    for (const [label, before, after] of changes) {
      if (before === after) continue;
      recordEdit(db, stamp, {
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
  });
}

/** Tasks whose responsible units came through the phrase get its new members; members taken out go, unless they reported. */
function relinkTasks(db: Db, old: UnitGroup, phrase: string, memberIds: number[]): void {
  const kept = new Set(memberIds);
  const removed = old.memberIds.filter((id) => !kept.has(id));
  const added = memberIds.filter((id) => !old.memberIds.includes(id));
  if (!removed.length && !added.length) return;
  const tasks = db
    .prepare(
      `SELECT DISTINCT tu.task_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN action_lines a ON a.id = t.action_line_id
        JOIN plans p ON p.id = a.plan_id WHERE tu.via_phrase = ? AND tu.role = 'responsible' AND p.unit_id = ?`,
    )
    .pluck()
    .all(phrase, old.ownerUnitId) as number[];
  if (!tasks.length) return;
  const reported = db.prepare(
    `SELECT u.name FROM progress p JOIN units u ON u.id = p.unit_id JOIN task_units tu ON tu.task_id = p.task_id AND tu.unit_id = p.unit_id
      WHERE p.task_id = ? AND p.unit_id = ? AND tu.via_phrase = ? LIMIT 1`,
  ).pluck();
  const blocked = new Set<string>();
  for (const t of tasks) for (const u of removed) {
    const name = reported.get(t, u, phrase) as string | undefined;
    if (name) blocked.add(name);
  }
  if (blocked.size) {
    throw new ApiError(
      'bad_request',
      `${[...blocked].join('、')}已通过“${shortText(phrase)}”为相关任务填写了任务进展，不能从该组合称谓中去掉。如确需去掉，请先删除其进展记录，或在任务分解中直接指定该单位。`,
    );
  }
  const drop = db.prepare("DELETE FROM task_units WHERE task_id = ? AND unit_id = ? AND role = 'responsible' AND via_phrase = ?");
  const link = db.prepare(
    "INSERT OR IGNORE INTO task_units (task_id, unit_id, role, via_phrase, sort_order) VALUES (?, ?, 'responsible', ?, (SELECT ifnull(max(sort_order), 0) + 1 FROM task_units WHERE task_id = ?))",
  );
  for (const t of tasks) {
    for (const u of removed) drop.run(t, u, phrase);
    for (const u of added) link.run(t, u, phrase, t);
  }
}

/** Removes a phrase; tasks that used it keep their units and their text as written. */
export function removeGroup(db: Db, by: string, groupId: number): void {
  writeTx(db, () => {
    const group = requireGroup(db, groupId);
    db.prepare('DELETE FROM unit_groups WHERE id = ?').run(groupId);
    recordEdit(db, audit(by), {
      planId: null,
      entity: 'unit',
      entityId: group.ownerUnitId,
      action: 'remove',
      oldValue: group.phrase,
      summary: `删除组合称谓“${group.phrase}”（已使用它的任务保留原有责任单位和文字）`,
    });
  });
}
