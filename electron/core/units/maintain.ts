/**
 * 设置 → 单位与部门: a unit or department added or edited — its name (the old
 * one stays an alias for imports and returns, and the tasks' 牵头单位 /
 * 责任单位 as written follow the new one), its full official name for the
 * 落款, its code, its kind —, siblings reordered, deactivated or back. Every
 * change is in edit_history (units belong to no one plan: plan_id NULL).
 */
import { ApiError } from '../../../shared/api/errors';
import { UNIT_KIND_LABEL, type Unit, type UnitKind } from '../../../shared/model/units';
import { changeText } from '../../../shared/plan/rules';
import { normaliseUnitName } from '../../../shared/units/normalise';
import type { Db } from '../db/open';
import { rememberUnitAlias } from '../db/repos/unitAliases';
import { getUnit, insertUnit, listUnits, newCode } from '../db/repos/units';
import { writeTx } from '../db/tx';
import { audit, shortText } from '../plans/common';
import { recordEdit } from '../plans/history';
import { rewriteTaskTexts } from './taskTexts';

export interface UnitInput {
  id?: number;
  name: string;
  fullName: string | null;
  code?: string | null;
  kind: UnitKind;
  parentId?: number | null;
}

const CODE = /^[0-9A-Za-z][0-9A-Za-z-]{0,23}$/;
const isDepartment = (kind: UnitKind) => kind === 'department';
/** Departments sort after the sub-units of their unit (100+), as the seed writes them. */
const classBase = (kind: UnitKind) => (isDepartment(kind) ? 100 : 1);

export function requireUnit(db: Db, id: number): Unit {
  const unit = getUnit(db, id);
  if (!unit) throw new ApiError('not_found', `找不到编号为 ${id} 的单位，它可能已被合并或删除。请刷新页面后重试。`);
  return unit;
}

function checkName(db: Db, name: string, parentId: number | null, selfId: number | null): void {
  if (!name) throw new ApiError('bad_request', '单位名称不能为空。');
  if (name.length > 60) throw new ApiError('bad_request', `单位名称“${shortText(name)}”过长（不能超过 60 个字）。`);
  const clash = listUnits(db).find((u) => u.id !== selfId && u.parentId === parentId && normaliseUnitName(u.name) === normaliseUnitName(name));
  if (clash) {
    const where = parentId === null ? '顶级单位中' : `“${getUnit(db, parentId)?.name ?? ''}”下`;
    throw new ApiError('bad_request', `${where}已有名为“${clash.name}”的${UNIT_KIND_LABEL[clash.kind]}${clash.active === false ? '（已停用）' : ''}，请换一个名称，或用“合并”把两个单位合为一个。`);
  }
}

function checkCode(db: Db, code: string, selfId: number | null): void {
  if (!CODE.test(code)) throw new ApiError('bad_request', `单位代码“${shortText(code)}”应为数字或字母（如行政区划代码 360104），不超过 24 位。`);
  const clash = listUnits(db).find((u) => u.id !== selfId && u.code === code);
  if (clash) throw new ApiError('bad_request', `单位代码 ${code} 已被“${clash.name}”使用，每个单位的代码必须不同。`);
}

function checkKind(kind: UnitKind, parent: Unit | null): void {
  if (parent && isDepartment(parent.kind)) throw new ApiError('bad_request', `“${parent.name}”是部门，部门之下不能再设单位。`);
  if (!parent && isDepartment(kind)) throw new ApiError('bad_request', '部门须属于一个单位（如区科工局属于青云谱区），请选择它的上级单位。');
}

/** Adds (no id) or edits a unit; returns its id. */
export function saveUnit(db: Db, by: string, input: UnitInput): number {
  return writeTx(db, () => {
    const name = input.name.trim();
    const fullName = input.fullName?.trim() || null;
    if (fullName && fullName.length > 100) throw new ApiError('bad_request', '单位全称不能超过 100 个字。');
    const code = input.code?.trim() || null;
    const stamp = audit(by);
    if (input.id === undefined) return addUnit(db, stamp, { ...input, name, fullName, code });

    const old = requireUnit(db, input.id);
    checkName(db, name, old.parentId, old.id);
    if (code && code !== old.code) checkCode(db, code, old.id);
    if (input.kind !== old.kind && (isDepartment(input.kind) || isDepartment(old.kind))) {
      throw new ApiError('bad_request', `“${old.name}”是${UNIT_KIND_LABEL[old.kind]}，不能改为${UNIT_KIND_LABEL[input.kind]}：部门与街道、镇等行政单位不能互换。`);
    }
    if (input.parentId !== undefined && input.parentId !== old.parentId) {
      throw new ApiError('bad_request', '单位的上级不能在这里修改。如是区划调整，请用“合并”。');
    }
    const changes: [string, string, string, string][] = [];
    const note = (field: string, label: string, before: string, after: string) => {
      if (before !== after) changes.push([field, label, before, after]);
    };
    note('name', '名称', old.name, name);
    note('full_name', '全称', old.fullName ?? '', fullName ?? '');
    note('code', '代码', old.code ?? '', code ?? old.code ?? '');
    note('kind', '类别', UNIT_KIND_LABEL[old.kind], UNIT_KIND_LABEL[input.kind]);
    if (changes.length === 0) return old.id;
    db.prepare('UPDATE units SET name = ?, full_name = ?, code = ?, kind = ? WHERE id = ?').run(name, fullName, code ?? old.code, input.kind, old.id);
    if (name !== old.name) {
      // Tables and returned files still write the old name: it reads as this unit from now on.
      if (normaliseUnitName(old.name) !== normaliseUnitName(name)) {
        rememberUnitAlias(db, { alias: old.name, unitId: old.id, createdBy: by, createdAt: stamp.at, source: `改名为“${name}”` });
      }
      db.prepare('DELETE FROM unit_aliases WHERE unit_id = ? AND alias = ?').run(old.id, normaliseUnitName(name));
      rewriteTaskTexts(db, old.id, old.name, name, by);
    }
    for (const [field, label, before, after] of changes) {
      recordEdit(db, stamp, {
        planId: null,
        entity: 'unit',
        entityId: old.id,
        action: 'change',
        field,
        oldValue: before,
        newValue: after,
        summary: `${UNIT_KIND_LABEL[old.kind]}“${old.name}”${changeText(label, before, after)}`,
      });
    }
    return old.id;
  });
}

