/**
 * The core over a PostgreSQL store (issue 22), for the methods already
 * written over the query layer (store/query.ts). It answers like the SQLite
 * core (electron/core/index.ts) — the same request validation and refusal
 * of a bad request (request.ts parseRequest), the same answers, failures as
 * ApiResult in Chinese — and refuses, with `not_supported`, every method not
 * yet moved: never a wrong or empty answer.
 *
 * Running here: app.info, units.directory, plans.list, dashboard.get (态势总览,
 * and so `taizhang status`: dashboard/load.ts loadDashboardOp), import.preview and
 * import.commit (import/service.ts: the same analysis in the file worker, the commit one
 * writeTxPg with its pg_dump copy), 数据填报, 任务进展,
 * 审核 and 催报 (entryMethods.ts), the plans and units — their reads (plans/views.ts,
 * plan.units, indicator.years, plan.edits, units.edits, units.aliases) and every edit (goals,
 * targets, action lines and tasks, plan create/update/archive/delete, example.load,
 * ledger.create, units, groups, the merge), each in one writeTxPg, the removals and the merge
 * with their pg_dump copy first (backup.ts runWithBackupPg) —, the exports (export.excel,
 * summary.*, dashboard.pdf/pages: the same Ops read, the same renderers write), 数据交换 — every
 * exchange.* method (handlers/exchange.ts over exchange/on.ts: 填报表 and 数据包 out, returns reviewed
 * and applied, packages opened, 下达/接收/采用下达目标/上报), each write one writeTxPg, those that
 * replace what users entered with their pg_dump copy first —, the accounts
 * (account.me, account.changePassword, users.list/add/update/disable/setPassword/events: the
 * same Ops and rules as on SQLite, writes in writeTxPg), the server's side of 同步 — sync.pull,
 * sync.push (one writeTxPg: a replayed batch answered with its first answer, written once),
 * sync.conflicts, sync.resolve, and sync.marks (syncMethods.ts) —, and the backups — pg_dump copies
 * (backup.ts: list, create, inspect, restore, undo — listing what was written since, by the same
 * Op as a file's undo —, the second folder every copy also goes to; addFile.ts: 从文件恢复),
 * async functions beside the Ops, as they run PostgreSQL's own tools beside the queries.
 *
 * Refused on purpose, not "not yet": the desktop's side of 同步 (sync.settings, sync.configure,
 * sync.run — the client that talks to a server, its password in the PC's credential store). A
 * PostgreSQL store is a server's store that desktops sync with; a desktop syncs from its own 台账
 * file (`bad_request`, saying so: sync/serverStore.ts desktopSyncRefusal; `taizhang sync` refuses
 * a postgres:// URL with the same sentence).
 *
 * Logged-in accounts (`taizhang serve`) call here as on SQLite: the same access checks from the
 * same table (access/authorize.ts authorizeMethodOn/authorizeOn: refusals recorded as 'denied'),
 * answers narrowed to the caller's scope (access/scope.ts readScopeOfCaller), and `auth` — logging
 * in, the session's account looked up again on every request, logging out — over the same Ops
 * (accounts/login.ts).
 *
 * The examples load here too (`example`: seed/example.ts loadExampleOp, one
 * writeTxPg); without `example` a new PostgreSQL store starts empty, as a
 * server's store should.
 *
 * Events as on SQLite: after a call succeeds, the `data.changed` the one table dataChanged.ts
 * names for it (the same as the SQLite core's dispatch sends), to this process's listeners at once
 * and, by NOTIFY, to every other Taizhang process on the database — several `serve` processes, a
 * terminal's command beside them — whose pages reload too (events.ts says why LISTEN/NOTIFY);
 * job.progress of the summary PDF and Word jobs to this process's listeners.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { isApiMethod, type ApiContract, type ApiMethod, type ApiResponse } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import { clipText } from '../../../../shared/text/clip';
import type { Caller, Core } from '../../core';
import { accountOf, operatorOfOp, PC_CALLER, requireOperatorOp } from '../../caller';
import { failureOf } from '../../failure';
import { parseRequest } from '../../request';
import { errorLogBeside } from '../../log';
import { appInfoOp } from '../../plans/info';
import { plansListOp } from '../../plans/lastFigureMonth';
import { loadDashboardOp } from '../../dashboard/load';
import { readScopeOfCaller, type HiddenFigures } from '../../access/scope';
import { narrowPlanUnits } from '../../access/narrow';
import { authorizeMethodOn, authorizeOn } from '../../access/authorize';
import { accountForSessionOp, loginOn, recordLogoutOp } from '../../accounts/login';
import { unitDirectoryOp } from '../../db/repos/units';
import { addUserOn, changeOwnPasswordOn, resetPasswordOn, setUserDisabledOp, updateUserOp } from '../../accounts/service';
import { accountEventsOp, accountMeOp, usersListOp } from '../../accounts/views';
import type { Op, OpStore } from '../query';
import { planOverviewOp, targetBreakdownOp, targetHistoryViewOp, taskTableOp } from '../../plans/views';
import { planUnitsViewOp } from '../../plans/scope';
import { indicatorYearsOp } from '../../plans/indicatorYears';
import { listUnitEditsOp, planEditsOp } from '../../plans/history';
import { unitAliasesViewOp } from '../../db/repos/unitAliases';
import type { BackupEntry } from '../../../../shared/backup/types';
import { removalWith, type RemovalResult } from '../../plans/common';
import { removeGoalBacked, reorderGoalsOp, saveGoalOp } from '../../plans/goals';
import { saveTargetsOp } from '../../plans/targets';
import { moveActionLineOp, moveTaskOp, removeActionLineBacked, removeTaskBacked, saveActionLineOp, saveTaskOp } from '../../plans/tasks';
import { addExampleOp, archivePlanOp, createLedgerOp, createPlanOp, deletePlanBacked, updatePlanOp } from '../../plans/lifecycle';
import { reorderUnitsOp, saveUnitOp, setUnitActiveOp } from '../../units/maintain';
import { removeGroupOp, saveGroupOp } from '../../units/groups';
import { mergeAnswer, mergeUnitsBacked } from '../../units/merge';
import { createBackupPg, dailyBackupIfDuePg, inspectRestorePg, listBackupsPg, restoreBackupPg, runWithBackupPg, setMirrorDirPg, undoOperationPg, type PgBackupContext } from './backup';
import { addBackupFilePg } from './addFile';
import { commitImportOn, previewImportOn, type ImportStore } from '../../import/service';
import { toRequest } from '../../handlers/import';
import { connectPostgres } from './pool';
import { migratePostgres } from './migrate';
import { pgStore, runAsync, writeTxPgOp } from './run';
import { EXAMPLES, hasExampleOp, isExampleName, loadExampleIfMissingOp } from '../../seed/example';
import { progressViewOp } from '../../figures/progressView';
import { excelSheetOp, writeExcelFile } from '../../export/excel';
import { excelAnswer } from '../../handlers/export';
import { saveSummaryRequestOp, summaryDocxFile, summaryEditorOp, summaryPdfFile, summaryPrefillOp, summaryPreviewOf } from '../../handlers/summary';
import { loadSummaryDocumentOp } from '../../export/pdf/summaryData';
import { dashboardPdf, dashboardScreenPages } from '../../dashboard/export';
import { ENTRY_PG_METHODS } from './entryMethods';
import { DESKTOP_SYNC_METHODS, desktopSyncRefused, SYNC_PG_METHODS } from './syncMethods';
import { dataChangedBy } from '../../dataChanged';
import { pgEvents, type PgEvents } from './events';
import { exchangeHandlersFor } from '../../handlers/exchange';
import type { ExchangeOn } from '../../exchange/on';

interface PgContext extends PgBackupContext {
  caller: Caller;
  /** The store as the query layer's Ops run on it: reads on the pool, writes each in one writeTxPg. */
  store: OpStore;
  /** This process's listeners (job.progress); data.changed is sent after the call, from dataChanged.ts. */
  emit: PgEvents['emit'];
}

