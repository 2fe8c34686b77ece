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

/** One query an Op asks to run: every row, the first row, or a write (its changed-row count). */
export interface Step {
  kind: 'all' | 'get' | 'run';
  query: Query<unknown, Params>;
  params: Params;
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
  const { sql, parameters } = step.query.bind('sqlite', step.params);
  const stmt = statementFor(db, sql);
  if (step.kind === 'all') return stmt.all(...parameters);
  if (step.kind === 'get') return stmt.get(...parameters);
  return { changes: stmt.run(...parameters).changes };
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
