/**
 * The parent's figure from its sub-units (汇总). Counts and amounts add up;
 * ratios (R&D 投入强度, 万人有效发明专利拥有量) are entered for the parent and
 * never summed, because a sum of percentages is meaningless.
 */
import type { Aggregation, Indicator } from '../model/indicator';
import { sumTo } from '../numbers';

export type AggregateState =
  | 'complete' // every sub-unit has a value
  | 'partial' // some have; `value` is the sum of those so far
  | 'empty' // none has a value (or there are no sub-units)
  | 'not_additive'; // a ratio: the parent's figure must be entered

export interface AggregateInput {
  aggregation: Aggregation;
  /** The indicator's decimals (亿元 → 4): the sum is rounded there so float noise never shows. */
  decimals: number;
  children: { unitId: number; value: number | null | undefined }[];
}

export interface Aggregate {
  state: AggregateState;
  /** Sum of the sub-units that have a value; null when empty or not additive. */
  value: number | null;
  /** Sub-units without a value, in input order. */
  missingUnitIds: number[];
  /** How many sub-units contributed to `value`. */
  reportedCount: number;
}

export function aggregateChildren(input: AggregateInput): Aggregate {
  // One pass (2,000 sub-units × 40 indicators in a district table).
  const present: number[] = [];
  const missingUnitIds: number[] = [];
  for (const c of input.children) {
    if (c.value != null && Number.isFinite(c.value)) present.push(c.value);
    else missingUnitIds.push(c.unitId);
  }
  const base = { missingUnitIds, reportedCount: present.length };
  if (input.aggregation === 'none') return { ...base, state: 'not_additive', value: null };
  if (present.length === 0) return { ...base, state: 'empty', value: null };
  const value = sumTo(present, input.decimals);
  return { ...base, state: missingUnitIds.length > 0 ? 'partial' : 'complete', value };
}

/**
 * How a district's figure comes about — the one rule the grid, the API, the
 * dashboard and every export (Excel 完成情况, the PDF summary) follow:
 *
 * - an additive indicator split among the sub-units (附件2) is always the sum
 *   of its sub-units, never typed (`parentIsComputed`);
 * - an additive indicator the plan keeps at the district (新增市级以上研发平台
 *   1-3个) is entered by the district — until sub-units report it (two streets
 *   entered 1 each): from then on the district's figure is their sum as well,
 *   so it never reads 暂未填报 while figures exist, and a typed district value
 *   beside theirs cannot silently count twice or hide theirs
 *   (`parentSumsSubUnits`);
 * - a ratio (R&D 投入强度, 万人有效发明专利拥有量) never adds up: only the
 *   district enters it, and a sub-unit only where the plan gives it a target of
 *   its own (`subUnitEnters`).
 */
export function parentIsComputed(indicator: Pick<Indicator, 'aggregation' | 'decomposed'>): boolean {
  return indicator.aggregation === 'sum' && indicator.decomposed;
}

/** Whether the district's figure of a period is the sum of its sub-units, given whether any sub-unit has a figure for it. */
export function parentSumsSubUnits(indicator: Pick<Indicator, 'aggregation' | 'decomposed'>, anySubUnitFigure: boolean): boolean {
  return indicator.aggregation === 'sum' && (indicator.decomposed || anySubUnitFigure);
}

/** Whether a sub-unit enters a figure of this indicator (a ratio only with a target of its own). */
export function subUnitEnters(indicator: Pick<Indicator, 'aggregation' | 'decomposed'>, hasOwnTarget: boolean): boolean {
  return indicator.aggregation === 'sum' || indicator.decomposed || hasOwnTarget;
}

/** Why a district cell cannot be typed into, or null when it can: the grid's tooltip and the save refusal say the same. */
export function parentEntryRefusal(indicator: Pick<Indicator, 'aggregation' | 'decomposed'>, anySubUnitFigure: boolean): string | null {
  if (parentIsComputed(indicator)) return '全区数由各下级单位汇总得出，不能直接填写，请填写各下级单位的数';
  if (parentSumsSubUnits(indicator, anySubUnitFigure)) return '下级单位已填报该指标，全区数为其合计，不能直接填写；如需更正，请修改下级单位的数';
  return null;
}

/** Why a sub-unit cell cannot be typed into, or null when it can. */
export function subUnitEntryRefusal(indicator: Pick<Indicator, 'aggregation' | 'decomposed'>, hasOwnTarget: boolean): string | null {
  return subUnitEnters(indicator, hasOwnTarget) ? null : '比率指标不可加总，由全区填报，下级单位无需填写';
}