/** The caller's operator (--operator, else the store's setting), or null (a backup may be unsigned). */
const operator = ({ store, caller }: PgContext) => store.read(operatorOfOp(caller));
/** The operator a write records: refused, as on SQLite (caller.ts requireOperator), when none is known. */
const by = ({ store, caller }: PgContext) => store.read(requireOperatorOp(caller));
type PostgresHandlers = { [M in ApiMethod]?: (ctx: PgContext, request: z.output<ApiContract[M]['request']>) => Promise<ApiResponse<M>> };
type BackupSource = { id: string } | { file: string };
/** An Op given the figures the caller may not see in that plan (an entry account's: other units' unpublished ones), read inside it. */
function* withHidden<T>(caller: Caller, planId: number, op: (hidden: HiddenFigures | null) => Op<T>): Op<T> {
  return yield* op(yield* readScopeOfCaller(caller).hiddenInOp(planId));
}
const OK = { ok: true as const };
const removal = ({ result, backup }: { result: RemovalResult; backup: BackupEntry | null }) => removalWith(result, backup);
const sourceOf = (req: BackupSource): BackupSource => ('id' in req ? { id: req.id } : { file: req.file });

/**
 * The API methods that run on PostgreSQL so far: the Ops of the query layer (the same code as the
 * SQLite handlers: app.info, units.directory, plans.list, dashboard.get, the accounts), and the backups, which run PostgreSQL's
 * own tools beside the queries (backup.ts). Requests are validated and checked like dispatch before they get
 * here (access/authorize.ts), and logged-in accounts reach every method here: a method whose permission has
 * `answer` (access/permissions.ts) answers in the caller's scope — readScopeOfCaller(caller), its hidden
 * figures asked inside the Op by `yield* scope.hiddenInOp(planId)`, the answer narrowed (access/narrow.ts) —
 * exactly as its SQLite handler does, never in FULL_SCOPE.
 */
