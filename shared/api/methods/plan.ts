/** Plans, units, goals, tasks and the target breakdown (the foundation's read methods). */
import { z } from 'zod';
import { method } from '../method';
import type { AppInfo, PlanOverview, PlanUnitsView, TargetBreakdown, TargetHistoryEntry, TaskTable, UnitDirectory } from '../views';
import type { Plan } from '../../model/plan';

export const planId = z.number().int().positive();

export const planMethods = {
  'app.info': method<AppInfo>()(
    z.object({}).strict(),
    'What the database holds: counts, plans, schema version and file path.',
  ),
  'plans.list': method<Plan[]>()(z.object({}).strict(), 'Every plan, newest year first.'),
  'plan.overview': method<PlanOverview>()(
    z.object({ planId }).strict(),
    'A plan with its unit, its 工作目标 (goals with parsed wording) and the sum checks of 附件2.',
  ),
  'plan.units': method<PlanUnitsView>()(
    z.object({ planId }).strict(),
    "A plan's units in the one order every screen and export uses: the plan's unit, then its sub-units, then its departments.",
  ),
  'units.directory': method<UnitDirectory>()(
    z.object({}).strict(),
    'The unit tree, the departments and the group phrases with their members.',
  ),
  'tasks.table': method<TaskTable>()(
    z.object({ planId }).strict(),
    '附件1: action lines with their tasks, lead and responsible units resolved.',
  ),
  'targets.breakdown': method<TargetBreakdown>()(
    z.object({ planId }).strict(),
    '附件2: targets of the plan unit and of each sub-unit per decomposed indicator, with sum checks.',
  ),
  'targets.history': method<TargetHistoryEntry[]>()(
    z.object({ planId }).strict(),
    'Every recorded change of the plan\'s targets and baselines (who, when, from which file), newest first.',
  ),
} as const;
