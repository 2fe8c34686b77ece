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

/** Every edit says who made it; the screens reload what changed. */
const by = (ctx: ApiContext) => requireOperator(ctx.db, ctx.caller);
const changed = <T>(ctx: ApiContext, planId: number | null, reason: string, value: T): T => {
  ctx.emit('data.changed', { planId, reason });
  return value;
};
const removed = <T extends { done: boolean }>(ctx: ApiContext, planId: number | null, reason: string, value: T): T =>
  value.done ? changed(ctx, planId, reason, value) : value;

export const planEditHandlers: HandlersOf<typeof planEditMethods> = {
  'goals.save': (ctx, { planId, goal }) => changed(ctx, planId, 'goals', { id: saveGoal(ctx.db, by(ctx), planId, goal) }),
  'goals.reorder': (ctx, { planId, ids }) => (reorderGoals(ctx.db, by(ctx), planId, ids), changed(ctx, planId, 'goals', { ok: true as const })),
  'goals.remove': (ctx, { planId, indicatorId, confirm }) => removed(ctx, planId, 'goals', removeGoal(ctx, by(ctx), planId, indicatorId, confirm ?? false)),
  'targets.save': (ctx, { planId, edits }) => {
    const result = saveTargets(ctx.db, by(ctx), planId, edits);
    return result.changed ? changed(ctx, planId, 'targets', result) : result;
  },
  'actionLines.save': (ctx, { planId, id, title }) => changed(ctx, planId, 'tasks', { id: saveActionLine(ctx.db, by(ctx), planId, { id, title }) }),
  'actionLines.move': (ctx, { planId, id, index }) => (moveActionLine(ctx.db, by(ctx), planId, id, index), changed(ctx, planId, 'tasks', { ok: true as const })),
  'actionLines.remove': (ctx, { planId, id, confirm }) => removed(ctx, planId, 'tasks', removeActionLine(ctx, by(ctx), planId, id, confirm ?? false)),
  'tasks.save': (ctx, { planId, task }) => changed(ctx, planId, 'tasks', { id: saveTask(ctx.db, by(ctx), planId, task) }),
  'tasks.move': (ctx, { planId, taskId, actionLineId, index }) => (
    moveTask(ctx.db, by(ctx), planId, taskId, actionLineId, index), changed(ctx, planId, 'tasks', { ok: true as const })
  ),
  'tasks.remove': (ctx, { planId, taskId, confirm }) => removed(ctx, planId, 'tasks', removeTask(ctx, by(ctx), planId, taskId, confirm ?? false)),
  'plan.create': (ctx, req) => changed(ctx, null, 'plans', { planId: createPlan(ctx.db, by(ctx), req) }),
  'plan.update': (ctx, { planId, ...details }) => (updatePlan(ctx.db, by(ctx), planId, details), changed(ctx, planId, 'plans', { ok: true as const })),
  'plan.archive': (ctx, { planId, archived }) => (archivePlan(ctx.db, by(ctx), planId, archived), changed(ctx, null, 'plans', { ok: true as const })),
  'plan.delete': (ctx, { planId, confirm }) => removed(ctx, null, 'plans', deletePlan(ctx, by(ctx), planId, confirm ?? false)),
  'plan.edits': (ctx, { planId, entity }) => runSync(ctx.db, planEditsOp(planId, entity)),
  'indicator.years': (ctx, { planId, indicatorId }) => indicatorYears(ctx.db, planId, indicatorId, readScopeOf(ctx.db, ctx.caller)),
  'example.load': (ctx, req) => changed(ctx, null, 'plans', { planId: addExample(ctx.db, req.name) }),
  'ledger.create': (ctx, req) => changed(ctx, null, 'plans', { planId: createLedger(ctx.db, by(ctx), req) }),
};
