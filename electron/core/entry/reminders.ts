/**
 * 催报: who still owes figures or task progress for a period, so the district
 * knows whom to call. A sub-unit owes the indicators it has a target for; the
 * plan unit owes the indicators it enters itself (ratios, unsplit indicators);
 * every responsible unit (departments too) owes progress on its tasks.
 */
import type { ReminderList, ReminderRow } from '../../../shared/entry/views';
import { figurePeriodFor } from '../../../shared/figures/progressTable';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import { defaultDeadline } from '../../../shared/dashboard/build';
import { officialIssuer } from '../../../shared/summary/issuer';
import type { Db } from '../db/open';
import { listProgress } from '../db/repos/progress';
import { listTasks } from '../db/repos/tasks';
import { indicatorsOf, parentIsComputed } from './planData';
import { planUnits, requireYearInPlan } from '../plans/scope';

export function buildReminders(db: Db, planId: number, period: string): ReminderList {
  const { plan, units, parent, subUnits } = planUnits(db, planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  const indicators = indicatorsOf(db, planId);
  // Only which cells exist is needed: keys made by SQLite (80,000 targets and figures at 2,000 units × 40 indicators).
  const hasTarget = new Set(
    db.prepare(`SELECT t.indicator_id || '|' || t.unit_id FROM indicators i JOIN targets t ON t.indicator_id = i.id WHERE i.plan_id = ?`).pluck().all(planId) as string[],
  );
  const due = [...new Set(indicators.map((i) => figurePeriodFor(i.frequency, period)).filter((p): p is string => p != null))];
  const figures = new Set(
    due.length
      ? (db
          .prepare(
            `SELECT f.indicator_id || '|' || f.unit_id || '|' || f.period FROM indicators i JOIN figures f ON f.indicator_id = i.id
             WHERE i.plan_id = ? AND f.period IN (${due.map(() => '?').join(',')})`,
          )
          .pluck()
          .all(planId, ...due) as string[])
      : [],
  );
  const unitById = new Map(units.map((u) => [u.id, u]));
  const progress = new Set(listProgress(db, planId, period).map((p) => `${p.taskId}|${p.unitId}`));
  const tasks = listTasks(db, planId);

  // Each indicator's own period at this view, worked out once (not per unit: 2,000 units × 40 indicators).
  const fpOf = new Map(indicators.map((i) => [i.id, figurePeriodFor(i.frequency, period)]));
  const rowFor = (unitId: number): ReminderRow | null => {
    const unit = unitById.get(unitId);
    if (!unit) return null;
    const owed = unit.kind === 'department' ? [] : indicators.filter((i) => {
      if (!fpOf.get(i.id)) return false;
      return unit.id === parent.id ? !parentIsComputed(i) : hasTarget.has(`${i.id}|${unit.id}`);
    });
    const has = (indicatorId: number, unitId: number, fp: string | null) => figures.has(`${indicatorId}|${unitId}|${fp}`);
    const missingFigures = owed
      .filter((i) => {
        const fp = fpOf.get(i.id) ?? null;
        if (has(i.id, unit.id, fp)) return false;
        // An additive district figure is the sum of whatever the sub-units reported.
        return !(unit.id === parent.id && i.aggregation === 'sum' && subUnits.some((u) => has(i.id, u.id, fp)));
      })
      .map((i) => i.name);
    const ownTasks = tasks.filter((t) => t.units.some((u) => u.role === 'responsible' && u.unitId === unit.id));
    const missingProgress = ownTasks
      .filter((t) => !progress.has(`${t.id}|${unit.id}`))
      .map((t) => ({ taskSeq: t.seq, content: t.content }));
    if (owed.length === 0 && ownTasks.length === 0) return null;
    return { unit, missingFigures, expectedFigures: owed.length, missingProgress, expectedProgress: ownTasks.length };
  };

  const reporting = [parent.id, ...subUnits.map((u) => u.id), ...units.filter((u) => u.kind === 'department' && u.parentId === parent.id).map((u) => u.id)];
  const rows = reporting.map(rowFor).filter((r): r is ReminderRow => r != null);
  const missing = (r: ReminderRow) => r.missingFigures.length + r.missingProgress.length;
  // Stable: units with something missing first, in their usual order.
  rows.sort((a, b) => Number(missing(b) > 0) - Number(missing(a) > 0));
  return {
    planId,
    period,
    periodLabel: periodLabel(period),
    notice: { planTitle: plan.title, docNumber: plan.docNumber, issuer: officialIssuer(parent, units), deadline: defaultDeadline(period) },
    rows,
  };
}
