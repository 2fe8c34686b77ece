/**
 * Bad files made on purpose, for the fuzz test (test/integration/import-fuzz.test.ts),
 * the hostile-file tests and `npm run bench`: hostile workbooks of the kinds
 * the reliability campaign found (a merge over the whole grid, far cells, a
 * 30-million-character cell, a zip bomb, thousands of sheets…) and a seeded
 * generator of damaged files (truncated zips, mutated XML, random bytes,
 * wrong encodings). Deterministic: the same seed gives the same files, so a
 * script can run thousands and a failure can be made again.
 *
 * Workbooks are written by hand (./xlsxParts below), not by exceljs, so a
 * file can say what no spreadsheet program would: wrong sizes, far cells,
 * broken XML.
 */
import zlib from 'node:zlib';
import { columnLetter } from '../../shared/import/types';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

// ---------------------------------------------------------------- zip writer

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Store uncompressed (default: deflate). */
  store?: boolean;
  /** Already deflated data (raw deflate) and the size it inflates to: for bombs. */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** Lie about the uncompressed size in the headers. */
  claimSize?: number;
}

/** A zip file, written field by field so that any field can lie. */
export function zipFiles(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const method = e.deflated || !e.store ? 8 : 0;
    const body = e.deflated ? e.deflated.bytes : method === 8 ? zlib.deflateRawSync(raw) : raw;
    const size = e.claimSize ?? (e.deflated ? e.deflated.size : raw.length);
    const crc = e.deflated ? e.deflated.crc : zlib.crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(Math.min(size, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * Raw deflate of `prefix` + `repeat` copies of `block` + `suffix` without
 * building the whole text: each piece is deflated with a full flush (no
 * back-references across pieces), so one deflated block can be repeated.
 */
export function deflateRepeated(prefix: string, block: string, repeat: number, suffix: string): { bytes: Buffer; size: number; crc: number } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const pre = Buffer.from(prefix);
  const blk = Buffer.from(block);
  const suf = Buffer.from(suffix);
  const parts = [zlib.deflateRawSync(pre, flush)];
  const one = zlib.deflateRawSync(blk, flush);
  let crc = zlib.crc32(pre);
  for (let i = 0; i < repeat; i++) {
    parts.push(one);
    crc = zlib.crc32(blk, crc);
  }
  parts.push(zlib.deflateRawSync(suf)); // the final block
  crc = zlib.crc32(suf, crc);
  return { bytes: Buffer.concat(parts), size: pre.length + blk.length * repeat + suf.length, crc };
}

// ---------------------------------------------------------------- workbook parts

export const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** "A" for 0: the generator names cells as the app does. */
export const colName = columnLetter;

/** A cell as the generator writes it: text (inline string), a number, or raw XML for the <c> element's inside. */
export type GenCell = string | number | null | { raw: string; t?: string };

function cellXml(ref: string, v: GenCell): string {
  if (v === null) return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
  return `<c r="${ref}"${v.t ? ` t="${v.t}"` : ''}>${v.raw}</c>`;
}

export interface SheetSpec {
  name: string;
  rows?: GenCell[][];
  /** Extra XML inside <sheetData> after the rows (far cells…). */
  extraRows?: string;
  merges?: string[];
  dimension?: string;
  state?: 'hidden' | 'veryHidden';
  /** The whole sheet XML, instead of rows/merges. */
  xml?: string;
  /** The sheet part already deflated (bombs). */
  deflated?: ZipEntry['deflated'];
}

export function sheetXml(spec: SheetSpec): string {
  if (spec.xml) return spec.xml;
  const rows = (spec.rows ?? [])
    .map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => cellXml(`${colName(c)}${r + 1}`, v)).join('')}</row>`)
    .join('');
  const merges = spec.merges?.length ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const dim = spec.dimension ? `<dimension ref="${spec.dimension}"/>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${NS}>${dim}<sheetData>${rows}${spec.extraRows ?? ''}</sheetData>${merges}</worksheet>`;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Shared strings part (raw XML), when wanted. */
  sharedStringsXml?: string;
  sharedStringsDeflated?: ZipEntry['deflated'];
  stylesXml?: string;
}

/** The parts of an .xlsx for `spec`, in Excel's order. */
export function xlsxEntries(spec: WorkbookSpec): ZipEntry[] {
  const sheetsXml = spec.sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const n = spec.sheets.length;
  const rels = spec.sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  const hasSst = spec.sharedStringsXml !== undefined || spec.sharedStringsDeflated !== undefined;
  const extraRels =
    (hasSst ? `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    (spec.stylesXml ? `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` : '');
  const entries: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${sheetsXml}</sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}${extraRels}</Relationships>`,
    },
  ];
  spec.sheets.forEach((s, i) =>
    entries.push(s.deflated ? { name: `xl/worksheets/sheet${i + 1}.xml`, data: '', deflated: s.deflated } : { name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s) }),
  );
  if (spec.sharedStringsDeflated) entries.push({ name: 'xl/sharedStrings.xml', data: '', deflated: spec.sharedStringsDeflated });
  else if (spec.sharedStringsXml !== undefined) entries.push({ name: 'xl/sharedStrings.xml', data: spec.sharedStringsXml });
  if (spec.stylesXml) entries.push({ name: 'xl/styles.xml', data: spec.stylesXml });
  return entries;
}

export const xlsxFile = (spec: WorkbookSpec) => zipFiles(xlsxEntries(spec));

// ---------------------------------------------------------------- a normal table to spoil

/** A small 附件2 as bureaus make it (title, header, 合计 row, units as rows) over the example's units. */
export function sampleTargetRows(units: readonly string[] = ['洪都街道', '京山街道', '三家店街道', '岱山街道']): GenCell[][] {
  return [
    ['附件2'],
    ['青云谱区2022年科技创新指导性任务分解表'],
    ['单位', '高新技术企业数（家）', '科技型中小企业（家）'],
    ...units.map((u, i): GenCell[] => [u, 10 + i, 20 + i]),
  ];
}

// ---------------------------------------------------------------- the campaign's hostile files

export interface HostileFile {
  /** What it is, for test names and bench output. */
  label: string;
  fileName: string;
  bytes: Buffer;
  /** What the refusal must say (a part of the Chinese message). */
  expect: RegExp;
}

const TITLE = '青云谱区2022年科技创新指导性任务分解表';

/** The files of issue 11's campaign and their kin: each must be refused quickly, in Chinese, with its place. */
export function hostileFiles(): HostileFile[] {
  const rows = sampleTargetRows();
  const files: HostileFile[] = [];
  files.push({
    label: 'a 2 KB workbook with one merge over the whole grid (A1:XFD1048576)',
    fileName: '整表合并.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows, merges: ['A1:XFD1048576'], dimension: 'A1:XFD1048576' }] }),
    expect: /^$/, // read normally: the merge is clipped to the used range
  });
  const far = Array.from({ length: 20_000 }, (_, r) => `<row r="${r + 10}"><c r="XFD${r + 10}"><v>1</v></c></row>`).join('');
  files.push({
    label: '20,000 rows with one value in column XFD',
    fileName: '远端单元格.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows, extraRows: far }] }),
    expect: /A1:XFD20009（20009 行 × 16384 列，共 3.3 亿个单元格），超过了导入上限 50 万。最右边的内容在 XFD10 单元格/,
  });
  const farEmpty = Array.from({ length: 20_000 }, (_, r) => `<row r="${r + 10}"><c r="XFD${r + 10}" s="0"/></row>`).join('');
  files.push({
    label: '20,000 rows with an empty styled cell in column XFD',
    fileName: '远端空单元格.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows, extraRows: farEmpty }] }),
    expect: /^$/, // read normally: cells without values do not widen the used range
  });
  const giant = deflateRepeated('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>', '洪都街道'.repeat(2500), 3000, '</t></si></sst>');
  files.push({
    label: 'one unit-name cell of 30 million characters (shared string)',
    fileName: '超长单元格.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows: [...rows, [{ raw: '<v>0</v>', t: 's' }, 1, 2]] }], sharedStringsDeflated: giant }),
    expect: /第1个工作表“附件2”的 A8 单元格有 3000 万个字符，超过 Excel 单元格的上限 32767/,
  });
  files.push({
    label: 'one inline cell of 40,000 characters',
    fileName: '长文字.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows: [...rows, ['很'.repeat(40_000), 1, 2]] }] }),
    expect: /A8 单元格有 40000 个字符/,
  });
  const bomb = deflateRepeated(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`,
    ' '.repeat(1 << 20),
    2048,
    '</sheetData></worksheet>',
  );
  files.push({
    label: 'a zip bomb: a 2 GB sheet in a 2 MB file, sizes claimed honestly',
    fileName: '压缩炸弹.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', deflated: bomb }] }),
    expect: /解压后超过 \d+ MB.*压缩炸弹/,
  });
  const liar = xlsxEntries({ sheets: [{ name: '附件2', deflated: bomb }] }).map((e) => (e.deflated ? { ...e, claimSize: 2_000 } : e));
  files.push({
    label: 'a zip bomb that claims 2 KB',
    fileName: '压缩炸弹2.xlsx',
    bytes: zipFiles(liar),
    expect: /解压后超过 \d+ MB.*压缩炸弹/,
  });
  const manyStrings = deflateRepeated('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>a</t></si>'.repeat(1000), 3000, '</sst>');
  files.push({
    label: '3 million shared strings',
    fileName: '共享文字过多.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows }], sharedStringsDeflated: manyStrings }),
    expect: /共享文字表有超过 100 万条文字/,
  });
  const nested = deflateRepeated('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>', '<r>'.repeat(1000), 100, '</si></sst>');
  files.push({
    label: '100,000 nested elements in the shared strings',
    fileName: '深层嵌套.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows }], sharedStringsDeflated: nested }),
    expect: /嵌套超过 64 层/,
  });
  files.push({
    label: '3,000 sheets',
    fileName: '工作表过多.xlsx',
    bytes: xlsxFile({ sheets: Array.from({ length: 3000 }, (_, i) => ({ name: `表${i + 1}`, rows: [['单位', '指标'], ['洪都街道', 1]] })) }),
    expect: /超过 200 个工作表/,
  });
  const wide = Array.from({ length: 1000 }, (_, r): GenCell[] => Array.from({ length: 600 }, (_, c) => (c === 0 ? `单位${r}` : r + c)));
  files.push({
    label: 'a sheet of 1,000 × 600 values (600,000 cells)',
    fileName: '单元格过多.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows: wide }] }),
    expect: /超过了导入上限 50 万/,
  });
  const half = Array.from({ length: 700 }, (_, r): GenCell[] => Array.from({ length: 600 }, (_, c) => (c === 0 ? `单位${r}` : r + c)));
  files.push({
    label: 'three sheets of 700 × 600 values (1.26 million cells together)',
    fileName: '总单元格过多.xlsx',
    bytes: xlsxFile({ sheets: [1, 2, 3].map((i) => ({ name: `表${i}`, rows: half })) }),
    expect: /读到第3个工作表“表3”时，各工作表的内容范围已共有 126 万个单元格，超过了导入上限 100 万/,
  });
  const manyMerges = Array.from({ length: 25_000 }, (_, i) => `A${i * 2 + 1}:B${i * 2 + 2}`);
  files.push({
    label: '25,000 merged areas',
    fileName: '合并过多.xlsx',
    bytes: xlsxFile({ sheets: [{ name: '附件2', rows, merges: manyMerges }] }),
    expect: /超过 20000 个合并区域/,
  });
  const entries = xlsxEntries({ sheets: [{ name: '附件2', rows }] });
  for (let i = 0; i < 6000; i++) entries.push({ name: `xl/media/x${i}.bin`, data: 'x', store: true });
  files.push({
    label: 'a zip of 6,000 entries',
    fileName: '部件过多.xlsx',
    bytes: zipFiles(entries),
    expect: /内部有 \d+ 个部件，超过上限 5000 个/,
  });
  files.push({
    label: 'NaN, INF, a 400-digit number and error values in number cells',
    fileName: '非数字.xlsx',
    bytes: xlsxFile({
      sheets: [
        {
          name: '附件2',
          rows: [
            ['附件2'],
            [TITLE],
            ['单位', '高新技术企业数（家）', '科技型中小企业（家）'],
            ['洪都街道', { raw: '<v>NaN</v>' }, { raw: '<v>INF</v>' }],
            ['京山街道', { raw: `<v>1${'0'.repeat(400)}</v>` }, { raw: '<v>#DIV/0!</v>', t: 'e' }],
            ['三家店街道', { raw: '<f>1/0</f><v>#DIV/0!</v>', t: 'e' }, { raw: '<v>#N/A</v>', t: 'e' }],
          ],
        },
      ],
    }),
    expect: /^$/, // read: the values stay visible as text for the analysis to refuse
  });
  return files;
}

