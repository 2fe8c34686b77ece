/**
 * Every write to the database goes through writeTx: one transaction that
 * starts with BEGIN IMMEDIATE, so it takes the write lock before it reads.
 *
 * Why not a plain BEGIN: a deferred transaction reads first and asks for the
 * write lock later; when another process (the CLI beside the window, the web
 * host) committed in between, SQLite answers "database is locked" at once —
 * the busy timeout cannot help, because waiting would not make the stale read
 * current. IMMEDIATE waits its turn (the busy timeout, db/busy.ts) instead.
 *
 * Nested calls become savepoints of the outer transaction (better-sqlite3),
 * so a helper that writes can be called both on its own and inside a larger
 * operation. test/unit/house-rules.test.ts keeps `db.transaction(` out of
 * every other file.
 *
 * An Op of the query layer (store/query.ts) that writes runs in `writeTxOp`:
 * the same IMMEDIATE transaction, the Op driven synchronously inside it. Its
 * PostgreSQL counterpart is store/postgres/run.ts `writeTxPgOp`.
 */
import type { Db } from './open';
import { runSync, type Op, type OpStore } from '../store/query';

export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** An Op as one write transaction on SQLite (BEGIN IMMEDIATE), synchronously. */
export function writeTxOp<T>(db: Db, op: Op<T>): T {
  return writeTx(db, () => runSync(db, op));
}

/** A SQLite file as an OpStore, for the flows that await between their Ops (store/query.ts). */
export function sqliteStore(db: Db): OpStore {
  return {
    engine: 'sqlite',
    read: async (op) => runSync(db, op),
    write: async (op) => writeTxOp(db, op),
  };
}
