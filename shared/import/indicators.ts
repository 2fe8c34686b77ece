/** Matching a file's indicator names to the plan's, and the shape of a new one. */
import type { Indicator } from '../model/indicator';
import { indicatorKey } from './headers';
import type { WriteIndicator } from './writePlan';

/** Ratios (R&D 投入强度, 万人有效发明专利拥有量) do not add up over units. */
export const RATIO_WORDS = /比重|强度|占比|比例|率|拥有量|密度|人均|万人/;

export function aggregationOf(name: string, measureUnit: string): 'sum' | 'none' {
  return RATIO_WORDS.test(name) || measureUnit.includes('%') ? 'none' : 'sum';
}

/**
 * The plan's indicator a header names: same key, or one name containing the
 * other (longest wins) when the measure units do not disagree — so
 * "高新技术企业增速（%）" is a new indicator, not 高新技术企业 (家).
 */
export function matchIndicator(indicators: Indicator[], name: string, measureUnit = ''): Indicator | null {
  const key = indicatorKey(name);
  if (!key) return null;
  const exact = indicators.find((i) => indicatorKey(i.name) === key);
  if (exact) return exact;
  const fits = (i: Indicator) => !measureUnit || !i.measureUnit || i.measureUnit === measureUnit;
  const near = indicators
    .filter((i) => {
      const k = indicatorKey(i.name);
      return k.length >= 3 && (key.includes(k) || k.includes(key)) && fits(i);
    })
    .sort((a, b) => b.name.length - a.name.length);
  return near[0] ?? null;
}

export function toWriteIndicator(i: Indicator): WriteIndicator {
  return {
    id: i.id,
    name: i.name,
    measureUnit: i.measureUnit,
    aggregation: i.aggregation,
    decimals: i.decimals,
    decomposed: i.decomposed,
    wording: i.wording,
    wordingText: i.wordingText,
    baseline: i.baseline,
    updateWording: false,
  };
}
