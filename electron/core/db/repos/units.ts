/** Units, departments and group phrases. */
import crypto from 'node:crypto';
import type { NewUnit, Unit, UnitGroup, UnitKind } from '../../../../shared/model/units';
import type { Db } from '../open';
import { all, get, query, runSync, type Op } from '../../store/query';

interface UnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  sort_order: number;
  code: string;
  full_name: string | null;
  active: number;
}

const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  parentId: r.parent_id,
  sortOrder: r.sort_order,
  code: r.code,
  fullName: r.full_name,
  active: r.active === 1,
});

/** A generated stable code: "U" and 10 hex digits (the 行政区划代码 is used instead where known). */
export const newCode = (prefix: 'U' | 'I') => prefix + crypto.randomBytes(5).toString('hex');

export function insertUnit(db: Db, u: NewUnit): number {
  return Number(
    db
      .prepare('INSERT INTO units (name, kind, parent_id, sort_order, code, full_name, active) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(u.name, u.kind, u.parentId, u.sortOrder, u.code ?? newCode('U'), u.fullName ?? null, u.active === false ? 0 : 1).lastInsertRowid,
  );
}

// Over the query layer (store/query.ts): the same queries on a SQLite file and a PostgreSQL store.
const ALL_UNITS = query<UnitRow>((qb) => qb.selectFrom('units').selectAll().orderBy('sort_order').orderBy('id'));
const UNIT_BY_ID = query<UnitRow, { id: number }>((qb, p) => qb.selectFrom('units').selectAll().where('id', '=', p('id')));

export function* listUnitsOp(): Op<Unit[]> {
  return (yield* all(ALL_UNITS)).map(toUnit);
}

export function listUnits(db: Db): Unit[] {
  return runSync(db, listUnitsOp());
}

export function* getUnitOp(id: number): Op<Unit | undefined> {
  const row = yield* get(UNIT_BY_ID, { id });
  return row && toUnit(row);
}

export function getUnit(db: Db, id: number): Unit | undefined {
  return runSync(db, getUnitOp(id));
}

/** The unit with this stable code. */
export function getUnitByCode(db: Db, code: string): Unit | undefined {
  const row = db.prepare('SELECT * FROM units WHERE code = ?').get(code) as UnitRow | undefined;
  return row && toUnit(row);
}

export function insertGroup(db: Db, g: Omit<UnitGroup, 'id'>): number {
  const id = Number(
    db
      .prepare('INSERT INTO unit_groups (phrase, aliases, owner_unit_id) VALUES (?, ?, ?)')
      .run(g.phrase, JSON.stringify(g.aliases), g.ownerUnitId).lastInsertRowid,
  );
  const add = db.prepare('INSERT INTO unit_group_members (group_id, unit_id, sort_order) VALUES (?, ?, ?)');
  g.memberIds.forEach((unitId, i) => add.run(id, unitId, i));
  return id;
}

const ALL_GROUPS = query<{ id: number; phrase: string; aliases: string; owner_unit_id: number }>((qb) =>
  qb.selectFrom('unit_groups').select(['id', 'phrase', 'aliases', 'owner_unit_id']).orderBy('id'),
);
const ALL_GROUP_MEMBERS = query<{ group_id: number; unit_id: number }>((qb) =>
  qb.selectFrom('unit_group_members').select(['group_id', 'unit_id']).orderBy('group_id').orderBy('sort_order'),
);

export function* listGroupsOp(): Op<UnitGroup[]> {
  const groups = yield* all(ALL_GROUPS);
  const members = yield* all(ALL_GROUP_MEMBERS);
  return groups.map((g) => ({
    id: g.id,
    phrase: g.phrase,
    aliases: JSON.parse(g.aliases) as string[],
    ownerUnitId: g.owner_unit_id,
    memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.unit_id),
  }));
}

export function listGroups(db: Db): UnitGroup[] {
  return runSync(db, listGroupsOp());
}

/** 单位名录 (units.directory): every unit and group phrase. */
export function* unitDirectoryOp(): Op<{ units: Unit[]; groups: UnitGroup[] }> {
  return { units: yield* listUnitsOp(), groups: yield* listGroupsOp() };
}
