/**
 * Header words as bureaus write them. Different tables say the same thing in
 * different words (工作内容/工作任务/主要任务; 责任单位/配合单位/协办单位;
 * 牵头单位/主责单位); measure units sit in the header ("数量 (家)", "(亿元)").
 */
import type { ColumnRole } from './types';

/** Header text compared without spaces, full-width turned half-width. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/[:：*＊]+$/, '');
}

/** Words per role, longest first within each role. Matching: exact, then "contains". */
const SYNONYMS: [ColumnRole, string[]][] = [
  ['seq', ['序号', '编号', '序', '排序']],
  ['lead', ['牵头单位', '主责单位', '牵头部门', '主办单位', '牵头责任单位', '牵头']],
  ['responsible', ['责任单位', '配合单位', '协办单位', '责任部门', '参与单位', '协同单位', '配合部门', '责任主体']],
  ['deadline', ['完成时限', '完成时间', '时间节点', '时限要求', '时限']],
  [
    'content',
    ['工作内容', '工作任务', '主要任务', '任务内容', '重点任务', '重点工作', '具体任务', '主要内容', '工作措施', '任务', '内容'],
  ],
  ['indicator', ['指标名称', '主要指标', '指标', '目标名称']],
  ['wording', ['目标表述', '目标内容', '工作目标']],
  ['target', ['目标值', '年度目标', '目标任务', '目标']],
  ['measureUnit', ['计量单位', '单位名称(计量)']],
  ['baseline', ['基数', '上年完成', '上年完成值', '上年实际', '基期值']],
  ['unit', ['县区', '县(市、区)', '县(市区)', '单位名称', '单位', '街道', '街道(镇)', '乡镇', '地区', '区域', '街镇', '责任单位名称']],
];

/** The role a header cell names, or null. `kindHint` settles 单位 (a unit column in 附件2, a measure unit in a goal list). */
export function roleOfHeader(text: string, kindHint?: 'goals'): ColumnRole | null {
  const h = normaliseHeader(text);
  if (!h) return null;
  if (kindHint === 'goals' && (h === '单位' || h === '计量单位')) return 'measureUnit';
  for (const [role, words] of SYNONYMS) if (words.includes(h)) return role;
  // "工作内容及措施", "责任单位（配合）": contains, but not for the short words that hide in others.
  // The longest word wins: "2022年目标任务" is a 目标任务 (target), not a 任务 (content).
  let best: { role: ColumnRole; length: number } | null = null;
  for (const [role, words] of SYNONYMS) {
    if (role === 'unit' || role === 'seq') continue;
    for (const w of words) {
      if (w.length >= 2 && h.includes(w) && (!best || w.length > best.length)) best = { role, length: w.length };
    }
  }
  if (best?.role === 'target' && /\d{4}年/.test(h) && /[(（]/.test(text)) return null; // "2022年目标(家)" is an indicator column
  return best?.role ?? null;
}

/** "数量 (家)" → 家, "技术合同成交额（亿元）" → 亿元, "单位：家" → 家; '' when the header names none. */
export function measureUnitOfHeader(text: string): string {
  const h = normaliseHeader(text);
  const m = /[(（]([^()（）]{1,6})[)）]$/.exec(h) ?? /单位[:：]([^()（）,，]{1,6})/.exec(h);
  if (!m) return '';
  const unit = m[1].replace(/^单位[:：]?/, '');
  return /\d/.test(unit) ? '' : unit;
}

/**
 * The indicator a header names: no spaces, no measure unit, no leading year
 * ("2022 年高新技术 企业数量 (家)" → 高新技术企业数量).
 */
export function indicatorNameOfHeader(text: string): string {
  return normaliseHeader(text)
    .replace(/[(（][^()（）]{1,8}[)）]$/, '')
    .replace(/^(?:[0-9]{4}年(?:度|底)?)/, '')
    .replace(/^(?:目标|年度目标)[:：]?/, '')
    .trim();
}

/** Names compared for matching an indicator: no year, no 数量/数/目标 endings. */
export function indicatorKey(name: string): string {
  return normaliseHeader(name)
    .replace(/^(?:[0-9]{4}年(?:度|底)?)/, '')
    .replace(/(?:数量|数|目标值|目标)$/, '')
    .replace(/[()（）]/g, '');
}

/**
 * A row or column that stands for the plan's own unit rather than a sub-unit
 * (issue 12): 合计, 总计, 小计, 全区, 全区合计, 全区目标, 区级目标 (and the same
 * for a county or a city: 全县, 县级目标, 全市 …). The district's own name is
 * recognised by the unit tree.
 */
const TOTAL_LABEL = /^(?:合计|总计|小计|总数|合计数|总合计|全(?:区|县|市|镇)(?:合计|总计|目标|小计|合计数)?|(?:区|县|市)级目标)$/;

export function isTotalLabel(text: string): boolean {
  return TOTAL_LABEL.test(normaliseHeader(text));
}
