/**
 * The 年度工作总结 as a Word document, from a real store (a SQLite file, or
 * PostgreSQL in the `postgres` project: testStore.ts), through the API
 * and the document worker — read back three ways:
 *
 *   - its XML (jszip + xmldom): A4 and the GB/T 9704 margins, the 22 × 28
 *     document grid, the named styles with their fonts (and the font
 *     table's alternatives), the odd/even page-number footers, real tables,
 *     300 dpi chart pictures, Chinese as text;
 *   - opened by LibreOffice Writer and converted to PDF (own profile per
 *     run): A4 pages, the text block 37 mm from the top and 28 mm from the
 *     left (±1 mm, pdftotext -bbox), 28.95 pt lines, page numbers on the
 *     right of odd pages and the left of even ones with the 一字线 7 mm under
 *     the 版心, and the same sentences as the PDF of the same summary
 *     (pdftotext of both, modulo line breaks); pages of both rendered side
 *     by side to test-results/ to be looked at;
 *   - a paragraph added to the document and the file saved again by
 *     LibreOffice: the new paragraph is still 正文, 3号 仿宋.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { DOMParser, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { stopPdfWorker } from '../../electron/core/jobs/summaryPdfJob';
import type { JobProgress, SummaryDocx, SummaryPdf, SummaryPreview } from '../../shared/api/methods/summary';
import { tempDir } from '../helpers/tempDb';
import { exampleIdsOp, writeSampleProgressOp, writeSampleYearOp, type Ids } from '../helpers/summaryFixtures';
import { testStore, type TestStore } from '../helpers/testStore';
import { flatText, pageTexts, pdfInfo, pdfWords, PAGE_NUMBER_LINE } from '../helpers/pdfText';
import { inkBox, pageImage } from '../helpers/pageImage';
import { libreOfficeConvert } from '../helpers/libreOffice';
import { readingOrderProblems } from '../helpers/summaryText';
import { SCREENSHOT_DIR } from '../e2e/browser';
import { sideBySide } from '../helpers/sideBySide';

const MM = 72 / 25.4;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
let dir: string;
let cleanup: () => void;
let ids: Ids;
const stores: TestStore[] = [];

async function call<T>(core: Core, method: string, request: unknown): Promise<T> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** A new example store (closed after the file), `fill` written into it; `ids` are its plan's. */
async function newStore(fill?: (s: TestStore) => Promise<unknown>): Promise<TestStore> {
  const s = await testStore('example');
  stores.push(s);
  ids = await s.store.read(exampleIdsOp());
  await fill?.(s);
  return s;
}

interface Made {
  docxFile: string;
  docx: SummaryDocx;
  preview: SummaryPreview;
  events: JobProgress[];
  pdfFile?: string;
}

/** The .docx of `request` (and, with `withPdf`, the PDF of the same summary), written into the test folder. */
async function make(s: TestStore, request: Record<string, unknown>, name: string, withPdf = false): Promise<Made> {
  const { core } = s;
  const events: JobProgress[] = [];
  const off = core.on('job.progress', (p) => events.push(p));
  try {
    const preview = await call<SummaryPreview>(core, 'summary.preview', { ...request, today: '2023-01-10' });
    const docx = await call<SummaryDocx>(core, 'summary.docx', { ...request, today: '2023-01-10', jobId: `docx-${name}` });
    const docxFile = path.join(dir, `${name}.docx`);
    fs.writeFileSync(docxFile, Buffer.from(docx.base64, 'base64'));
    let pdfFile: string | undefined;
    if (withPdf) {
      const pdf = await call<SummaryPdf>(core, 'summary.pdf', { ...request, today: '2023-01-10' });
      pdfFile = path.join(dir, `${name}.pdf`);
      fs.writeFileSync(pdfFile, Buffer.from(pdf.base64, 'base64'));
    }
    return { docxFile, docx, preview, events: events.filter((e) => e.jobId === `docx-${name}`), pdfFile };
  } finally {
    off();
  }
}

/** A package's parts: XML parsed, the rest as bytes. */
async function readPackage(file: string) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = async (part: string): Promise<XmlDocument> => {
    const text = await zip.file(part)?.async('string');
    if (text == null) throw new Error(`${part} is missing from ${path.basename(file)}`);
    return new DOMParser().parseFromString(text, 'text/xml') as unknown as XmlDocument;
  };
  return { zip, xml, names: Object.keys(zip.files) };
}

