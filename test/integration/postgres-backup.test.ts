/**
 * Backups of a PostgreSQL store (issue 22): pg_dump copies made, listed,
 * restored and undone by the same `taizhang backup` commands as a file's
 * copies; a restore gives back the data exactly, all or nothing (a damaged
 * copy, a copy from a newer Taizhang, a failure late in the restore's
 * transaction all leave the store as it was); an older store is migrated
 * after its copy. CLI JSON and exit codes: 0 done, 1 refused, 2 usage.
 *
 * Runs on a throwaway cluster (test/helpers/pgCluster.ts) with the same
 * PostgreSQL's pg_dump, pg_restore and psql: without them it fails saying
 * what to install — never skipped. Copies go to the per-user folder, here a
 * temp folder (XDG_CONFIG_HOME).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { createBackupPg, listBackupsPg, pgBackupPlace, pgStoreStem, restoreBackupPg } from '../../electron/core/store/postgres/backup';
import { migratePostgres, postgresVersion } from '../../electron/core/store/postgres/migrate';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import { ApiError } from '../../shared/api/errors';
import { taizhang } from '../helpers/cli';
import { postgresBinDir, startPgCluster, type PgCluster } from '../helpers/pgCluster';

let cluster: PgCluster;
let home: string;
let savedHome: string | undefined;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  // The tools the backups run: the same folder as the cluster's (a missing one fails here, saying what to install).
  for (const tool of ['pg_dump', 'pg_restore', 'psql']) {
    if (!fs.existsSync(path.join(postgresBinDir(), tool))) throw new Error(`${tool} not found beside initdb: apt-get install -y postgresql`);
  }
  cluster = await startPgCluster();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-pgbackup-home-'));
  savedHome = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = home;
}, 120_000);

afterAll(async () => {
  for (const pool of pools) await pool.end().catch(() => {});
  if (savedHome === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedHome;
  cluster?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

const ROWS = [
  `INSERT INTO units (id, name, kind, parent_id, sort_order, code) VALUES (1, '青云谱区', 'district', NULL, 0, '360104'), (2, '洪都街道', 'street', 1, 1, 'U1'), (3, '区科工局', 'department', 1, 2, 'U2')`,
  `INSERT INTO plans (id, unit_id, title, year_start, year_end, doc_number) VALUES (1, 1, '2022年青云谱区科技创新基础大提升工作要点', 2022, 2022, '青政办发〔2022〕16号')`,
  `INSERT INTO indicators (id, plan_id, name, measure_unit, aggregation, frequency, code) VALUES (1, 1, '科技型中小企业', '家', 'sum', 'quarterly', 'I1'), (2, 1, '高新技术企业', '家', 'sum', 'yearly', 'I2')`,
  `INSERT INTO targets (indicator_id, unit_id, value) VALUES (1, 1, 140), (1, 2, 21), (2, 1, 76)`,
  `INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (1, 2, '2022Q3', 18, '张敏', '2022-10-08T02:00:00.000Z'), (2, 2, '2022', 7.5, '张敏', '2022-12-08T02:00:00.000Z')`,
  `INSERT INTO action_lines (id, plan_id, seq, title) VALUES (1, 1, 1, '科技创新区域优化布局行动')`,
  `INSERT INTO tasks (id, action_line_id, seq, content) VALUES (1, 1, 1, '年营收3亿元以上工业企业研发机构全覆盖'), (2, 1, 2, '力争新组建1-3家科研机构')`,
];

/** Every table's rows, in a fixed order: the data exactly, whatever the engine's row order. */
async function snapshot(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const tables = await pool.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    const rows = (await pool.query(`SELECT * FROM "${name}"`)).rows.map((r) => JSON.stringify(r)).sort();
    out[name] = rows;
  }
  return out;
}

async function newStore(migrations?: readonly string[]): Promise<{ url: string; pool: pg.Pool }> {
  const url = await cluster.createDatabase();
  const pool = await connectPostgres(url, url);
  pools.push(pool);
  await migratePostgres(pool, url, migrations);
  return { url, pool };
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await taizhang(args, env);
  return { ...run, json: run.stdout.trim() ? JSON.parse(run.stdout) : null };
}

