/**
 * The last month of a plan's own years that its figures reach — where a
 * past plan opens (shared/entry/periods.ts defaultPeriod): looking back at
 * 2022 with figures to September, 1-9月, not an empty 1-12月. Read from the
 * sub-units' sums (migration 014: a few rows per indicator and period) and
 * the plan unit's own figures (its primary key), never the 960,000 figures.
 */
import { lastMonthOf } from '../../../shared/entry/periods';
import type { Plan } from '../../../shared/model/plan';
import type { Db } from '../db/open';
import { listPlansOp } from '../db/repos/plans';
import { hintedTable } from '../store/dialect';
import { all, query, runSync, type Op } from '../store/query';

// The plan unit's own figures through their primary key (SQLite's sqlite_autoindex_figures_1; store/dialect.ts).
const FIGURE_PERIODS = query<{ period: string }, { planId: number; unitId: number }>((qb, p, engine) =>
  qb
    .selectFrom('sub_unit_sums')
    .select('period')
    .distinct()
    .where('indicator_id', 'in', (eb) => eb.selectFrom('indicators').select('id').where('plan_id', '=', p('planId')))
    .union(
      qb
        .selectFrom(hintedTable(engine, 'figures', 'f', 'sqlite_autoindex_figures_1'))
        .select('f.period')
        .distinct()
        .where('f.indicator_id', 'in', (eb) => eb.selectFrom('indicators').select('id').where('plan_id', '=', p('planId')))
        .where('f.unit_id', '=', p('unitId')),
    ),
);

export function* lastFigureMonthOp(plan: Pick<Plan, 'id' | 'unitId' | 'yearStart' | 'yearEnd'>): Op<string | null> {
  const periods = (yield* all(FIGURE_PERIODS, { planId: plan.id, unitId: plan.unitId })).map((r) => r.period);


  let last: string | null = null;
  for (const period of periods) {
    const month = lastMonthOf(period);
    if (!month) continue;
    const year = Number(month.slice(0, 4));
    // Only the plan's own years: figures of the year before are 上年同期, not where the plan stands.
    if (year < plan.yearStart || year > plan.yearEnd) continue;
    if (last == null || month > last) last = month;
  }
  return last;
}

export function lastFigureMonth(db: Db, plan: Pick<Plan, 'id' | 'unitId' | 'yearStart' | 'yearEnd'>): string | null {
  return runSync(db, lastFigureMonthOp(plan));
}

/** `plans.list`: every plan, newest first, with the last month its figures reach. */
export function* plansListOp(): Op<Plan[]> {
  const plans = yield* listPlansOp();
  const out: Plan[] = [];
  for (const plan of plans) out.push({ ...plan, lastFigureMonth: yield* lastFigureMonthOp(plan) });
  return out;
}
