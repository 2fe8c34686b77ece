/**
 * The 完成情况 of a plan for a period, from the database: the one loader the
 * figures API, the Excel 完成情况统计表 (through that API), the PDF summary and
 * the dashboard use. (The entry grid reads narrower slices for speed at
 * 2,000 × 40: entry/sheet.ts.) Written over the query layer (store/query.ts):
 * `loadProgressTableOp` runs on SQLite and PostgreSQL alike.
 */
import { buildProgressTable, figurePeriodFor, type ProgressTable } from '../../../shared/figures/progressTable';
import { isBaseYear, type Plan } from '../../../shared/model/plan';
import { subUnitsOf, type Unit } from '../../../shared/model/units';
import { requirePeriod, samePeriodLastYear } from '../../../shared/periods';
import type { Db } from '../db/open';
import { figureIndexOfOp } from '../db/repos/figures';
import { listIndicatorsOp, targetIndexOfOp } from '../db/repos/indicators';
import type { HiddenFigures } from '../access/scope';
import { inactiveUnitsInUseOp } from '../units/inUse';
import { runSync, type Op } from '../store/query';

/**
 * `view` is the plan's own unit (default: it and its sub-units) or one sub-unit alone;
 * a period in the year before the plan is 上年同期 and is not judged. `hidden`: figures
 * the caller may not see (access/scope.ts) — left out, as if not reported.
 */
export function* loadProgressTableOp(plan: Plan, units: Unit[], period: string, view?: Unit, hidden?: HiddenFigures | null): Op<ProgressTable> {
  const { year } = requirePeriod(period);
  const indicators = yield* listIndicatorsOp(plan.id);
  // Only the periods the table reads (each indicator's own period and last year's), not the plan's whole history.
  const shown = [...new Set(indicators.map((i) => figurePeriodFor(i.frequency, period)).filter((p): p is string => p != null))];
  const figures = yield* figureIndexOfOp(plan.id, [...shown, ...shown.map(samePeriodLastYear)], { hidden });
  const planUnit = units.find((u) => u.id === plan.unitId);
  if (!planUnit) throw new Error(`plan ${plan.id} has no unit ${plan.unitId}`);
  const parent = view ?? planUnit;
  const subUnits = parent.id === plan.unitId ? subUnitsOf(units, plan.unitId, yield* inactiveUnitsInUseOp(plan.id)) : [];
  return buildProgressTable({
    period,
    parent,
    planUnitId: plan.unitId,
    subUnits,
    indicators,
    targets: yield* targetIndexOfOp(plan.id),
    figures,
    baseYear: isBaseYear(plan, year),
  });
}

export function loadProgressTable(db: Db, plan: Plan, units: Unit[], period: string, view?: Unit, hidden?: HiddenFigures | null): ProgressTable {
  return runSync(db, loadProgressTableOp(plan, units, period, view, hidden));
}