const POSTGRES_METHODS: PostgresHandlers = {
  'app.info': ({ store, shown, caller }) => store.read(appInfoOp(shown, caller)),
  'units.directory': ({ store }) => store.read(unitDirectoryOp()),
  'plans.list': ({ store }) => store.read(plansListOp()),
  // As the caller may see it: an entry account's own view, the district's totals from published figures.
  'dashboard.get': ({ store, caller }, req) => store.read(loadDashboardOp(req, readScopeOfCaller(caller))),

  // Plans and units (plans/views.ts, plans/*.ts, units/*.ts): the whole view, as dashboard.get.
  'plan.overview': ({ store, caller }, { planId }) => store.read(planOverviewOp(planId, readScopeOfCaller(caller))),
  'plan.units': async ({ store, caller }, { planId }) => narrowPlanUnits(await store.read(planUnitsViewOp(planId)), readScopeOfCaller(caller)),
  'tasks.table': ({ store }, { planId }) => store.read(taskTableOp(planId)),
  'targets.breakdown': ({ store, caller }, { planId }) => store.read(targetBreakdownOp(planId, readScopeOfCaller(caller))),
  'targets.history': ({ store, caller }, { planId }) => store.read(targetHistoryViewOp(planId, readScopeOfCaller(caller))),
  'indicator.years': ({ store, caller }, { planId, indicatorId }) => store.read(indicatorYearsOp(planId, indicatorId, readScopeOfCaller(caller))),
  'plan.edits': ({ store }, { planId, entity }) => store.read(planEditsOp(planId, entity)),
  'units.edits': ({ store }, { unitId }) => store.read(listUnitEditsOp(unitId)),
  'units.aliases': ({ store }) => store.read(unitAliasesViewOp()),
  // Their edits: each one write transaction (writeTxPg); a removal with its pg_dump copy first (runWithBackupPg).
  'goals.save': async (ctx, { planId, goal }) => ({ id: await ctx.store.write(saveGoalOp(await by(ctx), planId, goal)) }),
  'goals.reorder': async (ctx, { planId, ids }) => (await ctx.store.write(reorderGoalsOp(await by(ctx), planId, ids)), OK),
  'goals.remove': async (ctx, { planId, indicatorId, confirm }) => removal(await runWithBackupPg(ctx, removeGoalBacked(await by(ctx), planId, indicatorId, confirm ?? false))),
  'targets.save': async (ctx, { planId, edits }) => ctx.store.write(saveTargetsOp(await by(ctx), planId, edits)),
  'actionLines.save': async (ctx, { planId, id, title }) => ({ id: await ctx.store.write(saveActionLineOp(await by(ctx), planId, { id, title })) }),
  'actionLines.move': async (ctx, { planId, id, index }) => (await ctx.store.write(moveActionLineOp(await by(ctx), planId, id, index)), OK),
  'actionLines.remove': async (ctx, { planId, id, confirm }) => removal(await runWithBackupPg(ctx, removeActionLineBacked(await by(ctx), planId, id, confirm ?? false))),
  'tasks.save': async (ctx, { planId, task }) => ({ id: await ctx.store.write(saveTaskOp(await by(ctx), planId, task)) }),
  'tasks.move': async (ctx, { planId, taskId, actionLineId, index }) => (await ctx.store.write(moveTaskOp(await by(ctx), planId, taskId, actionLineId, index)), OK),
  'tasks.remove': async (ctx, { planId, taskId, confirm }) => removal(await runWithBackupPg(ctx, removeTaskBacked(await by(ctx), planId, taskId, confirm ?? false))),
  'plan.create': async (ctx, req) => ({ planId: await ctx.store.write(createPlanOp(await by(ctx), req)) }),
  'plan.update': async (ctx, { planId, ...details }) => (await ctx.store.write(updatePlanOp(await by(ctx), planId, details)), OK),
  'plan.archive': async (ctx, { planId, archived }) => (await ctx.store.write(archivePlanOp(await by(ctx), planId, archived)), OK),
  'plan.delete': async (ctx, { planId, confirm }) => removal(await runWithBackupPg(ctx, deletePlanBacked(await by(ctx), planId, confirm ?? false))),
  'example.load': async ({ store }, req) => ({ planId: await store.write(addExampleOp(req.name)) }),
  'ledger.create': async (ctx, req) => ({ planId: await ctx.store.write(createLedgerOp(await by(ctx), req)) }),
  'units.save': async (ctx, { unit }) => ({ id: await ctx.store.write(saveUnitOp(await by(ctx), unit)) }),
  'units.reorder': async (ctx, { parentId, ids }) => (await ctx.store.write(reorderUnitsOp(await by(ctx), parentId, ids)), OK),
  'units.setActive': async (ctx, { unitId, active }) => (await ctx.store.write(setUnitActiveOp(await by(ctx), unitId, active)), OK),
  'units.merge': async (ctx, { fromId, intoId, confirm }) => {
    const { result, backup } = await runWithBackupPg(ctx, mergeUnitsBacked(await by(ctx), fromId, intoId, confirm ?? false));
    return mergeAnswer(result, backup);
  },
  'groups.save': async (ctx, { group }) => ({ id: await ctx.store.write(saveGroupOp(await by(ctx), group)) }),
  'groups.remove': async (ctx, { groupId }) => (await ctx.store.write(removeGroupOp(await by(ctx), groupId)), OK),

  // Exports (issue 22): the same Ops read the same plain data, rendered by the same code (exceljs, pdfmake, the Word
  // writer, the document worker); a long job's stages go to this process's listeners (job.progress), as on SQLite.
  'figures.progress': ({ store, caller }, { planId, period, unitId }) => store.read(progressViewOp(planId, period, unitId, readScopeOfCaller(caller))),
  'export.excel': async ({ store, caller }, req) => excelAnswer(req, await writeExcelFile(req, await store.read(excelSheetOp(req, readScopeOfCaller(caller))))),
  'dashboard.pdf': async ({ store, caller }, req) => dashboardPdf(await store.read(loadDashboardOp(req, readScopeOfCaller(caller)))),
  'dashboard.pages': async ({ store, caller }, req) => dashboardScreenPages(await store.read(loadDashboardOp(req, readScopeOfCaller(caller)))),
  'summary.get': ({ store, caller }, req) => store.read(withHidden(caller, req.planId, (hidden) => summaryEditorOp(req, hidden))),
  'summary.save': async ({ store, caller }, req) => {
    const t = await store.write(saveSummaryRequestOp(req, caller));
    return store.read(withHidden(caller, t.plan.id, (hidden) => summaryEditorOp({ planId: t.plan.id, unitId: t.unit.id, year: t.year, period: t.period }, hidden)));
  },
  'summary.prefill': ({ store, caller }, req) => store.read(withHidden(caller, req.planId, (hidden) => summaryPrefillOp(req, hidden))),
  'summary.preview': async ({ store, caller }, req) => summaryPreviewOf(await store.read(withHidden(caller, req.planId, (hidden) => loadSummaryDocumentOp(req, hidden)))),
  'summary.pdf': ({ store, caller, emit }, req) => summaryPdfFile(emit, () => store.read(withHidden(caller, req.planId, (hidden) => loadSummaryDocumentOp(req, hidden))), req.jobId),
  'summary.docx': ({ store, caller, emit }, req) => summaryDocxFile(emit, () => store.read(withHidden(caller, req.planId, (hidden) => loadSummaryDocumentOp(req, hidden))), req.jobId),

  // Import (import/service.ts): the same analysis and Ops; a commit is one writeTxPg with its pg_dump copy first.
  'import.preview': ({ store }, req) => previewImportOn(store, toRequest(req)),
  'import.commit': (ctx, req) => commitImportOn(pgImportStore(ctx), { ...toRequest(req), expectRevision: req.expectRevision }, req.dryRun ?? false),

  'account.me': ({ store, caller }) => store.read(accountMeOp(caller)),
  'account.changePassword': async ({ store, caller }, { oldPassword, newPassword }) => {
    // authorizeMethodOn lets only accounts reach here ('self').
    await changeOwnPasswordOn(store, accountOf(caller)!, oldPassword, newPassword);
    return { ok: true };
  },
  'users.list': ({ store }) => store.read(usersListOp()),
  'users.events': ({ store }, req) => store.read(accountEventsOp(req)),
  'users.add': async (ctx, req) => addUserOn(ctx.store, req, await by(ctx)),
  'users.update': async (ctx, req) => ctx.store.write(updateUserOp(req, await by(ctx))),
  'users.disable': async (ctx, { id, disabled }) => ctx.store.write(setUserDisabledOp(id, disabled, await by(ctx))),
  'users.setPassword': async (ctx, { id, password }) => resetPasswordOn(ctx.store, id, password, await by(ctx)),

  'backup.list': (ctx) => listBackupsPg(ctx),
  'backup.create': async (ctx, { note }) => createBackupPg(ctx, note ?? null, await operator(ctx)),
  // 从文件恢复 (a pg_dump copy the user picks, checked and listed: addFile.ts) and the second folder (第二备份位置).
  'backup.addFile': async (ctx, { fileName, dataBase64 }) => addBackupFilePg(ctx, fileName, Buffer.from(dataBase64, 'base64'), await operator(ctx)),
  'backup.setMirror': async (ctx, { dir }) => ({ mirrorDir: await setMirrorDirPg(ctx, dir) }),
  'backup.inspect': (ctx, req) => inspectRestorePg(ctx, sourceOf(req)),
  'backup.restore': async (ctx, req) => restoreBackupPg(ctx, sourceOf(req), { confirm: req.confirm ?? false, by: await operator(ctx) }),
  'backup.undo': async (ctx, { id, confirm }) =>
    undoOperationPg(ctx, id, { confirm: confirm ?? false, by: await operator(ctx) }),

  // 数据填报, 任务进展, 审核, 催报 (entryMethods.ts).
  ...ENTRY_PG_METHODS,
  // 同步: the server's side, and the desktop's refused on purpose (syncMethods.ts).
  ...SYNC_PG_METHODS,

  // 数据交换 (handlers/exchange.ts): the same handlers and Ops as on SQLite; each write one writeTxPg, a write that
  // replaces what users entered (载入回报, 打开数据包, 接收上级下达, 采用下达目标) with its pg_dump copy first.
  ...exchangeHandlersFor(pgExchangeOn),
};

