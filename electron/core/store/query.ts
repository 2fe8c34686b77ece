/**
 * The query layer (issue 22): each query is written ONCE with Kysely's
 * builder and compiled for the engine that runs it — SQLite or PostgreSQL —
 * and the code around the queries is written once as a generator (an `Op`)
 * that yields each query and gets its rows back.
 *
 * Why generators: the SQLite core is synchronous (better-sqlite3) and its
 * hot paths must stay exactly as fast, while PostgreSQL (pg) can only answer
 * asynchronously. An Op is driven synchronously on SQLite (`runSync`: no
 * promise, no microtask, the statement prepared once per connection and
 * reused) and with `await` on PostgreSQL (store/postgres/run.ts `runAsync`).
 * One copy of the logic, one copy of each query, two drivers.
 *
 * Kysely is used as a builder and compiler only ("cold" instances with its
 * DummyDriver): its own executors are async on both engines, and its SQLite
 * transactions start a deferred BEGIN, not the IMMEDIATE our writes need
 * (db/tx.ts). Parameters are compiled once as placeholders (`p('planId')`)
 * and bound at each run, so a query is compiled once per engine, not per call.
 */
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import type { Schema } from './schema';

export type Engine = 'sqlite' | 'postgres';
export type Params = Record<string, unknown>;
export type Builder = Kysely<Schema>;

function coldBuilder(engine: Engine): Builder {
  return new Kysely<Schema>({
    dialect:
      engine === 'sqlite'
        ? {
            createAdapter: () => new SqliteAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new SqliteIntrospector(db),
            createQueryCompiler: () => new SqliteQueryCompiler(),
          }
        : {
            createAdapter: () => new PostgresAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new PostgresIntrospector(db),
            createQueryCompiler: () => new PostgresQueryCompiler(),
          },
  });
}

const builders: Partial<Record<Engine, Builder>> = {};
const builderFor = (engine: Engine): Builder => (builders[engine] ??= coldBuilder(engine));

/** A parameter's place in a compiled query, filled at each run. */
class Placeholder {
  constructor(readonly name: string) {}
}

export interface BoundQuery {
  sql: string;
  parameters: unknown[];
}

/** A query written once; `R` is the shape of one row it returns. */
export interface Query<R, P extends Params> {
  bind(engine: Engine, params: P): BoundQuery;
  /** Phantom: carries R for the type checker. */
  readonly row?: R;
}

/**
 * Defines a query. `build` gets the engine's builder, `p(name)` — a
 * placeholder for the parameter `name` — and the engine, for the few
 * fragments that must differ per engine (store/dialect.ts); it runs once per
 * engine. It returns a query builder or a `sql` template (RawBuilder).
 */
export function query<R, P extends Params = Record<never, never>>(
  build: (qb: Builder, p: <K extends keyof P & string>(name: K) => P[K], engine: Engine) => Compilable<R> | RawBuilder<R>,
): Query<R, P> {
  const compiled: Partial<Record<Engine, { sql: string; parameters: readonly unknown[] }>> = {};
  return {
    bind(engine, params) {
      // A RawBuilder compiles against the builder it is given; a query builder's compile() takes no argument and ignores it.
      const compile = () => {
        const qb = builderFor(engine);
        return (build(qb, (name) => new Placeholder(name) as never, engine) as RawBuilder<R>).compile(qb);
      };
      const c = (compiled[engine] ??= compile());
      return {
        sql: c.sql,
        parameters: c.parameters.map((v) => {
          if (!(v instanceof Placeholder)) return v;
          if (!(v.name in params)) throw new Error(`query parameter ${v.name} missing`);
          return params[v.name];
        }),
      };
    },
  };
}

/** A parameter's place in one row of a statement written for many rows (rowsQuery). */
class RowPlaceholder {
  constructor(
    readonly row: number,
    readonly name: string,
  ) {}
}

/** Where each parameter of a many-row statement comes from: a row's named value, or a value the query fixed. */
export type Slot = { row: number; name: string } | { value: unknown };

/** A placeholder for the parameter `name` of one row. */
export type RowParam<P extends Params> = <K extends keyof P & string>(name: K) => P[K];