const all = (node: XmlDocument | Element, tag: string) => Array.from(node.getElementsByTagNameNS(W, tag)) as Element[];
const first = (node: XmlDocument | Element, tag: string) => all(node, tag)[0] as Element | undefined;
const val = (el: Element | undefined, attr = 'val') => el?.getAttributeNS(W, attr) ?? null;
/** The direct children of `el` named `tag` (not those of nested elements). */
const children = (el: Element, tag: string) => (Array.from(el.childNodes) as Element[]).filter((n) => n.localName === tag);
/** The text of a paragraph, its runs' w:t joined. */
const paragraphText = (p: Element) => all(p, 't').map((t) => t.textContent).join('');

/** A style by id, and its effective run font/size through basedOn and the document defaults. */
function styleSheet(styles: XmlDocument) {
  const byId = new Map(all(styles, 'style').map((s) => [val(s, 'styleId')!, s]));
  const defaults = first(first(styles, 'rPrDefault') ?? (styles as unknown as Element), 'rPr');
  const chain = (id: string | null): Element[] => {
    const out: Element[] = [];
    for (let s = id ? byId.get(id) : undefined; s && out.length < 20; s = byId.get(val(first(s, 'basedOn')) ?? '')) out.push(s);
    return out;
  };
  const runProp = (id: string | null, pick: (rPr: Element) => string | null): string | null => {
    for (const s of chain(id)) {
      const rPr = children(s, 'rPr')[0];
      const v = rPr ? pick(rPr) : null;
      if (v != null) return v;
    }
    return defaults ? pick(defaults) : null;
  };
  return {
    byId,
    defaultParagraphStyle: all(styles, 'style').find((s) => s.getAttributeNS(W, 'type') === 'paragraph' && ['1', 'true'].includes(s.getAttributeNS(W, 'default') ?? '')),
    eastAsiaFont: (id: string | null) => runProp(id, (r) => val(first(r, 'rFonts'), 'eastAsia')),
    size: (id: string | null) => runProp(id, (r) => val(first(r, 'sz'))),
    bold: (id: string | null) => runProp(id, (r) => (first(r, 'b') ? (val(first(r, 'b')) ?? 'true') : null)),
    name: (id: string) => val(first(byId.get(id)!, 'name')),
  };
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir('taizhang-summary-docx-'));
});
afterAll(async () => {
  await stopPdfWorker();
  for (const s of stores) await s.close();
  cleanup();
});

