/** Handlers of shared/api/methods/plan.ts: plans, units, goals, tasks, the target breakdown. */
import type {
  AppInfo,
  BreakdownRow,
  GoalRow,
  PlanOverview,
  TargetBreakdown,
  TaskTable,
} from '../../../shared/api/views';
import { ApiError } from '../../../shared/api/errors';
import { checkSum, type SumCheck } from '../../../shared/figures/sumCheck';
import type { Unit } from '../../../shared/model/units';
import type { Indicator } from '../../../shared/model/indicator';
import { formatTargetWording } from '../../../shared/wording';
import type { Db } from '../db/open';
import type { planMethods } from '../../../shared/api/methods/plan';
import type { HandlersOf } from './types';
import { countAll } from '../db/repos/counts';
import { listUnits, unitDirectoryOp } from '../db/repos/units';
import { listIndicators, listTargets } from '../db/repos/indicators';
import { listActionLines, listTasks } from '../db/repos/tasks';
import { listTargetHistory } from '../db/repos/targetHistory';
import { appInfoOp } from '../plans/info';
import { runSync } from '../store/query';
import { planUnits, planUnitsView, requirePlan } from '../plans/scope';
import { plansListOp } from '../plans/lastFigureMonth';
import { readScopeOf } from '../access/scope';
import { narrowBreakdown, narrowOverview, narrowPlanUnits, narrowTargetHistory } from '../access/narrow';



function unitById(units: Unit[], id: number): Unit {
  const unit = units.find((u) => u.id === id);
  if (!unit) throw new ApiError('internal', `数据不一致：找不到单位 ${id}。`);
  return unit;
}

/** 附件2 for a plan: the plan's unit, its sub-units, their targets and the sum checks. */
function buildBreakdown(db: Db, planId: number): TargetBreakdown {
  const { parent: planUnit, subUnits } = planUnits(db, planId);
  const indicators = listIndicators(db, planId).filter((i) => i.decomposed);
  const targets = listTargets(db, planId);
  const byCell = new Map(targets.map((t) => [`${t.indicatorId}|${t.unitId}`, t]));
  const rowOf = (unit: Unit): BreakdownRow => ({
    unit,
    values: Object.fromEntries(indicators.map((i) => [i.id, byCell.get(`${i.id}|${unit.id}`)?.value ?? null])),
    maxValues: Object.fromEntries(indicators.map((i) => [i.id, byCell.get(`${i.id}|${unit.id}`)?.valueMax ?? null])),
  });
  const parent = rowOf(planUnit);
  const rows = subUnits.map(rowOf);
  const checks: SumCheck[] = indicators.map((i) =>
    checkSum({
      indicatorId: i.id,
      additive: i.aggregation === 'sum',
      decimals: i.decimals,
      parent: parent.values[i.id],
      children: rows.map((r) => ({ unitId: r.unit.id, value: r.values[i.id] })),
    }),
  );
  return { planId, indicators, parent, rows, checks };
}

function goalRow(indicator: Indicator, target: { value: number; valueMax: number | null } | undefined): GoalRow {
  return {
    indicator,
    wordingFormatted: indicator.wording ? formatTargetWording(indicator.wording) : null,
    targetValue: target?.value ?? null,
    targetValueMax: target?.valueMax ?? null,
  };
}

export const planHandlers: HandlersOf<typeof planMethods> = {
  'app.info': ({ db, dbPath, caller }): AppInfo => runSync(db, appInfoOp(dbPath, caller)),

  'plans.list': ({ db }) => runSync(db, plansListOp()),

  'plan.overview': ({ db, caller }, { planId }): PlanOverview => {
    const plan = requirePlan(db, planId);
    const unit = unitById(listUnits(db), plan.unitId);
    const targets = listTargets(db, planId).filter((t) => t.unitId === plan.unitId);
    const goals = listIndicators(db, planId).map((i) =>
      goalRow(
        i,
        targets.find((t) => t.indicatorId === i.id),
      ),
    );
    return narrowOverview({ plan, unit, goals, counts: countAll(db, planId), sumChecks: buildBreakdown(db, planId).checks }, readScopeOf(db, caller));
  },

  'plan.units': ({ db, caller }, { planId }) => narrowPlanUnits(planUnitsView(db, planId), readScopeOf(db, caller)),

  'units.directory': ({ db }) => runSync(db, unitDirectoryOp()),

  'tasks.table': ({ db }, { planId }): TaskTable => {
    requirePlan(db, planId);
    const units = listUnits(db);
    const tasks = listTasks(db, planId);
    const names = (ids: number[]) => ids.map((id) => unitById(units, id).name);
    const actionLines = listActionLines(db, planId).map((line) => ({
      ...line,
      tasks: tasks
        .filter((t) => t.actionLineId === line.id)
        .map((t) => ({
          ...t,
          leadUnitNames: names(t.units.filter((u) => u.role === 'lead').map((u) => u.unitId)),
          responsibleUnitNames: names(t.units.filter((u) => u.role === 'responsible').map((u) => u.unitId)),
        })),
    }));
    return { planId, actionLines, taskCount: tasks.length };
  },

  'targets.breakdown': ({ db, caller }, { planId }) => narrowBreakdown(buildBreakdown(db, planId), readScopeOf(db, caller)),

  'targets.history': ({ db, caller }, { planId }) => {
    const plan = requirePlan(db, planId);
    return narrowTargetHistory(listTargetHistory(db, planId), readScopeOf(db, caller), plan.unitId);
  },
};
