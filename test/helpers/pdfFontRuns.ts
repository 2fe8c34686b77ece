/**
 * Which font draws which text in a PDF, read from the file itself: each
 * page's content stream (inflated), its Tf/Tr operators and text-showing
 * operators, decoded through each font's ToUnicode map. Enough for PDFs
 * written by pdfkit (Type0 fonts, Identity-H, hex strings), which is what the
 * summary is; tests use it to check fonts by role (the page number in 宋体,
 * "一、" in 黑体, "（一）" in 楷体, a "1." lead in bold or stroked 仿宋).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface TextRun {
  page: number;
  /** The font's BaseFont without the subset tag: "SimSun", "NotoSerifSC-Bold". */
  font: string;
  /** Text render mode: 0 fill, 2 fill then stroke (an emboldened face). */
  mode: number;
  text: string;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(file: string): Map<number, PdfObject> {
  const buf = fs.readFileSync(file);
  const text = buf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0 && /^\s*<</.test(body)) {
      dict = body.slice(0, s);
      let dataStart = start + s + 'stream'.length;
      if (text[dataStart] === '\r') dataStart++;
      if (text[dataStart] === '\n') dataStart++;
      const dataEnd = text.indexOf('endstream', dataStart);
      const raw = buf.subarray(dataStart, dataEnd);
      stream = /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return objects;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** A ToUnicode CMap as a map from code (hex) to text. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hexText = (h: string) => {
    let out = '';
    for (let i = 0; i + 4 <= h.length; i += 4) out += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return out;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(src.toLowerCase(), hexText(dst));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const a = parseInt(lo, 16);
      const b = parseInt(hi, 16);
      const width = lo.length;
      if (rest.startsWith('[')) {
        const dsts = [...rest.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]);
        for (let c = a; c <= b; c++) map.set(c.toString(16).padStart(width, '0'), hexText(dsts[c - a] ?? ''));
      } else {
        const base = rest.slice(1, -1);
        const first = parseInt(base.slice(-4), 16);
        for (let c = a; c <= b; c++) map.set(c.toString(16).padStart(width, '0'), base.slice(0, -4) ? hexText(base.slice(0, -4)) + String.fromCharCode(first + c - a) : String.fromCharCode(first + c - a));
      }
    }
  }
  return map;
}

/** Every text run of every page, in drawing order. */
export function pdfTextRuns(file: string): TextRun[] {
  const objects = readObjects(file);
  const fonts = new Map<number, { name: string; cmap: Map<string, string> }>();
  const fontOf = (id: number) => {
    let f = fonts.get(id);
    if (!f) {
      const dict = objects.get(id)?.dict ?? '';
      const name = (/\/BaseFont\s*\/([^\s/<>\]]+)/.exec(dict)?.[1] ?? '?').replace(/^[A-Z]{6}\+/, '');
      const tu = ref(dict, 'ToUnicode');
      const cmap = tu != null && objects.get(tu)?.stream ? toUnicode(objects.get(tu)!.stream!.toString('latin1')) : new Map<string, string>();
      f = { name, cmap };
      fonts.set(id, f);
    }
    return f;
  };
  // Pages in order: walk the page tree from the catalog.
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!;
  const pages: number[] = [];
  const walk = (id: number) => {
    const dict = objects.get(id)!.dict;
    if (/\/Type\s*\/Pages/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)![1];
      for (const [, k] of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k));
    } else pages.push(id);
  };
  walk(ref(catalog.dict, 'Pages')!);

  const runs: TextRun[] = [];
  pages.forEach((pageId, index) => {
    const page = objects.get(pageId)!.dict;
    const resId = ref(page, 'Resources');
    const resources = resId != null ? objects.get(resId)!.dict : page;
    const fontDictId = ref(resources, 'Font');
    const fontDict = fontDictId != null ? objects.get(fontDictId)!.dict : (/\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '');
    const fontRefs = new Map([...fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)].map((x) => [x[1], Number(x[2])]));
    const contentIds = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
    const content = contentIds.map((id) => objects.get(id)!.stream!.toString('latin1')).join('\n');
    let font: ReturnType<typeof fontOf> | null = null;
    let mode = 0;
    const modes: number[] = [];
    const tokens = content.match(/\[[^\]]*\]\s*TJ|<[0-9a-fA-F]*>\s*Tj|\/[\w.+-]+\s+[\d.]+\s+Tf|\d\s+Tr|\bq\b|\bQ\b/g) ?? [];
    for (const t of tokens) {
      if (t === 'q') modes.push(mode);
      else if (t === 'Q') mode = modes.pop() ?? 0;
      else if (t.endsWith('Tr')) mode = Number(t[0]);
      else if (t.endsWith('Tf')) {
        const id = fontRefs.get(/\/([\w.+-]+)/.exec(t)![1]);
        font = id != null ? fontOf(id) : null;
      } else if (font) {
        const decode = (hex: string) => {
          let out = '';
          for (let i = 0; i + 4 <= hex.length; i += 4) out += font!.cmap.get(hex.slice(i, i + 4).toLowerCase()) ?? '';
          return out;
        };
        const text = [...t.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => decode(x[1])).join('');
        if (text) runs.push({ page: index + 1, font: font.name, mode, text });
      }
    }
  });
  return runs;
}
