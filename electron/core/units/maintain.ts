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
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { rememberUnitAliasOp } from '../db/repos/unitAliases';
import { getUnitOp, insertUnitOp, listUnitsOp, newCode } from '../db/repos/units';
import { writeTxOp } from '../db/tx';
import { get, query, run, runSync, type Op } from '../store/query';
import { audit, shortText } from '../plans/common';
import { recordEditOp } from '../plans/history';
import { rewriteTaskTextsOp } from './taskTexts';

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

const UPDATE_UNIT = query<never, { id: number; name: string; fullName: string | null; code: string | null; kind: UnitKind }>(
  (_qb, p) => sql`UPDATE units SET name = ${p('name')}, full_name = ${p('fullName')}, code = ${p('code')}, kind = ${p('kind')} WHERE id = ${p('id')}`,
);
const FORGET_ALIAS = query<never, { unitId: number; alias: string }>(
  (_qb, p) => sql`DELETE FROM unit_aliases WHERE unit_id = ${p('unitId')} AND alias = ${p('alias')}`,
);
const SET_UNIT_ORDER = query<never, { id: number; sortOrder: number }>((_qb, p) => sql`UPDATE units SET sort_order = ${p('sortOrder')} WHERE id = ${p('id')}`);
const OWN_PLAN_IN_USE = query<{ title: string }, { unitId: number }>(
  (_qb, p) => sql`SELECT title FROM plans WHERE unit_id = ${p('unitId')} AND archived_at IS NULL LIMIT 1`,
);
const SET_ACTIVE = query<never, { id: number; active: number }>((_qb, p) => sql`UPDATE units SET active = ${p('active')} WHERE id = ${p('id')}`);

export function* requireUnitOp(id: number): Op<Unit> {
  const unit = yield* getUnitOp(id);
  if (!unit) throw new ApiError('not_found', `找不到编号为 ${id} 的单位，它可能已被合并或删除。请刷新页面后重试。`);
  return unit;
}

export function requireUnit(db: Db, id: number): Unit {
  return runSync(db, requireUnitOp(id));
}

function* checkNameOp(name: string, parentId: number | null, selfId: number | null): Op<void> {
  if (!name) throw new ApiError('bad_request', '单位名称不能为空。');
  if (name.length > 60) throw new ApiError('bad_request', `单位名称“${shortText(name)}”过长（不能超过 60 个字）。`);
  const clash = (yield* listUnitsOp()).find((u) => u.id !== selfId && u.parentId === parentId && normaliseUnitName(u.name) === normaliseUnitName(name));
  if (clash) {
    const where = parentId === null ? '顶级单位中' : `“${(yield* getUnitOp(parentId))?.name ?? ''}”下`;
    throw new ApiError('bad_request', `${where}已有名为“${clash.name}”的${UNIT_KIND_LABEL[clash.kind]}${clash.active === false ? '（已停用）' : ''}，请换一个名称，或用“合并”把两个单位合为一个。`);
  }
}

function* checkCodeOp(code: string, selfId: number | null): Op<void> {
  if (!CODE.test(code)) throw new ApiError('bad_request', `单位代码“${shortText(code)}”应为数字或字母（如行政区划代码 360104），不超过 24 位。`);
  const clash = (yield* listUnitsOp()).find((u) => u.id !== selfId && u.code === code);
  if (clash) throw new ApiError('bad_request', `单位代码 ${code} 已被“${clash.name}”使用，每个单位的代码必须不同。`);
}

function checkKind(kind: UnitKind, parent: Unit | null): void {
  if (parent && isDepartment(parent.kind)) throw new ApiError('bad_request', `“${parent.name}”是部门，部门之下不能再设单位。`);
  if (!parent && isDepartment(kind)) throw new ApiError('bad_request', '部门须属于一个单位（如区科工局属于青云谱区），请选择它的上级单位。');
}

/** Adds (no id) or edits a unit; returns its id. */
export function saveUnit(db: Db, by: string, input: UnitInput): number {
  return writeTxOp(db, saveUnitOp(by, input));
}

