/**
 * A PostgreSQL store's schema version (PostgreSQL has no PRAGMA user_version):
 * the table taizhang_schema_version, one row. Read by the migrations
 * (migrate.ts) and by a restore that brings back an older copy (backup.ts).
 */
import type pg from 'pg';
import { postgresStatements } from './translate';

export const VERSION_TABLE = 'taizhang_schema_version';

/** The version the store's marker says; 0 when it has none. */
export async function postgresVersion(on: pg.Pool | pg.PoolClient): Promise<number> {
  const exists = await on.query('SELECT to_regclass($1) IS NOT NULL AS present', [VERSION_TABLE]);
  if (!exists.rows[0].present) return 0;
  const row = await on.query(`SELECT max(version) AS version FROM ${VERSION_TABLE}`);
  return Number(row.rows[0]?.version ?? 0);
}

/**
 * The statements that take a store from version `from` to `migrations.length`, the version
 * marker included (created when `from` is 0, updated otherwise).
 */
export function upgradeStatements(from: number, migrations: readonly string[]): string[] {
  const statements = migrations.slice(from).flatMap((migration) => postgresStatements(migration));
  if (from === 0) statements.push(`CREATE TABLE ${VERSION_TABLE} (version BIGINT NOT NULL)`, `INSERT INTO ${VERSION_TABLE} (version) VALUES (${migrations.length})`);
  else statements.push(`UPDATE ${VERSION_TABLE} SET version = ${migrations.length}`);
  return statements;
}
