/**
 * The figures the dashboard's month-by-month lines need, read as few as
 * possible: the view unit's own figures of this year and last, and — for the
 * district — each month's sum of the sub-units' figures and how many reported,
 * summed by SQLite over the figures_by_period index (migration 008) instead of
 * 960,000 rows brought into JavaScript at 2,000 units × 40 indicators × 12 months.
 */
import type { MonthlyFigures } from '../../../shared/dashboard/trend';
import { idRanges, rangesSql } from '../db/idRanges';
import type { Db } from '../db/open';

export function monthlyFigures(db: Db, planId: number, unitId: number, subUnitIds: readonly number[], year: number): MonthlyFigures {
  const own = new Map<string, number>();
  // One unit's cells: the primary key (indicator, unit, period) finds them.
  const ownRows = db
    .prepare(
      `SELECT indicator_id, period, value FROM figures
       WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?) AND unit_id = ? AND period >= ? AND period < ?`,
    )
    .raw()
    .all(planId, unitId, String(year - 1), String(year + 1)) as [number, string, number][];
  for (const [indicatorId, period, value] of ownRows) own.set(`${indicatorId}|${period}`, value);

  const sums = new Map<string, { sum: number; count: number }>();
  if (subUnitIds.length > 0) {
    // Indicators as an IN list (not a join) so SQLite walks figures_by_period in (indicator, period)
    // order and groups without a temporary b-tree; the periods as a range the index can seek; the
    // sub-units as id ranges where few cover them exactly (a comparison a row, not a probe).
    const allUnitIds = (db.prepare('SELECT id FROM units').pluck().all() as number[]);
    const ranges = idRanges(subUnitIds, allUnitIds);
    const units = ranges ? rangesSql('unit_id', ranges) : { sql: 'unit_id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(subUnitIds)] };
    const rows = db
      .prepare(
        `SELECT indicator_id, period, total(value), count(*) FROM figures
         WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?) AND period >= ? AND period < ? AND ${units.sql}
         GROUP BY indicator_id, period`,
      )
      .raw()
      .all(planId, String(year - 1), String(year + 1), ...units.params) as [number, string, number, number][];
    for (const [indicatorId, period, sum, count] of rows) sums.set(`${indicatorId}|${period}`, { sum, count });
  }
  return { own, sums };
}