/**
 * A write of many parameter rows written once (`rowsQuery`): the statement for `count` rows — built by the
 * same builder for one row or a thousand — and where each of its parameters comes from. As a Query it is
 * the one-row statement.
 */
export interface RowsQuery<P extends Params> extends Query<never, P> {
  forRows(engine: Engine, count: number): { sql: string; slots: readonly Slot[] };
}

/**
 * Defines a write of many rows: `build` gets one placeholder function per row (`rows.map((r) => ({ a: r('a') }))`
 * into Kysely's `.values([...])`, or a `sql` template joining the rows). `runMany` runs it: on SQLite the
 * one-row statement once per row (prepared once); on PostgreSQL as few multi-row statements as the
 * parameter limit allows (store/postgres/run.ts), so 80,000 rows are not 80,000 round trips.
 * Rows of one call must not touch the same table row twice (PostgreSQL's ON CONFLICT DO UPDATE refuses that
 * within one statement).
 */
export function rowsQuery<P extends Params>(
  build: (qb: Builder, rows: RowParam<P>[], engine: Engine) => Compilable<unknown> | RawBuilder<unknown>,
): RowsQuery<P> {
  // Compiled once per engine and row count; the drivers ask only for 1 and for powers of two (run.ts), so this stays small.
  const compiled = new Map<string, { sql: string; slots: readonly Slot[] }>();
  const forRows = (engine: Engine, count: number) => {
    const key = `${engine}:${count}`;
    let c = compiled.get(key);
    if (!c) {
      const qb = builderFor(engine);
      const rows = Array.from({ length: count }, (_, i): RowParam<P> => (name) => new RowPlaceholder(i, name) as never);
      const out = (build(qb, rows, engine) as RawBuilder<unknown>).compile(qb);
      const slots = out.parameters.map((v): Slot => (v instanceof RowPlaceholder ? { row: v.row, name: v.name } : { value: v }));
      compiled.set(key, (c = { sql: out.sql, slots }));
    }
    return c;
  };
  return {
    forRows,
    bind(engine, params) {
      const { sql, slots } = forRows(engine, 1);
      return { sql, parameters: slots.map((s) => ('value' in s ? s.value : paramValue(params, s.name))) };
    },
  };
}

function paramValue(params: Params, name: string): unknown {
  if (!(name in params)) throw new Error(`query parameter ${name} missing`);
  return params[name];
}

/** One query an Op asks to run: every row, the first row, a write (its changed-row count), or one write for many parameter rows. */
export interface Step {
  kind: 'all' | 'get' | 'run' | 'many';
  query: Query<unknown, Params>;
  params: Params;
  /** 'many': the parameter rows (the query a RowsQuery), read once in order; `params` then holds the values every row shares. */
  rows?: Iterable<Params>;
}

/** Logic written once over the query layer: yields Steps, returns T. Run with runSync or runAsync. */
export type Op<T> = Generator<Step, T, unknown>;

type ParamArgs<P extends Params> = keyof P extends never ? [] : [P];

export function* all<R, P extends Params>(q: Query<R, P>, ...params: ParamArgs<P>): Op<R[]> {
  return (yield { kind: 'all', query: q as Query<unknown, Params>, params: params[0] ?? {} }) as R[];
}

export function* get<R, P extends Params>(q: Query<R, P>, ...params: ParamArgs<P>): Op<R | undefined> {
  return (yield { kind: 'get', query: q as Query<unknown, Params>, params: params[0] ?? {} }) as R | undefined;
}

export function* run<R, P extends Params>(q: Query<R, P>, ...params: ParamArgs<P>): Op<{ changes: number }> {
  return (yield { kind: 'run', query: q as Query<unknown, Params>, params: params[0] ?? {} }) as { changes: number };
}

/**
 * A RowsQuery run for each parameter row, in order, as one Step (see rowsQuery); the rows changed in all.
 * `shared`: the parameters every row has alike (who, when, which file), given once instead of per row.
 */
