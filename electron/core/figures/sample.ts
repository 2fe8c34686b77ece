/**
 * Generated sample figures (示例数据). They are written with this mark as
 * their author, and every view and export of a plan holding any says so; the
 * partial index of migration 009 makes asking cheap.
 */
import type { Db } from '../db/open';
import { sql } from 'kysely';
import { hintedTable } from '../store/dialect';
import { get, query, runSync, type Op } from '../store/query';

export const SAMPLE_MARK = '示例数据';

// SQLite is pointed at migration 009's partial index (store/dialect.ts hintedTable).
const SAMPLE_FIGURE_OF_PLAN = query<{ one: number }, { planId: number }>((qb, p, engine) =>
  qb
    .selectFrom(hintedTable(engine, 'figures', 'f', 'figures_sample'))
    .select((eb) => eb.lit(1).as('one'))
    // A literal, not a parameter: only then may SQLite use the partial index (WHERE entered_by = '示例数据').
    .where('f.entered_by', '=', sql.lit(SAMPLE_MARK))
    .where('f.indicator_id', 'in', (eb) => eb.selectFrom('indicators').select('id').where('plan_id', '=', p('planId')))
    .limit(1),
);

/** Whether any figure of the plan is generated sample data. */
export function* hasSampleFiguresOp(planId: number): Op<boolean> {
  return (yield* get(SAMPLE_FIGURE_OF_PLAN, { planId })) !== undefined;
}

export function hasSampleFigures(db: Db, planId: number): boolean {
  return runSync(db, hasSampleFiguresOp(planId));
}
