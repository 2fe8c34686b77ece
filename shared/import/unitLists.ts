/**
 * Unit lists inside task text, as seeds 000 and 002 write them:
 * "…打造全球重要的LED产业集群。〔责任单位:市科技局、高新区、经开区〕".
 * Where a table has no lead column, the first unit named leads
 * (seed 002: 排名第一责任单位为牵头单位).
 */

/** Words that end a 责任单位 list in 002: "（排名第一责任单位为牵头单位，下同）". */
const LEAD_RULE = /[(（]?\s*排名第一(?:的)?责任单位为牵头单位[,，]?\s*(?:下同)?\s*[)）]?/g;

export interface SplitTaskText {
  content: string;
  /** The list as written (brackets and label removed); null when the text names none. */
  responsible: string | null;
}

/** Splits "content〔责任单位:a、b〕" into content and list. Leaves text without a list alone. */
export function splitResponsibleList(text: string): SplitTaskText {
  const t = text.trim();
  // Labelled: the last "责任单位:" (any brackets, or none, around it).
  const labelled = /[〔【[(（]?\s*责任单位\s*[:：]\s*([^〔【]*?)\s*[〕】\])）]?\s*[。.]?\s*$/.exec(t);
  if (labelled && labelled.index > 0) {
    const responsible = clean(labelled[1]);
    if (responsible) return { content: trimEnd(t.slice(0, labelled.index)), responsible };
  }
  // Unlabelled: a final 〔a、b、c〕 that lists names (not "〔2018〕8号").
  const bare = /〔([^〔〕]+)〕\s*[。.]?\s*$/.exec(t);
  if (bare && bare.index > 0 && /、/.test(bare[1]) && !/\d/.test(bare[1])) {
    return { content: trimEnd(t.slice(0, bare.index)), responsible: clean(bare[1]) };
  }
  return { content: t, responsible: null };
}

function clean(list: string): string {
  return list.replace(LEAD_RULE, '').replace(/[,，、；;\s]+$/, '').trim();
}

function trimEnd(text: string): string {
  return text.replace(/[\s〔【[(（]+$/, '').trim();
}

/**
 * "县(市、区)政府" keeps its 、 inside brackets: those are not separators.
 * Returns the text with such 、 replaced by a mark, and a function that puts them back.
 */
const MARK = '\u0001';
export function protectBracketedSeparators(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth++;
    if ((ch === ')' || ch === '）') && depth > 0) depth--;
    out += depth > 0 && (ch === '、' || ch === ',' || ch === '，') ? MARK : ch;
  }
  return out;
}
export function restoreBracketedSeparators(text: string): string {
  return text.split(MARK).join('、');
}

/** The first name a list writes (for the lead rule), brackets respected. */
export function firstListedName(list: string): string {
  const protectedText = protectBracketedSeparators(list);
  const first = protectedText.split(/[、，,；;]+/).map((s) => s.trim()).find(Boolean) ?? '';
  return restoreBracketedSeparators(first);
}
