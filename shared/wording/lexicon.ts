/**
 * The words goal clauses are built from, as regular-expression sources.
 * Shared by the clause parser and the line splitter so both agree on what a
 * quantity looks like. Alternations list longer words first: JS regexes take
 * the first alternative that fits, and "达到" must win over "达".
 */
import type { Comparator } from './types';

const alt = (words: readonly string[]): string =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

/** A word as a regular-expression source that matches it literally. */
export function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const COMPARATORS: readonly Exclude<Comparator, ''>[] = ['达到', '达', '超过', '突破', '不低于', '不少于'];
export const COMPARATOR = alt(COMPARATORS);

/** "同比增长", "比上年提高": the base makes a growth target year-on-year. */
export const GROWTH_BASE = alt(['同比', '比上年', '较上年', '比去年', '较去年']);
export const GROWTH_UP_WORDS = ['增长', '提高', '提升', '增加'] as const;
export const GROWTH_DOWN_WORDS = ['下降', '降低', '减少'] as const;
export const GROWTH_WORD = alt([...GROWTH_UP_WORDS, ...GROWTH_DOWN_WORDS]);

/**
 * Verbs that open a quantity-first clause ("建设1家省实验室"). A closed list on
 * purpose: an open "any few characters" would read ordinary sentences as goals.
 */
export const VERB = alt([
  '建设', '建成', '新建', '创建', '组建', '打造', '培育', '培养', '引进', '招引', '新增', '认定',
  '组织实施', '实施', '支持', '扶持', '举办', '开展', '孵化', '争取', '遴选', '布局', '推广应用',
  '推广', '完成', '落地', '设立', '储备', '服务', '获批', '获得',
]);

/** One number as written: ASCII or full-width digits, thousands commas, a decimal part. */
const D = '[0-9０-９]';
export const NUMBER = `${D}+(?:,${D}{3})*(?:[.．]${D}+)?`;
/** Between the ends of a range ("1-3", "10~15", "10 至 15", "10–15"); spaces belong to it. */
export const RANGE_SEP = '\\s*(?:-|－|~|～|〜|–|—|至|到)\\s*';
/**
 * A number must start a fresh run of digits: not "6" out of "76", "5" out of
 * "2.5", "000" out of "2,000" or "15" out of "10-15".
 */
export const NUMBER_START = `(?<!${D}|[.．]|${D},|${D}${RANGE_SEP})`;

const MAGNITUDES = ['十万', '百万', '千万', '万', '亿', '千', '百'];
const COUNTERS = [
  '元', '家', '件', '个', '项', '名', '人', '人次', '次', '台', '套', '台套', '篇', '份', '所', '座', '批',
  '户', '辆', '盏', '亩', '平方米', '吨', '场', '位', '支', '株', '种', '款', '条', '栋', '处', '部', '倍',
];
/** 计量单位 as written after the number: "%", "个百分点", "家", "亿元", "万件", or a bare "亿". */
export const UNIT = `(?:个百分点|百分点|[%％‰]|(?:${alt(MAGNITUDES)})?(?:${alt(COUNTERS)})|万|亿)`;

/** A clause ends with a quantity ("…20名", "…7 亿元以上"): the only place 、 separates goals. */
export const ENDS_WITH_QUANTITY = new RegExp(`${NUMBER_START}${NUMBER}\\s*${UNIT}(?:\\s*以上)?\\s*$`);

/** A number followed by a unit anywhere: a subject holding one is two goals run together. */
export const HAS_QUANTITY = new RegExp(`${NUMBER_START}${NUMBER}\\s*${UNIT}`);

/** A comparison or growth word followed by a number: a claim, not a subject ("分别达到1万件和…"). */
export const HAS_CLAIM = new RegExp(`(?:${COMPARATOR}|${GROWTH_WORD})\\s*[0-9０-９]`);

/** The year a goal is set for, as written: "2021年", "2022 年底", "到2025年". */
export const PERIOD = `(?:到|至|在)?\\s*[12１２]${D}{3}\\s*年(?:底|末|度)?`;

/** List numbering in front of a line: "1.", "2、", "（二）", "(3)", "①". Not "2.2%": a digit may not follow the dot. */
export const LIST_PREFIX = new RegExp(
  `^\\s*(?:${D}{1,2}\\s*[.．、](?!${D})|[(（](?:${D}{1,2}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,3}、|[①-⑳])\\s*`,
);
