/**
 * An indicator across years on one screen: every plan of the same unit that has
 * an indicator with the same code (a year copied from the last keeps it), and
 * for each year its target, year-end figure and 完成率 — read from the same
 * ProgressTable every screen and export uses.
 */
import { ApiError } from '../../../shared/api/errors';
import type { IndicatorYear } from '../../../shared/api/methods/planEdit';
import type { Db } from '../db/open';
import { listIndicatorsOp } from '../db/repos/indicators';
import { listPlansOp } from '../db/repos/plans';
import { listUnitsOp } from '../db/repos/units';
import { requirePlanOp } from './scope';
import { loadProgressTableOp } from '../figures/loadProgressTable';
import { FULL_SCOPE, type ReadScope } from '../access/scope';
import { runSync, type Op } from '../store/query';

/** The district's figures as `scope` may see them (an entry account: published ones only). */
export function* indicatorYearsOp(planId: number, indicatorId: number, scope: ReadScope = FULL_SCOPE): Op<IndicatorYear[]> {
  const plan = yield* requirePlanOp(planId);
  const indicator = (yield* listIndicatorsOp(planId)).find((i) => i.id === indicatorId);
  if (!indicator) throw new ApiError('not_found', `指标编号 ${indicatorId} 不属于本工作要点，请刷新页面后重试。`);
  const units = yield* listUnitsOp();
  const out: IndicatorYear[] = [];
  for (const p of (yield* listPlansOp()).filter((x) => x.unitId === plan.unitId)) {
    const same = (yield* listIndicatorsOp(p.id)).find((i) => (indicator.code && i.code === indicator.code) || i.id === indicator.id);
    if (!same) continue;
    for (let year = p.yearStart; year <= p.yearEnd; year++) {
      const cell = (yield* loadProgressTableOp(p, units, String(year), undefined, yield* scope.hiddenInOp(p.id))).parent.cells[same.id];
      out.push({
        year,
        planId: p.id,
        planTitle: p.title,
        indicatorId: same.id,
        target: cell?.target ?? null,
        targetMax: cell?.targetMax ?? null,
        actual: cell?.actual ?? null,
        rate: cell?.rate ?? null,
        decimals: same.decimals,
        measureUnit: same.measureUnit,
      });
    }
  }
  return out.sort((a, b) => a.year - b.year || a.planId - b.planId);
}

export function indicatorYears(db: Db, planId: number, indicatorId: number, scope: ReadScope = FULL_SCOPE): IndicatorYear[] {
  return runSync(db, indicatorYearsOp(planId, indicatorId, scope));
}