export function* runMany<P extends Params, S extends Partial<P> = Record<never, never>>(
  q: RowsQuery<P>,
  rows: Iterable<Omit<P, keyof S>>,
  shared?: S,
): Op<{ changes: number }> {
  if (Array.isArray(rows) && rows.length === 0) return { changes: 0 };
  return (yield { kind: 'many', query: q as unknown as Query<unknown, Params>, params: shared ?? {}, rows: rows as Iterable<Params> }) as {
    changes: number;
  };
}

/**
 * Where each parameter of a many-row statement is read from: `fixed[k]` a value the query or the shared
 * parameters give (the same for every row), else row `row`'s value `name`. Checked against the first row.
 */
export function rowSources(slots: readonly Slot[], shared: Params, first: Params): { fixed: unknown[]; named: { k: number; row: number; name: string }[] } {
  const fixed: unknown[] = [];
  const named: { k: number; row: number; name: string }[] = [];
  slots.forEach((s, k) => {
    if ('value' in s) fixed[k] = s.value;
    else if (s.name in shared) fixed[k] = shared[s.name];
    else {
      paramValue(first, s.name);
      named.push({ k, row: s.row, name: s.name });
    }
  });
  return { fixed, named };
}

/** The id an `INSERT … RETURNING id` answered (both engines): never missing for a row just inserted. */
export function returnedId(row: { id: number } | undefined): number {
  if (!row) throw new Error('INSERT … RETURNING id returned no row');
  return Number(row.id);
}

/** Drives an Op to its end, answering each Step with `answer`; a failing Step is thrown into the Op. */
export function drive<T>(op: Op<T>, answer: (step: Step) => unknown): T {
  let next = op.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = answer(next.value);
    } catch (err) {
      next = op.throw(err);
      continue;
    }
    next = op.next(result);
  }
  return next.value;
}

const statements = new WeakMap<Db, Map<string, Statement>>();

function statementFor(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** One Step answered on SQLite (a driver that answers some Steps itself, backup/service.ts runWithBackupOp, passes the rest here). */
export function answerSync(db: Db, step: Step): unknown {
  if (step.kind === 'many') return runRowsSync(db, step.query as unknown as RowsQuery<Params>, step.rows ?? [], step.params);
  const { sql, parameters } = step.query.bind('sqlite', step.params);
  const stmt = statementFor(db, sql);
  if (step.kind === 'all') return stmt.all(...parameters);
  if (step.kind === 'get') return stmt.get(...parameters);
  return { changes: stmt.run(...parameters).changes };
}

/** The one-row statement, prepared once, run for each row: as fast as a loop over a prepared statement by hand. */
function runRowsSync(db: Db, q: RowsQuery<Params>, rows: Iterable<Params>, shared: Params): { changes: number } {
  const { sql, slots } = q.forRows('sqlite', 1);
  let stmt: Statement | undefined;
  // One array of values, its rows' places refilled per row (better-sqlite3 binds them as arguments): no garbage per row.
  let values: unknown[] = [];
  let places: number[] = [];
  let names: string[] = [];
  let changes = 0;
  for (const row of rows) {
    if (!stmt) {
      stmt = statementFor(db, sql);
      const sources = rowSources(slots, shared, row);
      values = sources.fixed;
      values.length = slots.length;
      places = sources.named.map((n) => n.k);
      names = sources.named.map((n) => n.name);
    }
    for (let i = 0; i < places.length; i++) values[places[i]] = row[names[i]];
    changes += stmt.run(...values).changes;
  }
  return { changes };
}

/** Runs an Op on SQLite, synchronously (inside a writeTx when it writes, as every write). */
export function runSync<T>(db: Db, op: Op<T>): T {
  return drive(op, (step) => answerSync(db, step));
}

/**
 * A store as a flow sees it that awaits something between its Ops (a password hash takes tens of
 * milliseconds and must not run inside a write transaction): each Op read on its own, or run as one
 * write transaction. `sqliteStore` (db/tx.ts) and `pgStore` (store/postgres/run.ts) make one.
 */
export interface OpStore {
  readonly engine: Engine;
  read<T>(op: Op<T>): Promise<T>;
  /** The Op as ONE write transaction: all of it or nothing, one writer at a time (db/tx.ts on SQLite, writeTxPg on PostgreSQL). */
  write<T>(op: Op<T>): Promise<T>;
}
