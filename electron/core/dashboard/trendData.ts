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

/** `sumsUnder`: the unit whose sub-units' sums the view needs (the plan's unit), or null for a sub-unit's view. */
export function monthlyFigures(db: Db, planId: number, unitId: number, sumsUnder: number | null, year: number): MonthlyFigures {
  const own = new Map<string, number>();
  // One unit's cells: the primary key (indicator, unit, period; SQLite names its index
  // sqlite_autoindex_figures_1) finds them. Left to itself SQLite prefers the covering
  // figures_by_period index, which walks every unit's figures of the period range.
  const ownRows = db
    .prepare(
      `SELECT indicator_id, period, value FROM figures INDEXED BY sqlite_autoindex_figures_1
       WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?) AND unit_id = ? AND period >= ? AND period < ?`,
    )
    .raw()
    .all(planId, unitId, String(year - 1), String(year + 1)) as [number, string, number][];
  for (const [indicatorId, period, value] of ownRows) own.set(`${indicatorId}|${period}`, value);

  const sums = new Map<string, { sum: number; count: number }>();
  if (sumsUnder != null) {
    const rows = db
      .prepare(
        `SELECT indicator_id, period, total, reported FROM sub_unit_sums
         WHERE parent_id = ? AND indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?) AND period >= ? AND period < ?`,
      )
      .raw()
      .all(sumsUnder, planId, String(year - 1), String(year + 1)) as [number, string, number, number][];
    for (const [indicatorId, period, sum, count] of rows) sums.set(`${indicatorId}|${period}`, { sum, count });
  }
  return { own, sums };
}