// ---------------------------------------------------------------- seeded damage

export interface FuzzCase {
  label: string;
  fileName: string;
  bytes: Buffer;
}

const LATIN_NAMES = ['附件2.xlsx', '任务.xlsx', '目标.csv', '数据.txt', 'report.xlsx', '导入.CSV', 'x.et'];

function mutateText(rnd: () => number, text: string): string {
  const chars = [...text];
  const edits = int(rnd, 1, 6);
  for (let i = 0; i < edits && chars.length; i++) {
    const at = int(rnd, 0, chars.length - 1);
    switch (int(rnd, 0, 5)) {
      case 0:
        chars.splice(at, int(rnd, 1, 20));
        break;
      case 1:
        chars.splice(at, 0, pick(rnd, ['<', '>', '&', '"', '</c>', '<row>', '<c r="ZZZZ9">', '\u0000', '&bogus;', ']]>', '<![CDATA[', 'NaN', '-INF']));
        break;
      case 2:
        chars[at] = String.fromCharCode(int(rnd, 0, 0xffff));
        break;
      case 3:
        chars.splice(at, 0, ...chars.slice(at, at + int(rnd, 1, 200)));
        break;
      case 4:
        chars.splice(at, 0, `r="${pick(rnd, ['XFD1048576', 'A0', 'AAAA1', 'B99999999', '-1', ''])}"`);
        break;
      default:
        chars.splice(at, 0, pick(rnd, ['<v>1e400</v>', '<v>NaN</v>', '<v>#DIV/0!</v>', '<mergeCell ref="A1:XFD1048576"/>', '<is><t>', '</sheetData>']));
    }
  }
  return chars.join('');
}