function addUnit(db: Db, stamp: ReturnType<typeof audit>, input: UnitInput & { name: string; fullName: string | null; code: string | null }): number {
  const parentId = input.parentId ?? null;
  const parent = parentId === null ? null : requireUnit(db, parentId);
  checkKind(input.kind, parent);
  checkName(db, input.name, parentId, null);
  if (input.code) checkCode(db, input.code, null);
  const siblings = listUnits(db).filter((u) => u.parentId === parentId && isDepartment(u.kind) === isDepartment(input.kind));
  const sortOrder = siblings.reduce((m, u) => Math.max(m, u.sortOrder), classBase(input.kind) - 1) + 1;
  const id = insertUnit(db, { name: input.name, kind: input.kind, parentId, sortOrder, code: input.code ?? newCode('U'), fullName: input.fullName });
  recordEdit(db, stamp, {
    planId: null,
    entity: 'unit',
    entityId: id,
    action: 'add',
    newValue: input.name,
    summary: `新增${UNIT_KIND_LABEL[input.kind]}：${input.name}${parent ? `（属于${parent.name}）` : ''}`,
  });
  return id;
}

/** Puts the sub-units (or the departments) of one unit in the given order: each of them once. */
export function reorderUnits(db: Db, by: string, parentId: number | null, ids: number[]): void {
  writeTx(db, () => {
    const first = requireUnit(db, ids[0]);
    const department = isDepartment(first.kind);
    const siblings = listUnits(db).filter((u) => u.parentId === parentId && isDepartment(u.kind) === department);
    const known = new Set(siblings.map((u) => u.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((x) => !known.has(x))) {
      throw new ApiError('bad_request', '单位顺序与现有单位不一致（可能已被他人修改），请刷新页面后重试。');
    }
    const set = db.prepare('UPDATE units SET sort_order = ? WHERE id = ?');
    ids.forEach((unitId, i) => set.run(classBase(first.kind) + i, unitId));
    const names = new Map(siblings.map((u) => [u.id, u.name]));
    recordEdit(db, audit(by), {
      planId: null,
      entity: 'unit',
      entityId: parentId ?? ids[0],
      action: 'move',
      summary: `调整${department ? '部门' : '单位'}顺序：${ids.map((x) => names.get(x)).join('、')}`,
    });
  });
}

/** 停用 / 启用. A unit whose own plan is in use cannot be deactivated (archive the plan first). */
export function setUnitActive(db: Db, by: string, unitId: number, active: boolean): void {
  writeTx(db, () => {
    const unit = requireUnit(db, unitId);
    if ((unit.active !== false) === active) return;
    if (!active) {
      const plan = db.prepare('SELECT title FROM plans WHERE unit_id = ? AND archived_at IS NULL LIMIT 1').pluck().get(unitId) as string | undefined;
      if (plan) throw new ApiError('bad_request', `“${unit.name}”是工作要点“${plan}”所属的单位，不能停用。如该工作要点已不再使用，请先将其归档。`);
    }
    db.prepare('UPDATE units SET active = ? WHERE id = ?').run(active ? 1 : 0, unitId);
    recordEdit(db, audit(by), {
      planId: null,
      entity: 'unit',
      entityId: unitId,
      action: 'change',
      field: 'active',
      oldValue: active ? '停用' : '启用',
      newValue: active ? '启用' : '停用',
      summary: active ? `重新启用${UNIT_KIND_LABEL[unit.kind]}：${unit.name}` : `停用${UNIT_KIND_LABEL[unit.kind]}：${unit.name}（历史数据保留，新的工作要点和选择列表中不再出现）`,
    });
  });
}
