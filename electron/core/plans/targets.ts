/**
 * 指标分解 edited in the window: targets per unit, cell by cell or a pasted
 * block, checked like a typed figure, one transaction per save, each change
 * in target_history. Changing or removing a target is refused while any
 * period of the plan is locked; setting one where there was none is not.
 */
import { ApiError } from '../../../shared/api/errors';
import { subUnitsOf, type Unit } from '../../../shared/model/units';
import { targetValueProblem } from '../../../shared/plan/rules';
import type { Db } from '../db/open';
import { listIndicatorsOp } from '../db/repos/indicators';
import { getUnitOp } from '../db/repos/units';
import { targetOfOp, writeTargetOp } from '../db/repos/targetWrites';
import { writeTxOp } from '../db/tx';
import type { Op } from '../store/query';
import { requirePlanOp } from './scope';
import { refuseWhenLockedOp, shortText } from './common';
import { inactiveUnitsInUseOp } from '../units/inUse';

export interface TargetEdit {
  indicatorId: number;
  unitId: number;
  /** null removes the target. */
  value: number | null;
  valueMax?: number | null;
}

const SOURCE = '指标分解（窗口修改）';

/** Saves the edits all or nothing; returns how many targets changed. */
export function saveTargets(db: Db, by: string, planId: number, edits: TargetEdit[]): { changed: number; by: string; at: string } {
  return writeTxOp(db, saveTargetsOp(by, planId, edits));
}

/** saveTargets as one Op (one write transaction on either engine). */
export function* saveTargetsOp(by: string, planId: number, edits: TargetEdit[]): Op<{ changed: number; by: string; at: string }> {
  const at = new Date().toISOString();
  {
    const plan = yield* requirePlanOp(planId);
    const indicators = new Map((yield* listIndicatorsOp(planId)).map((i) => [i.id, i]));
    // Only the units edited are read (a grid of 2,000 units saves one cell at a time); the rule is subUnitsOf's.
    let inUse: Set<number> | null = null;
    const allowed = new Map<number, Unit | null>();
    function* unitOf(id: number): Op<Unit | null> {
      if (!allowed.has(id)) {
        const unit = yield* getUnitOp(id);
        const ok = unit && (unit.id === plan.unitId || subUnitsOf([unit], plan.unitId, unit.active === false ? (inUse ??= yield* inactiveUnitsInUseOp(planId)) : undefined).length === 1);
        allowed.set(id, ok ? unit : null);
      }
      return allowed.get(id)!;
    }
    let n = 0;
    for (const e of edits) {
      const indicator = indicators.get(e.indicatorId);
      if (!indicator) throw new ApiError('not_found', `指标编号 ${e.indicatorId} 不属于本工作要点，请刷新页面后重试。`);
      const unit = yield* unitOf(e.unitId);
      if (!unit) throw new ApiError('bad_request', `单位编号 ${e.unitId} 不是本工作要点的单位或其下级单位，不能给它分解目标。`);
      const where = `${unit.name} · ${shortText(indicator.name)}`;
      if (e.value !== null) {
        const problem = targetValueProblem(indicator, e.value) ?? (e.valueMax != null ? targetValueProblem(indicator, e.valueMax) : null);
        if (problem) throw new ApiError('bad_request', `${where}：${problem}。`);
        if (e.valueMax != null && e.valueMax < e.value) throw new ApiError('bad_request', `${where}：范围的上限小于下限。`);
      }
      const old = yield* targetOfOp(e.indicatorId, e.unitId);
      const same = old ? old.value === e.value && old.value_max === (e.valueMax ?? null) : e.value === null;
      if (same) continue;
      if (old) yield* refuseWhenLockedOp(planId, where);
      if (yield* writeTargetOp({ planId, by, at, source: SOURCE }, e.indicatorId, e.unitId, e.value, e.value === null ? null : (e.valueMax ?? null))) n++;
    }
    return { changed: n, by, at };
  }
}
