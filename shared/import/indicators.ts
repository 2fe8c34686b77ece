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
 * Words that make a longer name another indicator: 新增高新技术企业 (the year's
 * new ones) is not 高新技术企业 (all of them), 高新技术企业增速 not either.
 */
const OTHER_MEANING = /新增|净增|增加|增长|增速|增幅|比重|占比|比例|率|同比|累计|人均|万人|密度|强度|年均/;

/**
 * The plan's indicator a header names: same key, or one name containing the
 * other (longest wins) when what the longer adds does not change the meaning
 * and the measure units do not disagree — so "新增市级以上研发平台" is
 * 新增市级以上研发平台和创新载体, but "新增高新技术企业" and
 * "高新技术企业增速（%）" are new indicators, not 高新技术企业.
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
      if (k.length < 3 || !fits(i)) return false;
      const extra = key.includes(k) ? key.replace(k, '') : k.includes(key) ? k.replace(key, '') : null;
      // A number in the difference names another indicator (指标1 is not 指标11, 一级 not 二级); a year (2022年) does not.
      return extra !== null && !OTHER_MEANING.test(extra) && !/[0-9０-９一二三四五六七八九十]/.test(extra.replace(/(?:19|20)\d{2}年度?/g, ''));
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
