/**
 * How numbers and short labels are written in the summary's prose and
 * tables, as a 公文 writer writes them:
 * - amounts at two decimals whatever precision is stored (7.484亿元 →
 *   "7.48亿元"), and below 0.01亿元 in 万元 ("尚差70万元", not "0.007亿元");
 * - other values at the indicator's own precision (145家, 0.58%, 28.62件);
 * - two different values never print alike ("6.996亿元" beside a 7亿元 target);
 * - labels broken only between words ("科技型中小企业" never as "科技型中小企/业").
 */
import type { Indicator } from '../model/indicator';
import { formatNumber, roundTo } from '../numbers';

const AMOUNT_UNITS = /^(亿元|万元|千元|元)$/;
const isAmount = (i: Pick<Indicator, 'measureUnit'>) => AMOUNT_UNITS.test(i.measureUnit);

/** Decimals a sentence shows for the indicator: two for amounts, the indicator's own otherwise. */
export function sentenceDecimals(indicator: Pick<Indicator, 'measureUnit' | 'decimals'>): number {
  return isAmount(indicator) ? Math.min(2, indicator.decimals) : indicator.decimals;
}

/**
 * A value with its measure unit, as a sentence writes it: "7.48亿元",
 * "70万元" (under 0.01亿元), "145家", "0.58%". `distinctFrom`: a value that
 * must not read the same (the target beside a figure just below it) — then
 * the stored precision is shown.
 */
export function amountText(value: number, indicator: Pick<Indicator, 'measureUnit' | 'decimals'>, distinctFrom?: number | null): string {
  const mu = indicator.measureUnit;
  if (mu === '亿元' && value !== 0 && Math.abs(value) < 0.01) return `${formatNumber(roundTo(value * 10000, 2), 2)}万元`;
  let decimals = sentenceDecimals(indicator);
  if (distinctFrom != null && roundTo(value, indicator.decimals) !== roundTo(distinctFrom, indicator.decimals)) {
    while (decimals < indicator.decimals && roundTo(value, decimals) === roundTo(distinctFrom, decimals)) decimals++;
  }
  return `${formatNumber(value, decimals)}${mu}`;
}

/** "1-3个" or "7亿元": a target as a sentence quotes it. */
export function targetAmountText(target: number, targetMax: number | null, indicator: Pick<Indicator, 'measureUnit' | 'decimals'>): string {
  if (targetMax != null) {
    const d = sentenceDecimals(indicator);
    return `${formatNumber(target, d)}-${formatNumber(targetMax, d)}${indicator.measureUnit}`;
  }
  return amountText(target, indicator);
}

/** Percentage points with one decimal, for 完成率 against 时序进度 ("4.3个百分点"). */
export function pointsText(points: number, decimals = 1): string {
  return `${formatNumber(Math.abs(roundTo(points, decimals)), decimals)}个百分点`;
}

// --- words of a short label ----------------------------------------------------

const CJK = /[\u3400-\u9fff]/;
const ASCII = /^[A-Za-z0-9.&%+\-_/]+$/;
/** Characters that close a word ("科技|型", "集聚|区", "拥有|量") rather than start the next. */
const CLOSING = /^[型区量额级率数类性化者家个项件]$/u;
const NUMBER_WITH_UNIT = /([-+]?\d+(?:\.\d+)?(?:个百分点|%|亿元|万元|元|家|个|件|项|名))/u;

let segmenter: Intl.Segmenter | null | undefined;
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

/**
 * A label cut into the pieces a line may break between: dictionary words,
 * with a lone Chinese character kept on the word it belongs to ("科技型",
 * "集聚区", "高新"), Latin letters and digits kept together ("R&D", "0.07"),
 * and brackets and punctuation kept on their neighbours. Joined, the pieces
 * are the label exactly.
 */
export function labelWords(label: string): string[] {
  const seg = wordSegmenter();
  // A number with its unit is one word ("0.07个百分点", "13.3%", "7.48亿元"); the rest goes to the segmenter.
  const raw = label.split(NUMBER_WITH_UNIT).flatMap((part, k) =>
    k % 2 === 1 ? [part] : part === '' ? [] : seg ? [...seg.segment(part)].map((s) => s.segment) : [...part],
  );
  const out: string[] = [];
  let pendingOpen = '';
  for (const piece of raw) {
    const last = out.length ? out[out.length - 1] : null;
    if (/^[（(《“‘[]+$/.test(piece)) {
      pendingOpen += piece;
      continue;
    }
    const word = pendingOpen + piece;
    pendingOpen = '';
    const glue =
      last != null &&
      // closing punctuation, a measure word or suffix, a lone character, or a run of Latin/digits stays on the last word
      (/^[）)》”’\]、，。；：！？%]+$/.test(piece) ||
        CLOSING.test(piece) ||
        /^[和与及或的之]$/.test(piece) ||
        (ASCII.test(piece) && ASCII.test(last.slice(-1))) ||
        (CJK.test(piece) && piece.length === 1 && /\d$/.test(last)) ||
        (CJK.test(piece) && piece.length === 1 && !/^[和与及或占的]$/.test(piece) && [...last].length <= 2) ||
        [...last].length === 1);
    if (glue) out[out.length - 1] = last + word;
    else out.push(word);
  }
  if (pendingOpen) out.length ? (out[out.length - 1] += pendingOpen) : out.push(pendingOpen);
  return out;
}

/**
 * A label wrapped into lines of at most `max` characters (counting a Latin
 * letter or digit as half), breaking only between words; a word longer than
 * a line is the only thing cut.
 */
export function wrapLabel(label: string, max: number): string[] {
  const width = (t: string) => [...t].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);
  if (width(label) <= max) return [label];
  const lines: string[] = [];
  let line = '';
  for (const word of labelWords(label)) {
    if (line && width(line + word) > max) {
      lines.push(line);
      line = '';
    }
    line += word;
  }
  if (line) lines.push(line);
  return lines;
}