export function* saveUnitOp(by: string, input: UnitInput): Op<number> {
  {
    const name = input.name.trim();
    const fullName = input.fullName?.trim() || null;
    if (fullName && fullName.length > 100) throw new ApiError('bad_request', '单位全称不能超过 100 个字。');
    const code = input.code?.trim() || null;
    const stamp = audit(by);
    if (input.id === undefined) return yield* addUnitOp(stamp, { ...input, name, fullName, code });

    const old = yield* requireUnitOp(input.id);
    yield* checkNameOp(name, old.parentId, old.id);
    if (code && code !== old.code) yield* checkCodeOp(code, old.id);
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
    yield* run(UPDATE_UNIT, { id: old.id, name, fullName, code: code ?? old.code ?? null, kind: input.kind });
    if (name !== old.name) {
      // Tables and returned files still write the old name: it reads as this unit from now on.
      if (normaliseUnitName(old.name) !== normaliseUnitName(name)) {
        yield* rememberUnitAliasOp({ alias: old.name, unitId: old.id, createdBy: by, createdAt: stamp.at, source: `改名为“${name}”` });
      }
      yield* run(FORGET_ALIAS, { unitId: old.id, alias: normaliseUnitName(name) });
      yield* rewriteTaskTextsOp(old.id, old.name, name, by);
    }
    for (const [field, label, before, after] of changes) {
      yield* recordEditOp(stamp, {
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
  }
}

function* addUnitOp(stamp: ReturnType<typeof audit>, input: UnitInput & { name: string; fullName: string | null; code: string | null }): Op<number> {
  const parentId = input.parentId ?? null;
  const parent = parentId === null ? null : yield* requireUnitOp(parentId);
  checkKind(input.kind, parent);
  yield* checkNameOp(input.name, parentId, null);
  if (input.code) yield* checkCodeOp(input.code, null);
  const siblings = (yield* listUnitsOp()).filter((u) => u.parentId === parentId && isDepartment(u.kind) === isDepartment(input.kind));
  const sortOrder = siblings.reduce((m, u) => Math.max(m, u.sortOrder), classBase(input.kind) - 1) + 1;
  const id = yield* insertUnitOp({ name: input.name, kind: input.kind, parentId, sortOrder, code: input.code ?? newCode('U'), fullName: input.fullName });
  yield* recordEditOp(stamp, {
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
  writeTxOp(db, reorderUnitsOp(by, parentId, ids));
}

export function* reorderUnitsOp(by: string, parentId: number | null, ids: number[]): Op<void> {
  {
    const first = yield* requireUnitOp(ids[0]);
    const department = isDepartment(first.kind);
    const siblings = (yield* listUnitsOp()).filter((u) => u.parentId === parentId && isDepartment(u.kind) === department);
    const known = new Set(siblings.map((u) => u.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((x) => !known.has(x))) {
      throw new ApiError('bad_request', '单位顺序与现有单位不一致（可能已被他人修改），请刷新页面后重试。');
    }
    for (const [i, unitId] of ids.entries()) yield* run(SET_UNIT_ORDER, { id: unitId, sortOrder: classBase(first.kind) + i });
    const names = new Map(siblings.map((u) => [u.id, u.name]));
    yield* recordEditOp(audit(by), {
      planId: null,
      entity: 'unit',
      entityId: parentId ?? ids[0],
      action: 'move',
      summary: `调整${department ? '部门' : '单位'}顺序：${ids.map((x) => names.get(x)).join('、')}`,
    });
  }
}

/** 停用 / 启用. A unit whose own plan is in use cannot be deactivated (archive the plan first). */
export function setUnitActive(db: Db, by: string, unitId: number, active: boolean): void {
  writeTxOp(db, setUnitActiveOp(by, unitId, active));
}

export function* setUnitActiveOp(by: string, unitId: number, active: boolean): Op<void> {
  {
    const unit = yield* requireUnitOp(unitId);
    if ((unit.active !== false) === active) return;
    if (!active) {
      const plan = (yield* get(OWN_PLAN_IN_USE, { unitId }))?.title;
      if (plan) throw new ApiError('bad_request', `“${unit.name}”是工作要点“${plan}”所属的单位，不能停用。如该工作要点已不再使用，请先将其归档。`);
    }
    yield* run(SET_ACTIVE, { id: unitId, active: active ? 1 : 0 });
    yield* recordEditOp(audit(by), {
      planId: null,
      entity: 'unit',
      entityId: unitId,
      action: 'change',
      field: 'active',
      oldValue: active ? '停用' : '启用',
      newValue: active ? '启用' : '停用',
      summary: active ? `重新启用${UNIT_KIND_LABEL[unit.kind]}：${unit.name}` : `停用${UNIT_KIND_LABEL[unit.kind]}：${unit.name}（历史数据保留，新的工作要点和选择列表中不再出现）`,
    });
  }
}
