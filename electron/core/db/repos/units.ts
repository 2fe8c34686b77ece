/** Units, departments and group phrases. */
import crypto from 'node:crypto';
import type { NewUnit, Unit, UnitGroup, UnitKind } from '../../../../shared/model/units';
import type { Db } from '../open';
import { all, get, query, returnedId, run, runSync, type Op } from '../../store/query';

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

const INSERT_UNIT = query<{ id: number }, { name: string; kind: UnitKind; parentId: number | null; sortOrder: number; code: string; fullName: string | null; active: number }>(
  (qb, p) =>
    qb
      .insertInto('units')
      .values({ name: p('name'), kind: p('kind'), parent_id: p('parentId'), sort_order: p('sortOrder'), code: p('code'), full_name: p('fullName'), active: p('active') })
      .returning('id'),
);

export function* insertUnitOp(u: NewUnit): Op<number> {
  const row = yield* get(INSERT_UNIT, {
    name: u.name,
    kind: u.kind,
    parentId: u.parentId,
    sortOrder: u.sortOrder,
    code: u.code ?? newCode('U'),
    fullName: u.fullName ?? null,
    active: u.active === false ? 0 : 1,
  });
  return returnedId(row);
}

export function insertUnit(db: Db, u: NewUnit): number {
  return runSync(db, insertUnitOp(u));
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

const UNIT_BY_CODE = query<UnitRow, { code: string }>((qb, p) => qb.selectFrom('units').selectAll().where('code', '=', p('code')));

/** The unit with this stable code. */
export function* getUnitByCodeOp(code: string): Op<Unit | undefined> {
  const row = yield* get(UNIT_BY_CODE, { code });
  return row && toUnit(row);
}

const INSERT_GROUP = query<{ id: number }, { phrase: string; aliases: string; ownerUnitId: number }>((qb, p) =>
  qb.insertInto('unit_groups').values({ phrase: p('phrase'), aliases: p('aliases'), owner_unit_id: p('ownerUnitId') }).returning('id'),
);
const INSERT_GROUP_MEMBER = query<never, { groupId: number; unitId: number; sortOrder: number }>((qb, p) =>
  qb.insertInto('unit_group_members').values({ group_id: p('groupId'), unit_id: p('unitId'), sort_order: p('sortOrder') }),
);

export function* insertGroupOp(g: Omit<UnitGroup, 'id'>): Op<number> {
  const id = returnedId(yield* get(INSERT_GROUP, { phrase: g.phrase, aliases: JSON.stringify(g.aliases), ownerUnitId: g.ownerUnitId }));
  for (const [i, unitId] of g.memberIds.entries()) yield* run(INSERT_GROUP_MEMBER, { groupId: id, unitId, sortOrder: i });
  return id;
}

export function insertGroup(db: Db, g: Omit<UnitGroup, 'id'>): number {
  return runSync(db, insertGroupOp(g));
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
