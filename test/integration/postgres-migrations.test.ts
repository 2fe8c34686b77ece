/**
 * The schema on both engines from ONE definition (issue 22): the numbered
 * migrations of db/migrations/ make a SQLite file as always and, through
 * store/postgres/translate.ts, a PostgreSQL store with the same tables,
 * columns, keys, named indexes and triggers. The tables scripts outside the
 * app read exist on both with their columns. On PostgreSQL: the version
 * marker, a newer schema / another program's database refused before
 * anything is written, a failed migration leaving nothing, two processes
 * migrating a new store at once doing it once. (An older store, migrated
 * after its pg_dump copy: postgres-backup.test.ts.)
 *
 * Runs on a throwaway cluster (test/helpers/pgCluster.ts): without
 * PostgreSQL's binaries it fails saying what to install — never skipped.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../electron/core/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import { migratePostgres, postgresVersion, VERSION_TABLE } from '../../electron/core/store/postgres/migrate';
import { ApiError } from '../../shared/api/errors';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { tempDbPath } from '../helpers/tempDb';

/** What scripts outside the app read (the house rules): these tables with at least these columns. */
const EXTERNAL: Record<string, string[]> = {
  plans: ['id', 'year_start', 'year_end'],
  action_lines: ['id', 'plan_id'],
  tasks: ['id', 'action_line_id'],
  indicators: ['id', 'plan_id', 'name'],
  targets: ['indicator_id', 'unit_id', 'value'],
  units: ['id', 'name'],
};

let cluster: PgCluster;
let sqlite: { dbPath: string; cleanup(): void };
let sqliteDb: Database.Database;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
  sqlite = tempDbPath();
  sqliteDb = openDb(sqlite.dbPath).db;
}, 120_000);

afterAll(async () => {
  for (const pool of pools) await pool.end().catch(() => {});
  sqliteDb?.close();
  sqlite?.cleanup();
  cluster?.stop();
});

async function newStore(icuLocale?: string): Promise<{ url: string; pool: pg.Pool }> {
  const url = await cluster.createDatabase(undefined, { icuLocale });
  const pool = await connectPostgres(url, url);
  pools.push(pool);
  return { url, pool };
}

async function tableNames(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  return r.rows.map((row) => row.table_name as string);
}

interface Column {
  name: string;
  type: string;
  notnull: boolean;
  pk: number;
}

function sqliteColumns(table: string): Column[] {
  return (sqliteDb.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[]).map((c) => ({
    name: c.name,
    type: c.type,
    notnull: c.notnull === 1,
    pk: c.pk,
  }));
}

