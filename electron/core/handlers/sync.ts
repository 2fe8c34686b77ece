/**
 * Handlers of shared/api/methods/sync.ts (同步): thin, the rules are in electron/core/sync/. The server's
 * side (sync.pull, sync.push, sync.conflicts, sync.resolve) and sync.marks run the same Ops as the
 * PostgreSQL core's (store/postgres/syncMethods.ts); each write is one writeTxOp.
 */
import { ApiError } from '../../../shared/api/errors';
import type { syncMethods } from '../../../shared/api/methods/sync';
import { accountOf, requireOperator, type Caller } from '../caller';
import { sqliteStore, writeTxOp } from '../db/tx';
import { runSync as runOp } from '../store/query';
import { planConflictsOp, resolveConflict } from '../sync/conflicts';
import { syncMarks } from '../sync/marks';
import { configureSync, runSync, syncSettings, type SyncContext } from '../sync/run';
import { NO_SECRET_STORE } from '../sync/secrets';
import { pullOn } from '../sync/serverPull';
import { pushOp } from '../sync/serverPush';
import type { ApiContext, HandlersOf } from './types';

/** The desktop's side is not the server's: a logged-in account is on the server already. */
function desktopOnly(caller: Caller): void {
  if (caller.kind === 'account') throw new ApiError('bad_request', '这里就是服务器：“设置 → 服务器”和同步只在连接服务器的台账电脑上使用。');
}

const syncContext = (ctx: ApiContext): SyncContext => ({ db: ctx.db, dbPath: ctx.dbPath, secrets: ctx.secrets ?? NO_SECRET_STORE });

export const syncHandlers: HandlersOf<typeof syncMethods> = {
  'sync.settings': (ctx) => {
    desktopOnly(ctx.caller);
    return syncSettings(syncContext(ctx));
  },
  'sync.configure': async (ctx, req) => {
    desktopOnly(ctx.caller);
    return configureSync(syncContext(ctx), req);
  },
  'sync.run': async (ctx, req) => {
    desktopOnly(ctx.caller);
    return runSync(syncContext(ctx), requireOperator(ctx.db, ctx.caller), req);
  },
  'sync.marks': ({ db }, { planId }) => syncMarks(db, planId),
  'sync.pull': ({ db, caller }) => pullOn(sqliteStore(db), accountOf(caller)),
  'sync.push': ({ db, caller }, req) => writeTxOp(db, pushOp(accountOf(caller), req, new Date().toISOString())),
  'sync.conflicts': ({ db }, { planId, state }) => runOp(db, planConflictsOp(planId, state ?? 'open')),
  'sync.resolve': ({ db, caller }, { id, take }) => ({ conflict: resolveConflict(db, id, take, requireOperator(db, caller)) }),
};