function corruptBytes(rnd: () => number, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const flips = int(rnd, 1, 30);
  for (let i = 0; i < flips; i++) out[int(rnd, 0, out.length - 1)] = int(rnd, 0, 255);
  return out;
}

/** A valid table, in one of the shapes the generator then spoils. */
function baseWorkbook(rnd: () => number): WorkbookSpec {
  const rows = sampleTargetRows();
  const cellsOf = (r: GenCell[][]) => r.map((row) => row.map((v) => (typeof v === 'number' && rnd() < 0.2 ? String(v) : v)));
  return { sheets: [{ name: pick(rnd, ['附件2', 'Sheet1', '指标分解', '表 1']), rows: cellsOf(rows), merges: rnd() < 0.5 ? ['A2:C2'] : [] }] };
}

/** `count` damaged or odd files from `seed`: the same seed, the same files. */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const rnd = seededRandom(seed);
  const cases: FuzzCase[] = [];
  const valid = xlsxFile(baseWorkbook(rnd));
  for (let i = 0; i < count; i++) {
    const kind = int(rnd, 0, 11);
    const n = `${i + 1}`;
    switch (kind) {
      case 0: {
        const cut = int(rnd, 0, valid.length - 1);
        cases.push({ label: `#${n} truncated zip at ${cut} of ${valid.length} bytes`, fileName: pick(rnd, LATIN_NAMES.slice(0, 2)), bytes: valid.subarray(0, cut) });
        break;
      }
      case 1: {
        const spec = baseWorkbook(rnd);
        const entries = xlsxEntries(spec);
        const target = pick(rnd, entries);
        const text = typeof target.data === 'string' ? target.data : target.data.toString('utf8');
        target.data = mutateText(rnd, text);
        cases.push({ label: `#${n} mutated XML in ${target.name}`, fileName: '附件2.xlsx', bytes: zipFiles(entries) });
        break;
      }
      case 2:
        cases.push({ label: `#${n} bytes flipped in a zip`, fileName: '附件2.xlsx', bytes: corruptBytes(rnd, valid) });
        break;
      case 3: {
        const spec = baseWorkbook(rnd);
        const r = int(rnd, 3, 6);
        const c = int(rnd, 1, 2);
        spec.sheets[0].rows![r][c] = pick(rnd, [
          { raw: '<v>NaN</v>' },
          { raw: '<v>INF</v>' },
          { raw: '<v>-INF</v>' },
          { raw: `<v>9${'9'.repeat(int(rnd, 300, 500))}</v>` },
          { raw: '<v>#DIV/0!</v>', t: 'e' },
          { raw: '<v>#N/A</v>', t: 'e' },
          { raw: '<v>#VALUE!</v>', t: 'e' },
          { raw: '<f>A1/0</f><v>#DIV/0!</v>', t: 'e' },
          'NaN',
          '∞',
        ]);
        cases.push({ label: `#${n} a number cell that is not a number`, fileName: '附件2.xlsx', bytes: xlsxFile(spec) });
        break;
      }
      case 4: {
        const spec = baseWorkbook(rnd);
        const far = int(rnd, 0, 2);
        if (far === 0) spec.sheets[0].merges = [pick(rnd, ['A1:XFD1048576', 'A1:XFD1', 'A1:A1048576', 'C3:B2', 'A1:ZZZZ9', 'bogus'])];
        else if (far === 1) spec.sheets[0].extraRows = `<row r="${int(rnd, 50, 1_048_576)}"><c r="${pick(rnd, ['XFD', 'AA', 'D'])}${int(rnd, 50, 1_048_576)}"><v>1</v></c></row>`;
        else spec.sheets[0].dimension = pick(rnd, ['A1:XFD1048576', 'A1', 'ZZ:AA', '']);
        cases.push({ label: `#${n} far merges, cells or dimension`, fileName: '附件2.xlsx', bytes: xlsxFile(spec) });
        break;
      }
      case 5: {
        const spec = baseWorkbook(rnd);
        spec.sheets[0].rows![int(rnd, 3, 6)][0] = pick(rnd, ['洪'.repeat(int(rnd, 200, 40_000)), 'x'.repeat(int(rnd, 30_000, 40_000)), '\u0007控制字符', '']);
        cases.push({ label: `#${n} a long or odd unit name`, fileName: '附件2.xlsx', bytes: xlsxFile(spec) });
        break;
      }
      case 6: {
        const len = int(rnd, 0, 3000);
        const bytes = Buffer.alloc(len);
        for (let k = 0; k < len; k++) bytes[k] = int(rnd, 0, 255);
        cases.push({ label: `#${n} ${len} random bytes`, fileName: pick(rnd, LATIN_NAMES), bytes });
        break;
      }
      case 7: {
        const text = ['单位,高新技术企业数（家）', '洪都街道,12', '京山街道,NaN', '三家店街道,#DIV/0!', '合计,INF'].join(pick(rnd, ['\n', '\r\n', '\r']));
        const encoding = pick(rnd, ['utf16le', 'utf16be', 'latin1', 'gb18030-cut', 'utf8-bom-cut'] as const);
        let bytes: Buffer;
        if (encoding === 'utf16le') bytes = Buffer.from(text, 'utf16le');
        else if (encoding === 'utf16be') bytes = Buffer.from(text, 'utf16le').swap16();
        else if (encoding === 'latin1') bytes = Buffer.from(text, 'latin1');
        else if (encoding === 'gb18030-cut') bytes = Buffer.from(text, 'utf8').subarray(0, int(rnd, 1, 40));
        else bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8').subarray(0, int(rnd, 1, 50))]);
        cases.push({ label: `#${n} a csv in ${encoding}`, fileName: pick(rnd, ['目标.csv', '目标.txt', '目标.xlsx']), bytes });
        break;
      }
      case 8: {
        const empty = int(rnd, 0, 3);
        const spec: WorkbookSpec =
          empty === 0
            ? { sheets: [] }
            : empty === 1
              ? { sheets: [{ name: 'Sheet1', rows: [] }] }
              : empty === 2
                ? { sheets: [{ name: '隐藏', rows: sampleTargetRows(), state: 'hidden' }] }
                : { sheets: [{ name: 'Sheet1', rows: [[null, ' ', '\t']] }] };
        cases.push({ label: `#${n} an empty workbook (${empty})`, fileName: '空.xlsx', bytes: xlsxFile(spec) });
        break;
      }
      case 9: {
        const spec = baseWorkbook(rnd);
        const entries = xlsxEntries(spec);
        const drop = pick(rnd, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', '_rels/.rels']);
        cases.push({ label: `#${n} a workbook without ${drop}`, fileName: '附件2.xlsx', bytes: zipFiles(entries.filter((e) => e.name !== drop)) });
        break;
      }
      case 10: {
        const spec = baseWorkbook(rnd);
        spec.sharedStringsXml = pick(rnd, [
          '<sst><si><t>洪都街道</t></si>',
          '<sst><si><t>a</t><rPh><t>b</t></rPh></si></sst>',
          '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>',
          '\u00ff\u00fe<sst/>',
          '',
        ]);
        spec.sheets[0].rows![3][0] = { raw: `<v>${pick(rnd, ['0', '1', '-1', '99999999', 'x'])}</v>`, t: 's' };
        cases.push({ label: `#${n} odd shared strings`, fileName: '附件2.xlsx', bytes: xlsxFile(spec) });
        break;
      }
      default: {
        const text = mutateText(rnd, ['单位\t高新技术企业数（家）', '洪都街道\t12', '京山街道\t13'].join('\n'));
        cases.push({ label: `#${n} a mutated tab-separated text`, fileName: pick(rnd, ['目标.txt', '目标.csv']), bytes: Buffer.from(text, 'utf8') });
      }
    }
  }
  return cases;
}

