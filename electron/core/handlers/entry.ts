/** Handlers of shared/api/methods/entry.ts: thin, the work is in electron/core/entry/. */
import type { entryMethods } from '../../../shared/api/methods/entry';
import { figureHistory } from '../db/repos/figures';
import { OPERATOR_KEY, setSetting } from '../db/repos/settings';
import { lockState, lockView, unlockView } from '../entry/locking';
import { operatorName, requirePlan } from '../entry/planData';
import { buildProgressSheet, progressEntryHistory, saveProgress } from '../entry/progress';
import { buildReminders } from '../entry/reminders';
import { saveForView } from '../entry/savePatch';
import { figureRevision } from '../entry/sheetData';
import { buildEntryGrid, buildEntrySheet, buildUnitYearSheet } from '../entry/sheet';
import type { HandlersOf } from './types';

export const entryHandlers: HandlersOf<typeof entryMethods> = {
  'operator.get': ({ db }) => ({ name: operatorName(db) }),
  'operator.set': ({ db, emit }, { name }) => {
    db.transaction(() => setSetting(db, OPERATOR_KEY, name))();
    emit('data.changed', { planId: null, reason: 'operator' });
    return { name };
  },
  'entry.sheet': ({ db }, { planId, period }) => buildEntrySheet(db, planId, period),
  'entry.grid': ({ db }, { planId, period }) => buildEntryGrid(db, planId, period),
  'entry.unitYear': ({ db }, { planId, unitId, year }) => buildUnitYearSheet(db, planId, unitId, year),
  'entry.save': ({ db, emit }, { planId, edits, source, view }) => {
    const result = saveForView(db, planId, edits, source, view);
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
  'entry.lock': ({ db, emit }, { planId, period }) => {
    const locked = lockView(db, planId, period);
    emit('data.changed', { planId, reason: 'lock' });
    return { locked };
  },
  'entry.unlock': ({ db, emit }, { planId, period, reason }) => {
    const unlocked = unlockView(db, planId, period, reason);
    emit('data.changed', { planId, reason: 'unlock' });
    return { unlocked };
  },
  'progress.sheet': ({ db }, { planId, period, unitId }) => buildProgressSheet(db, planId, period, unitId),
  'progress.save': ({ db, emit }, { planId, period, entries }) => {
    const result = saveProgress(db, planId, period, entries);
    if (result.changed > 0) emit('data.changed', { planId, reason: 'progress' });
    return result;
  },
  'progress.history': ({ db }, { planId, taskId, unitId, period }) => progressEntryHistory(db, planId, taskId, unitId, period),
  'entry.reminders': ({ db }, { planId, period }) => buildReminders(db, planId, period),
};
