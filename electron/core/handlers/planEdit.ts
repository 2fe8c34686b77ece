/** Handlers of shared/api/methods/planEdit.ts: thin, the work is in electron/core/plans/. */
import { readScopeOf } from '../access/scope';
import type { planEditMethods } from '../../../shared/api/methods/planEdit';
import { requireOperator } from '../caller';
import { removeGoal, reorderGoals, saveGoal } from '../plans/goals';
import { planEditsOp } from '../plans/history';
import { runSync } from '../store/query';
import { indicatorYears } from '../plans/indicatorYears';
import { addExample, archivePlan, createLedger, createPlan, deletePlan, updatePlan } from '../plans/lifecycle';
import { saveTargets } from '../plans/targets';
import { moveActionLine, moveTask, removeActionLine, removeTask, saveActionLine, saveTask } from '../plans/tasks';
import type { ApiContext, HandlersOf } from './types';

/** Every edit says who made it; the screens reload what changed (dataChanged.ts, after the call). */
const by = (ctx: ApiContext) => requireOperator(ctx.db, ctx.caller);
const OK = { ok: true as const };

export const planEditHandlers: HandlersOf<typeof planEditMethods> = {
  'goals.save': (ctx, { planId, goal }) => ({ id: saveGoal(ctx.db, by(ctx), planId, goal) }),
  'goals.reorder': (ctx, { planId, ids }) => (reorderGoals(ctx.db, by(ctx), planId, ids), OK),
  'goals.remove': (ctx, { planId, indicatorId, confirm }) => removeGoal(ctx, by(ctx), planId, indicatorId, confirm ?? false),
  'targets.save': (ctx, { planId, edits }) => saveTargets(ctx.db, by(ctx), planId, edits),
  'actionLines.save': (ctx, { planId, id, title }) => ({ id: saveActionLine(ctx.db, by(ctx), planId, { id, title }) }),
  'actionLines.move': (ctx, { planId, id, index }) => (moveActionLine(ctx.db, by(ctx), planId, id, index), OK),
  'actionLines.remove': (ctx, { planId, id, confirm }) => removeActionLine(ctx, by(ctx), planId, id, confirm ?? false),
  'tasks.save': (ctx, { planId, task }) => ({ id: saveTask(ctx.db, by(ctx), planId, task) }),
  'tasks.move': (ctx, { planId, taskId, actionLineId, index }) => (moveTask(ctx.db, by(ctx), planId, taskId, actionLineId, index), OK),
  'tasks.remove': (ctx, { planId, taskId, confirm }) => removeTask(ctx, by(ctx), planId, taskId, confirm ?? false),
  'plan.create': (ctx, req) => ({ planId: createPlan(ctx.db, by(ctx), req) }),
  'plan.update': (ctx, { planId, ...details }) => (updatePlan(ctx.db, by(ctx), planId, details), OK),
  'plan.archive': (ctx, { planId, archived }) => (archivePlan(ctx.db, by(ctx), planId, archived), OK),
  'plan.delete': (ctx, { planId, confirm }) => deletePlan(ctx, by(ctx), planId, confirm ?? false),
  'plan.edits': (ctx, { planId, entity }) => runSync(ctx.db, planEditsOp(planId, entity)),
  'indicator.years': (ctx, { planId, indicatorId }) => indicatorYears(ctx.db, planId, indicatorId, readScopeOf(ctx.db, ctx.caller)),
  'example.load': (ctx, req) => ({ planId: addExample(ctx.db, req.name) }),
  'ledger.create': (ctx, req) => ({ planId: createLedger(ctx.db, by(ctx), req) }),
};
