/** Unit aliases (unit_aliases, migration 006): other names of units, remembered from imports. */
import type { Db } from '../open';
import { normaliseUnitName } from '../../../../shared/units/normalise';

export interface UnitAlias {
  alias: string;
  unitId: number;
  createdBy: string;
  createdAt: string;
  source: string;
}

export function listUnitAliases(db: Db): UnitAlias[] {
  return (
    db.prepare('SELECT alias, unit_id, created_by, created_at, source FROM unit_aliases ORDER BY unit_id, alias').all() as {
      alias: string;
      unit_id: number;
      created_by: string;
      created_at: string;
      source: string;
    }[]
  ).map((r) => ({ alias: r.alias, unitId: r.unit_id, createdBy: r.created_by, createdAt: r.created_at, source: r.source }));
}

/** Remembers `alias` as a name of the unit; an alias already remembered for another unit now names this one. */
export function rememberUnitAlias(db: Db, a: UnitAlias): void {
  db.prepare(
    `INSERT INTO unit_aliases (alias, unit_id, created_by, created_at, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (alias) DO UPDATE SET unit_id = excluded.unit_id, created_by = excluded.created_by,
       created_at = excluded.created_at, source = excluded.source`,
  ).run(normaliseUnitName(a.alias), a.unitId, a.createdBy, a.createdAt, a.source);
}
