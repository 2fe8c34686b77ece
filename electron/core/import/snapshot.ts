/** The plan's current data, as the pure analysis (shared/import/analyse.ts) needs it. */
import type { PlanSnapshot } from '../../../shared/import/analyse';
import type { Db } from '../db/open';
import { getPlan, listPlans } from '../db/repos/plans';
import { listGroups, listUnits } from '../db/repos/units';
import { listIndicators, listTargets } from '../db/repos/indicators';
import { listActionLines, listTasks } from '../db/repos/tasks';
import { listLocks } from '../db/repos/locks';
import { listUnitAliases } from '../db/repos/unitAliases';

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
    progressByTask: plan ? progressByTask(db, plan.id) : new Map(),
    lockedPeriods: plan ? listLocks(db, plan.id).map((l) => l.period) : [],
    figuresByTarget: plan ? figuresByTarget(db, plan.id) : new Map(),
    aliases: listUnitAliases(db).map((a) => ({ alias: a.alias, unitId: a.unitId })),
  };
}

/** How many figures (完成数) each target of the plan has: what a removed target would leave without its yardstick. */
function figuresByTarget(db: Db, planId: number): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT f.indicator_id AS i, f.unit_id AS u, count(*) AS n FROM figures f
         JOIN indicators ind ON ind.id = f.indicator_id
        WHERE ind.plan_id = ? GROUP BY f.indicator_id, f.unit_id`,
    )
    .raw()
    .all(planId) as [number, number, number][];
  return new Map(rows.map(([i, u, n]) => [`${i}:${u}`, n]));
}

/** How many progress entries (任务进展) each task of the plan has: a re-import must not drop them unasked. */
function progressByTask(db: Db, planId: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT p.task_id AS id, count(*) AS n FROM progress p
         JOIN tasks t ON t.id = p.task_id JOIN action_lines l ON l.id = t.action_line_id
        WHERE l.plan_id = ? GROUP BY p.task_id`,
    )
    .all(planId) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
