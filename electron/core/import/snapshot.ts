/** The plan's current data, as the pure analysis (shared/import/analyse.ts) needs it. */
import type { PlanSnapshot } from '../../../shared/import/analyse';
import type { Db } from '../db/open';
import { getPlan, listPlans } from '../db/repos/plans';
import { listGroups, listUnits } from '../db/repos/units';
import { listIndicators, listTargets } from '../db/repos/indicators';
import { listActionLines, listTasks } from '../db/repos/tasks';

/** The plan asked for, or the newest one when none is named. */
export function planSnapshot(db: Db, planId?: number): PlanSnapshot {
  const plan = planId !== undefined ? (getPlan(db, planId) ?? null) : (listPlans(db)[0] ?? null);
  return {
    plan,
    units: listUnits(db),
    groups: listGroups(db),
    indicators: plan ? listIndicators(db, plan.id) : [],
    targets: plan ? listTargets(db, plan.id) : [],
    actionLines: plan ? listActionLines(db, plan.id) : [],
    tasks: plan ? listTasks(db, plan.id) : [],
  };
}
