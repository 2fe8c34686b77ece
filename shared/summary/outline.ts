/**
 * The outline of the written sections (亮点工作, 存在的主要问题, 下一年工作思路):
 * plain paragraphs, each with a level. Numbers are never stored: they are
 * derived from the levels, so inserting or deleting a paragraph renumbers
 * the rest, as official documents require (一、（一）1.（1）).
 */
import { requirePeriod } from '../periods';
import { chineseNumeral } from './numerals';

/** 0: body text without a number; 1: 一、 2: （一） 3: 1. 4: （1） */
export type OutlineLevel = 0 | 1 | 2 | 3 | 4;

export interface SummaryParagraph {
  level: OutlineLevel;
  text: string;
}

export type SectionKey = 'highlights' | 'problems' | 'nextYear';

export const SECTION_KEYS: readonly SectionKey[] = ['highlights', 'problems', 'nextYear'];

/**
 * The section headings as the document prints them (the structure of seed
 * 001): 亮点工作 and 存在的主要问题 sit under "一、…工作情况" as （二）（三）;
 * the next step is "二、2023年工作思路" at year end, "二、下半年工作打算"
 * after 上半年, "二、四季度工作打算" after 前三季度.
 */
export function sectionTitle(key: SectionKey, period: string): string {
  if (key === 'highlights') return '亮点工作';
  if (key === 'problems') return '存在的主要问题';
  const p = requirePeriod(period);
  if (p.frequency === 'yearly' || (p.frequency === 'quarterly' && p.index === 4) || (p.frequency === 'monthly' && p.index === 12)) {
    return `${p.year + 1}年工作思路`;
  }
  if (p.frequency === 'quarterly' && p.index === 2) return '下半年工作打算';
  if (p.frequency === 'quarterly' && p.index === 3) return '四季度工作打算';
  return '下一步工作打算';
}

/** The outline level of a section's own heading: （二）亮点工作 is 2, 二、2023年工作思路 is 1. */
export function sectionLevel(key: SectionKey): 1 | 2 {
  return key === 'nextYear' ? 1 : 2;
}

/** The levels a section's paragraphs may take, outermost first: under （二） they number 1. and （1）; under 二、 also （一）. */
export function sectionLevels(key: SectionKey): OutlineLevel[] {
  return key === 'nextYear' ? [2, 3, 4, 0] : [3, 4, 0];
}

/**
 * A section's paragraphs with their levels brought under the section's
 * heading: a paragraph stored one level too high (an earlier version put
 * action lines under 亮点工作 as （一）) moves down with everything under it,
 * so the hierarchy stays and the numbers never repeat the section's own.
 */
export function sectionParagraphs(key: SectionKey, paragraphs: readonly SummaryParagraph[]): SummaryParagraph[] {
  const top = sectionLevel(key) + 1;
  const numbered = paragraphs.filter((p) => p.level > 0).map((p) => p.level);
  const shift = numbered.length ? Math.max(0, top - Math.min(...numbered)) : 0;
  return paragraphs.map((p) => (p.level === 0 || shift === 0 ? p : { ...p, level: Math.min(4, p.level + shift) as OutlineLevel }));
}

/** The sections with nothing written in them (no paragraph with text): left out of a final document. */
export function unwrittenSections(sections: SummarySections): SectionKey[] {
  return SECTION_KEYS.filter((key) => !sections[key].some((p) => p.text.trim() !== ''));
}

export type SummarySections = Record<SectionKey, SummaryParagraph[]>;

export const OUTLINE_LEVEL_LABEL: Record<OutlineLevel, string> = {
  0: '正文',
  1: '一、',
  2: '（一）',
  3: '1.',
  4: '（1）',
};

/** The number written for the `n`-th (1-based) item at a level. */
export function outlineNumber(level: OutlineLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
    default:
      return '';
  }
}

/**
 * Numbers for a list of paragraphs: each level counts from 1 and restarts
 * whenever a higher level appears. `startAt` lets a section continue the
 * count of a level begun elsewhere (the document's own 一、二、 for sections).
 */
export function numberParagraphs(paragraphs: readonly SummaryParagraph[]): string[] {
  const counters = [0, 0, 0, 0, 0];
  return paragraphs.map((p) => {
    if (p.level === 0) return '';
    counters[p.level] += 1;
    for (let l = p.level + 1; l <= 4; l++) counters[l] = 0;
    return outlineNumber(p.level, counters[p.level]);
  });
}

// A number typed or pasted at the start of a paragraph, in any of the four styles
// (and their half-width and "、" variants), so it is not printed twice.
const LEADING_NUMBER = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、](?!\d)|[（(]\d+[）)])\s*/;

/** Drops a number the user typed in front of a paragraph ("（一）加强…" → "加强…"). */
export function stripLeadingNumber(text: string): string {
  return text.replace(LEADING_NUMBER, '');
}

/** The level a typed leading number implies, or null ("1.…" → 3). */
export function levelOfLeadingNumber(text: string): OutlineLevel | null {
  const m = LEADING_NUMBER.exec(text);
  if (!m) return null;
  const t = m[0].trim();
  if (/^[（(][一二三四五六七八九十]/.test(t)) return 2;
  if (/^[一二三四五六七八九十]/.test(t)) return 1;
  if (/^[（(]\d/.test(t)) return 4;
  return 3;
}

/** Splits pasted text into paragraphs, one per non-empty line, levels taken from their numbers. */
export function paragraphsFromText(text: string): SummaryParagraph[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ level: levelOfLeadingNumber(line) ?? 0, text: stripLeadingNumber(line) }));
}

export function emptySections(): SummarySections {
  return { highlights: [], problems: [], nextYear: [] };
}
