/** What the database holds, in numbers (for 概览 and `taizhang info`). */
import type { Counts } from '../../../../shared/api/views';
import type { Db } from '../open';

export function countAll(db: Db, planId?: number): Counts {
  const n = (sql: string, ...args: unknown[]) => (db.prepare(sql).pluck().get(...args) as number) ?? 0;
  if (planId === undefined) {
    return {
      plans: n('SELECT count(*) FROM plans'),
      units: n("SELECT count(*) FROM units WHERE kind <> 'department'"),
      departments: n("SELECT count(*) FROM units WHERE kind = 'department'"),
      unitGroups: n('SELECT count(*) FROM unit_groups'),
      indicators: n('SELECT count(*) FROM indicators'),
      targets: n('SELECT count(*) FROM targets'),
      actionLines: n('SELECT count(*) FROM action_lines'),
      tasks: n('SELECT count(*) FROM tasks'),
      figures: n('SELECT count(*) FROM figures'),
    };
  }
  return {
    plans: 1,
    units: n("SELECT count(*) FROM units WHERE kind <> 'department'"),
    departments: n("SELECT count(*) FROM units WHERE kind = 'department'"),
    unitGroups: n('SELECT count(*) FROM unit_groups'),
    indicators: n('SELECT count(*) FROM indicators WHERE plan_id = ?', planId),
    targets: n(
      'SELECT count(*) FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ?',
      planId,
    ),
    actionLines: n('SELECT count(*) FROM action_lines WHERE plan_id = ?', planId),
    tasks: n(
      'SELECT count(*) FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ?',
      planId,
    ),
    figures: n(
      'SELECT count(*) FROM figures f JOIN indicators i ON i.id = f.indicator_id WHERE i.plan_id = ?',
      planId,
    ),
  };
}
