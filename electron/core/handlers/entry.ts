/** Handlers of shared/api/methods/entry.ts: thin, the work is in electron/core/entry/. */
import type { entryMethods } from '../../../shared/api/methods/entry';
import { figureHistory } from '../db/repos/figures';
import { accountOf, operatorOf, requireOperator, setOperatorOf } from '../caller';
import { lockState, lockView, unlockView } from '../entry/locking';
import { requirePlan } from '../plans/scope';
import { buildProgressSheet, progressEntryHistory, saveProgress } from '../entry/progress';
import { buildReminders, recordReminders, reminderWorkbook } from '../entry/reminders';
import { saveForView } from '../entry/savePatch';
import { figureRevision } from '../entry/sheetData';
import { buildEntryGrid, buildEntrySheet, buildUnitYearSheet } from '../entry/sheet';
import { readScopeOf } from '../access/scope';
import { narrowEntryGrid, narrowEntrySheet, narrowReminders } from '../access/narrow';
import type { ApiContext, HandlersOf } from './types';

/** An entry account's (填报员) writes go to 审核; the district's own are approved on entry (review/onSave.ts). */
const isEntryAccount = (ctx: ApiContext) => accountOf(ctx.caller)?.role === 'entry';

/** What a sheet says about its caller: the name writes are recorded under, and whether approved figures are read-only to it. */
const callerParts = (ctx: ApiContext) => ({ operator: operatorOf(ctx.db, ctx.caller), approvedReadOnly: isEntryAccount(ctx) });

export const entryHandlers: HandlersOf<typeof entryMethods> = {
  'operator.get': ({ db, caller }) => ({ name: operatorOf(db, caller) }),
  'operator.set': ({ db, caller, emit }, { name }) => {
    setOperatorOf(db, caller, name);
    // Only the desktop's setting is shared by every window; a session's or a command's name is its own.
    if (caller.kind === 'pc') emit('data.changed', { planId: null, reason: 'operator' });
    return { name };
  },
  'entry.sheet': (ctx, { planId, period }) => {
    const scope = readScopeOf(ctx.db, ctx.caller);
    return narrowEntrySheet({ ...buildEntrySheet(ctx.db, planId, period, scope.hiddenIn(planId)), ...callerParts(ctx) }, scope);
  },
  'entry.grid': (ctx, { planId, period }) => {
    const scope = readScopeOf(ctx.db, ctx.caller);
    return narrowEntryGrid({ ...buildEntryGrid(ctx.db, planId, period, scope.hiddenIn(planId)), ...callerParts(ctx) }, scope);
  },
  'entry.unitYear': (ctx, { planId, unitId, year }) => ({ ...buildUnitYearSheet(ctx.db, planId, unitId, year), ...callerParts(ctx) }),
  'entry.save': (ctx, { planId, edits, source, view }) => {
    const { db, caller, emit } = ctx;
    const review = isEntryAccount(ctx) ? 'unit' : 'district';
    const result = saveForView(db, planId, edits, requireOperator(db, caller), source, view, review, readScopeOf(db, caller));
    if (result.changed > 0) emit('data.changed', { planId, reason: 'figures' });
    return result;
  },
  'entry.revision': ({ db }, { planId }) => {
    requirePlan(db, planId);
    return { revision: figureRevision(db) };
  },
  'entry.history': ({ db }, { planId, indicatorId, unitId, period }) => {
    requirePlan(db, planId);
    return figureHistory(db, indicatorId, unitId, period);
  },
  'entry.locks': ({ db }, { planId }) => lockState(db, planId),
  'entry.lock': ({ db, caller, emit }, { planId, period }) => {
    const locked = lockView(db, planId, period, requireOperator(db, caller));
    emit('data.changed', { planId, reason: 'lock' });
    return { locked };
  },
  'entry.unlock': ({ db, caller, emit }, { planId, period, reason }) => {
    const unlocked = unlockView(db, planId, period, reason, requireOperator(db, caller));
    emit('data.changed', { planId, reason: 'unlock' });
    return { unlocked };
  },
  'progress.sheet': ({ db, caller }, { planId, period, unitId }) => buildProgressSheet(db, planId, period, operatorOf(db, caller), unitId),
  'progress.save': ({ db, caller, emit }, { planId, period, entries }) => {
    const result = saveProgress(db, planId, period, entries, requireOperator(db, caller));
    if (result.changed > 0) emit('data.changed', { planId, reason: 'progress' });
    return result;
  },
  'progress.history': ({ db }, { planId, taskId, unitId, period }) => progressEntryHistory(db, planId, taskId, unitId, period),
  'entry.reminders': ({ db, caller }, { planId, period }) => narrowReminders(buildReminders(db, planId, period), readScopeOf(db, caller)),
  'entry.remindersSent': ({ db, caller, emit }, { planId, period, unitIds, channel }) => {
    const by = requireOperator(db, caller);
    const out = recordReminders(db, planId, period, unitIds, channel, by);
    emit('data.changed', { planId, reason: 'reminders' });
    return { ...out, by };
  },
  'entry.remindersExport': ({ db }, { planId, period, deadline }) => reminderWorkbook(db, planId, period, deadline),
};
