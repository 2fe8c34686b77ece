/**
 * The core over a PostgreSQL store (issue 22), for the methods already
 * written over the query layer (store/query.ts). It answers like the SQLite
 * core (electron/core/index.ts) — the same request validation, the same
 * answers, failures as ApiResult in Chinese — and refuses, with
 * `not_supported`, every method not yet moved: never a wrong or empty answer.
 *
 * What is not here yet: accounts (a logged-in caller is refused until the
 * access checks run on PostgreSQL), the examples (a new PostgreSQL store
 * starts empty, as a server's store should; `--example` is refused), backups
 * (pg_dump), events (nothing on this core writes yet).
 */
import type pg from 'pg';
import { apiContract, isApiMethod, type ApiMethod } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import { clipText } from '../../../../shared/text/clip';
import type { Caller, Core } from '../../core';
import { PC_CALLER } from '../../caller';
import { failureOf } from '../../failure';
import { errorLogBeside } from '../../log';
import { appInfoOp } from '../../plans/info';
import type { Op } from '../query';
import { connectPostgres } from './pool';
import { migratePostgres } from './migrate';
import { runAsync } from './run';

interface PgContext {
  shown: string;
  caller: Caller;
}

/** The API methods that run on PostgreSQL so far, each an Op of the query layer. */
const POSTGRES_METHODS: Partial<Record<ApiMethod, (ctx: PgContext, request: unknown) => Op<unknown>>> = {
  'app.info': ({ shown, caller }) => appInfoOp(shown, caller),
};

export const POSTGRES_READY_METHODS = Object.keys(POSTGRES_METHODS) as ApiMethod[];

export interface PostgresCoreOptions {
  url: string;
  /** The URL without its password: what messages and `info` show. */
  shown: string;
  /** An example asked for by name (--example): refused, the examples do not load into PostgreSQL yet. */
  example?: string;
}

export async function openPostgresCore(options: PostgresCoreOptions): Promise<Core> {
  const { shown } = options;
  if (options.example !== undefined) {
    throw new ApiError('not_supported', `示例还不能载入 PostgreSQL 数据库“${shown}”；新的 PostgreSQL 数据库从空白开始。请去掉 --example。`);
  }
  const pool: pg.Pool = await connectPostgres(options.url, shown);
  try {
    await migratePostgres(pool, shown);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const log = errorLogBeside(shown);
  let closed = false;
  let ending: Promise<void> | undefined;
  return {
    dbPath: shown,
    async call(method, request, caller = PC_CALLER) {
      if (closed) return { ok: false, error: { code: 'internal', message: '数据库已关闭。' } };
      try {
        if (!isApiMethod(method)) throw new ApiError('unknown_method', `未知的操作“${clipText(String(method), 40)}”。`);
        const handler = POSTGRES_METHODS[method];
        if (!handler) throw notYet(`“${method}”`, shown);
        if (caller.kind === 'account') throw notYet('登录账户的操作', shown);
        const parsed = apiContract[method].request.safeParse(request ?? {});
        if (!parsed.success) throw new ApiError('bad_request', `请求不正确：${parsed.error.issues[0]?.message ?? ''}`);
        return { ok: true, value: await runAsync(pool, handler({ shown, caller }, parsed.data)) };
      } catch (err) {
        const { error, unexpected } = failureOf(err, { dbPath: shown });
        if (unexpected) log.error(String(method), err);
        return { ok: false, error: error.toBody() };
      }
    },
    on: () => () => {},
    auth: {
      login: async () => {
        throw notYet('登录', shown);
      },
      account: () => null,
      loggedOut: () => {},
    },
    close() {
      closed = true;
      ending ??= pool.end().catch(() => {});
      return ending;
    },
  };
}

function notYet(what: string, shown: string): ApiError {
  return new ApiError('not_supported', `${what}还不能用于 PostgreSQL 数据库“${shown}”，未作任何修改。目前可用于 PostgreSQL 的只有：${POSTGRES_READY_METHODS.join('、')}。`);
}
