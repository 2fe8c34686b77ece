/**
 * For the all-or-nothing tests of writes on both engines (issue 22): what a
 * store holds, table by table, to compare before and after a write that
 * failed; an Op interrupted after its last write; and an operation with its
 * backup copy run on either engine (runWithBackupOp on the file,
 * runWithBackupPg on PostgreSQL), as the cores run it.
 */
import { runWithBackupOp, type BackedOp } from '../../electron/core/backup/service';
import { openDb } from '../../electron/core/db/open';
import { runWithBackupPg } from '../../electron/core/store/postgres/backup';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import type { Op } from '../../electron/core/store/query';
import type { EngineStore } from './engines';

/** Every row of the tables (sorted, as text): two answers are equal when nothing in them changed. */
export async function storedRows(s: EngineStore, tables: string[]): Promise<string> {
  const out: Record<string, string[]> = {};
  for (const t of tables) out[t] = (await s.sql(`SELECT * FROM ${t}`)).map((r) => JSON.stringify(r)).sort();
  return JSON.stringify(out);
}

/** The Op, then a failure after its last write. */
export function* interrupted<T>(op: Op<T>): Op<never> {
  yield* op;
  throw new Error('interrupted');
}

export interface BackupRunner {
  run<T>(backed: BackedOp<T>): Promise<unknown>;
  close(): Promise<void>;
}

/** Runs operations with their copy on the store's engine, on a connection of its own. */
export async function backupRunner(s: EngineStore): Promise<BackupRunner> {
  if (s.engine === 'sqlite') {
    const { db } = openDb(s.db);
    return {
      run: async (backed) => runWithBackupOp({ db, dbPath: s.db }, backed),
      close: async () => {
        db.close();
      },
    };
  }
  const pool = await connectPostgres(s.db, s.db);
  return { run: (backed) => runWithBackupPg({ pool, url: s.db, shown: s.db }, backed), close: () => pool.end() };
}
