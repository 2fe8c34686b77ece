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
 * An existing store below the current version is migrated as a file is
 * (db/open.ts): under the writers' lock, a pg_dump copy first (backup.ts,
 * listed as 升级数据库结构（版本 a → b）前), then the missing migrations in the
 * same one transaction; no copy (pg_dump missing, a full disk), no migration.
 */
import type pg from 'pg';
import { ApiError } from '../../../../shared/api/errors';
import { MIGRATIONS } from '../../db/migrations';
import { refuseNewer } from '../../db/open';
import { backupBeforeMigrationPg } from './backup';
import { writeTxPg } from './run';
import { postgresVersion, upgradeStatements } from './version';

export { postgresVersion, VERSION_TABLE } from './version';

async function tablesOfOthers(on: pg.Pool | pg.PoolClient): Promise<number> {
  const r = await on.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  return Number(r.rows[0].n);
}

/**
 * Migrates the store to this build's version; returns whether it was new (no schema before).
 * `url`: the store's URL with its password, for pg_dump (an older store's copy); `shown` names it in messages.
 */
export async function migratePostgres(
  pool: pg.Pool,
  shown: string,
  migrations: readonly string[] = MIGRATIONS,
  url: string = shown,
): Promise<{ created: boolean }> {
  const before = await postgresVersion(pool);
  refuseNewer(before, shown, migrations.length);
  if (before === 0 && (await tablesOfOthers(pool)) > 0) throw foreign(shown);
  if (before >= migrations.length) return { created: false };
  let created = false;
  try {
    await writeTxPg(pool, async (client) => {
      const now = await postgresVersion(client);
      refuseNewer(now, shown, migrations.length);
      if (now >= migrations.length) return;
      if (now === 0 && (await tablesOfOthers(client)) > 0) throw foreign(shown);
      // An existing store's migration needs its copy first; this connection has read only the version, so pg_dump waits for nothing.
      if (now > 0) await backupBeforeMigrationPg({ pool, url, shown, migrations }, now, migrations.length);
      for (const statement of upgradeStatements(now, migrations)) await client.query(statement);
      created = now === 0;
    }, shown);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // Only a refused privilege (SQLSTATE 42501) is the user's to fix; anything else is the program's.
    const denied = (err as { code?: string }).code === '42501';
    throw new ApiError(
      denied ? 'db_unreadable' : 'internal',
      denied
        ? `无法在 PostgreSQL 数据库“${shown}”中建立科创台账的数据表：该用户没有建表（CREATE）权限。已全部撤回，数据库未作任何修改。`
        : `在 PostgreSQL 数据库“${shown}”中${before === 0 ? '建立科创台账的数据表' : `升级数据库结构（版本 ${before} → ${migrations.length}）`}时出错，已全部撤回，数据库未作任何修改。这是程序的问题，请把 taizhang.log 发给技术支持。`,
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
