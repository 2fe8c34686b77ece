import type { TargetWording } from '../wording/types';

/**
 * Indicator (指标): something measured against a target, e.g. 技术合同成交额 (亿元).
 */

/** How unit figures combine into the parent's figure. */
export type Aggregation =
  | 'sum' // counts and amounts: the district is the sum of its sub-units
  | 'none'; // ratios (R&D 投入强度 0.55%, 万人有效发明专利拥有量): entered, never summed

/** How often figures are reported. */
export type Frequency =
  | 'monthly' // 1-N月累计 (cumulative to the month)
  | 'quarterly'
  | 'yearly';

export const FREQUENCY_LABEL: Record<Frequency, string> = {
  monthly: '按月（1-N月累计）',
  quarterly: '按季度',
  yearly: '按年',
};

export const AGGREGATION_LABEL: Record<Aggregation, string> = {
  sum: '可加总',
  none: '不可加总（比率）',
};

export interface Indicator {
  id: number;
  planId: number;
  /** Short name used in tables and sentences: "技术合同成交额". */
  name: string;
  /** 计量单位: 家, 亿元, %, 件, 个. Empty string when the indicator has none. */
  measureUnit: string;
  aggregation: Aggregation;
  frequency: Frequency;
  /** Decimals the measure unit allows when entering (家 0, 亿元 4, % 2). */
  decimals: number;
  sortOrder: number;
  /** The goal as the plan words it ("技术合同成交额突破7亿元"), parsed. */
  wording: TargetWording | null;
  /** The goal line exactly as written in the plan. */
  wordingText: string | null;
  /** Last year's actual value (基数), when known. */
  baseline: number | null;
  /** Whether the plan splits this indicator among sub-units (附件2). */
  decomposed: boolean;
  /**
   * Stable code: the same indicator in another year's plan (or another PC's copy) has the same one.
   * Always set when read from the database; optional for indicators built in memory.
   */
  code?: string;
  /**
   * The column header the issued 附件2 printed ("2022年高新技术企业数量（家）"),
   * kept from the seed or the imported breakdown; absent or null: composed from the name.
   */
  issuedHeader?: string | null;
}

/** An indicator as it is created: a new code unless it continues one (a copied year). */
export type NewIndicator = Omit<Indicator, 'id'>;
