/**
 * The schema of a PostgreSQL store: the same numbered migrations as a SQLite
 * file (db/migrations/, through translate.ts), its version in the table
 * taizhang_schema_version (PostgreSQL has no PRAGMA user_version).
 *
 * As on SQLite (db/open.ts): read-only checks first, so a store we refuse is
 * left exactly as it was — a schema newer than this build knows (db_too_new),
 * or a database that holds another program's tables; then every pending
 * migration in ONE transaction (PostgreSQL's DDL is transactional: a failure
 * leaves the store as it was), under the writers' lock (run.ts), reading the
 * version again there so two processes opening a new store migrate it once.
 *
 * An existing store below the current version is refused for now: every
 * migration of an existing store needs its backup first (runWithBackup), and
 * a PostgreSQL store's backup (pg_dump) is not built yet (issue 22). Stores
 * this build creates are at the current version.
 */
import type pg from 'pg';
import { ApiError } from '../../../../shared/api/errors';
import { MIGRATIONS } from '../../db/migrations';
import { refuseNewer } from '../../db/open';
import { postgresStatements } from './translate';
import { writeTxPg } from './run';

export const VERSION_TABLE = 'taizhang_schema_version';

/** The version the store's marker says; 0 when it has none. */
export async function postgresVersion(on: pg.Pool | pg.PoolClient): Promise<number> {
  const exists = await on.query('SELECT to_regclass($1) IS NOT NULL AS present', [VERSION_TABLE]);
  if (!exists.rows[0].present) return 0;
  const row = await on.query(`SELECT max(version) AS version FROM ${VERSION_TABLE}`);
  return Number(row.rows[0]?.version ?? 0);
}

async function tablesOfOthers(on: pg.Pool | pg.PoolClient): Promise<number> {
  const r = await on.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  return Number(r.rows[0].n);
}

/** Migrates the store to this build's version; returns whether it was new (no schema before). */
export async function migratePostgres(pool: pg.Pool, shown: string, migrations: readonly string[] = MIGRATIONS): Promise<{ created: boolean }> {
  const before = await postgresVersion(pool);
  refuseNewer(before, shown, migrations.length);
  if (before === 0 && (await tablesOfOthers(pool)) > 0) throw foreign(shown);
  if (before >= migrations.length) return { created: false };
  if (before > 0) throw needsBackup(shown, before, migrations.length);
  let created = false;
  try {
    await writeTxPg(pool, async (client) => {
      const now = await postgresVersion(client);
      refuseNewer(now, shown, migrations.length);
      if (now >= migrations.length) return;
      if (now > 0) throw needsBackup(shown, now, migrations.length);
      if ((await tablesOfOthers(client)) > 0) throw foreign(shown);
      for (const migration of migrations) for (const statement of postgresStatements(migration)) await client.query(statement);
      await client.query(`CREATE TABLE ${VERSION_TABLE} (version BIGINT NOT NULL)`);
      await client.query(`INSERT INTO ${VERSION_TABLE} (version) VALUES ($1)`, [migrations.length]);
      created = true;
    }, shown);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // Only a refused privilege (SQLSTATE 42501) is the user's to fix; anything else is the program's.
    const denied = (err as { code?: string }).code === '42501';
    throw new ApiError(
      denied ? 'db_unreadable' : 'internal',
      denied
        ? `无法在 PostgreSQL 数据库“${shown}”中建立科创台账的数据表：该用户没有建表（CREATE）权限。已全部撤回，数据库未作任何修改。`
        : `在 PostgreSQL 数据库“${shown}”中建立科创台账的数据表时出错，已全部撤回，数据库未作任何修改。这是程序的问题，请把 taizhang.log 发给技术支持。`,
      { reason: (err as Error).message },
    );
  }
  return { created };
}

function foreign(shown: string): ApiError {
  return new ApiError(
    'db_unreadable',
    `PostgreSQL 数据库“${shown}”里已有别的程序的数据表，不是科创台账的数据库，未作任何修改。请为科创台账单独建一个空数据库（createdb）。`,
  );
}

function needsBackup(shown: string, from: number, to: number): ApiError {
  return new ApiError(
    'not_supported',
    `PostgreSQL 数据库“${shown}”的结构是较旧的版本 ${from}，本程序需要 ${to}。升级前必须先备份，而 PostgreSQL 数据库的备份（pg_dump）尚未支持，所以未作任何修改。请用原来版本的科创台账继续使用它。`,
    { version: from, supported: to },
  );
}
