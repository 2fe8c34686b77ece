/**
 * Running the query layer's Ops on PostgreSQL (store/query.ts), and the
 * PostgreSQL side of writeTx.
 *
 * writeTx on SQLite is BEGIN IMMEDIATE: one writer at a time for the whole
 * file, readers never blocked, a writer that waits longer than the busy
 * timeout gives up with nothing written. The PostgreSQL write transaction
 * gives the same: READ COMMITTED, then at once a transaction-level advisory
 * lock (pg_advisory_xact_lock) on one key for all of Taizhang's writers of
 * this database, waited for at most the same busy timeout (lock_timeout;
 * SQLSTATE 55P03 → db_busy). Holding it, no other writer commits until this
 * one ends, so what the transaction read stays current — as under IMMEDIATE —
 * and no write ever fails with a serialization error to retry (SERIALIZABLE
 * would: a function that already ran its side effects cannot simply be run
 * again). The lock ends with COMMIT or ROLLBACK; a failure anywhere rolls
 * everything back. Nested calls become savepoints, as better-sqlite3 does.
 */
import type pg from 'pg';
import { ApiError } from '../../../../shared/api/errors';
import { busyTimeoutMs } from '../../db/busy';
import { rowSources, type Op, type OpStore, type Params, type RowsQuery, type Step } from '../query';

/** A pool, or one client inside a transaction. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

/** The advisory lock key every Taizhang writer of a database takes ('taizhang' in 32 bits). */
export const WRITE_LOCK_KEY = 0x7a5a_6821;

/** One Step answered on PostgreSQL (a driver that answers some Steps itself, backup.ts runWithBackupPg, passes the rest here). */
export async function answerAsync(on: PgQueryable, step: Step): Promise<unknown> {
  if (step.kind === 'many') return runRowsAsync(on, step.query as unknown as RowsQuery<Params>, step.rows ?? [], step.params);
  const { sql, parameters } = step.query.bind('postgres', step.params);
  const result = await on.query(sql, parameters);
  if (step.kind === 'all') return result.rows;
  if (step.kind === 'get') return result.rows[0];
  return { changes: result.rowCount ?? 0 };
}

/** PostgreSQL's limit of parameters in one statement (the protocol counts them in 16 bits). */
export const MAX_PARAMETERS = 65_535;
/**
 * Rows per statement at most (a 2,000 × 40 import's upserts in 20 statements). 1,024 to 16,384 measured alike — about
 * 1.5 s for 80,000 new targets and their history, the server's key and foreign-key checks, not the round trips.
 */
const MAX_ROWS = 4096;

/**
 * A RowsQuery's rows on PostgreSQL: as many rows per statement as the parameter limit allows (a power of
 * two, at most MAX_ROWS), the rest in power-of-two statements — so each query is compiled for a handful of
 * row counts only (store/query.ts rowsQuery) and 80,000 rows take a few dozen round trips, not 80,000.
 */
async function runRowsAsync(on: PgQueryable, q: RowsQuery<Params>, rows: Iterable<Params>, shared: Params): Promise<{ changes: number }> {
  const perRow = Math.max(1, q.forRows('postgres', 1).slots.length);
  let full = 1;
  while (full * 2 <= MAX_ROWS && full * 2 * perRow <= MAX_PARAMETERS) full *= 2;
  let changes = 0;
  const send = async (chunk: Params[]) => {
    const { sql, slots } = q.forRows('postgres', chunk.length);
    const { fixed: values, named } = rowSources(slots, shared, chunk[0]);
    for (const { k, row, name } of named) values[k] = chunk[row][name];
    changes += (await on.query(sql, values)).rowCount ?? 0;
  };
  // Rows are taken as they come (an Op may make them as they are written): full statements while they last,
  // then the rest in power-of-two statements.
  let buffer: Params[] = [];
  for (const row of rows) {
    buffer.push(row);
    if (buffer.length === full) {
      await send(buffer);
      buffer = [];
    }
  }
  for (let size = full / 2, start = 0; start < buffer.length; size /= 2) {
    if (size > buffer.length - start) continue;
    await send(buffer.slice(start, start + size));
    start += size;
  }
  return { changes };
}

/** Runs an Op on PostgreSQL: each Step awaited, a failing Step thrown into the Op. */
export function runAsync<T>(on: PgQueryable, op: Op<T>): Promise<T> {
  return driveAsync(op, (step) => answerAsync(on, step));
}

/** Drives an Op to its end, awaiting `answer` for each Step; a failing Step is thrown into the Op (store/query.ts drive, awaited). */
export async function driveAsync<T>(op: Op<T>, answer: (step: Step) => Promise<unknown>): Promise<T> {
  let next = op.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await answer(next.value);
    } catch (err) {
      next = op.throw(err);
      continue;
    }
    next = op.next(result);
  }
  return next.value;
}

const clientsInTx = new WeakSet<pg.PoolClient>();
let savepoints = 0;

/**
 * One write transaction on PostgreSQL: one writer at a time (see above); `fn` gets the client
 * to run its statements on. Given a client already in a transaction, a savepoint of it.
 */
export async function writeTxPg<T>(
  on: pg.Pool | pg.PoolClient,
  fn: (client: pg.PoolClient) => Promise<T>,
  where: string,
  timeoutMs = busyTimeoutMs(),
): Promise<T> {
  if (!(on instanceof Object && 'release' in on)) return withClient(on as pg.Pool, (client) => writeTxPg(client, fn, where, timeoutMs));
  const client = on as pg.PoolClient;
  if (clientsInTx.has(client)) {
    const name = `taizhang_sp${++savepoints}`;
    await client.query(`SAVEPOINT ${name}`);
    try {
      const value = await fn(client);
      await client.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (err) {
      await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    }
  }
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  clientsInTx.add(client);
  try {
    await client.query(`SET LOCAL lock_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
    } catch (err) {
      if ((err as { code?: string }).code === '55P03') throw busy(where, timeoutMs);
      throw err;
    }
    const value = await fn(client);
    await client.query('COMMIT');
    return value;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    clientsInTx.delete(client);
  }
}

/** An Op as ONE write transaction on PostgreSQL (writeTxPg): the counterpart of db/tx.ts writeTxOp. */
export function writeTxPgOp<T>(on: pg.Pool | pg.PoolClient, op: Op<T>, where: string, timeoutMs = busyTimeoutMs()): Promise<T> {
  return writeTxPg(on, (client) => runAsync(client, op), where, timeoutMs);
}

/** A PostgreSQL store as an OpStore (store/query.ts): reads on the pool, each write Op in its own writeTxPg. */
export function pgStore(pool: pg.Pool, where: string): OpStore {
  return {
    engine: 'postgres',
    read: (op) => runAsync(pool, op),
    write: (op) => writeTxPgOp(pool, op, where),
  };
}

async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await fn(client);
  } catch (err) {
    broken = err instanceof Error && !(err instanceof ApiError) && !('code' in err) ? err : undefined;
    throw err;
  } finally {
    client.release(broken);
  }
}

function busy(where: string, ms: number): ApiError {
  const waited = ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`;
  return new ApiError(
    'db_busy',
    `数据库“${where}”正被另一个科创台账程序写入，等待 ${waited}后仍未轮到，未作任何修改。请稍后重试。`,
  );
}
