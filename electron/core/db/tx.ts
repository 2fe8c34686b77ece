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
 */
import type { Db } from './open';

export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
