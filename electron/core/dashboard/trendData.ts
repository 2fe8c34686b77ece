/**
 * The figures the dashboard's month-by-month lines need, read as few as
 * possible: the view unit's own figures of this year and last, and — for the
 * district — each month's sum of the sub-units' figures and how many reported,
 * summed by SQLite over the figures_by_period index (migration 005) instead of
 * 960,000 rows brought into JavaScript at 2,000 units × 40 indicators × 12 months.
 */
import type { MonthlyFigures } from '../../../shared/dashboard/trend';
import type { Db } from '../db/open';

export function monthlyFigures(db: Db, planId: number, unitId: number, subUnitIds: readonly number[], year: number): MonthlyFigures {
  const years = [String(year), String(year - 1)];
  const own = new Map<string, number>();
  const ownRows = db
    .prepare(
      `SELECT f.indicator_id, f.period, f.value FROM indicators i JOIN figures f ON f.indicator_id = i.id
       WHERE i.plan_id = ? AND f.unit_id = ? AND substr(f.period, 1, 4) IN (?, ?)`,
    )
    .raw()
    .all(planId, unitId, ...years) as [number, string, number][];
  for (const [indicatorId, period, value] of ownRows) own.set(`${indicatorId}|${period}`, value);

  const sums = new Map<string, { sum: number; count: number }>();
  if (subUnitIds.length > 0) {
    // The sub-units are every unit of the plan's indicators except the district itself and units outside its
    // tree; with the district's sub-units as a temp set, SQLite keeps to the covering index.
    const rows = db
      .prepare(
        `SELECT f.indicator_id, f.period, total(f.value), count(*) FROM indicators i JOIN figures f ON f.indicator_id = i.id
         WHERE i.plan_id = ? AND substr(f.period, 1, 4) IN (?, ?)
           AND f.unit_id IN (SELECT value FROM json_each(?))
         GROUP BY f.indicator_id, f.period`,
      )
      .raw()
      .all(planId, ...years, JSON.stringify(subUnitIds)) as [number, string, number, number][];
    for (const [indicatorId, period, sum, count] of rows) sums.set(`${indicatorId}|${period}`, { sum, count });
  }
  return { own, sums };
}
