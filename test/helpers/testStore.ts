/**
 * The integration suite on both engines (issue 22). vitest.config.ts runs
 * test/integration twice: the project `sqlite` on SQLite files, the project
 * `postgres` (TAIZHANG_TEST_ENGINE=postgres) on PostgreSQL. A test that asks
 * for its store here gets a SQLite file or a new database of the shared
 * throwaway cluster (pgGlobalSetup.ts), as its project says — the same test,
 * the same assertions, on either engine.
 *
 * What a test does with its store goes through engine-neutral doors: the core
 * (`core.call`), the CLI with `--db` (`db`: the file's path or the URL), and
 * plain SQL both engines read (`rows`, `run`: `?` placeholders). What only a
 * SQLite file has (its path, its folder of copies) is the `sqlite` project's
 * alone: such a test stays in SQLITE_ONLY (vitest.config.ts) with its reason.
 *
 * On PostgreSQL each store is a copy of a template database (migrated, and
 * for `example` the 青云谱区 plan loaded by the same Op the SQLite core
 * loads it with), made once per test process: CREATE DATABASE … TEMPLATE is
 * a file copy, far quicker than migrating every new database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { sqliteStore } from '../../electron/core/db/tx';
import { loadExampleOp } from '../../electron/core/seed/example';
import { loadPlanSeedOp } from '../../electron/core/seed/loadPlan';
import { openPostgresCore } from '../../electron/core/store/postgres/core';
import { migratePostgres } from '../../electron/core/store/postgres/migrate';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import { pgStore } from '../../electron/core/store/postgres/run';
import type { OpStore } from '../../electron/core/store/query';
import type { EngineName } from './engines';
import { tempDir } from './tempDb';

export const TEST_ENGINE: EngineName = process.env.TAIZHANG_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** What a new store holds: nothing, the example plan, the plan without its annexes, or only its units. */
export type Fill = 'empty' | 'example' | 'barePlan' | 'unitsOnly';

/** The operator the tests write as (a write needs one: it is recorded in the history). */
export const TEST_OPERATOR = '测试员';

export interface TestStore {
  engine: EngineName;
  /** What `--db` takes: the file's path or the database's URL. */
  db: string;
  /** A fresh folder of the test's own (files to import, exports). */
  dir: string;
  core: Core;
  /** The query layer's Ops run on the store directly (a second connection, as another process would have). */
  store: OpStore;
  /** Rows of plain SQL both engines read, `?` placeholders. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** A statement both engines run (set-up), `?` placeholders. */
  run(sql: string, ...params: unknown[]): Promise<void>;
  /** The core again on the same store (as the app started anew): the old one is closed. */
  reopen(): Promise<Core>;
  close(): Promise<void>;
}

const SEED = path.resolve(__dirname, '../../seeds/qingyunpu-2022.json');
const seedJson = () => JSON.parse(fs.readFileSync(SEED, 'utf8'));

/** The plan's seed without 附件1's tasks and 附件2's breakdown (the import tests bring those). */
function* barePlanOp() {
  const seed = seedJson();
  delete seed.breakdown;
  seed.actionLines = [];
  return yield* loadPlanSeedOp(seed, 'bare plan');
}

const FILLS = {
  example: () => loadExampleOp('qingyunpu-2022'),
  barePlan: barePlanOp,
  // The unit tree and its groups; its plan is deleted after (as after the last plan was deleted).
  unitsOnly: () => loadPlanSeedOp(seedJson(), 'units only'),
} as const;

/** `?` placeholders as PostgreSQL's `$1, $2, …` (outside quoted text). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? `$${++n}` : m));
}

const SET_OPERATOR = "INSERT INTO settings (key, value) VALUES ('operator', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/** A new store on the project's engine (or the one asked for), filled as asked, the operator set (null: none). */
export async function testStore(fill: Fill = 'example', options: { operator?: string | null; engine?: EngineName } = {}): Promise<TestStore> {
  const engine = options.engine ?? TEST_ENGINE;
  const operator = options.operator === undefined ? TEST_OPERATOR : options.operator;
  const s = engine === 'postgres' ? await postgresStore(fill) : await sqliteFileStore(fill);
  if (operator) await s.run(SET_OPERATOR, operator);
  return s;
}

