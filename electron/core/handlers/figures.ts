/** Handlers of shared/api/methods/figures.ts. */
import { ApiError } from '../../../shared/api/errors';
import type { figureMethods } from '../../../shared/api/methods/figures';
import { planUnits } from '../plans/scope';
import type { HandlersOf } from './types';
import { loadProgressTable } from '../figures/loadProgressTable';
import { readScopeOf } from '../access/scope';
import { narrowProgressTable } from '../access/narrow';

export const figureHandlers: HandlersOf<typeof figureMethods> = {
  'figures.progress': ({ db, caller }, { planId, period, unitId }) => {
    const { plan, units } = planUnits(db, planId);
    const parent = units.find((u) => u.id === (unitId ?? plan.unitId));
    if (!parent || parent.kind === 'department') {
      throw new ApiError('not_found', `找不到编号为 ${unitId ?? plan.unitId} 的单位，或它是部门（部门不填报指标）。`);
    }
    const scope = readScopeOf(db, caller);
    return narrowProgressTable(loadProgressTable(db, plan, units, period, parent, scope.hiddenIn(plan.id)), scope);
  },
};
