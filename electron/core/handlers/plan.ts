/** Handlers of shared/api/methods/plan.ts: plans, units, goals, tasks, the target breakdown (the views: plans/views.ts). */
import type { AppInfo } from '../../../shared/api/views';
import type { planMethods } from '../../../shared/api/methods/plan';
import type { HandlersOf } from './types';
import { unitDirectoryOp } from '../db/repos/units';
import { appInfoOp } from '../plans/info';
import { runSync } from '../store/query';
import { planUnitsViewOp } from '../plans/scope';
import { plansListOp } from '../plans/lastFigureMonth';
import { planOverviewOp, targetBreakdownOp, targetHistoryViewOp, taskTableOp } from '../plans/views';
import { readScopeOf } from '../access/scope';
import { narrowPlanUnits } from '../access/narrow';

export const planHandlers: HandlersOf<typeof planMethods> = {
  'app.info': ({ db, dbPath, caller }): AppInfo => runSync(db, appInfoOp(dbPath, caller)),

  'plans.list': ({ db }) => runSync(db, plansListOp()),

  'plan.overview': ({ db, caller }, { planId }) => runSync(db, planOverviewOp(planId, readScopeOf(db, caller))),

  'plan.units': ({ db, caller }, { planId }) => narrowPlanUnits(runSync(db, planUnitsViewOp(planId)), readScopeOf(db, caller)),

  'units.directory': ({ db }) => runSync(db, unitDirectoryOp()),

  'tasks.table': ({ db }, { planId }) => runSync(db, taskTableOp(planId)),

  'targets.breakdown': ({ db, caller }, { planId }) => runSync(db, targetBreakdownOp(planId, readScopeOf(db, caller))),

  'targets.history': ({ db, caller }, { planId }) => runSync(db, targetHistoryViewOp(planId, readScopeOf(db, caller))),
};
