/**
 * Word's automatic numbering: a paragraph whose "1." or "（一）" Word draws
 * from numbering.xml (w:numPr, on the paragraph or its style) holds no such
 * text — yet the import recognises tasks and groups by it. The labels are
 * worked out here the way Word counts: per list (w:num), per level, deeper
 * levels restarting when a shallower one moves on, lvlText's %1…%9 filled in
 * each level's format (decimal, 一二三, ①, …). Bullets give no label.
 */
import { attr, child, elements, type Element } from './dom';

interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the label: a tab (Word's default) or a space reads as a space; "nothing" as nothing. */
  suffix: string;
}

export interface Numbering {
  /** The label of a numbered paragraph ("1. ", "（一）"), counting it; '' for a paragraph outside any list. */
  label(pPr: Element | undefined): string;
}

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. */
function chineseCount(n: number, digits = CN, ten = '十', hundred = '百'): string {
  if (n <= 0) return String(n);
  if (n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const o = n % 10;
  let out = h ? digits[h] + hundred : '';
  if (t) out += (t === 1 && !h ? '' : digits[t]) + ten;
  else if (h && o) out += digits[0];
  if (o) out += digits[o];
  return out;
}

function letters(n: number, base: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(base + ((v - 1) % 26)) + s;
  return s;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let v = n;
  for (const [value, sym] of table) while (v >= value) (out += sym), (v -= value);
  return out;
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseCount(n);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCount(n, LEGAL, '拾', '佰');
    case 'ideographTraditional':
      return STEMS[(n - 1) % 10] ?? String(n);
    case 'upperLetter':
      return letters(n, 65);
    case 'lowerLetter':
      return letters(n, 97);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalEnclosedFullstop':
      return `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n);
  }
}

const intOf = (v: string | null, fallback: number) => {
  const n = v === null ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : fallback;
};

function readLevels(abstract: Element): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of elements(abstract)) {
    if (lvl.localName !== 'lvl') continue;
    levels.set(intOf(attr(lvl, 'ilvl'), 0), {
      start: intOf(attr(child(lvl, 'start'), 'val'), 1),
      format: attr(child(lvl, 'numFmt'), 'val') ?? 'decimal',
      text: attr(child(lvl, 'lvlText'), 'val') ?? '',
      suffix: attr(child(lvl, 'suff'), 'val') === 'nothing' ? '' : ' ',
    });
  }
  return levels;
}

/**
 * `numberingRoot` is numbering.xml's tree, `stylesRoot` styles.xml's (a
 * paragraph style may carry the numbering, as heading styles do); either may be missing.
 */
export function makeNumbering(numberingRoot: Element | null, stylesRoot: Element | null): Numbering {
  const abstracts = new Map<string, Element>();
  const nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  if (numberingRoot) {
    for (const el of elements(numberingRoot)) {
      if (el.localName === 'abstractNum') abstracts.set(attr(el, 'abstractNumId') ?? '', el);
      else if (el.localName === 'num') {
        const starts = new Map<number, number>();
        for (const o of elements(el)) {
          if (o.localName !== 'lvlOverride') continue;
          const start = child(o, 'startOverride');
          if (start) starts.set(intOf(attr(o, 'ilvl'), 0), intOf(attr(start, 'val'), 1));
        }
        nums.set(attr(el, 'numId') ?? '', { abstract: attr(child(el, 'abstractNumId'), 'val') ?? '', starts });
      }
    }
  }
  // Paragraph styles that carry a numbering (w:style/w:pPr/w:numPr), following w:basedOn.
  const styleNum = new Map<string, { numId: string | null; ilvl: number | null; basedOn: string | null }>();
  if (stylesRoot) {
    for (const st of elements(stylesRoot)) {
      if (st.localName !== 'style') continue;
      const numPr = child(child(st, 'pPr'), 'numPr');
      styleNum.set(attr(st, 'styleId') ?? '', {
        numId: attr(child(numPr, 'numId'), 'val'),
        ilvl: numPr && child(numPr, 'ilvl') ? intOf(attr(child(numPr, 'ilvl'), 'val'), 0) : null,
        basedOn: attr(child(st, 'basedOn'), 'val'),
      });
    }
  }
  const fromStyle = (styleId: string | null): { numId: string | null; ilvl: number | null } => {
    let numId: string | null = null;
    let ilvl: number | null = null;
    for (let id = styleId, guard = 0; id && guard < 20; guard++) {
      const s = styleNum.get(id);
      if (!s) break;
      numId ??= s.numId;
      ilvl ??= s.ilvl;
      id = s.basedOn;
    }
    return { numId, ilvl };
  };

  const levelsOf = new Map<string, Map<number, Level>>();
  const counters = new Map<string, number[]>();
  return {
    label(pPr) {
      if (!pPr || (!numberingRoot && !stylesRoot)) return '';
      const own = child(pPr, 'numPr');
      const style = fromStyle(attr(child(pPr, 'pStyle'), 'val'));
      const numId = attr(child(own, 'numId'), 'val') ?? style.numId;
      if (!numId || numId === '0') return '';
      const ilvl = Math.min(8, Math.max(0, own && child(own, 'ilvl') ? intOf(attr(child(own, 'ilvl'), 'val'), 0) : (style.ilvl ?? 0)));
      const num = nums.get(numId);
      const abstract = num ? abstracts.get(num.abstract) : undefined;
      if (!num || !abstract) return '';
      let levels = levelsOf.get(numId);
      if (!levels) levelsOf.set(numId, (levels = readLevels(abstract)));
      const level = levels.get(ilvl);
      if (!level || level.format === 'bullet' || level.format === 'none') return '';
      const startOf = (l: number) => num.starts.get(l) ?? levels!.get(l)?.start ?? 1;
      let count = counters.get(numId);
      if (!count) counters.set(numId, (count = []));
      count[ilvl] = count[ilvl] === undefined ? startOf(ilvl) : count[ilvl] + 1;
      for (let deeper = ilvl + 1; deeper < count.length; deeper++) count[deeper] = undefined as unknown as number;
      const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
        const l = Number(d) - 1;
        const value = count![l] ?? startOf(l);
        return formatNumber(value, levels!.get(l)?.format ?? 'decimal');
      });
      return text ? text + level.suffix : '';
    },
  };
}
