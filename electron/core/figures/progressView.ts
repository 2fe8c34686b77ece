/**
 * `figures.progress`: the 完成情况 of a plan for a period, of the plan's unit
 * (with its sub-units) or of one sub-unit, narrowed to what the caller may
 * see. An Op of the query layer (store/query.ts): the SQLite handler
 * (handlers/figures.ts) and the PostgreSQL core run the same code; the
 * caller's scope (access/scope.ts) is a parameter.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ProgressTable } from '../../../shared/figures/progressTable';
import { planUnitsOp } from '../plans/scope';
import { narrowProgressTable } from '../access/narrow';
import type { ReadScope } from '../access/scope';
import type { Op } from '../store/query';
import { loadProgressTableOp } from './loadProgressTable';

export function* figuresProgressOp(planId: number, period: string, unitId: number | undefined, scope: ReadScope): Op<ProgressTable> {
  const { plan, units } = yield* planUnitsOp(planId);
  const parent = units.find((u) => u.id === (unitId ?? plan.unitId));
  if (!parent || parent.kind === 'department') {
    throw new ApiError('not_found', `找不到编号为 ${unitId ?? plan.unitId} 的单位，或它是部门（部门不填报指标）。`);
  }
  return narrowProgressTable(yield* loadProgressTableOp(plan, units, period, parent, scope.hiddenIn(plan.id)), scope);
}
