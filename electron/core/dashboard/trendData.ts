/**
 * The figures the dashboard's month-by-month lines need, read as few as
 * possible: the view unit's own figures of this year and last, and — for the
 * district — each month's sum of the sub-units' figures and how many
 * reported, which SQLite keeps as figures are written (sub_unit_sums,
 * migration 014) instead of summing 960,000 figures at 2,000 units × 40
 * indicators × 12 months on every open.
 */
import type { MonthlyFigures } from '../../../shared/dashboard/trend';
import type { Db } from '../db/open';
import { hintedTable } from '../store/dialect';
import { all, query, runSync, type Op } from '../store/query';

type Range = { planId: number; from: string; to: string };

// One unit's cells: the primary key (indicator, unit, period; SQLite names its index
// sqlite_autoindex_figures_1) finds them. Left to itself SQLite prefers the covering
// figures_by_period index, which walks every unit's figures of the period range (store/dialect.ts).
const OWN_FIGURES = query<{ indicator_id: number; period: string; value: number }, Range & { unitId: number }>((qb, p, engine) =>
  qb
    .selectFrom(hintedTable(engine, 'figures', 'f', 'sqlite_autoindex_figures_1'))
    .select(['f.indicator_id', 'f.period', 'f.value'])
    .where('f.indicator_id', 'in', (eb) => eb.selectFrom('indicators').select('id').where('plan_id', '=', p('planId')))
    .where('f.unit_id', '=', p('unitId'))
    .where('f.period', '>=', p('from'))
    .where('f.period', '<', p('to')),
);
const SUB_UNIT_SUMS = query<{ indicator_id: number; period: string; total: number; reported: number }, Range & { parentId: number }>((qb, p) =>
  qb
    .selectFrom('sub_unit_sums')
    .select(['indicator_id', 'period', 'total', 'reported'])
    .where('parent_id', '=', p('parentId'))
    .where('indicator_id', 'in', (eb) => eb.selectFrom('indicators').select('id').where('plan_id', '=', p('planId')))
    .where('period', '>=', p('from'))
    .where('period', '<', p('to')),
);

/** `sumsUnder`: the unit whose sub-units' sums the view needs (the plan's unit), or null for a sub-unit's view. */
export function* monthlyFiguresOp(planId: number, unitId: number, sumsUnder: number | null, year: number): Op<MonthlyFigures> {
  const range = { planId, from: String(year - 1), to: String(year + 1) };
  const own = new Map<string, number>();
  for (const r of yield* all(OWN_FIGURES, { ...range, unitId })) own.set(`${r.indicator_id}|${r.period}`, r.value);
  const sums = new Map<string, { sum: number; count: number }>();
  if (sumsUnder != null) {
    for (const r of yield* all(SUB_UNIT_SUMS, { ...range, parentId: sumsUnder })) sums.set(`${r.indicator_id}|${r.period}`, { sum: r.total, count: r.reported });
  }
  return { own, sums };
}

export function monthlyFigures(db: Db, planId: number, unitId: number, sumsUnder: number | null, year: number): MonthlyFigures {
  return runSync(db, monthlyFiguresOp(planId, unitId, sumsUnder, year));
}
