/**
 * `figures.progress`: the 完成情况 of a plan for a period as the screens and the
 * Excel 完成情况统计表 get it — one Op of the query layer (store/query.ts), so
 * the SQLite handler (runSync) and the PostgreSQL core run the same code.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ProgressTable } from '../../../shared/figures/progressTable';
import { narrowProgressTable } from '../access/narrow';
import type { ReadScope } from '../access/scope';
import { planUnitsOp } from '../plans/scope';
import type { Op } from '../store/query';
import { loadProgressTableOp } from './loadProgressTable';

/** The table of `unitId` (the plan's unit by default) and its sub-units, narrowed to what `scope` may see. */
export function* progressViewOp(planId: number, period: string, unitId: number | undefined, scope: ReadScope): Op<ProgressTable> {
  const { plan, units } = yield* planUnitsOp(planId);
  const parent = units.find((u) => u.id === (unitId ?? plan.unitId));
  if (!parent || parent.kind === 'department') {
    throw new ApiError('not_found', `找不到编号为 ${unitId ?? plan.unitId} 的单位，或它是部门（部门不填报指标）。`);
  }
  return narrowProgressTable(yield* loadProgressTableOp(plan, units, period, parent, yield* scope.hiddenInOp(plan.id)), scope);
}
