/**
 * The same test on both engines (issue 22): a new, empty store on a SQLite
 * file or on a database of a throwaway PostgreSQL cluster (pgCluster.ts),
 * with the core the doors use (`core`, `--db` for the CLI) and the query
 * layer's Ops run on it directly (`store`, for what no API method reaches:
 * the login rules, the session lookup, a write that fails half-way).
 *
 * The cluster starts on the first PostgreSQL store a file asks for and stops
 * with `stopEngines()` (its afterAll); a file that runs only the SQLite half
 * never needs PostgreSQL. Without PostgreSQL's binaries the PostgreSQL half
 * FAILS saying how to install them — it is never skipped.
 */
import type pg from 'pg';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { sqliteStore } from '../../electron/core/db/tx';
import { openPostgresCore } from '../../electron/core/store/postgres/core';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import { pgStore } from '../../electron/core/store/postgres/run';
import type { OpStore } from '../../electron/core/store/query';
import { startPgCluster, type PgCluster } from './pgCluster';
import { tempDbPath } from './tempDb';

export type EngineName = 'sqlite' | 'postgres';
export const ENGINES: EngineName[] = ['sqlite', 'postgres'];

export interface EngineStore {
  engine: EngineName;
  /** What `--db` takes: the file's path or the database's URL. */
  db: string;
  core: Core;
  store: OpStore;
  /** Plain SQL both engines accept (set-up, and reading back what was stored). */
  sql(text: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

let cluster: Promise<PgCluster> | undefined;

/** A new, empty store (no example) on that engine. */
export async function openEngine(engine: EngineName): Promise<EngineStore> {
  if (engine === 'sqlite') {
    const t = tempDbPath();
    const core = openCore({ dbPath: t.dbPath, seedIfNew: false });
    // A second connection, as a second process would have: the Ops run on it directly.
    const { db } = openDb(t.dbPath);
    return {
      engine,
      db: t.dbPath,
      core,
      store: sqliteStore(db),
      sql: async (text) => {
        const stmt = db.prepare(text);
        if (stmt.reader) return stmt.all() as Record<string, unknown>[];
        stmt.run();
        return [];
      },
      close: async () => {
        db.close();
        core.close();
        t.cleanup();
      },
    };
  }
  cluster ??= startPgCluster();
  const url = await (await cluster).createDatabase();
  const core = await openPostgresCore({ url, shown: url });
  const pool: pg.Pool = await connectPostgres(url, url);
  return {
    engine,
    db: url,
    core,
    store: pgStore(pool, url),
    sql: async (text) => (await pool.query(text)).rows,
    close: async () => {
      await pool.end();
      await core.close();
    },
  };
}

/** Stops the cluster, if one was started (afterAll). */
export async function stopEngines(): Promise<void> {
  const started = cluster;
  cluster = undefined;
  if (started) (await started.catch(() => undefined))?.stop();
}
