/** Handlers of shared/api/methods/entry.ts: thin, the work is in electron/core/entry/. */
import type { entryMethods } from '../../../shared/api/methods/entry';
import { operatorOf, requireOperator, setOperatorOf } from '../caller';
import { lockState, lockView, unlockView } from '../entry/locking';
import { buildProgressSheet, progressEntryHistory, saveProgress } from '../entry/progress';
import { buildReminders, recordReminders, reminderWorkbook } from '../entry/reminders';
import { saveForView } from '../entry/savePatch';
import { entryGridOp, entryHistoryOp, entryRevisionOp, entrySheetOp, entryUnitYearOp } from '../entry/methods';
import { reviewModeOf } from '../review/onSave';
import { readScopeOf } from '../access/scope';
import { narrowReminders } from '../access/narrow';
import { runSync } from '../store/query';
import type { HandlersOf } from './types';

export const entryHandlers: HandlersOf<typeof entryMethods> = {
  'operator.get': ({ db, caller }) => ({ name: operatorOf(db, caller) }),
  'operator.set': ({ db, caller, emit }, { name }) => {
    setOperatorOf(db, caller, name);
    // Only the desktop's setting is shared by every window; a session's or a command's name is its own.
    if (caller.kind === 'pc') emit('data.changed', { planId: null, reason: 'operator' });
    return { name };
  },
  'entry.sheet': ({ db, caller }, { planId, period }) => runSync(db, entrySheetOp(planId, period, caller, readScopeOf(db, caller))),
  'entry.grid': ({ db, caller }, { planId, period }) => runSync(db, entryGridOp(planId, period, caller, readScopeOf(db, caller))),
  'entry.unitYear': ({ db, caller }, { planId, unitId, year }) => runSync(db, entryUnitYearOp(planId, unitId, year, caller)),
  'entry.save': ({ db, caller, emit }, { planId, edits, source, view }) => {
    const result = saveForView(db, planId, edits, requireOperator(db, caller), source, view, reviewModeOf(caller), readScopeOf(db, caller));
    if (result.changed > 0) emit('data.changed', { planId, reason: 'figures' });
    return result;
  },
  'entry.revision': ({ db }, { planId }) => runSync(db, entryRevisionOp(planId)),
  'entry.history': ({ db }, { planId, indicatorId, unitId, period }) => runSync(db, entryHistoryOp(planId, indicatorId, unitId, period)),
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