// ---------------------------------------------------------------- what an answer must be

/** English a library writes (parsers, zod, Node), which must never reach a user. */
const LIBRARY_ENGLISH =
  /Cannot |Unexpected|undefined|is not (a|an|defined|valid)|\bError\b|Invalid |Corrupted|corrupted|End of data|[Ee]xpected |期望 ?object|TypeError|RangeError|SyntaxError|\bat \S+ \(|ENOENT|EACCES/;
const CJK = /[\u4e00-\u9fff]/;

/** What is wrong with a message shown to a user: not Chinese, library English in it, too long to read. */
export function messageFaults(message: string): string[] {
  const faults: string[] = [];
  if (!CJK.test(message)) faults.push('no Chinese');
  const english = LIBRARY_ENGLISH.exec(message);
  if (english) faults.push(`library English “${english[0]}”`);
  if (message.length > 2000) faults.push(`${message.length} characters long`);
  return faults;
}

/** Returned files that are not what they claim: the fuzz cases named .xlsx/.tzpkg, and packages with mutated JSON. */
export function fuzzReturns(seed: number, count: number): FuzzCase[] {
  const rnd = seededRandom(seed);
  const pkg = JSON.stringify({
    format: 'taizhang-package',
    version: 1,
    kind: 'return',
    identity: { plan: { id: 1, title: '示例', databaseId: 'x' }, unit: { id: 2, name: '洪都街道' }, period: '2022-12', cells: [], tasks: [] },
    plan: { title: '示例', yearStart: 2022, yearEnd: 2022, docNumber: null, issuedOn: null, issuer: null },
    units: [],
    indicators: [],
    returned: { by: '王', figures: [{ unitId: 2, indicatorId: 1, period: '2022-12', value: 'NaN', note: null }], progress: [] },
  });
  return fuzzCases(seed, count).map((c, i) => {
    if (rnd() < 0.3) return { label: `${c.label} as a return package`, fileName: '洪都街道_回报.tzpkg', bytes: Buffer.from(mutateText(rnd, pkg), 'utf8') };
    return { ...c, fileName: rnd() < 0.5 ? c.fileName : `回报${i}.xlsx` };
  });
}
