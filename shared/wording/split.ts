/**
 * Cuts a goal line into list prefix, clauses and separators, losing nothing:
 * the pieces concatenated are the line. Which clauses hold a target is
 * parse.ts's business; this file only decides where one clause ends.
 */
import { ENDS_WITH_QUANTITY, LIST_PREFIX } from './lexicon';

export interface LinePiece {
  role: 'prefix' | 'separator' | 'clause';
  text: string;
}

/** Always end a clause (outside brackets). "，" too: in Chinese it breaks clauses, lists use "、". */
const HARD_SEPARATORS = new Set(['，', ',', '；', ';', '。', '：', ':']);
const OPENERS = '(（[［【《〈「『“‘{';
const CLOSERS = ')）]］】》〉」』”’}';

/** Splits a line; the list prefix is only looked for at the very start. */
export function splitLine(line: string): LinePiece[] {
  const pieces: LinePiece[] = [];
  const prefix = LIST_PREFIX.exec(line);
  const start = prefix ? prefix[0].length : 0;
  if (prefix) pieces.push({ role: 'prefix', text: prefix[0] });
  for (const piece of splitClauses(line.slice(start))) pieces.push(piece);
  return pieces;
}

/** Splits text into clauses and separators (no prefix handling). */
export function splitClauses(text: string): LinePiece[] {
  const pieces: LinePiece[] = [];
  let depth = 0;
  let straightQuote = false;
  let clauseStart = 0;
  let i = 0;
  const push = (role: LinePiece['role'], from: number, to: number) => {
    if (to > from) pieces.push({ role, text: text.slice(from, to) });
  };
  while (i < text.length) {
    const ch = text[i];
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '"') straightQuote = !straightQuote;
    else if (depth === 0 && !straightQuote && isSeparatorAt(text, i, clauseStart)) {
      // Runs of separators ("；。") make one piece, so no empty clause sits between them.
      let end = i + 1;
      while (end < text.length && isSeparatorAt(text, end, end)) end++;
      push('clause', clauseStart, i);
      push('separator', i, end);
      clauseStart = end;
      i = end;
      continue;
    }
    i++;
  }
  push('clause', clauseStart, text.length);
  return pieces;
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && /[0-9０-９]/.test(ch);

function isSeparatorAt(text: string, i: number, clauseStart: number): boolean {
  const ch = text[i];
  if (ch === '、') {
    // "人才20名、团队20个" is two goals; "独角兽(潜在、种子)、瞪羚…企业20家" is one:
    // 、 separates goals only when what precedes it is already a whole quantity.
    return ENDS_WITH_QUANTITY.test(text.slice(clauseStart, i));
  }
  if (!HARD_SEPARATORS.has(ch)) return false;
  // "2,000家" (thousands) and "1:1" (a ratio) are numbers, not clause breaks.
  if (ch === ',') return !(isDigit(text[i - 1]) && /^[0-9０-９]{3}(?![0-9０-９])/.test(text.slice(i + 1)));
  if (ch === ':' || ch === '：') return !(isDigit(text[i - 1]) && isDigit(text[i + 1]));
  return true;
}
