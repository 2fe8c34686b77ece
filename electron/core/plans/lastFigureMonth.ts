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

export function lastFigureMonth(db: Db, plan: Pick<Plan, 'id' | 'unitId' | 'yearStart' | 'yearEnd'>): string | null {
  const periods = db
    .prepare(
      `SELECT DISTINCT period FROM sub_unit_sums WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = @plan)
       UNION
       SELECT DISTINCT period FROM figures INDEXED BY sqlite_autoindex_figures_1
       WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = @plan) AND unit_id = @unit`,
    )
    .pluck()
    .all({ plan: plan.id, unit: plan.unitId }) as string[];
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
