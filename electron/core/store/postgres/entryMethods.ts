/**
 * The entry methods (数据填报) of the PostgreSQL core (core.ts): the same Ops
 * as the SQLite handlers (handlers/entry.ts), run with await; each write is
 * ONE write transaction (pgStore's write = writeTxPgOp).
 *
 * Who may see what: the caller's scope (access/scope.ts readScopeOfCaller,
 * `scopeOf` below) is one parameter of each Op, its hidden figures read
 * inside the Op (hiddenInOp), as on SQLite; 审核's rule for a caller's
 * writes is review/onSave.ts reviewModeOf. (figures.progress is core.ts's,
 * with the exports that read it.)
 *
 * Events: neither these handlers nor the SQLite ones emit `data.changed`;
 * both cores send it after the call from one table (dataChanged.ts), on
 * PostgreSQL to the other processes on the database too (events.ts).
 */
import type { z } from 'zod';
import type { ApiContract, ApiMethod, ApiResponse } from '../../../../shared/api/contract';
import { operatorOfOp, requireOperatorOp, setOperatorOp, type Caller } from '../../caller';
import { readScopeOfCaller, type ReadScope } from '../../access/scope';
import { entryGridOp, entryHistoryOp, entryRevisionOp, entrySheetOp, entryUnitYearOp } from '../../entry/methods';
import { lockStateOp, lockViewOp, unlockViewOp } from '../../entry/locking';
import { saveForViewOn } from '../../entry/savePatch';
import { reviewModeOf } from '../../review/onSave';
import { buildProgressSheetOp, progressEntryHistoryOp, saveProgressOp } from '../../entry/progress';
import { approveFiguresOp, listReviewRowsOp, returnFiguresOp, reviewHistoryOp } from '../../review/service';
import { narrowReminders, narrowReviewList } from '../../access/narrow';
import { buildRemindersOp, recordRemindersOp, reminderWorkbookOf } from '../../entry/reminders';
import type { OpStore } from '../query';

/** What these handlers need of the PostgreSQL core's context. */
export interface PgEntryContext {
  caller: Caller;
  store: OpStore;
}

type Handlers = { [M in ApiMethod]?: (ctx: PgEntryContext, request: z.output<ApiContract[M]['request']>) => Promise<ApiResponse<M>> };

/** What the caller may read (access/scope.ts): an entry account its own unit and the published figures; others everything. */
const scopeOf = (ctx: PgEntryContext): ReadScope => readScopeOfCaller(ctx.caller);
/** The operator a write records: refused, as on SQLite, when none is known. */
const by = ({ store, caller }: PgEntryContext) => store.read(requireOperatorOp(caller));

export const ENTRY_PG_METHODS: Handlers = {
  'operator.get': async ({ store, caller }) => ({ name: await store.read(operatorOfOp(caller)) }),
  'operator.set': async ({ store, caller }, { name }) => {
    const op = setOperatorOp(caller, name);
    if (op) await store.write(op);
    return { name };
  },
  'entry.sheet': (ctx, { planId, period }) => ctx.store.read(entrySheetOp(planId, period, ctx.caller, scopeOf(ctx))),
  'entry.grid': (ctx, { planId, period }) => ctx.store.read(entryGridOp(planId, period, ctx.caller, scopeOf(ctx))),
  'entry.unitYear': ({ store, caller }, { planId, unitId, year }) => store.read(entryUnitYearOp(planId, unitId, year, caller)),
  'entry.save': async (ctx, { planId, edits, source, view }) =>
    saveForViewOn(ctx.store, planId, edits, await by(ctx), source, view, reviewModeOf(ctx.caller), scopeOf(ctx)),
  'entry.revision': ({ store }, { planId }) => store.read(entryRevisionOp(planId)),
  'entry.history': ({ store }, { planId, indicatorId, unitId, period }) => store.read(entryHistoryOp(planId, indicatorId, unitId, period)),
  'entry.locks': ({ store }, { planId }) => store.read(lockStateOp(planId)),
  'entry.lock': async (ctx, { planId, period }) => ({ locked: await ctx.store.write(lockViewOp(planId, period, await by(ctx))) }),
  'entry.unlock': async (ctx, { planId, period, reason }) => ({ unlocked: await ctx.store.write(unlockViewOp(planId, period, reason, await by(ctx))) }),

  'progress.sheet': async ({ store, caller }, { planId, period, unitId }) =>
    store.read(buildProgressSheetOp(planId, period, await store.read(operatorOfOp(caller)), unitId)),
  'progress.save': async (ctx, { planId, period, entries }) => {
    const [who, at] = [await by(ctx), new Date().toISOString()];
    return { changed: await ctx.store.write(saveProgressOp(planId, period, entries, who, at)), by: who, at };
  },
  'progress.history': ({ store }, { planId, taskId, unitId, period }) => store.read(progressEntryHistoryOp(planId, taskId, unitId, period)),

  'review.list': async (ctx, { planId, state }) => narrowReviewList(await ctx.store.read(listReviewRowsOp(planId, state)), scopeOf(ctx)),
  'review.approve': async (ctx, req) => {
    await ctx.store.write(approveFiguresOp(req, await by(ctx)));
    return { ok: true };
  },
  'review.return': async (ctx, req) => {
    await ctx.store.write(returnFiguresOp(req, await by(ctx)));
    return { ok: true };
  },
  'review.history': ({ store }, { planId, unitId, period }) => store.read(reviewHistoryOp(planId, unitId, period)),

  'entry.reminders': async (ctx, { planId, period }) => narrowReminders(await ctx.store.read(buildRemindersOp(planId, period)), scopeOf(ctx)),
  'entry.remindersSent': async (ctx, { planId, period, unitIds, channel }) => {
    const who = await by(ctx);
    return { ...(await ctx.store.write(recordRemindersOp(planId, period, unitIds, channel, who))), by: who };
  },
  'entry.remindersExport': async ({ store }, { planId, period, deadline }) => reminderWorkbookOf(await store.read(buildRemindersOp(planId, period)), deadline),
};
