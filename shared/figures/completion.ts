/**
 * 完成率 (completion rate): how much of its target a unit has reached.
 * Always derived, never typed in. Returns null with a reason instead of
 * dividing by zero or inventing a number, so tables can say why a cell is empty.
 */
import type { Quantity } from '../wording/types';

export type TargetKind = Quantity['kind']; // 'point' | 'range' | 'growth'

/** Why a rate could not be computed. */
export type CompletionReason =
  | 'no_figure' // 无完成数
  | 'no_target' // 无目标
  | 'invalid_target' // negative, non-finite, or a range whose max is below its min
  | 'zero_target' // target 0: nothing to divide by (see `exceeded`)
  | 'no_baseline' // growth target without last year's value
  | 'zero_baseline'; // relative growth from 0 is undefined

export const COMPLETION_REASON_LABEL: Record<CompletionReason, string> = {
  no_figure: '无完成数',
  no_target: '无目标',
  invalid_target: '目标值无效',
  zero_target: '目标为0',
  no_baseline: '缺少上年基数',
  zero_baseline: '上年基数为0',
};

/**
 * How a growth target is expressed:
 * - 'relative': a fraction of last year's value ("增长30%" → 0.30, "下降5%" → −0.05);
 * - 'points':   a change in the indicator's own unit ("提高0.14个百分点" → 0.14).
 */
export type GrowthBasis = 'relative' | 'points';

export interface CompletionInput {
  actual: number | null | undefined;
  /**
   * point: the target; range: its lower bound; growth: the target change,
   * signed (negative for a decrease target), on `growthBasis`.
   */
  target: number | null | undefined;
  /** Upper bound of a range target ("1-3个" → 3). */
  targetMax?: number | null;
  kind: TargetKind;
  /** Last year's value (基数); growth targets only. */
  baseline?: number | null;
  /** Growth targets only; defaults to 'relative'. */
  growthBasis?: GrowthBasis;
}

export interface Completion {
  /** actual ÷ target as a fraction (1.046 = 104.6%); null when it cannot be computed. */
  rate: number | null;
  reason?: CompletionReason;
  /**
   * Set only with reason 'zero_target': true when something was achieved
   * anyway (actual > 0, or growth above 0), which counts as exceeded.
   */
  exceeded?: boolean;
  /** Range targets: actual is below the lower bound. */
  belowRange?: boolean;
  /** Range targets: min ≤ actual ≤ max. */
  withinRange?: boolean;
  /** Range targets: actual is above the upper bound. */
  aboveRange?: boolean;
  /** Growth targets: the change achieved, on the same basis as the target. */
  achievedGrowth?: number;
}

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && !Number.isNaN(v);

/** Turns a parsed growth quantity into a signed target ("下降5%" → {−0.05, 'relative'}). */
export function growthTargetOf(
  quantity: Extract<Quantity, { kind: 'growth' }>,
  measureUnit: string,
): { target: number; basis: GrowthBasis } {
  const sign = quantity.direction === 'down' ? -1 : 1;
  if (measureUnit.includes('百分点')) return { target: sign * quantity.value, basis: 'points' };
  return { target: (sign * quantity.value) / 100, basis: 'relative' };
}

export function completionRate(input: CompletionInput): Completion {
  const { actual, target, kind } = input;
  if (target == null) return { rate: null, reason: 'no_target' };
  if (!Number.isFinite(target)) return { rate: null, reason: 'invalid_target' };
  if (kind === 'growth') return growthCompletion(input, target);

  // Point and range targets are amounts to reach; a negative one is a data error.
  if (target < 0) return { rate: null, reason: 'invalid_target' };
  // The common case first, without building an empty range to spread (80,000 cells at 2,000 × 40).
  if (kind !== 'range' && isNum(actual) && target !== 0) return { rate: actual / target };
  let range: Pick<Completion, 'belowRange' | 'withinRange' | 'aboveRange'> = {};
  if (kind === 'range') {
    const max = input.targetMax;
    if (!isNum(max) || !Number.isFinite(max) || max < target) return { rate: null, reason: 'invalid_target' };
    if (!isNum(actual)) return { rate: null, reason: 'no_figure' };
    range = { belowRange: actual < target, withinRange: actual >= target && actual <= max, aboveRange: actual > max };
  }
  if (!isNum(actual)) return { rate: null, reason: 'no_figure' };
  // A range is judged against its lower bound: reaching "1" of "1-3个" is 100%.
  if (target === 0) return { rate: null, reason: 'zero_target', exceeded: actual > 0, ...range };
  return { rate: actual / target, ...range };
}

/**
 * rate = achieved change ÷ target change. Signs carry the direction: a
 * −5% target met with −8% gives 160%, and growing when a fall was asked
 * for gives a negative rate, which the status shows as red.
 */
function growthCompletion(input: CompletionInput, target: number): Completion {
  const { actual, baseline } = input;
  if (!isNum(actual)) return { rate: null, reason: 'no_figure' };
  if (!isNum(baseline)) return { rate: null, reason: 'no_baseline' };
  let achieved: number;
  if ((input.growthBasis ?? 'relative') === 'points') {
    achieved = actual - baseline;
  } else {
    if (baseline === 0) return { rate: null, reason: 'zero_baseline' };
    // |baseline| keeps the sign meaning "up" when a negative base improves.
    achieved = (actual - baseline) / Math.abs(baseline);
  }
  if (target === 0) return { rate: null, reason: 'zero_target', exceeded: achieved > 0, achievedGrowth: achieved };
  return { rate: achieved / target, achievedGrowth: achieved };
}