describe('the district summary as a Word document (figures entered by a person)', () => {
  let made: Made;
  let pkg: Awaited<ReturnType<typeof readPackage>>;
  let rendered: string;

  beforeAll(async () => {
    const s = await newStore(async (s) => {
      await s.store.write(writeSampleYearOp(2022, '测试员'));
      await s.store.write(writeSampleProgressOp(2022));
    });
    made = await make(s, { planId: ids.plan, year: 2022 }, 'district', true);
    pkg = await readPackage(made.docxFile);
    // As on a PC with the PDF's faces under the 公文 font names (test/helpers/libreOffice.ts).
    rendered = libreOfficeConvert(made.docxFile, 'pdf', path.join(dir, 'lo'), { fontsLikePdf: true });
  }, 240_000);

  it('is a .docx named as the PDF, of the same content, made in the worker with progress', () => {
    const { docx } = made;
    expect(docx.fileName).toBe('青云谱区2022年科技创新工作总结.docx');
    expect(docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.byteLength).toBe(fs.statSync(made.docxFile).size);
    expect(docx.byteLength).toBeLessThan(1024 * 1024);
    expect(docx.sampleData).toBe(false);
    expect(docx.unwritten).toEqual([]);
    expect(docx.draft).toBeNull();
    const stages = [...new Set(made.events.map((e) => e.stage))];
    expect(stages).toEqual(['正在计算指标', '正在绘制图表', '正在排版', '正在写入Word文档', '已完成']);
    expect(made.events.every((e) => e.kind === 'summary.docx')).toBe(true);
    expect(made.events.at(-1)).toMatchObject({ done: 100, total: 100 });
  });

  it('is set up as GB/T 9704: A4, margins 37/35/28/26 mm, a grid of 22 lines × 28 characters, odd and even footers', async () => {
    const document = await pkg.xml('word/document.xml');
    const sectPr = first(document, 'sectPr')!;
    const pgSz = first(sectPr, 'pgSz')!;
    expect([Number(val(pgSz, 'w')), Number(val(pgSz, 'h'))]).toEqual([11906, 16838]);
    const pgMar = first(sectPr, 'pgMar')!;
    const mm = (a: string) => Number(val(pgMar, a)) / 1440 * 25.4;
    expect(mm('top')).toBeCloseTo(37, 1);
    expect(mm('bottom')).toBeCloseTo(35, 1);
    expect(mm('left')).toBeCloseTo(28, 1);
    expect(mm('right')).toBeCloseTo(26, 1);
    // The 版心: 156 × 225 mm.
    expect((11906 - Number(val(pgMar, 'left')) - Number(val(pgMar, 'right'))) / 1440 * 25.4).toBeCloseTo(156, 0);
    expect((16838 - Number(val(pgMar, 'top')) - Number(val(pgMar, 'bottom'))) / 1440 * 25.4).toBeCloseTo(225, 0);
    const grid = first(sectPr, 'docGrid')!;
    expect(val(grid, 'type')).toBe('linesAndChars');
    // 22 lines fit the 版心 (a twip more and only 21 would), and the body's lines are that far apart.
    const pitch = Number(val(grid, 'linePitch'));
    expect(pitch * 22).toBeLessThanOrEqual(16838 - 2098 - 1984);
    expect((pitch + 1) * 22).toBeGreaterThan(16838 - 2098 - 1984);
    // 28 characters a line: the grid's pitch is the Normal font size (3号, 16 pt) plus charSpace/4096 pt.
    expect((16 + Number(val(grid, 'charSpace')) / 4096) * 28).toBeCloseTo((11906 - 1587 - 1474) / 20, 0);
    const refs = all(sectPr, 'footerReference').map((r) => val(r, 'type'));
    expect(refs.sort()).toEqual(['default', 'even']);
    const settings = await pkg.xml('word/settings.xml');
    expect(first(settings, 'evenAndOddHeaders')).toBeDefined();
    expect(val(first(settings, 'evenAndOddHeaders'))).not.toBe('false');
  });

  it('has the named styles a typist sets up, in the fonts Windows and WPS know, and the font table’s alternatives', async () => {
    const styles = styleSheet(await pkg.xml('word/styles.xml'));
    // 正文 is the Normal style, the one a new paragraph takes.
    const normal = styles.defaultParagraphStyle!;
    expect(val(normal, 'styleId')).toBe('Normal');
    expect(styles.eastAsiaFont('Normal')).toBe('仿宋_GB2312');
    expect(styles.size('Normal')).toBe('32');
    const ind = first(normal, 'ind')!;
    expect(val(ind, 'firstLineChars')).toBe('200');
    const spacing = first(normal, 'spacing')!;
    expect([val(spacing, 'line'), val(spacing, 'lineRule')]).toEqual(['579', 'exact']);
    expect(val(first(normal, 'jc'))).toBe('both');
    expect([styles.name('Title'), styles.eastAsiaFont('Title'), styles.size('Title')]).toEqual(['Title', '方正小标宋简体', '44']);
    expect([styles.name('Level1'), styles.eastAsiaFont('Level1')]).toEqual(['一级标题', '黑体']);
    expect([styles.name('Level2'), styles.eastAsiaFont('Level2')]).toEqual(['二级标题', '楷体_GB2312']);
    expect([styles.name('Level3'), styles.eastAsiaFont('Level3'), styles.bold('Level3')]).toEqual(['三级标题', '仿宋_GB2312', 'true']);
    expect([styles.name('Level3Char'), styles.eastAsiaFont('Level3Char'), styles.bold('Level3Char')]).toEqual(['三级标题 字符', '仿宋_GB2312', 'true']);
    expect([styles.name('TableText'), styles.eastAsiaFont('TableText'), styles.size('TableText')]).toEqual(['表格', '仿宋_GB2312', '21']);
    expect([styles.name('TableHeading'), styles.eastAsiaFont('TableHeading')]).toEqual(['表头', '黑体']);
    expect([styles.name('Signature'), styles.eastAsiaFont('Signature')]).toEqual(['落款', '仿宋_GB2312']);
    expect([styles.name('Footer'), styles.eastAsiaFont('Footer'), styles.size('Footer')]).toEqual(['footer', '宋体', '28']);
    // Headings keep with what follows; outline levels make them the navigation pane's entries.
    for (const [id, level] of [['Level1', '0'], ['Level2', '1'], ['Level3', '2']] as const) {
      expect(val(first(styles.byId.get(id)!, 'outlineLvl'))).toBe(level);
    }
    expect(first(styles.byId.get('Level1')!, 'keepNext')).toBeDefined();
    // The documented patch: paragraphs do not snap to the grid (the styles carry its pitch), no widow rule.
    const styleXml = await pkg.zip.file('word/styles.xml')!.async('string');
    expect(styleXml).toMatch(/<w:pPrDefault><w:pPr><w:widowControl w:val="0"\/><w:autoSpaceDE w:val="0"\/><w:autoSpaceDN w:val="0"\/><w:snapToGrid w:val="0"\/><\/w:pPr><\/w:pPrDefault>/);

    const fonts = await pkg.xml('word/fontTable.xml');
    const font = (name: string) => all(fonts, 'font').find((f) => val(f, 'name') === name);
    expect(val(first(font('仿宋_GB2312')!, 'altName'))).toBe('仿宋');
    expect(val(first(font('楷体_GB2312')!, 'altName'))).toBe('楷体');
    expect(val(first(font('仿宋_GB2312')!, 'panose1'))).toMatch(/^[0-9A-F]{20}$/);
    for (const name of ['仿宋_GB2312', '楷体_GB2312', '黑体', '宋体', '方正小标宋简体', '仿宋', '楷体']) {
      expect(val(first(font(name)!, 'charset')), name).toBe('86');
    }
  });

  it('numbers pages "— 1 —" in 4号 宋体: odd pages on the right, even ones on the left, one character in', async () => {
    const document = await pkg.xml('word/document.xml');
    const rels = await pkg.zip.file('word/_rels/document.xml.rels')!.async('string');
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!.slice(1).find(Boolean)!;
    const footers = Object.fromEntries(
      await Promise.all(
        all(first(document, 'sectPr')!, 'footerReference').map(async (r) => [val(r, 'type'), await pkg.xml(`word/${target(r.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id')!)}`)] as const),
      ),
    );
    for (const [type, side, indent] of [['default', 'right', 'right'], ['even', 'left', 'left']] as const) {
      const p = first(footers[type], 'p')!;
      expect(val(first(p, 'pStyle'))).toBe('Footer');
      expect(val(first(p, 'jc'))).toBe(side);
      expect(Number(val(first(p, 'ind'), indent))).toBe(280); // one 4号 character
      expect(all(p, 'instrText').map((t) => t.textContent?.trim())).toEqual(['PAGE']);
      expect(paragraphText(p)).toBe('—  —'); // "— ", the page field, " —"
    }
  });

  it('holds every sentence as text, headings in their styles, tables as real tables, charts as 300 dpi pictures', async () => {
    const document = await pkg.xml('word/document.xml');
    const paragraphs = all(first(document, 'body')!, 'p');
    const texts = paragraphs.map(paragraphText);
    for (const sentence of made.preview.document.sentences) expect(texts.some((t) => t.includes(sentence)), sentence).toBe(true);
    const styleOf = (text: string) => val(first(paragraphs[texts.indexOf(text)], 'pStyle'));
    expect(styleOf('青云谱区2022年科技创新工作总结')).toBe('Title');
    expect(styleOf('一、2022年工作情况')).toBe('Level1');
    expect(styleOf('（一）主要指标完成情况')).toBe('Level2');
    expect(styleOf('二、2023年工作思路')).toBe('Level1');
    // A "1." item is a 正文 paragraph (no style of its own) whose lead is in the 三级标题 character style.
    const item = paragraphs.find((p) => paragraphText(p).startsWith('2.科技型中小企业。'))!;
    expect(first(item, 'pStyle')).toBeUndefined();
    expect(val(first(all(item, 'r')[0], 'rStyle'))).toBe('Level3Char');
    expect(all(all(item, 'r')[0], 't')[0].textContent).toBe('2.科技型中小企业。');
    // 落款 at the end: issuer over date.
    expect(texts.filter(Boolean).slice(-2)).toEqual(['青云谱区科学技术和工业信息化局', '2023年1月10日']);
    expect(styleOf('2023年1月10日')).toBe('Signature');

    const tables = all(document, 'tbl');
    expect(tables).toHaveLength(2);
    for (const tbl of tables) {
      expect(val(first(tbl, 'tblW'), 'w')).toBe('8845'); // the width of the 版心
      const grid = all(tbl, 'gridCol').map((g) => Number(val(g, 'w')));
      expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8845);
      expect(val(first(tbl, 'jc'))).toBe('center');
      expect(val(first(first(tbl, 'tblBorders')!, 'insideH'))).toBe('single');
      const rows = children(tbl, 'tr');
      // Header rows repeat on each page; no row splits across pages.
      const headerRows = rows.filter((r) => first(r, 'tblHeader'));
      expect(headerRows.length).toBeGreaterThanOrEqual(1);
      expect(rows.indexOf(headerRows.at(-1)!)).toBe(headerRows.length - 1);
      for (const r of rows) expect(first(r, 'cantSplit')).toBeDefined();
    }
    // 表1's body, cell by cell, as the document model has it.
    const table1 = made.preview.document.blocks.find((b) => b.kind === 'table')!;
    if (table1.kind !== 'table') throw new Error('no table');
    const bodyRows = children(tables[0], 'tr').slice(1).map((r) => children(r, 'tc').map((c) => all(c, 't').map((t) => t.textContent).join('')));
    expect(bodyRows).toEqual(table1.rows);
    // 表2's grouped header: a group of one spans both header rows.
    const spanned = children(children(tables[1], 'tr')[0], 'tc')[0];
    expect(val(first(spanned, 'vMerge'))).toBe('restart');

    const media = pkg.names.filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const name of media) {
      const png = await pkg.zip.file(name)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // 300 dpi across the 版心 (156 mm).
      expect(png.readUInt32BE(16)).toBe(Math.round((156 / 25.4) * 300));
    }
    // Placed the width of the 版心 (EMU: 36,000 a millimetre).
    const cx = Array.from(document.getElementsByTagName('wp:extent')).map((e) => Number((e as Element).getAttribute('cx')));
    expect(cx).toHaveLength(2);
    for (const w of cx) expect(w / 36000).toBeCloseTo(156, 0);
  });

  it('opened by LibreOffice: A4 pages, the text block 37 mm from the top and 28 mm from the left, 28.95 pt lines', () => {
    const info = pdfInfo(rendered);
    expect(info.width).toBeCloseTo(595.3, 0);
    expect(info.height).toBeCloseTo(841.9, 0);
    expect(info.pages).toBeGreaterThanOrEqual(4);
    const words = pdfWords(rendered).filter((w) => !PAGE_NUMBER_LINE.test(w.text) && w.text !== '—' && w.yMin < (37 + 225) * MM);
    const page1 = words.filter((w) => w.page === 1);
    expect(Math.min(...page1.map((w) => w.yMin)) / MM).toBeGreaterThan(36);
    expect(Math.min(...page1.map((w) => w.yMin)) / MM).toBeLessThan(38);
    // Left: the lines that run on from the line before start at the edge of the 版心.
    expect(Math.min(...words.map((w) => w.xMin)) / MM).toBeGreaterThan(27);
    expect(Math.min(...words.map((w) => w.xMin)) / MM).toBeLessThan(29);
    // Body lines of page 1 are 28.95 pt apart (225 mm / 22).
    const tops = [...new Set(page1.filter((w) => w.xMin < 40 * MM).map((w) => w.yMin.toFixed(1)))].map(Number).sort((a, b) => a - b);
    const gaps = tops.slice(1).map((t, i) => t - tops[i]).filter((g) => g > 25 && g < 35);
    expect(gaps.length).toBeGreaterThan(8);
    for (const g of gaps) expect(g).toBeCloseTo(579 / 20, 0);
    // Nothing below the 版心 but the page number.
    for (const w of pdfWords(rendered).filter((x) => x.yMin > (37 + 225 + 1) * MM)) expect(w.text).toMatch(/^[—\d]+$/);
  });

  it('opened by LibreOffice: "— n —" right on odd pages and left on even ones, the 一字线 7 mm under the 版心', () => {
    const pages = pageTexts(rendered);
    pages.forEach((page, i) => {
      const numbers = page.split('\n').filter((l) => PAGE_NUMBER_LINE.test(l)).map((l) => Number(PAGE_NUMBER_LINE.exec(l)![1]));
      expect(numbers).toEqual([i + 1]);
    });
    for (const page of [1, 2]) {
      const img = pageImage(rendered, page, 600);
      const number = inkBox(img, { left: 20, top: 37 + 225 + 0.5, right: 200, bottom: 297 })!;
      if (page % 2) expect(number.right).toBeCloseTo(28 + 156 - 14 / MM, 0);
      else expect(number.left).toBeCloseTo(28 + 14 / MM, 0);
      const dash = inkBox(img, { left: number.left, top: number.top, right: number.left + 3, bottom: number.bottom })!;
      expect(dash.bottom - dash.top).toBeLessThan(0.6);
      expect(Math.abs(dash.top - (37 + 225) - 7)).toBeLessThan(1);
    }
  });

  it('says what the PDF says: the same sentences in the same order (pdftotext of both), and the pages side by side', () => {
    const doc = made.preview.document;
    expect(readingOrderProblems(flatText(made.pdfFile!), doc, made.preview.charts)).toEqual([]);
    expect(readingOrderProblems(flatText(rendered), doc, null)).toEqual([]);
    // And so the same sentences, split where they end.
    const sentences = (file: string) => new Set(flatText(file).split('。').filter((s) => /^[^表图]/.test(s) && s.length < 200));
    const inPdf = sentences(made.pdfFile!);
    for (const s of sentences(rendered)) if (!/表\d|图\d/.test(s)) expect(inPdf.has(s), s).toBe(true);
    const pages = Math.min(pdfInfo(rendered).pages, pdfInfo(made.pdfFile!).pages, 4);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (let page = 1; page <= pages; page++) {
      sideBySide(path.join(SCREENSHOT_DIR, `summary-docx-vs-pdf-page${page}.png`), 70, [
        { pdf: made.pdfFile!, page },
        { pdf: rendered, page },
      ]);
    }
  });

  it('with LibreOffice’s own choice of fonts too, the text block starts 37 mm from the top and 28 mm from the left', () => {
    const plain = libreOfficeConvert(made.docxFile, 'pdf', path.join(dir, 'lo-plain'));
    const words = pdfWords(plain).filter((w) => !PAGE_NUMBER_LINE.test(w.text) && w.text !== '—' && w.yMin < (37 + 225) * MM);
    const top = Math.min(...words.filter((w) => w.page === 1).map((w) => w.yMin)) / MM;
    expect(Math.abs(top - 37)).toBeLessThan(1);
    expect(Math.abs(Math.min(...words.map((w) => w.xMin)) / MM - 28)).toBeLessThan(1);
    expect(readingOrderProblems(flatText(plain), made.preview.document, null)).toEqual([]);
  }, 120_000);

  it('a paragraph added to the document is 正文 — 3号 仿宋, indented two characters — after LibreOffice saves the file again', async () => {
    // As a typist adds one: a new paragraph after the opening paragraph, with no style of its own.
    const added = '新增一段：全年组织科技政策宣讲活动12场。';
    const zip = await JSZip.loadAsync(fs.readFileSync(made.docxFile));
    const documentXml = await zip.file('word/document.xml')!.async('string');
    const opening = documentXml.indexOf('</w:p>', documentXml.indexOf('紧紧围绕')) + '</w:p>'.length;
    zip.file('word/document.xml', `${documentXml.slice(0, opening)}<w:p><w:r><w:t>${added}</w:t></w:r></w:p>${documentXml.slice(opening)}`);
    const edited = path.join(dir, 'edited', '编辑后.docx');
    fs.mkdirSync(path.dirname(edited), { recursive: true });
    fs.writeFileSync(edited, await zip.generateAsync({ type: 'nodebuffer' }));
    const resaved = libreOfficeConvert(edited, 'docx', path.join(dir, 'resaved'));
    const again = await readPackage(resaved);
    expect(await again.zip.file('docProps/app.xml')!.async('string')).toContain('LibreOffice');
    const document = await again.xml('word/document.xml');
    const p = all(document, 'p').find((x) => paragraphText(x) === added)!;
    expect(p).toBeDefined();
    const styles = styleSheet(await again.xml('word/styles.xml'));
    const styleId = val(first(p, 'pStyle')) ?? val(styles.defaultParagraphStyle!, 'styleId');
    // Whatever LibreOffice calls the style in its file, it is the Normal style, 3号 仿宋_GB2312.
    expect(styles.name(styleId!)).toBe('Normal');
    const runs = all(p, 'r');
    const own = (tag: string) => runs.map((r) => first(r, tag)).find(Boolean);
    expect(val(own('rFonts'), 'eastAsia') ?? styles.eastAsiaFont(styleId)).toBe('仿宋_GB2312');
    expect(val(own('sz')) ?? styles.size(styleId)).toBe('32');
    const style = styles.byId.get(styleId!)!;
    const ind = first(p, 'ind') ?? first(style, 'ind');
    expect(Number(val(ind, 'firstLine'))).toBeGreaterThanOrEqual(600);
    const spacing = first(style, 'spacing')!;
    expect([val(spacing, 'line'), val(spacing, 'lineRule')]).toEqual(['579', 'exact']);
  }, 120_000);
});

