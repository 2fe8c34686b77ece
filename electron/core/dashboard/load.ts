/**
 * `dashboard.get`: the 态势总览 of a plan for a period, for the district or
 * one sub-unit. Every 完成率 and status comes from the period's ProgressTable
 * (loadProgressTable — the one the grid's rules, the Excel 完成情况 and the PDF
 * summary use); the lines, tasks and 催报 are read beside it.
 */
import { ApiError } from '../../../shared/api/errors';
import { buildDashboardView, summariseTasks } from '../../../shared/dashboard/build';
import { buildTrends } from '../../../shared/dashboard/trend';
import type { DashboardView } from '../../../shared/dashboard/view';
import { localDateText } from '../../../shared/dates';
import { requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listProgressOp } from '../db/repos/progress';
import { listActionLinesOp, listTasksOp } from '../db/repos/tasks';
import { buildRemindersOp } from '../entry/reminders';
import { planUnitsOp, requireYearInPlan } from '../plans/scope';
import { loadProgressTableOp } from '../figures/loadProgressTable';
import { hasSampleFiguresOp } from '../figures/sample';
import { monthlyFiguresOp } from './trendData';
import { FULL_SCOPE, type ReadScope } from '../access/scope';
import { narrowDashboard } from '../access/narrow';
import { reviewMarksInOp } from '../entry/sheet';
import { runSync, type Op } from '../store/query';

export interface DashboardRequest {
  planId: number;
  period: string;
  /** A sub-unit's view; the plan's own unit when absent. */
  unitId?: number;
  /** ISO date the view is for (days left, the notice's date); today by default. */
  today?: string;
}

/** As `scope` may see it (access/scope.ts): an entry account's own view, the district's totals from published figures. */
export function loadDashboard(db: Db, req: DashboardRequest, scope: ReadScope = FULL_SCOPE): DashboardView {
  return runSync(db, loadDashboardOp(req, scope));
}

/** The same on either engine (store/query.ts); the scope's hidden figures are read once, before the figures. */
export function* loadDashboardOp(req: DashboardRequest, scope: ReadScope = FULL_SCOPE): Op<DashboardView> {
  const { plan, units, parent, subUnits } = yield* planUnitsOp(req.planId);
  const { year } = requirePeriod(req.period);
  requireYearInPlan(plan, year, req.period);
  const viewUnit = req.unitId == null ? parent : units.find((u) => u.id === req.unitId);
  if (!viewUnit || (viewUnit.id !== parent.id && !subUnits.some((u) => u.id === viewUnit.id))) {
    throw new ApiError('not_found', `单位编号 ${req.unitId} 不是“${plan.title}”的填报单位：态势总览可看${parent.name}或其下级街道、镇、集聚区。`);
  }
  const isPlanUnit = viewUnit.id === parent.id;
  const table = yield* loadProgressTableOp(plan, units, req.period, undefined, yield* scope.hiddenInOp(plan.id));
  const viewRow = isPlanUnit ? table.parent : table.rows.find((r) => r.unit.id === viewUnit.id)!;

  const monthly = yield* monthlyFiguresOp(plan.id, viewUnit.id, isPlanUnit && subUnits.length > 0 ? parent.id : null, year);
  const trends = buildTrends({
    period: req.period,
    indicators: table.indicators,
    isPlanUnit,
    subUnitCount: isPlanUnit ? subUnits.length : 0,
    figures: monthly,
    targetOf: (id) => viewRow.cells[id]?.target ?? null,
    // A growth goal belongs to the plan's unit; its "target" is a rate, not an amount to draw.
    isGrowthTarget: (id) => isPlanUnit && table.indicators.find((i) => i.id === id)?.wording?.quantity?.kind === 'growth',
  });

  const reminders = yield* buildRemindersOp(plan.id, req.period);
  const tasks = summariseTasks({
    actionLines: yield* listActionLinesOp(plan.id),
    tasks: yield* listTasksOp(plan.id),
    progress: yield* listProgressOp(plan.id, req.period),
    units,
    onlyUnitId: isPlanUnit ? null : viewUnit.id,
  });

  const shown = [...new Set(table.indicators.map((i) => table.parent.cells[i.id]?.figurePeriod).filter((p): p is string => p != null))];
  const view = buildDashboardView({
    plan: { id: plan.id, title: plan.title },
    table,
    viewUnitId: viewUnit.id,
    trends,
    tasks,
    reminders: isPlanUnit ? reminders : { ...reminders, rows: reminders.rows.filter((r) => r.unit.id === viewUnit.id) },
    today: req.today ?? localDateText(new Date().toISOString()),
    sampleData: yield* hasSampleFiguresOp(plan.id),
    reviews: yield* reviewMarksInOp(plan.id, shown),
  });
  return narrowDashboard(view, scope);
}
