/**
 * The PostgreSQL store's first slice (issue 22): `taizhang info --json` on a
 * migrated PostgreSQL store answers what it answers on a SQLite file with
 * the same rows — through the query layer, the same queries —; every command
 * not yet able to run there refuses in Chinese with exit 1 and names the
 * ones that can; the write transaction is all-or-nothing with one writer at
 * a time, as SQLite's BEGIN IMMEDIATE.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import { writeTxPg } from '../../electron/core/store/postgres/run';
import { ApiError } from '../../shared/api/errors';
import { COMMANDS } from '../../electron/cli/commands';
import { taizhang } from '../helpers/cli';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { tempDbPath } from '../helpers/tempDb';

let cluster: PgCluster;
let sqlite: { dbPath: string; cleanup(): void };
const pools: pg.Pool[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
  sqlite = tempDbPath();
}, 120_000);

afterAll(async () => {
  for (const pool of pools) await pool.end().catch(() => {});
  sqlite?.cleanup();
  cluster?.stop();
});

/** The same rows on both engines, written with plain SQL both accept. */
const ROWS = [
  `INSERT INTO units (id, name, kind, parent_id, sort_order, code) VALUES (1, '青云谱区', 'district', NULL, 0, '360104'), (2, '洪都街道', 'street', 1, 1, 'U1'), (3, '区科工局', 'department', 1, 2, 'U2')`,
  `INSERT INTO unit_groups (id, phrase, owner_unit_id) VALUES (1, '各街道、镇、集聚区', 1)`,
  `INSERT INTO plans (id, unit_id, title, year_start, year_end, doc_number) VALUES (1, 1, '2021年工作要点', 2021, 2021, NULL), (2, 1, '2022年青云谱区科技创新基础大提升工作要点', 2022, 2022, '青政办发〔2022〕16号')`,
  `INSERT INTO indicators (id, plan_id, name, measure_unit, aggregation, frequency, code) VALUES (1, 2, '科技型中小企业', '家', 'sum', 'quarterly', 'I1'), (2, 2, '高新技术企业', '家', 'sum', 'yearly', 'I2')`,
  `INSERT INTO targets (indicator_id, unit_id, value) VALUES (1, 1, 140), (1, 2, 21), (2, 1, 76)`,
  `INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (1, 2, '2022Q3', 18, '张敏', '2022-10-08T02:00:00.000Z')`,
  `INSERT INTO action_lines (id, plan_id, seq, title) VALUES (1, 2, 1, '科技创新区域优化布局行动')`,
  `INSERT INTO tasks (id, action_line_id, seq, content) VALUES (1, 1, 1, '年营收3亿元以上工业企业研发机构全覆盖'), (2, 1, 2, '力争新组建1-3家科研机构')`,
];