describe('other summaries as Word documents', () => {
  it('unwritten sections are left out, as in the PDF; a 征求意见稿 includes them marked 待补充', async () => {
    const s = await newStore();
    const final = await make(s, { planId: ids.plan }, 'empty');
    expect(final.docx.unwritten).toEqual(['highlights', 'problems']);
    const text = async (file: string) => all(await (await readPackage(file)).xml('word/document.xml'), 'p').map(paragraphText).join('\n');
    const finalText = await text(final.docxFile);
    for (const s of ['亮点工作', '存在的主要问题', '尚未填写', '待补充']) expect(finalText).not.toContain(s);
    expect(finalText).toContain('二、2023年工作思路');
    const draft = await make(s, { planId: ids.plan, draft: '征求意见稿' }, 'empty-draft');
    expect(draft.docx.fileName).toBe('青云谱区2022年科技创新工作总结（征求意见稿）.docx');
    expect(draft.docx.draft).toBe('征求意见稿');
    const draftText = await text(draft.docxFile);
    expect(draftText).toContain('青云谱区2022年科技创新工作总结\n（征求意见稿）\n');
    expect(draftText).toContain('（二）亮点工作\n（本部分尚未填写，待补充。）\n（三）存在的主要问题\n（本部分尚未填写，待补充。）\n二、2023年工作思路');
    // The document model is the PDF's: the same blocks, so the same places.
    expect(readingOrderProblems(flatText(libreOfficeConvert(draft.docxFile, 'pdf', path.join(dir, 'lo-draft'))), draft.preview.document, null)).toEqual([]);
  }, 180_000);

  it('sample figures: 示例数据 under the title and as a watermark on every page', async () => {
    const s = await newStore((s) => s.store.write(writeSampleYearOp()));
    const made = await make(s, { planId: ids.plan }, 'sample');
    expect(made.docx.sampleData).toBe(true);
    expect(made.docx.fileName).toContain('示例数据');
    const pkg = await readPackage(made.docxFile);
    const document = await pkg.xml('word/document.xml');
    expect(all(document, 'p').map(paragraphText)).toContain('（本文所用完成数为示例数据，仅供演示）');
    const headers = all(first(document, 'sectPr')!, 'headerReference').map((r) => val(r, 'type'));
    expect(headers.sort()).toEqual(['default', 'even']);
    const headerParts = pkg.names.filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headerParts.length).toBe(2);
    for (const part of headerParts) expect(await pkg.zip.file(part)!.async('string')).toMatch(/<v:textpath[^>]*string="示例数据"/);
  }, 120_000);

  it('a street’s summary is signed by its 办事处, without the district’s per-unit table', async () => {
    const s = await newStore((s) => s.store.write(writeSampleYearOp(2022, '测试员')));
    const made = await make(s, { planId: ids.plan, unitId: ids.unit['洪都街道'], year: 2022 }, 'street');
    const texts = all(await (await readPackage(made.docxFile)).xml('word/document.xml'), 'p').map(paragraphText);
    expect(texts[0]).toBe('洪都街道2022年科技创新工作总结');
    expect(texts.filter(Boolean).slice(-2)[0]).toBe('洪都街道办事处');
    expect(texts.join('')).toContain('尚差70万元');
    expect(all(await (await readPackage(made.docxFile)).xml('word/document.xml'), 'tbl')).toHaveLength(1);
  }, 120_000);
});
