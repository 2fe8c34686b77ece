/**
 * Which plan, which units belong to it, which are its sub-units, which years it
 * covers — the one place every feature asks (the screens through `plan.units`,
 * the core's handlers, exports and the CLI), so there is one "plan not found"
 * and one base-year rule (shared/model/plan.ts isBaseYear).
 */
import { ApiError } from '../../../shared/api/errors';
import type { PlanUnitEntry, PlanUnitsView } from '../../../shared/api/views';
import type { Plan } from '../../../shared/model/plan';
import { subUnitsOf, type Unit } from '../../../shared/model/units';
import type { Db } from '../db/open';
import { getPlanOp } from '../db/repos/plans';
import { listUnitsOp } from '../db/repos/units';
import { inactiveUnitsInUseOp } from '../units/inUse';
import { runSync, type Op } from '../store/query';

export { isBaseYear } from '../../../shared/model/plan';

export function* requirePlanOp(planId: number): Op<Plan> {
  const plan = yield* getPlanOp(planId);
  if (!plan) throw new ApiError('not_found', `找不到编号为 ${planId} 的工作要点，它可能已被删除。请在顶部重新选择工作要点。`);
  return plan;
}

export function requirePlan(db: Db, planId: number): Plan {
  return runSync(db, requirePlanOp(planId));
}

export interface PlanUnits {
  plan: Plan;
  /** Every unit of the database (the tree and departments of every plan). */
  units: Unit[];
  /** The plan's own unit (青云谱区). */
  parent: Unit;
  /** Its streets, towns and zones, in their order. */
  subUnits: Unit[];
  /** Its departments (区科工局 …), in their order. */
  departments: Unit[];
}

export function* planUnitsOp(planId: number): Op<PlanUnits> {
  const plan = yield* requirePlanOp(planId);
  const units = yield* listUnitsOp();
  const parent = units.find((u) => u.id === plan.unitId);
  if (!parent) throw new ApiError('internal', `数据不一致：找不到工作要点 ${planId} 的单位。`);
  const departments = units
    .filter((u) => u.parentId === plan.unitId && u.kind === 'department')
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  return { plan, units, parent, subUnits: subUnitsOf(units, plan.unitId, yield* inactiveUnitsInUseOp(planId)), departments };
}

export function planUnits(db: Db, planId: number): PlanUnits {
  return runSync(db, planUnitsOp(planId));
}

/** The `plan.units` answer: the plan's unit, then its sub-units in their order, then its departments. */
export function* planUnitsViewOp(planId: number): Op<PlanUnitsView> {
  const { parent, subUnits, departments } = yield* planUnitsOp(planId);
  const view = (role: PlanUnitEntry['role']) => (u: Unit): PlanUnitEntry => ({ id: u.id, name: u.name, code: u.code ?? '', kind: u.kind, parentId: u.parentId, role });
  return { units: [view('plan')(parent), ...subUnits.map(view('sub')), ...departments.map(view('department'))] };
}

export function planUnitsView(db: Db, planId: number): PlanUnitsView {
  return runSync(db, planUnitsViewOp(planId));
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
