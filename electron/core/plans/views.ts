/**
 * The plan's read views (handlers/plan.ts): 概览 (plan.overview), 任务分解 (tasks.table),
 * 附件2 with its sum checks (targets.breakdown) and the target history — each an Op of the
 * query layer (store/query.ts), so the SQLite handlers (runSync) and the PostgreSQL core
 * (store/postgres/core.ts) answer from the same code. `scope` narrows what an entry account sees.
 */
import { ApiError } from '../../../shared/api/errors';
import type { BreakdownRow, GoalRow, PlanOverview, TargetBreakdown, TargetHistoryEntry, TaskTable } from '../../../shared/api/views';
import { checkSum, type SumCheck } from '../../../shared/figures/sumCheck';
import type { Indicator } from '../../../shared/model/indicator';
import type { Unit } from '../../../shared/model/units';
import { formatTargetWording } from '../../../shared/wording';
import { narrowBreakdown, narrowOverview, narrowTargetHistory } from '../access/narrow';
import type { ReadScope } from '../access/scope';
import { countsOp } from '../db/repos/counts';
import { listIndicatorsOp, listTargetsOp } from '../db/repos/indicators';
import { listTargetHistoryOp } from '../db/repos/targetHistory';
import { listActionLinesOp, listTasksOp } from '../db/repos/tasks';
import { listUnitsOp } from '../db/repos/units';
import type { Op } from '../store/query';
import { planUnitsOp, requirePlanOp } from './scope';

function unitById(units: Unit[], id: number): Unit {
  const unit = units.find((u) => u.id === id);
  if (!unit) throw new ApiError('internal', `数据不一致：找不到单位 ${id}。`);
  return unit;
}

/** 附件2 for a plan: the plan's unit, its sub-units, their targets and the sum checks. */
function* breakdownOp(planId: number): Op<TargetBreakdown> {
  const { parent: planUnit, subUnits } = yield* planUnitsOp(planId);
  const indicators = (yield* listIndicatorsOp(planId)).filter((i) => i.decomposed);
  const targets = yield* listTargetsOp(planId);
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

/** plan.overview: the plan, its unit, its goals with the plan unit's targets, the counts and the sum checks. */
export function* planOverviewOp(planId: number, scope: ReadScope): Op<PlanOverview> {
  const plan = yield* requirePlanOp(planId);
  const unit = unitById(yield* listUnitsOp(), plan.unitId);
  const targets = (yield* listTargetsOp(planId)).filter((t) => t.unitId === plan.unitId);
  const goals = (yield* listIndicatorsOp(planId)).map((i) =>
    goalRow(
      i,
      targets.find((t) => t.indicatorId === i.id),
    ),
  );
  const counts = yield* countsOp(planId);
  const sumChecks = (yield* breakdownOp(planId)).checks;
  return narrowOverview({ plan, unit, goals, counts, sumChecks }, scope);
}

/** tasks.table: action lines with their tasks and the names of their lead and responsible units. */
export function* taskTableOp(planId: number): Op<TaskTable> {
  yield* requirePlanOp(planId);
  const units = yield* listUnitsOp();
  const tasks = yield* listTasksOp(planId);
  const names = (ids: number[]) => ids.map((id) => unitById(units, id).name);
  const actionLines = (yield* listActionLinesOp(planId)).map((line) => ({
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
}

/** targets.breakdown */
export function* targetBreakdownOp(planId: number, scope: ReadScope): Op<TargetBreakdown> {
  return narrowBreakdown(yield* breakdownOp(planId), scope);
}

/** targets.history */
export function* targetHistoryViewOp(planId: number, scope: ReadScope): Op<TargetHistoryEntry[]> {
  const plan = yield* requirePlanOp(planId);
  return narrowTargetHistory(yield* listTargetHistoryOp(planId), scope, plan.unitId);
}
