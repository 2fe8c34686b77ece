/**
 * The core over a PostgreSQL store (issue 22), for the methods already
 * written over the query layer (store/query.ts). It answers like the SQLite
 * core (electron/core/index.ts) — the same request validation and refusal
 * of a bad request (request.ts parseRequest), the same answers, failures as
 * ApiResult in Chinese — and refuses, with `not_supported`, every method not
 * yet moved: never a wrong or empty answer.
 *
 * Running here: app.info, units.directory, plans.list, dashboard.get (态势总览,
 * and so `taizhang status`: dashboard/load.ts loadDashboardOp), import.preview
 * and import.commit (import/service.ts: the same analysis in the file worker,
 * the commit one writeTxPg with its pg_dump copy; with operator.get, so
 * `taizhang import` runs here), the accounts (account.me,
 * users.list/add/update/disable/setPassword/events: the same Ops and rules as
 * on SQLite, writes in writeTxPg), and the backups — pg_dump copies
 * (backup.ts), async functions beside the Ops, as they run PostgreSQL's own
 * tools beside the queries.
 *
 * The examples load here too (`example`: seed/example.ts loadExampleOp, one
 * writeTxPg); without `example` a new PostgreSQL store starts empty, as a
 * server's store should.
 *
 * What is not here yet: logged-in accounts as callers, and so logging in
 * (`serve`'s door needs the whole API and its access checks here first; the
 * login rules themselves run here already, accounts/login.ts loginOn), the backups' second folder and 从文件恢复 upload
 * (backup.setMirror, addFile), events (no window listens to this core).
 */
import type pg from 'pg';
import type { z } from 'zod';
import { isApiMethod, type ApiContract, type ApiMethod, type ApiResponse } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import { clipText } from '../../../../shared/text/clip';
import type { Caller, Core } from '../../core';
import { operatorOfOp, PC_CALLER, requireOperatorOp } from '../../caller';
import { failureOf } from '../../failure';
import { parseRequest } from '../../request';
import { errorLogBeside } from '../../log';
import { appInfoOp } from '../../plans/info';
import { plansListOp } from '../../plans/lastFigureMonth';
import { loadDashboardOp } from '../../dashboard/load';
import { FULL_SCOPE } from '../../access/scope';
import { unitDirectoryOp } from '../../db/repos/units';
import { addUserOn, resetPasswordOn, setUserDisabledOp, updateUserOp } from '../../accounts/service';
import { accountEventsOp, accountMeOp, usersListOp } from '../../accounts/views';
import type { OpStore } from '../query';
import { planOverviewOp, targetBreakdownOp, targetHistoryViewOp, taskTableOp } from '../../plans/views';
import { planUnitsViewOp } from '../../plans/scope';
import { indicatorYearsOp } from '../../plans/indicatorYears';
import { listUnitEditsOp, planEditsOp } from '../../plans/history';
import { unitAliasesViewOp } from '../../db/repos/unitAliases';
import { createBackupPg, inspectRestorePg, listBackupsPg, restoreBackupPg, runWithBackupPg, undoOperationPg, type PgBackupContext } from './backup';
import { commitImportOn, previewImportOn, type ImportStore } from '../../import/service';
import { toRequest } from '../../handlers/import';
import { connectPostgres } from './pool';
import { migratePostgres } from './migrate';
import { pgStore, runAsync, writeTxPgOp } from './run';
import { EXAMPLES, hasExampleOp, isExampleName, loadExampleIfMissingOp } from '../../seed/example';

interface PgContext extends PgBackupContext {
  caller: Caller;
  /** The store as the query layer's Ops run on it: reads on the pool, writes each in one writeTxPg. */
  store: OpStore;
}

/** The caller's operator (--operator, else the store's setting), or null (a backup may be unsigned). */
const operator = ({ store, caller }: PgContext) => store.read(operatorOfOp(caller));
/** The operator a write records: refused, as on SQLite (caller.ts requireOperator), when none is known. */
const by = ({ store, caller }: PgContext) => store.read(requireOperatorOp(caller));
type PostgresHandlers = { [M in ApiMethod]?: (ctx: PgContext, request: z.output<ApiContract[M]['request']>) => Promise<ApiResponse<M>> };
type BackupSource = { id: string } | { file: string };
const sourceOf = (req: BackupSource): BackupSource => ('id' in req ? { id: req.id } : { file: req.file });

/**
 * The API methods that run on PostgreSQL so far: the Ops of the query layer (the same code as the
 * SQLite handlers: app.info, units.directory, plans.list, dashboard.get, the accounts), and the backups, which run PostgreSQL's
 * own tools beside the queries (backup.ts). Requests are validated like dispatch before they get here.
 */
