/**
 * The plan's current data, as the pure analysis (shared/import/analyse.ts) needs it. Over the query
 * layer (store/query.ts): `planSnapshotOp` reads the same on SQLite and PostgreSQL; `planSnapshot` is
 * its SQLite wrapper.
 */
import { sql } from 'kysely';
import type { PlanSnapshot } from '../../../shared/import/analyse';
import type { Db } from '../db/open';
import { getPlanOp, listPlansOp } from '../db/repos/plans';
import { listGroupsOp, listUnitsOp } from '../db/repos/units';
import { listIndicatorsOp, listTargetsOp } from '../db/repos/indicators';
import { listActionLinesOp, listTasksOp } from '../db/repos/tasks';
import { listLocksOp } from '../db/repos/locks';
import { listUnitAliasesOp } from '../db/repos/unitAliases';
import { jsonArray } from '../store/dialect';
import { all, get, query, runSync, type Op } from '../store/query';

/** The plan asked for, or the newest one when none is named. */
export function* planSnapshotOp(planId?: number): Op<PlanSnapshot> {
  const plan = planId !== undefined ? ((yield* getPlanOp(planId)) ?? null) : ((yield* listPlansOp())[0] ?? null);
  return {
    plan,
    units: yield* listUnitsOp(),
    groups: yield* listGroupsOp(),
    indicators: plan ? yield* listIndicatorsOp(plan.id) : [],
    targets: plan ? yield* listTargetsOp(plan.id) : [],
    actionLines: plan ? yield* listActionLinesOp(plan.id) : [],
    tasks: plan ? yield* listTasksOp(plan.id) : [],
    progressByTask: plan ? yield* progressByTaskOp(plan.id) : new Map(),
    lockedPeriods: plan ? (yield* listLocksOp(plan.id)).map((l) => l.period) : [],
    figuresByTarget: plan ? yield* figuresByTargetOp(plan.id) : new Map(),
    aliases: (yield* listUnitAliasesOp()).map((a) => ({ alias: a.alias, unitId: a.unitId })),
  };
}

export function planSnapshot(db: Db, planId?: number): PlanSnapshot {
  return runSync(db, planSnapshotOp(planId));
}

/** Figures per target as three JSON arrays (store/dialect.ts jsonArray): 80,000 targets with figures are no 80,000 row objects. */
const FIGURE_COUNTS = query<{ i: string; u: string; n: string }, { planId: number }>(
  (_qb, p, engine) => sql`SELECT ${jsonArray(engine, sql.ref('c.i'))} AS i, ${jsonArray(engine, sql.ref('c.u'))} AS u, ${jsonArray(engine, sql.ref('c.n'))} AS n
      FROM (SELECT f.indicator_id AS i, f.unit_id AS u, count(*) AS n FROM figures f
              JOIN indicators ind ON ind.id = f.indicator_id
             WHERE ind.plan_id = ${p('planId')} GROUP BY f.indicator_id, f.unit_id) c`,
);

/** How many figures (完成数) each target of the plan has: what a removed target would leave without its yardstick. */
function* figuresByTargetOp(planId: number): Op<Map<string, number>> {
  const row = yield* get(FIGURE_COUNTS, { planId });
  if (!row) throw new Error('an aggregate answers one row');
  const [i, u, n] = [JSON.parse(row.i) as number[], JSON.parse(row.u) as number[], JSON.parse(row.n) as number[]];
  return new Map(i.map((ind, k) => [`${ind}:${u[k]}`, n[k]]));
}

const PROGRESS_COUNTS = query<{ id: number; n: number }, { planId: number }>(
  (_qb, p) => sql`SELECT p.task_id AS id, count(*) AS n FROM progress p
      JOIN tasks t ON t.id = p.task_id JOIN action_lines l ON l.id = t.action_line_id
     WHERE l.plan_id = ${p('planId')} GROUP BY p.task_id ORDER BY p.task_id`,
);

/** How many progress entries (任务进展) each task of the plan has: a re-import must not drop them unasked. */
function* progressByTaskOp(planId: number): Op<Map<number, number>> {
  return new Map((yield* all(PROGRESS_COUNTS, { planId })).map((r) => [r.id, r.n]));
}