describe('pg_dump copies through taizhang backup', () => {
  it('create → list → change the data → restore gives it back exactly; undo of the restore brings the change back', async () => {
    const { url, pool } = await newStore();
    for (const row of ROWS) await pool.query(row);
    // Rows written with their ids (as the tests do) leave the identity behind: set it, as code that does so must.
    await pool.query("SELECT setval(pg_get_serial_sequence('units', 'id'), 3)");
    const original = await snapshot(pool);

    const created = await cli(['backup', 'create', '--db', url, '--note', '月底前', '--operator', '王芳', '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const backup = created.json.backup;
    expect(backup).toMatchObject({ reason: '手动备份：月底前', kind: 'manual', by: '王芳', counts: { plans: 1, units: 2, figures: 2, tasks: 2 } });
    const place = pgBackupPlace(url);
    expect(place.dir).toBe(path.join(home, 'Taizhang', 'backups'));
    expect(backup.file).toBe(path.join(place.dir, `${pgStoreStem(url)}-${backup.id}.dump`));
    expect(fs.readFileSync(backup.file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(backup.bytes).toBe(fs.statSync(backup.file).size);

    const listed = await cli(['backup', 'list', '--db', url, '--json']);
    expect(listed.code).toBe(0);
    expect(listed.json).toEqual({ dir: place.dir, mirrorDir: null, backups: [backup] });
    const manifest = JSON.parse(fs.readFileSync(place.manifest, 'utf8'));
    expect(manifest.entries[0]).toMatchObject({ id: backup.id, schemaVersion: SCHEMA_VERSION });
    const text = await taizhang(['backup', 'list', '--db', url]);
    expect(text.stdout).toContain(`备份文件夹：${place.dir}`);
    expect(text.stdout).toContain('手动备份：月底前');

    await pool.query("UPDATE figures SET value = 19, entered_by = '李强' WHERE unit_id = 2 AND period = '2022Q3'");
    await pool.query("INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (1, 2, '2022Q4', 25, '李强', '2023-01-05T02:00:00.000Z')");
    await pool.query('DELETE FROM tasks WHERE id = 2');
    await pool.query("INSERT INTO units (name, kind, parent_id, sort_order, code) VALUES ('岱山街道', 'street', 1, 3, 'U3')");
    const changed = await snapshot(pool);
    expect(changed).not.toEqual(original);

    // Without --yes: what would go is said, nothing happens, exit 1.
    const asked = await cli(['backup', 'restore', backup.id, '--db', url, '--json']);
    expect(asked.code).toBe(1);
    expect(asked.json.ok).toBe(false);
    expect(asked.json.before).toBeNull();
    expect(asked.json.lost[0]).toMatchObject({ what: 'all' });
    expect(asked.json.lost[0].text).toContain('完成数 3 条');
    expect(asked.json.lost[0].text).toContain('备份中有工作要点 1 份、单位 2 个、完成数 2 条、任务 2 项');
    expect(await snapshot(pool)).toEqual(changed);

    const restored = await cli(['backup', 'restore', backup.id, '--db', url, '--yes', '--json', '--operator', '王芳']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.json.ok).toBe(true);
    expect(restored.json.before).toMatchObject({ kind: 'operation', operation: 'restore', by: '王芳', counts: { figures: 3, units: 3, tasks: 1 } });
    expect(await snapshot(pool)).toEqual(original);
    // The identity sequence came back to the copy's value too: the next new unit is 4 again (岱山街道 took 4 before the restore).
    const next = await pool.query("INSERT INTO units (name, kind, parent_id, sort_order, code) VALUES ('新街道', 'street', 1, 4, 'U9') RETURNING id");
    expect(next.rows[0].id).toBe(4);
    await pool.query('DELETE FROM units WHERE id = $1', [next.rows[0].id]);

    const info = await cli(['info', '--db', url, '--json']);
    expect(info.json).toMatchObject({ figures: 2, tasks: 2, schemaVersion: SCHEMA_VERSION });

    // The restore is undone by restoring the copy taken just before it.
    const undone = await cli(['backup', 'undo', restored.json.before.id, '--db', url, '--yes', '--json']);
    expect(undone.code).toBe(0);
    expect(await snapshot(pool)).toEqual(changed);
    const after = await cli(['backup', 'list', '--db', url, '--json']);
    expect(after.json.backups.map((b: { operation: string | null }) => b.operation)).toEqual(['undo', 'restore', null]);
  });

  it('a damaged copy, a file that is not a pg_dump, a SQLite file: refused, the store unchanged, nothing listed', async () => {
    const { url, pool } = await newStore();
    for (const row of ROWS) await pool.query(row);
    // Incompressible filler makes one table's data most of the copy, so bytes damaged mid-file lie in it, away from the version.
    await pool.query("INSERT INTO settings (key, value) VALUES ('filler', $1)", [crypto.randomBytes(150_000).toString('hex')]);
    const created = await cli(['backup', 'create', '--db', url, '--json']);
    const good = fs.readFileSync(created.json.backup.file);
    await pool.query("UPDATE figures SET value = 99 WHERE unit_id = 2 AND period = '2022Q3'");
    const now = await snapshot(pool);
    const dir = fs.mkdtempSync(path.join(home, 'files-'));

    const truncated = path.join(dir, 'truncated.dump');
    fs.writeFileSync(truncated, good.subarray(0, Math.floor(good.length * 0.6)));
    const flipped = path.join(dir, 'flipped.dump');
    const bytes = Buffer.from(good);
    for (let i = Math.floor(bytes.length * 0.5); i < Math.floor(bytes.length * 0.5) + 64; i++) bytes[i] ^= 0xff;
    fs.writeFileSync(flipped, bytes);
    const text = path.join(dir, 'notes.dump');
    fs.writeFileSync(text, '这不是备份\n');
    const sqliteFile = path.join(dir, 'taizhang.db');
    fs.writeFileSync(sqliteFile, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(100)]));

    for (const [file, words] of [
      [truncated, '已损坏'],
      [flipped, '已损坏'],
      [text, '不是 PostgreSQL 的备份文件'],
      [sqliteFile, '是 SQLite 数据库文件'],
    ] as const) {
      const run = await cli(['backup', 'restore', file, '--db', url, '--yes', '--json']);
      expect(run.code, file).toBe(1);
      if (file === flipped) expect(run.json.error.message).toContain('could not uncompress');
      expect(run.json.ok).toBe(false);
      expect(run.json.error.code).toBe('db_unreadable');
      expect(run.json.error.message).toContain(words);
      expect(run.json.error.message).toContain('当前数据没有任何改动');
      expect(await snapshot(pool)).toEqual(now);
    }
    const listed = await cli(['backup', 'list', '--db', url, '--json']);
    expect(listed.json.backups).toHaveLength(1);
    expect(fs.readdirSync(pgBackupPlace(url).dir).filter((n) => n.includes('-restore-') || n.endsWith('.tmp'))).toEqual([]);
  });

  it('a restore that fails at its very end (the copy restored, then a migration fails) rolls all of it back', async () => {
    const { url, pool } = await newStore();
    for (const row of ROWS) await pool.query(row);
    const ctx = { pool, url, shown: url };
    const copy = await createBackupPg(ctx, null, null);
    await pool.query("UPDATE figures SET value = 77 WHERE unit_id = 2 AND period = '2022Q3'");
    await pool.query('DELETE FROM tasks WHERE id = 1');
    const now = await snapshot(pool);
    // This build knows one more migration, which breaks half-way: it runs after the copy is restored, in the same transaction.
    const broken = [...MIGRATIONS, "CREATE TABLE later_notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO nowhere VALUES (1);"];
    const err = (await restoreBackupPg({ ...ctx, migrations: broken }, { id: copy.id }, { confirm: true, by: null }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toContain('已全部撤回，当前数据没有任何改动');
    expect(await snapshot(pool)).toEqual(now);
    expect(await postgresVersion(pool)).toBe(SCHEMA_VERSION);
    // The copy of the state before the failed restore is not listed: it is the state the store is in.
    const listed = await cli(['backup', 'list', '--db', url, '--json']);
    expect(listed.json.backups.map((b: { id: string }) => b.id)).toEqual([copy.id]);
  });

  it('a copy written by a newer Taizhang is refused (db_too_new), the store unchanged', async () => {
    const future = [...MIGRATIONS, 'CREATE TABLE future_things (id INTEGER PRIMARY KEY, name TEXT);'];
    const newer = await newStore(future);
    const copy = await createBackupPg({ pool: newer.pool, url: newer.url, shown: newer.url, migrations: future }, null, null);
    expect(copy.schemaVersion).toBe(SCHEMA_VERSION + 1);

    const { url, pool } = await newStore();
    for (const row of ROWS) await pool.query(row);
    const now = await snapshot(pool);
    const run = await cli(['backup', 'restore', copy.file, '--db', url, '--yes', '--json']);
    expect(run.code).toBe(1);
    expect(run.json.error.code).toBe('db_too_new');
    expect(run.json.error.message).toContain(`数据库版本 ${SCHEMA_VERSION + 1}，本程序支持到 ${SCHEMA_VERSION}`);
    expect(await snapshot(pool)).toEqual(now);
    expect((await cli(['backup', 'list', '--db', url, '--json'])).json.backups).toEqual([]);
  });

  it('pg_dump missing: refused with what to install, nothing done; usage mistakes exit 2', async () => {
    const { url } = await newStore();
    const missing = await cli(['backup', 'create', '--db', url, '--json'], { TAIZHANG_PG_BIN: path.join(home, 'no-such-folder') });
    expect(missing.code).toBe(1);
    expect(missing.json.error.message).toContain('找不到 pg_dump');
    expect(missing.json.error.message).toContain('apt-get install -y postgresql-client');
    expect((await cli(['backup', 'list', '--db', url, '--json'])).json.backups).toEqual([]);

    expect((await cli(['backup', 'restore', '--db', url, '--json'])).code).toBe(2);
    expect((await cli(['backup', 'frobnicate', '--db', url])).code).toBe(2);
    expect((await cli(['backup', 'undo', 'nonsense', '--db', url])).code).toBe(2);
    const unknown = await cli(['backup', 'restore', '20990101-000000-abcd', '--db', url, '--yes', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.json.error.code).toBe('not_found');
  });
});

describe('an older PostgreSQL store is migrated after its copy', () => {
  it('opened by this build: a pg_dump copy at the old version, then every missing migration; the data kept', async () => {
    const url = await cluster.createDatabase();
    const pool = await connectPostgres(url, url);
    pools.push(pool);
    await migratePostgres(pool, url, MIGRATIONS.slice(0, 5));
    await pool.query(ROWS[0]);
    await pool.query(ROWS[1]);
    const old = await snapshot(pool);

    const info = await cli(['info', '--db', url, '--json']);
    expect(info.stderr).toBe('');
    expect(info.code).toBe(0);
    expect(info.json).toMatchObject({ schemaVersion: SCHEMA_VERSION, plans: 1, units: 2 });
    expect(await postgresVersion(pool)).toBe(SCHEMA_VERSION);
    const migrated = await snapshot(pool);
    expect(migrated.plans.map((r) => JSON.parse(r as string).title)).toEqual(old.plans.map((r) => JSON.parse(r as string).title));
    expect(migrated.units).toHaveLength(old.units.length);

    const listed = await cli(['backup', 'list', '--db', url, '--json']);
    expect(listed.json.backups).toHaveLength(1);
    const copy = listed.json.backups[0];
    expect(copy).toMatchObject({ kind: 'operation', operation: 'migration', reason: `升级数据库结构（版本 5 → ${SCHEMA_VERSION}）前`, counts: { plans: 1, units: 2 } });

    // The copy holds the store as it was at version 5: restoring it brings that data back, migrated in the same transaction.
    await pool.query("UPDATE plans SET title = '改过的标题' WHERE id = 1");
    const restored = await cli(['backup', 'restore', copy.id, '--db', url, '--yes', '--json']);
    expect(restored.code).toBe(0);
    expect(await postgresVersion(pool)).toBe(SCHEMA_VERSION);
    expect(await snapshot(pool)).toEqual(migrated);
  });

  it('a migration that fails leaves the older store exactly as it was (its copy stays listed)', async () => {
    const url = await cluster.createDatabase();
    const pool = await connectPostgres(url, url);
    pools.push(pool);
    await migratePostgres(pool, url, MIGRATIONS.slice(0, 5));
    await pool.query(ROWS[0]);
    const old = await snapshot(pool);
    const broken = [...MIGRATIONS.slice(0, 8), 'CREATE TABLE later_notes (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1);'];
    const err = (await migratePostgres(pool, url, broken).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('internal');
    expect(err.message).toContain('升级数据库结构（版本 5 → 9）时出错，已全部撤回，数据库未作任何修改');
    expect(await snapshot(pool)).toEqual(old);
    expect(await postgresVersion(pool)).toBe(5);
    // (Not through the CLI: opening the store with this build would migrate it.)
    expect((await listBackupsPg({ pool, url, shown: url })).backups).toMatchObject([{ operation: 'migration', schemaVersion: 5 }]);
  });

  it('without pg_dump an older store is refused, untouched', async () => {
    const url = await cluster.createDatabase();
    const pool = await connectPostgres(url, url);
    pools.push(pool);
    await migratePostgres(pool, url, MIGRATIONS.slice(0, 5));
    const old = await snapshot(pool);
    const run = await cli(['info', '--db', url, '--json'], { TAIZHANG_PG_BIN: path.join(home, 'no-such-folder') });
    expect(run.code).toBe(1);
    expect(run.json.error.message).toContain('找不到 pg_dump');
    expect(run.json.error.message).toContain('升级数据库结构未执行');
    expect(await snapshot(pool)).toEqual(old);
  });
});
