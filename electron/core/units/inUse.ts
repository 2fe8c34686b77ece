/**
 * Deactivated units (停用) stay in the plans that hold their data and
 * disappear from the others: a plan lists a deactivated sub-unit only when
 * it has targets, figures, task progress or task links there (history), never
 * in a plan made after it was deactivated. The rule itself is subUnitsOf's
 * (shared/model/units.ts); this reads which deactivated units a plan uses.
 */
import type { Db } from '../db/open';
import { all, get, query, runSync, type Op } from '../store/query';

const INACTIVE_COUNT = query<{ n: number }>((qb) => qb.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 0));
const INACTIVE_IN_PLAN = query<{ id: number }, { planId: number }>((qb, p) =>
  qb
    .selectFrom('units as u')
    .select('u.id')
    .where('u.active', '=', 0)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('targets as t')
            .innerJoin('indicators as i', 'i.id', 't.indicator_id')
            .select(eb.lit(1).as('one'))
            .whereRef('t.unit_id', '=', 'u.id')
            .where('i.plan_id', '=', p('planId')),
        ),
        eb.exists(
          eb
            .selectFrom('figures as f')
            .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
            .select(eb.lit(1).as('one'))
            .whereRef('f.unit_id', '=', 'u.id')
            .where('i.plan_id', '=', p('planId')),
        ),
        eb.exists(
          eb
            .selectFrom('task_units as tu')
            .innerJoin('tasks as t', 't.id', 'tu.task_id')
            .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
            .select(eb.lit(1).as('one'))
            .whereRef('tu.unit_id', '=', 'u.id')
            .where('a.plan_id', '=', p('planId')),
        ),
      ]),
    ),
);

/** Ids of deactivated units holding data in the plan (empty, and one query only, when no unit is deactivated). */
export function* inactiveUnitsInUseOp(planId: number): Op<Set<number>> {
  const inactive = (yield* get(INACTIVE_COUNT))?.n ?? 0;
  if (Number(inactive) === 0) return new Set();
  return new Set((yield* all(INACTIVE_IN_PLAN, { planId })).map((r) => r.id));
}

export function inactiveUnitsInUse(db: Db, planId: number): Set<number> {
  return runSync(db, inactiveUnitsInUseOp(planId));
}