const POSTGRES_METHODS: PostgresHandlers = {
  'app.info': ({ store, shown, caller }) => store.read(appInfoOp(shown, caller)),
  'units.directory': ({ store }) => store.read(unitDirectoryOp()),
  'plans.list': ({ store }) => store.read(plansListOp()),
  // The whole view: account callers (whose scope hides unpublished figures) are refused here before any handler.
  'dashboard.get': ({ store }, req) => store.read(loadDashboardOp(req, FULL_SCOPE)),

  // Plans and units (plans/views.ts, plans/*.ts, units/*.ts): the whole view, as dashboard.get.
  'plan.overview': ({ store }, { planId }) => store.read(planOverviewOp(planId, FULL_SCOPE)),
  'plan.units': ({ store }, { planId }) => store.read(planUnitsViewOp(planId)),
  'tasks.table': ({ store }, { planId }) => store.read(taskTableOp(planId)),
  'targets.breakdown': ({ store }, { planId }) => store.read(targetBreakdownOp(planId, FULL_SCOPE)),
  'targets.history': ({ store }, { planId }) => store.read(targetHistoryViewOp(planId, FULL_SCOPE)),
  'indicator.years': ({ store }, { planId, indicatorId }) => store.read(indicatorYearsOp(planId, indicatorId, FULL_SCOPE)),
  'plan.edits': ({ store }, { planId, entity }) => store.read(planEditsOp(planId, entity)),
  'units.edits': ({ store }, { unitId }) => store.read(listUnitEditsOp(unitId)),
  'units.aliases': ({ store }) => store.read(unitAliasesViewOp()),

  // Import (import/service.ts): the same analysis and Ops; a commit is one writeTxPg with its pg_dump copy first.
  'import.preview': ({ store }, req) => previewImportOn(store, toRequest(req)),
  'import.commit': (ctx, req) => commitImportOn(pgImportStore(ctx), { ...toRequest(req), expectRevision: req.expectRevision }, req.dryRun ?? false),
  'operator.get': async ({ store, caller }) => ({ name: await store.read(operatorOfOp(caller)) }),

  'account.me': ({ store, caller }) => store.read(accountMeOp(caller)),
  'users.list': ({ store }) => store.read(usersListOp()),
  'users.events': ({ store }, req) => store.read(accountEventsOp(req)),
  'users.add': async (ctx, req) => addUserOn(ctx.store, req, await by(ctx)),
  'users.update': async (ctx, req) => ctx.store.write(updateUserOp(req, await by(ctx))),
  'users.disable': async (ctx, { id, disabled }) => ctx.store.write(setUserDisabledOp(id, disabled, await by(ctx))),
  'users.setPassword': async (ctx, { id, password }) => resetPasswordOn(ctx.store, id, password, await by(ctx)),

  'backup.list': async (ctx) => listBackupsPg(ctx),
  'backup.create': async (ctx, { note }) => createBackupPg(ctx, note ?? null, await operator(ctx)),
  'backup.inspect': (ctx, req) => inspectRestorePg(ctx, sourceOf(req)),
  'backup.restore': async (ctx, req) => restoreBackupPg(ctx, sourceOf(req), { confirm: req.confirm ?? false, by: await operator(ctx) }),
  'backup.undo': async (ctx, { id, confirm }) =>
    undoOperationPg(ctx, id, { confirm: confirm ?? false, by: await operator(ctx) }),
};

/** An import's commit on this store: its reads on the pool, its write in runWithBackupPg (import/service.ts ImportStore). */
function pgImportStore(ctx: PgContext): ImportStore {
  return { store: ctx.store, caller: ctx.caller, withBackup: (spec, op) => runWithBackupPg(ctx, spec, op) };
}

export const POSTGRES_READY_METHODS = Object.keys(POSTGRES_METHODS) as ApiMethod[];

export interface PostgresCoreOptions {
  url: string;
  /** The URL without its password: what messages and `info` show. */
  shown: string;
  /**
   * An example asked for by name (--example): loaded, as on SQLite, unless the store holds it already
   * (one write transaction). Without it a new PostgreSQL store starts empty, as a server's store should.
   */
  example?: string;
}

export async function openPostgresCore(options: PostgresCoreOptions): Promise<Core> {
  const { shown, example } = options;
  if (example !== undefined && !isExampleName(example)) {
    throw new ApiError('bad_request', `没有名为“${example}”的示例。可用：${Object.keys(EXAMPLES).join('、')}。`);
  }
  const pool: pg.Pool = await connectPostgres(options.url, shown);
  try {
    await migratePostgres(pool, shown, undefined, options.url);
    // Asked first without the writers' lock (every command with --example asks); decided again under it.
    if (example !== undefined && !(await runAsync(pool, hasExampleOp(example)))) await writeTxPgOp(pool, loadExampleIfMissingOp(example), shown);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const log = errorLogBeside(shown);
  const store = pgStore(pool, shown);
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
        // Logged-in accounts come with `serve`, once its access checks run here too.
        if (caller.kind === 'account') throw notYet('登录账户的操作', shown);
        const parsed = parseRequest(method, request);
        return { ok: true, value: await (handler as (ctx: PgContext, request: unknown) => Promise<unknown>)({ pool, url: options.url, shown, caller, store }, parsed) };
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