async function sqliteFileStore(fill: Fill): Promise<TestStore> {
  const tmp = tempDir('taizhang-it-');
  const dbPath = path.join(tmp.dir, 'taizhang.db');
  // The file as the app makes it: opened by the core, which loads the example into a new file unless told not to.
  let core = openCore({ dbPath, seedIfNew: fill === 'example' });
  const { db } = openDb(dbPath);
  const store = sqliteStore(db);
  if (fill === 'unitsOnly' || fill === 'barePlan') {
    await store.write(FILLS[fill]());
    if (fill === 'unitsOnly') db.exec('DELETE FROM plans');
  }
  const dir = fs.mkdtempSync(path.join(tmp.dir, 'files-'));
  return {
    engine: 'sqlite',
    db: dbPath,
    dir,
    get core() {
      return core;
    },
    store,
    rows: async <T,>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
    run: async (sql, ...params) => void db.prepare(sql).run(...params),
    reopen: async () => {
      await core.close();
      core = openCore({ dbPath, seedIfNew: false });
      return core;
    },
    close: async () => {
      db.close();
      await core.close();
      tmp.cleanup();
    },
  };
}

let admin: pg.Pool | undefined;
const templates = new Map<Fill, Promise<string>>();
let made = 0;

/** The shared cluster's URL (pgGlobalSetup.ts provides it to the `postgres` project). */
function clusterUrl(database: string): string {
  const base = inject('pgClusterUrl') as string | undefined;
  if (!base) throw new Error('TAIZHANG_TEST_ENGINE=postgres needs the PostgreSQL cluster of vitest.config.ts’s `postgres` project (test/helpers/pgGlobalSetup.ts): run the tests through vitest.config.ts.');
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function createDatabase(name: string, template?: string): Promise<string> {
  // Idle clients must not keep the test process alive after its last file (allowExitOnIdle); a dropped connection is not an error here.
  if (!admin) {
    admin = new pg.Pool({ connectionString: clusterUrl('postgres'), max: 2, allowExitOnIdle: true });
    admin.on('error', () => {}); // once per pool: one listener per new database passed Node's limit of 10 (MaxListenersExceededWarning)
  }
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  return clusterUrl(name);
}

/** The template database of that fill, made once in this test process: migrated, filled by the same Ops. */
function templateFor(fill: Fill): Promise<string> {
  let template = templates.get(fill);
  if (!template) {
    template = (async () => {
      const name = `tpl_${process.pid}_${fill}`;
      const url = await createDatabase(name);
      const pool = await connectPostgres(url, url);
      try {
        await migratePostgres(pool, url, undefined, url);
        if (fill !== 'empty') {
          const store = pgStore(pool, url);
          await store.write(FILLS[fill]());
          if (fill === 'unitsOnly') await pool.query('DELETE FROM plans');
        }
      } finally {
        await pool.end();
      }
      return name;
    })();
    templates.set(fill, template);
  }
  return template;
}

let copiesHome: { dir: string; saved: string | undefined } | undefined;

/**
 * A PostgreSQL store's pg_dump copies and its taizhang.log live in the per-user folder
 * (store/postgres/backup.ts pgBackupPlace, log.ts: $XDG_CONFIG_HOME/Taizhang): in a temp folder of
 * this test file's own, removed after its last test, never the engineer's or CI's real one. (A
 * SQLite file's copies and log sit beside it, in its temp folder.)
 */
function ownCopiesHome(): void {
  if (copiesHome) return;
  copiesHome = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-pg-home-')), saved: process.env.XDG_CONFIG_HOME };
  process.env.XDG_CONFIG_HOME = copiesHome.dir;
}
// Registered when a test file imports this module, so it runs after that file's own afterAll (hooks run as a stack).
afterAll(() => {
  if (!copiesHome) return;
  if (copiesHome.saved === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = copiesHome.saved;
  fs.rmSync(copiesHome.dir, { recursive: true, force: true });
  copiesHome = undefined;
});

async function postgresStore(fill: Fill): Promise<TestStore> {
  ownCopiesHome();
  const name = `t_${process.pid}_${++made}`;
  const url = await createDatabase(name, await templateFor(fill));
  let core = await openPostgresCore({ url, shown: url });
  const pool = await connectPostgres(url, url);
  const tmp = tempDir('taizhang-it-');
  return {
    engine: 'postgres',
    db: url,
    dir: tmp.dir,
    get core() {
      return core;
    },
    store: pgStore(pool, url),
    rows: async <T,>(sql: string, ...params: unknown[]) => (await pool.query(numberedPlaceholders(sql), params)).rows as T[],
    run: async (sql, ...params) => void (await pool.query(numberedPlaceholders(sql), params)),
    reopen: async () => {
      await core.close();
      core = await openPostgresCore({ url, shown: url });
      return core;
    },
    close: async () => {
      await pool.end();
      await core.close();
      tmp.cleanup();
    },
  };
}

/** Every row of every table of the store, as text: equal dumps mean nothing was written. */
export async function dumpStore(s: TestStore): Promise<string> {
  const tables =
    s.engine === 'sqlite'
      ? await s.rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await s.rows<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
  const out: [string, string[]][] = [];
  for (const { name } of tables) out.push([name, (await s.rows(`SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort()]);
  return JSON.stringify(out);
}
