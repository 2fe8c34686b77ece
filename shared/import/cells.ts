/**
 * Cells as bureaus write them: text broken over lines inside a cell, numbers
 * with words around them ("约3亿", "—"), category rows ("(一) …", "一、…"),
 * task numbers ("1", "2.", "3、").
 */
import { parseNumber } from '../numbers';
import { echo } from './echo';

const ASCII_WORD = /[A-Za-z0-9]/;

/**
 * Joins a cell's lines. "区科工局、区\n商务局" is 区科工局、区商务局: Chinese
 * breaks get no space; only a break between two Latin letters or digits keeps one.
 */
export function joinBrokenLines(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (out && ASCII_WORD.test(out[out.length - 1]) && ASCII_WORD.test(line[0])) out += ' ';
    out += line;
  }
  return out.trim();
}

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const SPACE_NEAR_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'g');

/** "区科工局、 区税务局，各 街道" → no spaces next to Chinese (PDF line breaks); Latin words keep theirs. */
export function squeezeCjkSpaces(text: string): string {
  return text.replace(SPACE_NEAR_CJK, '').trim();
}

const CN_NUMERAL = '[一二三四五六七八九十]{1,3}';
/** "(一) 科技创新…", "（二）…", "一、…", "第一部分 …". */
const CATEGORY = new RegExp(
  `^\\s*(?:[(（]\\s*${CN_NUMERAL}\\s*[)）]|${CN_NUMERAL}\\s*[、.．]|第${CN_NUMERAL}[部分章节类]?[、.．:：\\s])\\s*(.*)$`,
);

/** The title of a category row without its numbering, or null when the text is not one. */
export function categoryTitle(text: string): string | null {
  const m = CATEGORY.exec(text);
  if (!m) return null;
  const title = m[1].trim();
  return title ? title : null;
}

/** A task number written alone in its cell: "1", "2.", "3、", "（4）". */
export function parseSeqCell(text: string): number | null {
  const m = /^\s*[(（]?\s*([0-9０-９]{1,3})\s*[)）.．、]?\s*$/.exec(text);
  return m ? Number(m[1].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) : null;
}

/** A task number at the start of a paragraph: "1.推进…", "12. 加快…", "3、…". */
export function leadingSeq(text: string): { seq: number; rest: string } | null {
  const m = /^\s*([0-9０-９]{1,3})\s*[.．、](?![0-9])\s*(.+)$/s.exec(text);
  if (!m) return null;
  return { seq: Number(m[1].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))), rest: m[2].trim() };
}

export type NumberCell =
  | { kind: 'empty' }
  /** "—", "-", "/", "无": the table says there is no target here. */
  | { kind: 'none'; text: string }
  | { kind: 'number'; value: number; valueMax: number | null; approximate: boolean; text: string }
  /**
   * Not a number. `reason` says what it is instead: an Excel error value
   * (#DIV/0!, #N/A …, a formula that could not be computed), NaN or infinity
   * (written by a program, never by a person), or more digits than any real
   * figure has (a 400-digit number overflows to infinity).
   */
  | { kind: 'invalid'; text: string; reason?: 'excelError' | 'notFinite' | 'overflow' };

/** Excel's and WPS's error values, as a cell shows them. */
const EXCEL_ERROR = /^#(?:DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
const NOT_FINITE = /^[-+]?(?:nan|inf(?:inity)?|∞)$/i;
/** Integer digits beyond which a figure is not a figure (a trillion 亿元 has 13). */
const MAX_INTEGER_DIGITS = 15;

export function isExcelError(text: string): boolean {
  return EXCEL_ERROR.test(text.trim());
}

const NONE_WORDS = /^(?:[-－—–―/／\\]+|无|不适用|暂无|空)$/;
const APPROX = /^(?:约|大约|力争|约为|预计)|(?:左右|以上|余|多)$/g;
const MAGNITUDE: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/**
 * Reads a number cell against its column's measure unit ("亿元", "家").
 * "约3亿" in an 亿元 column is 3 (approximate); "3亿元" too; "1-3" a range;
 * "—" no target. A magnitude the column does not use is converted ("5000万" in 亿元 → 0.5).
 */
/** A plain number as a spreadsheet writes it: most cells of a big sheet, read without the slow path. */
const PLAIN = /^-?[0-9]{1,15}(?:\.[0-9]+)?$/;

