/**
 * 同步 on the PostgreSQL core (core.ts): the server's side — what desktops
 * call on `taizhang serve --db postgres://…` — with the same Ops as the
 * SQLite handlers (handlers/sync.ts): sync.pull (serverPull.ts pullOn),
 * sync.push (serverPush.ts pushOp as ONE write transaction, writeTxPg under
 * the writers' advisory lock: a replayed batch answers its first answer, two
 * desktops pushing at once take turns), the district's sync.conflicts and
 * sync.resolve (conflicts.ts), and sync.marks (marks.ts: a server's store
 * links no plan to a server, so every plan answers `linked: false`).
 *
 * The desktop's side — sync.settings, sync.configure, sync.run — is refused
 * on purpose, saying why (sync/serverStore.ts): a PostgreSQL store is a
 * server's, and a desktop syncs from its own 台账 file.
 *
 * Events: nothing is emitted here — `data.changed` after a push that wrote
 * and after a resolve is core.ts's, from the one table of both cores
 * (dataChanged.ts), as every other method's.
 */
import type { z } from 'zod';
import type { ApiContract, ApiMethod, ApiResponse } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import { accountOf, requireOperatorOp, type Caller } from '../../caller';
import { planConflictsOp, resolveConflictOp } from '../../sync/conflicts';
import { syncMarksOp } from '../../sync/marks';
import { pullOn } from '../../sync/serverPull';
import { pushOp } from '../../sync/serverPush';
import { desktopSyncRefusal } from '../../sync/serverStore';
import type { OpStore } from '../query';

/** What these handlers need of the PostgreSQL core's context. */
export interface PgSyncContext {
  caller: Caller;
  store: OpStore;
}

type Handlers = { [M in ApiMethod]?: (ctx: PgSyncContext, request: z.output<ApiContract[M]['request']>) => Promise<ApiResponse<M>> };

/** The desktop's side of 同步: not among the methods this core runs, and refused for a reason, not as "not yet". */
export const DESKTOP_SYNC_METHODS: readonly ApiMethod[] = ['sync.settings', 'sync.configure', 'sync.run'];

export const desktopSyncRefused = (shown: string) => new ApiError('bad_request', desktopSyncRefusal(shown));

export const SYNC_PG_METHODS: Handlers = {
  'sync.marks': ({ store }, { planId }) => store.read(syncMarksOp(planId)),
  'sync.pull': ({ store, caller }) => pullOn(store, accountOf(caller)),
  'sync.push': ({ store, caller }, req) => store.write(pushOp(accountOf(caller), req, new Date().toISOString())),
  'sync.conflicts': ({ store }, { planId, state }) => store.read(planConflictsOp(planId, state ?? 'open')),
  'sync.resolve': async ({ store, caller }, { id, take }) => {
    const by = await store.read(requireOperatorOp(caller));
    return { conflict: await store.write(resolveConflictOp(id, take, by, new Date().toISOString())) };
  },
};
