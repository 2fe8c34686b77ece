/**
 * The outline of the written sections (亮点工作, 存在的主要问题, 下一年工作思路):
 * plain paragraphs, each with a level. Numbers are never stored: they are
 * derived from the levels, so inserting or deleting a paragraph renumbers
 * the rest, as official documents require (一、（一）1.（1）).
 */
import { chineseNumeral } from './numerals';

/** 0: body text without a number; 1: 一、 2: （一） 3: 1. 4: （1） */
export type OutlineLevel = 0 | 1 | 2 | 3 | 4;

export interface SummaryParagraph {
  level: OutlineLevel;
  text: string;
}

export type SectionKey = 'highlights' | 'problems' | 'nextYear';

export const SECTION_KEYS: readonly SectionKey[] = ['highlights', 'problems', 'nextYear'];

/** The section headings as the document prints them; nextYear names the year. */
export function sectionTitle(key: SectionKey, year: number): string {
  if (key === 'highlights') return '亮点工作';
  if (key === 'problems') return '存在的主要问题';
  return `${year + 1}年工作思路`;
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
