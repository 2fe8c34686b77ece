/**
 * Target wording (目标表述): the structured form of a goal line such as
 * "技术合同成交额突破7亿元", "新增市级以上研发平台和创新载体数量1-3个",
 * "技术市场交易额增长30%". parse.ts turns text into this; format.ts turns it
 * back into exactly the same Chinese.
 */

/** The comparison word in front of the quantity, kept as written. Empty when the line has none ("科技型中小企业140家"). */
export type Comparator = '' | '达到' | '达' | '超过' | '突破' | '不低于' | '不少于';

export type Quantity =
  /** "7亿元", "140家", "0.55%" */
  | { kind: 'point'; value: number }
  /** "1-3个", "10-15项" */
  | { kind: 'range'; min: number; max: number }
  /** "增长30%", "同比下降5%", "比上年提高0.14个百分点" style growth targets, always relative to last year */
  | { kind: 'growth'; direction: 'up' | 'down'; value: number; yoy: boolean };

export interface TargetWording {
  /** "力争" in front of the line. */
  strive: boolean;
  /** Leading year phrase, e.g. "2021年" or "2022年底", kept as written; '' when absent. */
  period: string;
  /** The thing measured, as written: "全社会R&D经费投入占全区GDP比重". */
  subject: string;
  /**
   * Where the quantity stands: after the subject ("高新技术企业超过2000家") or,
   * with a verb, before it ("建设1家省实验室", "培育45家市级基础研发平台").
   */
  order: 'subject-first' | 'quantity-first';
  /** Verb of a quantity-first line ("建设", "培育", "新增", "组织实施"); '' otherwise. */
  verb: string;
  comparator: Comparator;
  quantity: Quantity;
  /** 计量单位 as written after the number: "%", "家", "亿元", "件", "个", "项", "名", "个百分点". */
  measureUnit: string;
  /** "以上" after the quantity ("达4.6%以上", "10项以上"); '' otherwise. */
  suffix: '' | '以上';
  /** Spelling details for an exact round-trip; set by parse(), optional otherwise. */
  raw?: WordingRaw;
}

/**
 * How a parsed wording was spelled, for the details the fields above normalise
 * away (full-width digits, "10~15", "同比" vs "比上年", spaces from PDF text).
 * format() uses it only while it still agrees with the fields, so an edited
 * wording falls back to the canonical spelling instead of printing stale text.
 * Optional: a wording built by hand has none and formats canonically.
 */
export interface WordingRaw {
  /** The number(s) exactly as written, in quantity order: ["7"], ["１４０"], ["10", "15"], ["2,000"]. */
  numbers: string[];
  /** Between the two numbers of a range, spaces included: "-", "~", " 至 ", "–"; '' otherwise. */
  rangeSep: string;
  /** Growth only: the base as written ("同比", "比上年", "较上年"; '' when none). */
  growthBase: string;
  /** Growth only: the verb as written ("增长", "提高", "下降", "减少"). */
  growthWord: string;
  /** Whitespace after each token (and 'start' before the first), only where there was some. */
  gaps: Partial<Record<WordingGap, string>>;
}

export type WordingGap =
  | 'start'
  | 'strive'
  | 'period'
  | 'verb'
  | 'subject'
  | 'growthBase'
  | 'growthWord'
  | 'comparator'
  | 'number'
  | 'unit'
  | 'suffix';

/** One piece of a goal line, in order; the pieces concatenated give back the line. */
export type GoalPart =
  | { kind: 'wording'; wording: TargetWording }
  /** prefix: the list number ("1.", "（二）"); separator: "，" "；" "、" "。" and the like; text: a clause with no parsable target. */
  | { kind: 'text'; role: 'prefix' | 'separator' | 'text'; text: string };

/** A whole goal line ("科技型中小企业140家，高新技术企业76家；") split into its clauses. */
export interface GoalLine {
  parts: GoalPart[];
}
