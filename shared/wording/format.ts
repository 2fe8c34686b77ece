/**
 * TargetWording → text. With the `raw` spelling from parse() this gives back
 * the clause exactly; each raw detail is used only while it still agrees with
 * the structured fields, so after an edit the changed part is written
 * canonically ("7" for 7, "1-3", "同比增长") instead of repeating old text.
 */
import { formatNumber, parseNumber } from '../numbers';
import { GROWTH_DOWN_WORDS, GROWTH_UP_WORDS } from './lexicon';
import type { GoalLine, Quantity, TargetWording, WordingGap } from './types';

/** Writes one wording back as a clause. */
export function formatTargetWording(w: TargetWording): string {
  const gaps = w.raw?.gaps ?? {};
  let out = gaps.start ?? '';
  const put = (text: string, gap: WordingGap) => {
    if (text) out += text + (gaps[gap] ?? '');
  };
  const growth = growthWords(w);
  put(w.strive ? '力争' : '', 'strive');
  put(w.period, 'period');
  if (w.order === 'quantity-first') put(w.verb, 'verb');
  else put(w.subject, 'subject');
  put(growth.base, 'growthBase');
  put(growth.word, 'growthWord');
  put(w.comparator, 'comparator');
  put(quantityText(w), 'number');
  put(w.measureUnit, 'unit');
  put(w.suffix, 'suffix');
  if (w.order === 'quantity-first') put(w.subject, 'subject');
  return out;
}

/** Writes a goal line back; equals the parsed line when nothing was edited. */
export function formatGoalLine(line: GoalLine): string {
  return line.parts.map((p) => (p.kind === 'wording' ? formatTargetWording(p.wording) : p.text)).join('');
}

/** The numbers of the quantity, spelled as written when that spelling still holds. */
export function quantityText(w: TargetWording, canonical = false): string {
  const q = w.quantity;
  const raw = canonical ? undefined : w.raw;
  const num = (value: number, index: number) => {
    const written = raw?.numbers[index];
    return written !== undefined && parseNumber(written) === value ? written : formatNumber(value);
  };
  if (q.kind !== 'range') return num(q.value, 0);
  const sep = raw?.rangeSep || '-';
  return num(q.min, 0) + sep + num(q.max, 1);
}

/** "同比"/"增长" for growth quantities (as written when still right), '' otherwise. */
export function growthWords(w: TargetWording, canonical = false): { base: string; word: string } {
  const q: Quantity = w.quantity;
  if (q.kind !== 'growth') return { base: '', word: '' };
  const raw = canonical ? undefined : w.raw;
  const words: readonly string[] = q.direction === 'down' ? GROWTH_DOWN_WORDS : GROWTH_UP_WORDS;
  const word = raw && words.includes(raw.growthWord) ? raw.growthWord : words[0];
  const base = !q.yoy ? '' : raw?.growthBase || '同比';
  return { base, word };
}
