/**
 * What the database holds, in numbers (for 概览 and `taizhang info`). Written
 * over the query layer (store/query.ts): the same queries count a SQLite file
 * and a PostgreSQL store.
 */
import type { Counts } from '../../../../shared/api/views';
import type { Db } from '../open';
import { get, query, runSync, type Builder, type Op } from '../../store/query';

type Count = { n: number };
const counted = (qb: Builder, table: 'plans' | 'unit_groups' | 'indicators' | 'targets' | 'action_lines' | 'tasks' | 'figures') =>
  qb.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));

const PLANS = query<Count>((qb) => counted(qb, 'plans'));
const UNITS = query<Count>((qb) => qb.selectFrom('units').where('kind', '<>', 'department').select((eb) => eb.fn.countAll<number>().as('n')));
const DEPARTMENTS = query<Count>((qb) => qb.selectFrom('units').where('kind', '=', 'department').select((eb) => eb.fn.countAll<number>().as('n')));
const UNIT_GROUPS = query<Count>((qb) => counted(qb, 'unit_groups'));
const INDICATORS = query<Count>((qb) => counted(qb, 'indicators'));
const TARGETS = query<Count>((qb) => counted(qb, 'targets'));
const ACTION_LINES = query<Count>((qb) => counted(qb, 'action_lines'));
const TASKS = query<Count>((qb) => counted(qb, 'tasks'));
const FIGURES = query<Count>((qb) => counted(qb, 'figures'));

type InPlan = { planId: number };
const PLAN_INDICATORS = query<Count, InPlan>((qb, p) =>
  qb.selectFrom('indicators').where('plan_id', '=', p('planId')).select((eb) => eb.fn.countAll<number>().as('n')),
);
const PLAN_TARGETS = query<Count, InPlan>((qb, p) =>
  qb
    .selectFrom('targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .where('i.plan_id', '=', p('planId'))
    .select((eb) => eb.fn.countAll<number>().as('n')),
);
const PLAN_ACTION_LINES = query<Count, InPlan>((qb, p) =>
  qb.selectFrom('action_lines').where('plan_id', '=', p('planId')).select((eb) => eb.fn.countAll<number>().as('n')),
);
const PLAN_TASKS = query<Count, InPlan>((qb, p) =>
  qb
    .selectFrom('tasks as t')
    .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
    .where('a.plan_id', '=', p('planId'))
    .select((eb) => eb.fn.countAll<number>().as('n')),
);
const PLAN_FIGURES = query<Count, InPlan>((qb, p) =>
  qb
    .selectFrom('figures as f')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
    .where('i.plan_id', '=', p('planId'))
    .select((eb) => eb.fn.countAll<number>().as('n')),
);

function* n(step: Op<Count | undefined>): Op<number> {
  return (yield* step)?.n ?? 0;
}

/** The counts of the whole database, or of one plan (units, departments and groups are shared by all plans). */
export function* countsOp(planId?: number): Op<Counts> {
  const shared = {
    units: yield* n(get(UNITS)),
    departments: yield* n(get(DEPARTMENTS)),
    unitGroups: yield* n(get(UNIT_GROUPS)),
  };
  if (planId === undefined) {
    return {
      plans: yield* n(get(PLANS)),
      ...shared,
      indicators: yield* n(get(INDICATORS)),
      targets: yield* n(get(TARGETS)),
      actionLines: yield* n(get(ACTION_LINES)),
      tasks: yield* n(get(TASKS)),
      figures: yield* n(get(FIGURES)),
    };
  }
  const inPlan = { planId };
  return {
    plans: 1,
    ...shared,
    indicators: yield* n(get(PLAN_INDICATORS, inPlan)),
    targets: yield* n(get(PLAN_TARGETS, inPlan)),
    actionLines: yield* n(get(PLAN_ACTION_LINES, inPlan)),
    tasks: yield* n(get(PLAN_TASKS, inPlan)),
    figures: yield* n(get(PLAN_FIGURES, inPlan)),
  };
}

export function countAll(db: Db, planId?: number): Counts {
  return runSync(db, countsOp(planId));
}
