/**
 * The core over a PostgreSQL store (issue 22), for the methods already
 * written over the query layer (store/query.ts). It answers like the SQLite
 * core (electron/core/index.ts) — the same request validation, the same
 * answers, failures as ApiResult in Chinese — and refuses, with
 * `not_supported`, every method not yet moved: never a wrong or empty answer.
 *
 * Backups (backup.list, create, inspect, restore, undo) are pg_dump copies
 * (backup.ts): async functions rather than Ops, as they run PostgreSQL's own
 * tools beside the queries.
 *
 * What is not here yet: accounts (a logged-in caller is refused until the
 * access checks run on PostgreSQL), the examples (a new PostgreSQL store
 * starts empty, as a server's store should; `--example` is refused), the
 * backups' second folder and 从文件恢复 upload (backup.setMirror, addFile),
 * events (only a restore writes yet, and no window listens to this core).
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
import { createBackupPg, inspectRestorePg, listBackupsPg, pgOperator, restoreBackupPg, undoOperationPg, type PgBackupContext } from './backup';
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

interface PgAsyncContext extends PgBackupContext {
  caller: Caller;
}

/** The caller's --operator, else the store's operator setting. */
const operator = ({ pool, caller }: PgAsyncContext) => pgOperator(pool, caller.kind === 'command' ? caller.operator : undefined);
type BackupSource = { id: string } | { file: string };
const sourceOf = (req: BackupSource): BackupSource => ('id' in req ? { id: req.id } : { file: req.file });

/** The methods that run PostgreSQL's tools beside queries (the backups): async functions, not Ops. */
const POSTGRES_ASYNC_METHODS: Partial<Record<ApiMethod, (ctx: PgAsyncContext, request: never) => Promise<unknown>>> = {
  'backup.list': async (ctx) => listBackupsPg(ctx),
  'backup.create': async (ctx, { note }: { note?: string }) => createBackupPg(ctx, note ?? null, await operator(ctx)),
  'backup.inspect': (ctx, req: BackupSource) => inspectRestorePg(ctx, sourceOf(req)),
  'backup.restore': async (ctx, req: BackupSource & { confirm?: boolean }) =>
    restoreBackupPg(ctx, sourceOf(req), { confirm: req.confirm ?? false, by: await operator(ctx) }),
  'backup.undo': async (ctx, { id, confirm }: { id: string; confirm?: boolean }) =>
    undoOperationPg(ctx, id, { confirm: confirm ?? false, by: await operator(ctx) }),
};

export const POSTGRES_READY_METHODS = [...Object.keys(POSTGRES_METHODS), ...Object.keys(POSTGRES_ASYNC_METHODS)] as ApiMethod[];

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
    await migratePostgres(pool, shown, undefined, options.url);
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
        const asyncHandler = POSTGRES_ASYNC_METHODS[method];
        if (!handler && !asyncHandler) throw notYet(`“${method}”`, shown);
        if (caller.kind === 'account') throw notYet('登录账户的操作', shown);
        const parsed = apiContract[method].request.safeParse(request ?? {});
        if (!parsed.success) throw new ApiError('bad_request', `请求不正确：${parsed.error.issues[0]?.message ?? ''}`);
        if (asyncHandler) return { ok: true, value: await asyncHandler({ pool, url: options.url, shown, caller }, parsed.data as never) };
        return { ok: true, value: await runAsync(pool, (handler as NonNullable<typeof handler>)({ shown, caller }, parsed.data)) };
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
