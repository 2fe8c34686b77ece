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
  const present = input.children.filter((c) => c.value != null && Number.isFinite(c.value));
  const missingUnitIds = input.children.filter((c) => !present.includes(c)).map((c) => c.unitId);
  const base = { missingUnitIds, reportedCount: present.length };
  if (input.aggregation === 'none') return { ...base, state: 'not_additive', value: null };
  if (present.length === 0) return { ...base, state: 'empty', value: null };
  const value = sumTo(
    present.map((c) => c.value as number),
    input.decimals,
  );
  return { ...base, state: missingUnitIds.length > 0 ? 'partial' : 'complete', value };
}

/**
 * Whether the plan unit's figure of an indicator is the sum of its
 * sub-units (and so never typed): only for additive indicators that the plan
 * splits among the sub-units (附件2). A ratio, or an additive goal kept at
 * the district (新增研发平台 1-3个), is entered by the district itself.
 * The one rule for the grid, the API and every export.
 */
export function parentIsComputed(indicator: Pick<Indicator, 'aggregation' | 'decomposed'>): boolean {
  return indicator.aggregation === 'sum' && indicator.decomposed;
}