export function parseNumberCell(text: string, measureUnit = ''): NumberCell {
  if (PLAIN.test(text)) {
    // Rounded to 12 significant digits; text of 12 characters or fewer has no more digits than that.
    const n = Number(text);
    return { kind: 'number', value: text.length <= 12 ? n : Number(n.toPrecision(12)), valueMax: null, approximate: false, text };
  }
  const t = text.replace(/\s+/g, '');
  if (!t) return { kind: 'empty' };
  if (NONE_WORDS.test(t)) return { kind: 'none', text };
  if (EXCEL_ERROR.test(t)) return { kind: 'invalid', text, reason: 'excelError' };
  if (NOT_FINITE.test(t)) return { kind: 'invalid', text, reason: 'notFinite' };
  const digits = /^[-+－]?([0-9０-９,，]+)/.exec(t)?.[1].replace(/[,，]/g, '').length ?? 0;
  if (digits > MAX_INTEGER_DIGITS) return { kind: 'invalid', text, reason: 'overflow' };
  let body = t;
  let approximate = false;
  for (let i = 0; i < 2; i++) {
    const next = body.replace(APPROX, '');
    if (next !== body) approximate = true;
    body = next;
  }
  const range = /^([-+]?[0-9０-９.,，．]+)\s*[-－~～至到]\s*([0-9０-９.,，．]+)(.*)$/.exec(body);
  const single = /^([-+－]?[0-9０-９.,，．]+)(.*)$/.exec(body);
  const m = range ?? single;
  if (!m) return { kind: 'invalid', text };
  const first = parseNumber(m[1].replace(/^－/, '-').replace(/，/g, ','));
  const second = range ? parseNumber(range[2].replace(/，/g, ',')) : null;
  const suffix = (range ? range[3] : m[2]).replace(/[%％]$/, (p) => (measureUnit.includes('%') ? '' : p));
  if (first === null || (range && second === null)) return { kind: 'invalid', text };
  const factor = scaleFor(suffix, measureUnit);
  if (factor === null) return { kind: 'invalid', text };
  const scale = (n: number) => Number((n * factor).toPrecision(12));
  return {
    kind: 'number',
    value: scale(first),
    valueMax: second === null ? null : scale(second),
    approximate,
    text,
  };
}

/** How much a number written with `suffix` counts in `measureUnit`; null when they do not fit. */
function scaleFor(suffix: string, measureUnit: string): number | null {
  if (!suffix) return 1;
  const unit = measureUnit.replace(/\s+/g, '');
  if (suffix === unit || (unit && unit.startsWith(suffix))) return 1;
  // "3亿" / "3亿元" against 万元, "5000万" against 亿元.
  const mag = (s: string) => {
    const ch = s[0];
    return ch in MAGNITUDE ? { f: MAGNITUDE[ch], rest: s.slice(1) } : { f: 1, rest: s };
  };
  const a = mag(suffix);
  const b = mag(unit);
  if (a.f === 1 && b.f === 1) return unit === '' && /^[家个件项名人次所座批]$/.test(suffix) ? 1 : null;
  if (a.rest && b.rest && a.rest !== b.rest) return null;
  return a.f / b.f;
}

/** True for measure units that count things: a negative target there is a mistake. */
export function isCountUnit(measureUnit: string): boolean {
  return /^[家个件项名人次所座批台套篇份户]+$/.test(measureUnit);
}

/** True for amounts of money (元, 万元, 亿元, 万美元 …): a negative target there is a mistake too. */
export function isAmountUnit(measureUnit: string): boolean {
  return /^(?:[万亿千百]*)(?:元|美元)$/.test(measureUnit.replace(/\s+/g, ''));
}

/** A growth rate or a change in points: it may fall (−5%), so a negative target is only worth a look. */
const GROWTH_WORDS = /增速|增长|增幅|增率|提高|提升|下降|变化|同比/;

/**
 * What a negative target is: an error for counts (家, 个, 件, 项, 人, 名 …) and
 * amounts (亿元 …), which cannot fall below nothing; a warning elsewhere —
 * a growth rate may be negative; a ratio or an unnamed unit is worth a look.
 */
export function negativeTargetLevel(indicatorName: string, measureUnit: string): 'error' | 'warning' {
  const unit = measureUnit.replace(/\s+/g, '');
  if (GROWTH_WORDS.test(indicatorName) || /%|％|百分点/.test(unit)) return 'warning';
  return isCountUnit(unit) || isAmountUnit(unit) ? 'error' : 'warning';
}

/**
 * The message for a cell that is not a number, saying what it is and what to
 * do; `what` names the figure ("洪都街道的科技型中小企业"), user text is cut.
 */
export function notANumberMessage(cell: { text: string; reason?: 'excelError' | 'notFinite' | 'overflow' }, what: string, measureUnit: string): string {
  const shown = echo(cell.text.trim(), 20);
  const expected = `${what}应填${measureUnit ? `以“${measureUnit}”计的` : ''}数值`;
  switch (cell.reason) {
    case 'excelError':
      return `单元格是 Excel 错误值“${shown}”（公式无法计算），不是数字：${expected}。请在 Excel/WPS 中改正公式或改填数值后再导入。`;
    case 'notFinite':
      return `单元格的数值“${shown}”不是有效的数字（非数或无穷大）：${expected}。`;
    case 'overflow':
      return `“${shown}”位数过多，不是有效的数值：${expected}。`;
    default:
      return `“${shown}”不是数字：${expected}。`;
  }
}

/**
 * A row of notes under a table: "注：…", "说明：…", "备注：…", "填表人：…",
 * "联系电话：…". Reading stops there, so a note never becomes a unit or a task.
 */
const NOTE_START =
  /^(?:注|备注|说明|附注|注释|填表说明|填报说明|填表人|填报人|制表人|制表|审核人|审核|联系人|联系电话|电话|单位负责人|负责人|数据来源|资料来源)\s*[0-9０-９]*\s*[:：]|^注\s*[0-9０-９一二三四五六七八九十]+\s*[.、．:：]/;

export function isNoteRow(row: readonly string[] | undefined): boolean {
  if (!row) return false;
  const first = row.find((t) => t && t.trim());
  return first !== undefined && NOTE_START.test(first.trim());
}

/** Decimal places a value is written with (0.05 → 2). */
export function decimalsOf(value: number): number {
  const s = String(value);
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(6, s.length - i - 1);
}
