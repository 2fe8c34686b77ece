/** Handlers of shared/api/methods/entry.ts: thin, the work is in electron/core/entry/ (their data.changed: dataChanged.ts). */
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
  'operator.set': ({ db, caller }, { name }) => {
    setOperatorOf(db, caller, name);
    return { name };
  },
  'entry.sheet': ({ db, caller }, { planId, period }) => runSync(db, entrySheetOp(planId, period, caller, readScopeOf(db, caller))),
  'entry.grid': ({ db, caller }, { planId, period }) => runSync(db, entryGridOp(planId, period, caller, readScopeOf(db, caller))),
  'entry.unitYear': ({ db, caller }, { planId, unitId, year }) => runSync(db, entryUnitYearOp(planId, unitId, year, caller)),
  'entry.save': ({ db, caller }, { planId, edits, source, view }) =>
    saveForView(db, planId, edits, requireOperator(db, caller), source, view, reviewModeOf(caller), readScopeOf(db, caller)),
  'entry.revision': ({ db }, { planId }) => runSync(db, entryRevisionOp(planId)),
  'entry.history': ({ db }, { planId, indicatorId, unitId, period }) => runSync(db, entryHistoryOp(planId, indicatorId, unitId, period)),
  'entry.locks': ({ db }, { planId }) => lockState(db, planId),
  'entry.lock': ({ db, caller }, { planId, period }) => ({ locked: lockView(db, planId, period, requireOperator(db, caller)) }),
  'entry.unlock': ({ db, caller }, { planId, period, reason }) => ({ unlocked: unlockView(db, planId, period, reason, requireOperator(db, caller)) }),
  'progress.sheet': ({ db, caller }, { planId, period, unitId }) => buildProgressSheet(db, planId, period, operatorOf(db, caller), unitId),
  'progress.save': ({ db, caller }, { planId, period, entries }) => saveProgress(db, planId, period, entries, requireOperator(db, caller)),
  'progress.history': ({ db }, { planId, taskId, unitId, period }) => progressEntryHistory(db, planId, taskId, unitId, period),
  'entry.reminders': ({ db, caller }, { planId, period }) => narrowReminders(buildReminders(db, planId, period), readScopeOf(db, caller)),
  'entry.remindersSent': ({ db, caller }, { planId, period, unitIds, channel }) => {
    const by = requireOperator(db, caller);
    return { ...recordReminders(db, planId, period, unitIds, channel, by), by };
  },
  'entry.remindersExport': ({ db }, { planId, period, deadline }) => reminderWorkbook(db, planId, period, deadline),
};
