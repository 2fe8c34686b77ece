/**
 * Sum check (合计校验): do the sub-units' targets (or figures) add up to the
 * parent's? Only for additive indicators; ratios are never summed.
 */
import { roundTo } from '../numbers';

export type SumCheckState =
  | 'match' // 相符
  | 'mismatch' // 不相符: the difference is shown
  | 'incomplete' // some sub-unit has no value
  | 'not_additive'; // a ratio: no sum is expected

export interface SumCheck {
  indicatorId: number;
  state: SumCheckState;
  /** The parent's value, null when missing. */
  parent: number | null;
  /** Sum over the sub-units that have a value. */
  sum: number;
  /** sum − parent, rounded to the indicator's decimals; null unless both exist. */
  difference: number | null;
  /** Sub-units without a value. */
  missingUnitIds: number[];
}

export interface SumCheckInput {
  indicatorId: number;
  additive: boolean;
  /** Decimals the comparison is made at (亿元 → 4): float noise below that is not a difference. */
  decimals: number;
  parent: number | null;
  children: { unitId: number; value: number | null }[];
}

export function checkSum(input: SumCheckInput): SumCheck {
  const missingUnitIds = input.children.filter((c) => c.value == null).map((c) => c.unitId);
  const sum = roundTo(
    input.children.reduce((acc, c) => acc + (c.value ?? 0), 0),
    input.decimals,
  );
  const base = { indicatorId: input.indicatorId, parent: input.parent, sum, missingUnitIds };
  if (!input.additive) return { ...base, state: 'not_additive', difference: null };
  const difference = input.parent == null ? null : roundTo(sum - input.parent, input.decimals);
  if (missingUnitIds.length > 0) return { ...base, state: 'incomplete', difference };
  if (difference == null) return { ...base, state: 'incomplete', difference };
  return { ...base, state: difference === 0 ? 'match' : 'mismatch', difference };
}

export const SUM_CHECK_LABEL: Record<SumCheckState, string> = {
  match: '相符',
  mismatch: '不相符',
  incomplete: '不完整',
  not_additive: '不适用（比率指标）',
};
