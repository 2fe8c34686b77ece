/** Unit aliases (unit_aliases, migration 006): other names of units, remembered from imports. */
import { sql } from 'kysely';
import type { Db } from '../open';
import { normaliseUnitName } from '../../../../shared/units/normalise';
import { listUnitsOp } from './units';
import { all, query, run, runSync, type Op } from '../../store/query';

export interface UnitAlias {
  alias: string;
  unitId: number;
  createdBy: string;
  createdAt: string;
  source: string;
}

const ALL_ALIASES = query<{ alias: string; unit_id: number; created_by: string; created_at: string; source: string }>(
  () => sql`SELECT alias, unit_id, created_by, created_at, source FROM unit_aliases ORDER BY unit_id, alias`,
);

export function* listUnitAliasesOp(): Op<UnitAlias[]> {
  return (yield* all(ALL_ALIASES)).map((r) => ({ alias: r.alias, unitId: r.unit_id, createdBy: r.created_by, createdAt: r.created_at, source: r.source }));
}

export function listUnitAliases(db: Db): UnitAlias[] {
  return runSync(db, listUnitAliasesOp());
}

const REMEMBER_ALIAS = query<never, { alias: string; unitId: number; createdBy: string; createdAt: string; source: string }>(
  (_qb, p) => sql`INSERT INTO unit_aliases (alias, unit_id, created_by, created_at, source)
     VALUES (${p('alias')}, ${p('unitId')}, ${p('createdBy')}, ${p('createdAt')}, ${p('source')})
     ON CONFLICT (alias) DO UPDATE SET unit_id = excluded.unit_id, created_by = excluded.created_by,
       created_at = excluded.created_at, source = excluded.source`,
);

/** Remembers `alias` as a name of the unit; an alias already remembered for another unit now names this one. */
export function* rememberUnitAliasOp(a: UnitAlias): Op<void> {
  yield* run(REMEMBER_ALIAS, { alias: normaliseUnitName(a.alias), unitId: a.unitId, createdBy: a.createdBy, createdAt: a.createdAt, source: a.source });
}

export function rememberUnitAlias(db: Db, a: UnitAlias): void {
  runSync(db, rememberUnitAliasOp(a));
}

/** units.aliases: every remembered name with the name of the unit it reads as. */
export function* unitAliasesViewOp(): Op<(UnitAlias & { unitName: string })[]> {
  const names = new Map((yield* listUnitsOp()).map((u) => [u.id, u.name]));
  return (yield* listUnitAliasesOp()).map((a) => ({ ...a, unitName: names.get(a.unitId) ?? '' }));
}
