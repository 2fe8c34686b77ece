/**
 * Text → TargetWording. A clause is read in two steps: the head ("力争",
 * the year) and then the body, tried first as subject-first
 * ("技术合同成交额突破7亿元") and then as quantity-first ("建设1家省实验室").
 * Anything that is not clearly one target returns null; callers keep such
 * text as it is rather than store a wrong target.
 */
import { parseNumber } from '../numbers';
import {
  COMPARATOR,
  GROWTH_BASE,
  GROWTH_DOWN_WORDS,
  GROWTH_WORD,
  HAS_CLAIM,
  HAS_QUANTITY,
  LIST_PREFIX,
  NUMBER,
  NUMBER_START,
  PERIOD,
  RANGE_SEP,
  UNIT,
  VERB,
} from './lexicon';
import { splitClauses, splitLine } from './split';
import type { Comparator, GoalLine, Quantity, TargetWording, WordingGap, WordingRaw } from './types';

const HEAD = new RegExp(`^(?<gStart>\\s*)(?:(?<strive>力争)(?<gStrive>\\s*))?(?:(?<period>${PERIOD})(?<gPeriod>\\s*))?`);

const QUANTITY =
  `(?:(?<cmp>${COMPARATOR})(?<gCmp>\\s*))?` +
  `${NUMBER_START}(?<n1>${NUMBER})(?:(?<sep>${RANGE_SEP})(?<n2>${NUMBER}))?(?<gNumber>\\s*)`;

/** "[subject][同比][增长][突破]7亿元[以上]"; the unit may be missing only here, at the very end ("…企业20"). */
const SUBJECT_FIRST = new RegExp(
  `^(?<subject>.*?)(?<gSubject>\\s*)` +
    `(?:(?:(?<base>${GROWTH_BASE})(?<gBase>\\s*))?(?<word>${GROWTH_WORD})(?<gWord>\\s*))?` +
    QUANTITY +
    `(?<unit>${UNIT})?(?<gUnit>\\s*)(?:(?<suffix>以上)(?<gSuffix>\\s*))?$`,
  's',
);

/** "[verb][不少于]5家[以上][subject]"; the verb may carry a lead-in ("通过…大赛遴选"). */
const QUANTITY_FIRST = new RegExp(
  `^(?<verb>[^0-9０-９]*?(?:${VERB}))(?<gVerb>\\s*)` +
    QUANTITY +
    `(?<unit>${UNIT})(?<gUnit>\\s*)(?:(?<suffix>以上)(?<gSuffix>\\s*))?(?<subject>\\S.*?)(?<gSubject>\\s*)$`,
  's',
);

/** Regex group holding the whitespace after each token. */
const GAP_GROUPS: Record<WordingGap, string> = {
  start: 'gStart',
  strive: 'gStrive',
  period: 'gPeriod',
  verb: 'gVerb',
  subject: 'gSubject',
  growthBase: 'gBase',
  growthWord: 'gWord',
  comparator: 'gCmp',
  number: 'gNumber',
  unit: 'gUnit',
  suffix: 'gSuffix',
};

type Groups = Record<string, string | undefined>;

/** Parses one goal clause ("技术合同成交额突破7亿元"); null when it holds no single target. */
export function parseTargetWording(clause: string): TargetWording | null {
  if (!/[0-9０-９]/.test(clause)) return null;
  // "1." belongs to the line, and a clause with separators is a line: parseGoalLine handles both.
  if (LIST_PREFIX.test(clause)) return null;
  if (splitClauses(clause).some((p) => p.role === 'separator')) return null;

  const head = HEAD.exec(clause)!;
  const body = clause.slice(head[0].length);
  for (const [pattern, order] of [
    [SUBJECT_FIRST, 'subject-first'],
    [QUANTITY_FIRST, 'quantity-first'],
  ] as const) {
    const m = pattern.exec(body);
    const wording = m && build({ ...head.groups, ...m.groups }, order);
    if (wording) return wording;
  }
  return null;
}

function build(g: Groups, order: TargetWording['order']): TargetWording | null {
  const subject = g.subject ?? '';
  // A subject that itself holds a quantity or a claim ("分别达到1万件和") is
  // several targets run together; guessing which is the target would be wrong.
  if (HAS_QUANTITY.test(subject) || HAS_CLAIM.test(subject)) return null;
  // "组建5个左右联合体": 左右/以内/以下 qualify the quantity but have no field
  // (suffix is only 以上), so such a clause is left as text, not misread.
  if (order === 'quantity-first' && /^(?:左右|以内|以下)/.test(subject)) return null;
  const unit = g.unit ?? '';
  // Without a unit only "subject + one number" counts ("…企业20", cut short in
  // a seed); a bare number or a unit-less range ("方案2021-2023") is not a target.
  if (!unit && (!subject || g.n2 !== undefined)) return null;

  const quantity = readQuantity(g, unit);
  if (!quantity) return null;

  const gaps: WordingRaw['gaps'] = {};
  for (const [gap, group] of Object.entries(GAP_GROUPS) as [WordingGap, string][]) {
    if (g[group]) gaps[gap] = g[group];
  }
  return {
    strive: g.strive !== undefined,
    period: g.period ?? '',
    subject,
    order,
    verb: order === 'quantity-first' ? (g.verb ?? '') : '',
    comparator: (g.cmp ?? '') as Comparator,
    quantity,
    measureUnit: unit,
    suffix: g.suffix ? '以上' : '',
    raw: {
      numbers: g.n2 !== undefined ? [g.n1!, g.n2] : [g.n1!],
      rangeSep: g.sep ?? '',
      growthBase: g.base ?? '',
      growthWord: g.word ?? '',
      gaps,
    },
  };
}

function readQuantity(g: Groups, unit: string): Quantity | null {
  const first = parseNumber(g.n1 ?? '');
  if (first === null) return null;
  if (g.word !== undefined) {
    // The type has no growth range, and a growth without a unit says nothing.
    if (g.n2 !== undefined || !unit) return null;
    const down = (GROWTH_DOWN_WORDS as readonly string[]).includes(g.word);
    return { kind: 'growth', direction: down ? 'down' : 'up', value: first, yoy: g.base !== undefined };
  }
  if (g.n2 === undefined) return { kind: 'point', value: first };
  const second = parseNumber(g.n2);
  return second === null ? null : { kind: 'range', min: first, max: second };
}

/** Splits a goal line into prefix, clauses and separators, parsing each clause; formatGoalLine gives the line back. */
export function parseGoalLine(line: string): GoalLine {
  return {
    parts: splitLine(line).map((piece) => {
      if (piece.role !== 'clause') return { kind: 'text', role: piece.role, text: piece.text };
      const wording = parseTargetWording(piece.text);
      return wording ? { kind: 'wording', wording } : { kind: 'text', role: 'text', text: piece.text };
    }),
  };
}

/** The targets of a goal line, in order. */
export function goalWordings(line: GoalLine): TargetWording[] {
  return line.parts.flatMap((p) => (p.kind === 'wording' ? [p.wording] : []));
}
