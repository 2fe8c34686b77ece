/**
 * Generated sample figures (示例数据). They are written with this mark as
 * their author, and every view and export of a plan holding any says so; the
 * partial index of migration 009 makes asking cheap.
 */
import type { Db } from '../db/open';

export const SAMPLE_MARK = '示例数据';

/** Whether any figure of the plan is generated sample data. */
export function hasSampleFigures(db: Db, planId: number): boolean {
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM figures INDEXED BY figures_sample
         WHERE entered_by = '${SAMPLE_MARK}' AND indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?)) AS found`,
    )
    .get(planId) as { found: number };
  return row.found === 1;
}
