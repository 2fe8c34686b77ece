/**
 * The rules a plan's goals and targets follow when they are edited in the
 * window (pure: the grid checks as you type, the core checks again).
 */
import type { Indicator } from '../model/indicator';
import { formatNumber, roundTo } from '../numbers';

/** Measure units that count things or money: a target there is never negative. */
const NEVER_NEGATIVE = /^(家|个|件|项|人|名|所|座|台|套|篇|亿元|万元|千元|元|平方米|万平方米|亩)$/;

/** What is wrong with a target value for this indicator, or null when it may be saved. */
export function targetValueProblem(indicator: Pick<Indicator, 'measureUnit' | 'decimals' | 'wording'>, value: number): string | null {
  if (!Number.isFinite(value)) return '不是有效的数字';
  const growth = indicator.wording?.quantity.kind === 'growth';
  if (value < 0 && !growth && (NEVER_NEGATIVE.test(indicator.measureUnit) || indicator.measureUnit === '%')) {
    return `目标值不能为负数（${formatNumber(value)}${indicator.measureUnit}）`;
  }
  if (Math.abs(value) >= 1e12) return '数字过大，请检查是否多输了位数';
  if (roundTo(value, indicator.decimals) !== value) {
    return indicator.decimals === 0 ? `${indicator.measureUnit || '该指标'}只能填整数` : `最多保留 ${indicator.decimals} 位小数`;
  }
  return null;
}

/** Plain description of a change for the history: "名称：科技型企业 → 科技型中小企业". */
export function changeText(label: string, before: string | null, after: string | null): string {
  const show = (v: string | null) => (v === null || v === '' ? '（空）' : v);
  return `${label}：${show(before)} → ${show(after)}`;
}