async function postgresColumns(pool: pg.Pool, table: string): Promise<Column[]> {
  const cols = await pool.query(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const pk = await pool.query(
    `SELECT a.attname, array_position(i.indkey::int2[], a.attnum) AS pos FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary`,
    [table],
  );
  const pkPos = new Map(pk.rows.map((r) => [r.attname as string, Number(r.pos) + 1]));
  const TYPE: Record<string, string> = { bigint: 'INTEGER', text: 'TEXT', 'double precision': 'REAL' };
  return cols.rows.map((c) => ({
    name: c.column_name,
    type: TYPE[c.data_type] ?? c.data_type,
    notnull: c.is_nullable === 'NO',
    pk: pkPos.get(c.column_name) ?? 0,
  }));
}

describe('one migration definition, two engines', () => {
  it('SQLite: a new file is at the current version with the tables external scripts read', () => {
    expect(sqliteDb.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    for (const [table, columns] of Object.entries(EXTERNAL)) {
      expect(sqliteColumns(table).map((c) => c.name), table).toEqual(expect.arrayContaining(columns));
    }
  });

  it('PostgreSQL: an empty database migrates to the current version, with its marker and the tables external scripts read', async () => {
    const { url, pool } = await newStore();
    expect(await tableNames(pool)).toEqual([]);
    expect(await migratePostgres(pool, url)).toEqual({ created: true });
    expect(await postgresVersion(pool)).toBe(SCHEMA_VERSION);
    expect((await pool.query(`SELECT version FROM ${VERSION_TABLE}`)).rows).toEqual([{ version: SCHEMA_VERSION }]);
    for (const [table, columns] of Object.entries(EXTERNAL)) {
      expect((await postgresColumns(pool, table)).map((c) => c.name), table).toEqual(expect.arrayContaining(columns));
    }
    // Opening it again changes nothing.
    expect(await migratePostgres(pool, url)).toEqual({ created: false });
  });

  it('PostgreSQL has the same tables, columns (order, type, NOT NULL, primary key), named indexes and triggers as SQLite', async () => {
    const { url, pool } = await newStore();
    await migratePostgres(pool, url);
    const sqliteTables = (sqliteDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
    expect(sqliteTables.length).toBeGreaterThan(30);
    expect(await tableNames(pool)).toEqual([...sqliteTables, VERSION_TABLE].sort());
    for (const table of sqliteTables) {
      const lite = sqliteColumns(table);
      const post = await postgresColumns(pool, table);
      // SQLite lets a primary-key column be NULL unless said otherwise; PostgreSQL makes it NOT NULL.
      expect(post, table).toEqual(lite.map((c) => ({ ...c, notnull: c.notnull || c.pk > 0 })));
    }
    const named = (type: string) => sqliteDb.prepare('SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY name').pluck().all(type) as string[];
    const indexes = (await pool.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).rows.map((r) => r.indexname as string);
    expect(indexes).toEqual(expect.arrayContaining(named('index')));
    const triggers = (await pool.query('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname')).rows.map((r) => r.tgname as string);
    expect(triggers).toEqual(named('trigger'));
  });

  it('PostgreSQL keeps the rules the schema states: issued rows immutable, account names unique whatever the case, text ordered as SQLite orders it', async () => {
    // A server set up for Chinese: its default collation would put 'a街道' before 'A街道' and order 汉字 by pinyin.
    const { url, pool } = await newStore('zh');
    await migratePostgres(pool, url);
    await pool.query(`INSERT INTO units (name, kind) VALUES ('青云谱区', 'district')`);
    await pool.query(`INSERT INTO plans (unit_id, title, year_start, year_end) VALUES (1, '计划', 2022, 2022)`);
    await pool.query(`INSERT INTO upper_issues (plan_id, version, upper_database_id, upper_plan_id, upper_plan_title, upper_unit_name, unit_upper_id, unit_name, export_id, exported_at, received_at, received_by, file_name, package)
      VALUES (1, 1, 'db', 9, '南昌市计划', '南昌市', 3, '青云谱区', 'e1', 't', 't', '王芳', 'f.tzpkg', '{}')`);
    await expect(pool.query(`UPDATE upper_issues SET file_name = 'g'`)).rejects.toThrow('上级下达的内容不能修改');
    await pool.query(`INSERT INTO users (name, role, password_hash, password_set_at, created_by, created_at) VALUES ('Wang', 'admin', 'h', 't', 'x', 't')`);
    await expect(pool.query(`INSERT INTO users (name, role, password_hash, password_set_at, created_by, created_at) VALUES ('wANG', 'admin', 'h', 't', 'x', 't')`)).rejects.toThrow(/users_name/);
    // The identity column gives the next id; a plan's created_at is filled as SQLite fills it (ISO, UTC, milliseconds).
    const plan = (await pool.query('SELECT id, created_at FROM plans')).rows[0];
    expect(plan.id).toBe(1);
    expect(plan.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await pool.query(`INSERT INTO units (name, kind, parent_id) VALUES ('b街道', 'street', 1), ('A街道', 'street', 1), ('洪都街道', 'street', 1), ('a街道', 'street', 1)`);
    const ordered = (await pool.query('SELECT name FROM units WHERE parent_id = 1 ORDER BY name')).rows.map((r) => r.name);
    sqliteDb.exec('BEGIN');
    try {
      sqliteDb.exec(`INSERT INTO units (id, name, kind) VALUES (900, 'root', 'district');
        INSERT INTO units (name, kind, parent_id) VALUES ('b街道', 'street', 900), ('A街道', 'street', 900), ('洪都街道', 'street', 900), ('a街道', 'street', 900)`);
      expect(ordered).toEqual(sqliteDb.prepare('SELECT name FROM units WHERE parent_id = 900 ORDER BY name').pluck().all());
    } finally {
      sqliteDb.exec('ROLLBACK');
    }
  });
});

describe('triggers that keep a table up to date, on PostgreSQL', () => {
  it('sub_unit_sums (migration 014) follows inserts, changes, removals and a unit moved, as on SQLite', async () => {
    const { url, pool } = await newStore();
    await migratePostgres(pool, url);
    await pool.query(`INSERT INTO units (id, name, kind, parent_id) VALUES (1, '青云谱区', 'district', NULL), (2, '洪都街道', 'street', 1), (3, '京山街道', 'street', 1), (4, '区科工局', 'department', 1)`);
    await pool.query(`INSERT INTO plans (id, unit_id, title, year_start, year_end) VALUES (1, 1, '计划', 2022, 2022)`);
    await pool.query(`INSERT INTO indicators (id, plan_id, name, aggregation, frequency, decomposed) VALUES (1, 1, '技术合同成交额', 'sum', 'monthly', 1)`);
    const insert = `INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES ($1, $2, $3, $4, '王芳', 't')`;
    await pool.query(insert, [1, 2, '2022-09', 1.25]);
    await pool.query(insert, [1, 3, '2022-09', 2.5]);
    await pool.query(insert, [1, 4, '2022-09', 50]);
    await pool.query(insert, [1, 1, '2022-09', 99]);
    const sums = async () => (await pool.query('SELECT parent_id, indicator_id, period, total, reported FROM sub_unit_sums ORDER BY parent_id, period')).rows;
    expect(await sums()).toEqual([{ parent_id: 1, indicator_id: 1, period: '2022-09', total: 3.75, reported: 2 }]);
    await pool.query(`UPDATE figures SET value = 2 WHERE unit_id = 2`);
    await pool.query(`UPDATE figures SET entered_by = '李强' WHERE unit_id = 3`);
    expect(await sums()).toEqual([{ parent_id: 1, indicator_id: 1, period: '2022-09', total: 4.5, reported: 2 }]);
    await pool.query(`UPDATE units SET parent_id = 2 WHERE id = 3`);
    expect(await sums()).toEqual([
      { parent_id: 1, indicator_id: 1, period: '2022-09', total: 2, reported: 1 },
      { parent_id: 2, indicator_id: 1, period: '2022-09', total: 2.5, reported: 1 },
    ]);
    await pool.query(`UPDATE units SET kind = 'department' WHERE id = 2`);
    expect(await sums()).toEqual([{ parent_id: 2, indicator_id: 1, period: '2022-09', total: 2.5, reported: 1 }]);
    await pool.query(`DELETE FROM figures WHERE unit_id = 3`);
    expect(await sums()).toEqual([]);
  });
});

describe('PostgreSQL refuses before writing anything', () => {
  it('a store written by a newer Taizhang (db_too_new), leaving it exactly as it was', async () => {
    const { url, pool } = await newStore();
    await pool.query(`CREATE TABLE ${VERSION_TABLE} (version BIGINT NOT NULL); INSERT INTO ${VERSION_TABLE} VALUES (${SCHEMA_VERSION + 5})`);
    const err = await migratePostgres(pool, url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('db_too_new');
    expect((err as ApiError).message).toContain(`数据库版本 ${SCHEMA_VERSION + 5}，本程序支持到 ${SCHEMA_VERSION}`);
    expect(await tableNames(pool)).toEqual([VERSION_TABLE]);
  });

  it('a database holding another program’s tables', async () => {
    const { url, pool } = await newStore();
    await pool.query('CREATE TABLE invoices (id int)');
    const err = (await migratePostgres(pool, url).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('db_unreadable');
    expect(err.message).toContain('不是科创台账的数据库，未作任何修改');
    expect(await tableNames(pool)).toEqual(['invoices']);
  });

  it('a migration that fails half-way leaves the store empty, and says so in Chinese', async () => {
    const { url, pool } = await newStore();
    const broken = [...MIGRATIONS, 'CREATE TABLE units (id INTEGER PRIMARY KEY);'];
    const err = (await migratePostgres(pool, url, broken).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('internal');
    expect(err.message).toContain('已全部撤回，数据库未作任何修改');
    expect(await tableNames(pool)).toEqual([]);
  });

  it('two processes opening a new store at once migrate it once', async () => {
    const { url } = await newStore();
    const [a, b] = await Promise.all([connectPostgres(url, url), connectPostgres(url, url)]);
    pools.push(a, b);
    const results = await Promise.all([migratePostgres(a, url), migratePostgres(b, url)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect((await a.query(`SELECT count(*) AS n FROM ${VERSION_TABLE}`)).rows[0].n).toBe(1);
  });
});