async function infoJson(db: string, ...more: string[]): Promise<Record<string, unknown>> {
  const run = await taizhang(['info', '--db', db, '--json', ...more]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('taizhang info on PostgreSQL', () => {
  it('migrates a new store and answers as on a new SQLite file (--empty), then as SQLite with the same rows', async () => {
    const url = await cluster.createDatabase();
    const onPostgres = await infoJson(url);
    const onSqlite = await infoJson(sqlite.dbPath, '--empty');
    expect(onPostgres.dbPath).toBe(url);
    expect({ ...onPostgres, dbPath: '' }).toEqual({ ...onSqlite, dbPath: '' });
    expect(onPostgres).toMatchObject({ plans: 0, units: 0, tasks: 0, planTitles: [] });

    const lite = new Database(sqlite.dbPath);
    for (const row of ROWS) lite.exec(row);
    lite.close();
    const pool = await connectPostgres(url, url);
    pools.push(pool);
    for (const row of ROWS) await pool.query(row);

    const filled = await infoJson(url);
    expect({ ...filled, dbPath: '' }).toEqual({ ...(await infoJson(sqlite.dbPath)), dbPath: '' });
    expect(filled).toMatchObject({
      plans: 2,
      units: 2,
      departments: 1,
      unitGroups: 1,
      indicators: 2,
      targets: 3,
      figures: 1,
      actionLines: 1,
      tasks: 2,
      // Newest first, as the plan switcher lists them.
      planTitles: ['2022年青云谱区科技创新基础大提升工作要点', '2021年工作要点'],
    });
    // The text output too.
    const text = await taizhang(['info', '--db', url]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`数据库：${url}`);
    expect(text.stdout).toContain('2022年青云谱区科技创新基础大提升工作要点（青政办发〔2022〕16号）');
  });

  it('reads TAIZHANG_DB as --db, and never prints the password', async () => {
    const url = await cluster.createDatabase();
    const withPassword = url.replace('taizhang@', 'taizhang:s3cret@');
    const run = await taizhang(['info', '--json'], { TAIZHANG_DB: withPassword });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).dbPath).toBe(url.replace('taizhang@', 'taizhang:***@'));
    expect(run.stdout + run.stderr).not.toContain('s3cret');
  });

  it('says in Chinese when the server cannot be reached (exit 1), without the password', async () => {
    const run = await taizhang(['info', '--db', `postgres://taizhang:s3cret@127.0.0.1:1/none`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('无法连接 PostgreSQL 数据库“postgres://taizhang:***@127.0.0.1:1/none”：连接被拒绝');
    expect(run.stderr).not.toContain('s3cret');
  });
  // --example on PostgreSQL: examples-engines.test.ts.
});

describe('every command on PostgreSQL', () => {
  // A command not marked would be refused as "还不能用于 PostgreSQL" (cli/main.ts); none is left: each runs there,
  // or (taizhang sync: the desktop’s side) is refused on purpose, saying why (sync-engines.test.ts).
  it('runs there or refuses on purpose', () => {
    expect(COMMANDS.filter((c) => !c.postgres && !c.postgresRefusal).map((c) => c.name)).toEqual([]);
    expect(COMMANDS.filter((c) => c.postgresRefusal).map((c) => c.name)).toEqual(['sync']);
  });
});


describe('taizhang sync refuses a PostgreSQL store on purpose', () => {
  it('says why — a server’s store, which desktops sync with from their own file — not “not yet” (exit 1)', async () => {
    const url = cluster.url('never_created').replace('taizhang@', 'taizhang:s3cret@');
    const shown = url.replace('taizhang:s3cret@', 'taizhang:***@');
    const run = await taizhang(['sync', '--db', url, '--operator', '王芳']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `PostgreSQL 数据库“${shown}”是服务器的数据库（taizhang serve），各单位的台账电脑与它同步，它自己不向别的服务器同步：“设置 → 服务器”和同步属于台账电脑自己的台账文件。请在台账电脑上用它的台账文件同步（taizhang sync --db 台账文件 …），服务器这边用 taizhang serve --db postgres://… 接收各单位的同步。未作任何修改。`,
    );
    expect(run.stderr).not.toContain('还不能');
    const json = await taizhang(['sync', '--db', url, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('是服务器的数据库') } });
  });
});

describe('the write transaction on PostgreSQL', () => {
  it('is all or nothing, and lets one writer at a time: a second waits its turn, and gives up after the busy timeout with nothing written', async () => {
    const url = await cluster.createDatabase();
    const pool = await connectPostgres(url, url);
    pools.push(pool);
    await pool.query('CREATE TABLE t (v int)');

    await expect(
      writeTxPg(pool, async (c) => {
        await c.query('INSERT INTO t VALUES (1)');
        throw new Error('interrupted');
      }, url),
    ).rejects.toThrow('interrupted');
    expect((await pool.query('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstIn!: () => void;
    const first = new Promise<void>((resolve) => (firstIn = resolve));
    const order: string[] = [];
    const a = writeTxPg(pool, async (c) => {
      await c.query('INSERT INTO t VALUES (1)');
      order.push('a wrote');
      firstIn();
      await held;
      order.push('a commits');
    }, url);
    await first;
    // A writer that may wait only 200 ms: refused as busy, nothing written.
    const busy = await writeTxPg(pool, async (c) => c.query('INSERT INTO t VALUES (99)'), url, 200).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ApiError);
    expect((busy as ApiError).code).toBe('db_busy');
    expect((busy as ApiError).message).toContain('等待 200 毫秒后仍未轮到，未作任何修改');
    // A writer with the usual wait gets its turn after the first commits, and sees its row.
    const b = writeTxPg(pool, async (c) => {
      order.push('b starts');
      return (await c.query('SELECT count(*) AS n FROM t')).rows[0].n;
    }, url);
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual(['a wrote']);
    release();
    await a;
    expect(await b).toBe(1);
    expect(order).toEqual(['a wrote', 'a commits', 'b starts']);
    expect((await pool.query('SELECT array_agg(v) AS v FROM t')).rows[0].v).toEqual([1]);
  });

  it('nests as savepoints: an inner failure caught by the outer transaction undoes only the inner part', async () => {
    const url = await cluster.createDatabase();
    const pool = await connectPostgres(url, url);
    pools.push(pool);
    await pool.query('CREATE TABLE t (v int)');
    await writeTxPg(pool, async (c) => {
      await c.query('INSERT INTO t VALUES (1)');
      await writeTxPg(c, async (inner) => {
        await inner.query('INSERT INTO t VALUES (2)');
        throw new Error('inner');
      }, url).catch(() => {});
      await c.query('INSERT INTO t VALUES (3)');
    }, url);
    expect((await pool.query('SELECT array_agg(v ORDER BY v) AS v FROM t')).rows[0].v).toEqual([1, 3]);
  });
});
