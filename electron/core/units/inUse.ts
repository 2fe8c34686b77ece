/**
 * Deactivated units (停用) stay in the plans that hold their data and
 * disappear from the others: a plan lists a deactivated sub-unit only when
 * it has targets, figures, task progress or task links there (history), never
 * in a plan made after it was deactivated. The rule itself is subUnitsOf's
 * (shared/model/units.ts); this reads which deactivated units a plan uses.
 */
import type { Db } from '../db/open';

/** Ids of deactivated units holding data in the plan (empty, and no query, when no unit is deactivated). */
export function inactiveUnitsInUse(db: Db, planId: number): Set<number> {
  const inactive = db.prepare('SELECT count(*) FROM units WHERE active = 0').pluck().get() as number;
  if (inactive === 0) return new Set();
  const ids = db
    .prepare(
      `SELECT u.id FROM units u WHERE u.active = 0 AND (
         EXISTS (SELECT 1 FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE t.unit_id = u.id AND i.plan_id = @plan)
      OR EXISTS (SELECT 1 FROM figures f JOIN indicators i ON i.id = f.indicator_id WHERE f.unit_id = u.id AND i.plan_id = @plan)
      OR EXISTS (SELECT 1 FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN action_lines a ON a.id = t.action_line_id
                  WHERE tu.unit_id = u.id AND a.plan_id = @plan))`,
    )
    .pluck()
    .all({ plan: planId }) as number[];
  return new Set(ids);
}
