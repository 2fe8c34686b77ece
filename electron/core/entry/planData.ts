/** What every entry screen loads first: the plan, its units, indicators, targets and the operator. */
import { ApiError } from '../../../shared/api/errors';
import type { Indicator } from '../../../shared/model/indicator';
import type { Plan } from '../../../shared/model/plan';
import { subUnitsOf, type Unit } from '../../../shared/model/units';
import type { Db } from '../db/open';
import { listIndicators } from '../db/repos/indicators';
import { getPlan } from '../db/repos/plans';
import { listUnits } from '../db/repos/units';
import { inactiveUnitsInUse } from '../units/inUse';

export function requirePlan(db: Db, planId: number): Plan {
  const plan = getPlan(db, planId);
  if (!plan) throw new ApiError('not_found', `找不到编号为 ${planId} 的工作计划，它可能已被删除。请在顶部重新选择工作要点。`);
  return plan;
}

export interface PlanUnits {
  plan: Plan;
  units: Unit[];
  parent: Unit;
  subUnits: Unit[];
}

export function planUnits(db: Db, planId: number): PlanUnits {
  const plan = requirePlan(db, planId);
  const units = listUnits(db);
  const parent = units.find((u) => u.id === plan.unitId);
  if (!parent) throw new ApiError('internal', `数据不一致：找不到工作计划 ${planId} 的单位。`);
  return { plan, units, parent, subUnits: subUnitsOf(units, plan.unitId, inactiveUnitsInUse(db, planId)) };
}

/**
 * The period must lie in the plan's years; with `baseYear`, the year before
 * the plan is allowed too (上年同期: last year's figures, the base of 同比).
 */
export function requireYearInPlan(plan: Plan, year: number, periodText: string, options: { baseYear?: boolean } = {}): void {
  const first = options.baseYear ? plan.yearStart - 1 : plan.yearStart;
  if (year < first || year > plan.yearEnd) {
    const years = plan.yearStart === plan.yearEnd ? `${plan.yearStart}年` : `${plan.yearStart}—${plan.yearEnd}年`;
    const base = options.baseYear ? `（或上年同期 ${plan.yearStart - 1}年，用于计算同比）` : '';
    throw new ApiError('bad_request', `报告期“${periodText}”不在本工作要点的年度（${years}）内，请选择${years}${base}的报告期。`);
  }
}

/** Whether a year is the one before the plan: figures there are 上年同期, entered for 同比 only. */
export function isBaseYear(plan: Plan, year: number): boolean {
  return year === plan.yearStart - 1;
}


/**
 * Whether the plan unit's own cell of an indicator is computed (the sum of the
 * sub-units, read-only) rather than entered: additive indicators split among
 * sub-units. Ratios, and additive indicators the plan does not split, are entered.
 */
/** The one rule, from shared/figures (re-exported for the entry code). */
export { parentIsComputed } from '../../../shared/figures/aggregate';

export function indicatorsOf(db: Db, planId: number): Indicator[] {
  return listIndicators(db, planId);
}