/** The exchange's store on PostgreSQL (exchange/on.ts): writes in writeTxPg, copies by runWithBackupPg, 导出全部's job.progress to this process's listeners. */
function pgExchangeOn(ctx: PgContext): ExchangeOn {
  return { store: ctx.store, caller: ctx.caller, withBackup: (backed) => runWithBackupPg(ctx, backed), emit: ctx.emit };
}

/** An import's commit on this store: its reads on the pool, its write in runWithBackupPg (import/service.ts ImportStore). */
function pgImportStore(ctx: PgContext): ImportStore {
  return { store: ctx.store, caller: ctx.caller, withBackup: (spec, op) => runWithBackupPg(ctx, { spec, op }) };
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
  /**
   * Take the daily copy (pg_dump, store/postgres/backup.ts dailyBackupIfDuePg) of an existing store
   * when due, as a file's is taken at every start (default false: `taizhang serve` asks for it, the
   * one-off commands leave it to the server). A failed copy is logged, never in the way.
   */
  dailyBackup?: boolean;
}

export async function openPostgresCore(options: PostgresCoreOptions): Promise<Core> {
  const { shown, example } = options;
  if (example !== undefined && !isExampleName(example)) {
    throw new ApiError('bad_request', `没有名为“${example}”的示例。可用：${Object.keys(EXAMPLES).join('、')}。`);
  }
  const pool: pg.Pool = await connectPostgres(options.url, shown);
  let created = false;
  try {
    ({ created } = await migratePostgres(pool, shown, undefined, options.url));
    // Asked first without the writers' lock (every command with --example asks); decided again under it.
    if (example !== undefined && !(await runAsync(pool, hasExampleOp(example)))) await writeTxPgOp(pool, loadExampleIfMissingOp(example), shown);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const log = errorLogBeside(shown);
  if (options.dailyBackup && !created) {
    try {
      await dailyBackupIfDuePg({ pool, url: options.url, shown });
    } catch (err) {
      // A missed daily copy must not keep anyone from working: said in the log, tried again at the next start.
      log.error('daily backup', err);
    }
  }
  const store = pgStore(pool, shown);
  const events = pgEvents(pool, options.url, log);
  let closed = false;
  let ending: Promise<void> | undefined;
  return {
    dbPath: shown,
    async call(method, request, caller = PC_CALLER) {
      if (closed) return { ok: false, error: { code: 'internal', message: '数据库已关闭。' } };
      try {
        if (!isApiMethod(method)) throw new ApiError('unknown_method', `未知的操作“${clipText(String(method), 40)}”。`);
        // As dispatch.ts: a role that may not make this call at all is refused (and recorded) before its request is read.
        await authorizeMethodOn(store, caller, method);
        const handler = POSTGRES_METHODS[method];
        if (!handler) throw DESKTOP_SYNC_METHODS.includes(method) ? desktopSyncRefused(shown) : notYet(`“${method}”`, shown);
        const parsed = parseRequest(method, request);
        const allowed = await authorizeOn(store, caller, method, parsed as Record<string, unknown>);
        const ctx: PgContext = { pool, url: options.url, shown, caller, store, emit: events.emit };
        const value = await (handler as (ctx: PgContext, request: unknown) => Promise<unknown>)(ctx, allowed);
        // The same event for the same call as on SQLite (dataChanged.ts): here, and to the other processes on this database.
        const changed = dataChangedBy(method, allowed, value, caller);
        if (changed) await events.changed(changed);
        return { ok: true, value };
      } catch (err) {
        const { error, unexpected } = failureOf(err, { dbPath: shown });
        if (unexpected) log.error(String(method), err);
        return { ok: false, error: error.toBody() };
      }
    },
    on: (event, listener) => events.on(event, listener),
    // The same rules as on SQLite (accounts/login.ts), awaited: the door awaits the session lookup here.
    auth: {
      login: (name, password, from) => loginOn(store, name, password, from),
      account: (id, passwordSetAt) => (closed ? null : store.read(accountForSessionOp(id, passwordSetAt))),
      loggedOut: async (account, from, why) => {
        if (closed) return;
        try {
          await store.write(recordLogoutOp(account, from, why));
        } catch (err) {
          // A logout the record missed must not keep the door from answering: said in the log.
          log.error('logout', err);
        }
      },
    },
    close() {
      closed = true;
      ending ??= events.close().then(() => pool.end().catch(() => {}));
      return ending;
    },
  };
}

function notYet(what: string, shown: string): ApiError {
  return new ApiError('not_supported', `${what}还不能用于 PostgreSQL 数据库“${shown}”，未作任何修改。目前可用于 PostgreSQL 的只有：${POSTGRES_READY_METHODS.join('、')}。`);
}
