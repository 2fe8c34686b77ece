/**
 * The 完成情况 of a plan for a period, from the database: the one loader the
 * figures API, the Excel 完成情况统计表 (through that API), the PDF summary and
 * the dashboard use. (The entry grid reads narrower slices for speed at
 * 2,000 × 40: entry/sheet.ts.)
 */
import { buildProgressTable, figurePeriodFor, type ProgressTable } from '../../../shared/figures/progressTable';
import type { Plan } from '../../../shared/model/plan';
import type { Figure } from '../../../shared/model/target';
import { subUnitsOf, type Unit } from '../../../shared/model/units';
import { requirePeriod, samePeriodLastYear } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listFiguresIn } from '../db/repos/figures';
import { listIndicators, listTargets } from '../db/repos/indicators';
import { inactiveUnitsInUse } from '../units/inUse';

export interface LoadedProgress {
  table: ProgressTable;
  /** The figures read: those the table shows and the same periods last year (同比). */
  figures: Figure[];
}

/**
 * `view` is the plan's own unit (default: it and its sub-units) or one sub-unit alone;
 * a period in the year before the plan is 上年同期 and is not judged.
 */
export function loadProgressTable(db: Db, plan: Plan, units: Unit[], period: string, view?: Unit): LoadedProgress {
  const { year } = requirePeriod(period);
  const indicators = listIndicators(db, plan.id);
  // Only the periods the table reads (each indicator's own period and last year's), not the plan's whole history.
  const shown = [...new Set(indicators.map((i) => figurePeriodFor(i.frequency, period)).filter((p): p is string => p != null))];
  const figures = listFiguresIn(db, plan.id, [...shown, ...shown.map(samePeriodLastYear)]);
  const planUnit = units.find((u) => u.id === plan.unitId);
  if (!planUnit) throw new Error(`plan ${plan.id} has no unit ${plan.unitId}`);
  const parent = view ?? planUnit;
  const table = buildProgressTable({
    period,
    parent,
    planUnitId: plan.unitId,
    subUnits: parent.id === plan.unitId ? subUnitsOf(units, plan.unitId, inactiveUnitsInUse(db, plan.id)) : [],
    indicators,
    targets: listTargets(db, plan.id),
    figures,
    baseYear: year === plan.yearStart - 1,
  });
  return { table, figures };
}
