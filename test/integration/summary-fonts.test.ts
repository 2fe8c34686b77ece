/**
 * Which fonts the summary PDF uses, in the documented order (fonts.ts):
 * TAIZHANG_FONT_DIR (a temp folder standing in for C:\Windows\Fonts) →
 * Windows → Linux CESI → a system sans CJK face for 黑体 and the title →
 * the bundled Noto Serif SC. Fake system roots are temp folders holding
 * links to real font files; then real PDFs are made and read back with
 * pdffonts and pdftotext, with this machine's fonts and with a font folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { machineFontEnvironment, resetFontCache, resolveFontSet, resolveFonts, type FontEnvironment } from '../../electron/core/export/pdf/fonts';
import { heldFontFiles } from '../../electron/core/export/pdf/fontBytes';
import { rehearsalOf, renderSummaryPdf } from '../../electron/core/export/pdf/render';
import { loadSummaryDocumentOp } from '../../electron/core/export/pdf/summaryData';
import { flatText, pdfFonts } from '../helpers/pdfText';
import { pdfTextRuns } from '../helpers/pdfFontRuns';
import { exampleIdsOp, writeSampleProgressOp, writeSampleYearOp } from '../helpers/summaryFixtures';
import { testStore } from '../helpers/testStore';
import { tempDir } from '../helpers/tempDb';
import type { SummaryDocument } from '../../shared/summary/document';

const NOTO_SANS_BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
const WQY = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
const NOTO_SERIF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
const LXGW = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';
const GKAI = '/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf';

let dir: string;
let cleanup: () => void;
const bundledDir = machineFontEnvironment().bundledDir!;
const bundledFile = (weight: string) => path.join(bundledDir, weight, `NotoSerifSC_${weight}.ttf`);

/** A folder holding links named `names` → real font files. */
function fontFolder(name: string, files: Record<string, string>): string {
  const folder = path.join(dir, name);
  for (const [rel, target] of Object.entries(files)) {
    const link = path.join(folder, rel);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link);
  }
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

const env = (e: FontEnvironment): FontEnvironment => ({ fontDir: null, windowsDir: null, systemRoot: null, bundledDir, ...e });

beforeAll(() => {
  ({ dir, cleanup } = tempDir('taizhang-fonts-'));
  // The system faces this test links to; CI installs them (apt-get install fonts-noto-cjk fonts-wqy-zenhei fonts-lxgw-wenkai fonts-arphic-gkai00mp).
  for (const f of [NOTO_SANS_BOLD, WQY, NOTO_SERIF, LXGW, GKAI]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: apt-get install -y fonts-noto-cjk fonts-wqy-zenhei fonts-lxgw-wenkai fonts-arphic-gkai00mp`);
  }
  expect(fs.existsSync(bundledFile('400Regular'))).toBe(true);
});
afterAll(() => {
  delete process.env.TAIZHANG_FONT_DIR;
  resetFontCache();
  cleanup();
});

describe('font resolution order', () => {
  it('a font folder with the Windows names wins for every role; the title falls back to 黑体 without 小标宋', () => {
    const win = fontFolder('win', { 'simfang.ttf': bundledFile('300Light'), 'SIMHEI.TTF': bundledFile('800ExtraBold'), 'simkai.ttf': bundledFile('600SemiBold') });
    // Even with system sans faces present, the folder comes first.
    const root = fontFolder('root-with-sans', { 'usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc': NOTO_SANS_BOLD });
    const set = resolveFontSet(env({ fontDir: win, systemRoot: root }));
    expect(set.fangsong).toEqual({ file: path.join(win, 'simfang.ttf'), source: 'env' });
    // simfang.ttf has no bold face: the same face, emboldened with a stroke (syntheticBold.ts).
    expect(set.fangsongBold).toEqual({ file: path.join(win, 'simfang.ttf'), source: 'env', syntheticBold: true });
    expect(set.heiti).toEqual({ file: path.join(win, 'SIMHEI.TTF'), source: 'env' });
    expect(set.kaiti.file).toBe(path.join(win, 'simkai.ttf'));
    expect(set.title.file).toBe(path.join(win, 'SIMHEI.TTF'));
    // simhei.ttf is one file: the charts use it.
    expect(set.chart.file).toBe(path.join(win, 'SIMHEI.TTF'));
  });

  it('小标宋 in the folder is the title; the Windows folder is used when no font folder is set', () => {
    const win = fontFolder('win-xbs', { 'simfang.ttf': bundledFile('300Light'), 'simhei.ttf': bundledFile('800ExtraBold'), 'FZXBSJW.TTF': bundledFile('900Black') });
    const set = resolveFontSet(env({ windowsDir: win }));
    expect(set.title).toEqual({ file: path.join(win, 'FZXBSJW.TTF'), source: 'windows' });
    expect(set.fangsong.source).toBe('windows');
    // No simkai.ttf there: 楷体 is the bundled one.
    expect(set.kaiti).toEqual({ file: bundledFile('500Medium'), source: 'bundled' });
  });

  it('without Windows or CESI fonts, 黑体 and the title are the system’s Noto Sans CJK SC Bold (a .ttc face)', () => {
    const root = fontFolder('root-noto', { 'usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc': NOTO_SANS_BOLD, 'usr/share/fonts/truetype/wqy/wqy-zenhei.ttc': WQY });
    const set = resolveFontSet(env({ systemRoot: root }));
    const sans = { file: path.join(root, 'usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'), postscriptName: 'NotoSansCJKsc-Bold', source: 'system' };
    expect(set.heiti).toEqual(sans);
    expect(set.title).toEqual(sans);
    // 仿宋 has no free system stand-in: the bundled serif, whose bold face is a real one.
    expect(set.fangsong).toEqual({ file: bundledFile('400Regular'), source: 'bundled' });
    expect(set.fangsongBold).toEqual({ file: bundledFile('700Bold'), source: 'bundled' });
    // No 楷体 or 宋体 installed in this root either.
    expect(set.kaiti.file).toBe(bundledFile('500Medium'));
    expect(set.songti.file).toBe(bundledFile('400Regular'));
    // A .ttc face cannot draw the charts: the bundled single-file font does.
    expect(set.chart).toEqual({ file: bundledFile('400Regular'), source: 'bundled' });
  });

  it('WenQuanYi Zen Hei when Noto Sans CJK is missing', () => {
    const root = fontFolder('root-wqy', { 'usr/share/fonts/truetype/wqy/wqy-zenhei.ttc': WQY });
    const set = resolveFontSet(env({ systemRoot: root }));
    expect(set.heiti).toMatchObject({ postscriptName: 'WenQuanYiZenHei', source: 'system' });
    expect(set.heiti.file).toBe(path.join(root, 'usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'));
  });

  it('the CESI fonts of UOS/麒麟 come before the sans stand-ins', () => {
    const root = fontFolder('root-cesi', {
      'usr/share/fonts/truetype/cesi/CESI_FS_GB2312.TTF': bundledFile('300Light'),
      'usr/share/fonts/truetype/cesi/CESI_HT_GB2312.TTF': bundledFile('800ExtraBold'),
      'usr/share/fonts/truetype/cesi/CESI_KT_GB2312.TTF': bundledFile('600SemiBold'),
      'usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc': NOTO_SANS_BOLD,
    });
    const set = resolveFontSet(env({ systemRoot: root }));
    const cesi = (n: string) => ({ file: path.join(root, 'usr/share/fonts/truetype/cesi', n), source: 'system' });
    expect(set.fangsong).toEqual(cesi('CESI_FS_GB2312.TTF'));
    expect(set.heiti).toEqual(cesi('CESI_HT_GB2312.TTF'));
    expect(set.kaiti).toEqual(cesi('CESI_KT_GB2312.TTF'));
    expect(set.title).toEqual(cesi('CESI_HT_GB2312.TTF')); // no CESI 小标宋 here
    expect(set.chart).toEqual(cesi('CESI_HT_GB2312.TTF'));
  });

  it('楷体 from LXGW WenKai, else AR PL KaitiM GB, before the bundled serif; 宋体 is SimSun, else the bundled 思源宋体', () => {
    const both = fontFolder('root-kai', {
      'usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf': LXGW,
      'usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf': GKAI,
      'usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc': NOTO_SERIF,
    });
    const set = resolveFontSet(env({ systemRoot: both }));
    expect(set.kaiti).toEqual({ file: path.join(both, 'usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf'), source: 'system' });
    // Noto Serif SC is 思源宋体 — the same design as the system's 26 MB Noto Serif CJK collection, already loaded for the body.
    expect(set.songti).toEqual({ file: bundledFile('400Regular'), source: 'bundled' });
    const arphic = fontFolder('root-gkai', { 'usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf': GKAI });
    expect(resolveFontSet(env({ systemRoot: arphic })).kaiti).toEqual({ file: path.join(arphic, 'usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf'), source: 'system' });
    // Windows: 宋体 is simsun.ttc's SimSun face.
    const win = fontFolder('win-song', { 'simsun.ttc': NOTO_SERIF });
    expect(resolveFontSet(env({ windowsDir: win })).songti).toEqual({ file: path.join(win, 'simsun.ttc'), postscriptName: 'SimSun', source: 'windows' });
  });

  it('nothing at all: every role bundled; nothing and no bundle: a Chinese message saying what to install', () => {
    const set = resolveFontSet(env({ systemRoot: fontFolder('root-empty', {}) }));
    for (const role of ['fangsong', 'fangsongBold', 'heiti', 'kaiti', 'title', 'songti'] as const) expect(set[role].source).toBe('bundled');
    expect(set.heiti.file).toBe(bundledFile('900Black'));
    expect(() => resolveFontSet(env({ bundledDir: null }))).toThrow(/找不到生成PDF所需的中文字体.*TAIZHANG_FONT_DIR/);
  });
});

describe('the fonts in real PDFs', () => {
  let doc: SummaryDocument;
  beforeAll(async () => {
    // The document from the project's store (testStore.ts); the fonts are this machine's either way.
    const s = await testStore('example');
    try {
      await s.store.write(writeSampleYearOp(2022, '测试员'));
      // Progress texts make the （一） headings, in 楷体.
      await s.store.write(writeSampleProgressOp(2022));
      doc = await s.store.read(loadSummaryDocumentOp({ planId: (await s.store.read(exampleIdsOp())).plan, today: '2023-01-10' }));
    } finally {
      await s.close();
    }
  });

  async function pdfWith(fontDir: string | null, name: string): Promise<string> {
    if (fontDir) process.env.TAIZHANG_FONT_DIR = fontDir;
    else delete process.env.TAIZHANG_FONT_DIR;
    resetFontCache();
    const pdf = await renderSummaryPdf(doc);
    const file = path.join(dir, name);
    fs.writeFileSync(file, pdf.bytes);
    return file;
  }

  it('this machine (Debian with fonts-noto-cjk): 黑体 and title in Noto Sans CJK SC Bold, body in Noto Serif SC; text extracts exactly', async () => {
    const file = await pdfWith(null, 'machine.pdf');
    expect(resolveFonts().heiti.postscriptName).toBe('NotoSansCJKsc-Bold');
    const names = pdfFonts(file).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toContain('NotoSansCJKsc-Bold');
    expect(names).toContain('NotoSerifSC-Regular');
    // The heavy serif no longer stands in for 黑体.
    expect(names).not.toContain('NotoSerifSC-Black');
    for (const f of pdfFonts(file)) expect(f.embedded && f.subset).toBe(true);
    const text = flatText(file);
    for (const sentence of doc.sentences) expect(text).toContain(sentence);
    expect(text).toContain('（一）主要指标完成情况');
    expect(text).toContain('完成率（%）');
  }, 60_000);

  it('a font folder: its files are the ones embedded', async () => {
    const folder = fontFolder('pdf-folder', { 'simfang.ttf': bundledFile('300Light'), 'simhei.ttf': bundledFile('800ExtraBold'), 'simkai.ttf': bundledFile('600SemiBold') });
    const file = await pdfWith(folder, 'folder.pdf');
    const names = new Set(pdfFonts(file).map((f) => f.name.replace(/^[A-Z]{6}\+/, '')));
    // No simsun.ttc in the folder: the page numbers' 宋体 is the bundled 思源宋体 (Noto Serif SC).
    expect([...names].sort()).toEqual(['NotoSerifSC-ExtraBold', 'NotoSerifSC-Light', 'NotoSerifSC-Regular', 'NotoSerifSC-SemiBold']);
    const text = flatText(file);
    for (const sentence of doc.sentences) expect(text).toContain(sentence);
    // simfang.ttf has no bold face: the "1." leads are the same face, filled and stroked (text render mode 2) —
    // and nothing else is.
    const runs = pdfTextRuns(file);
    const stroked = runs.filter((r) => r.mode === 2);
    expect(stroked.map((r) => r.text)).toContain('1.');
    expect(new Set(stroked.map((r) => r.font))).toEqual(new Set(['NotoSerifSC-Light']));
    const leads = doc.blocks.flatMap((b) => (b.kind === 'paragraph' && b.level === 3 ? [b.lead] : []));
    expect(stroked.map((r) => r.text).join('')).toBe(leads.join(''));
  }, 60_000);

  it('reads each font file once per process, not once per PDF (nor once per chart label)', async () => {
    delete process.env.TAIZHANG_FONT_DIR;
    resetFontCache();
    const fontFiles = new Set(Object.values(resolveFonts()).map((f) => path.resolve(f.file)));
    const spy = vi.spyOn(fs, 'readFileSync');
    // A chart font pdfkit cannot open is only a warning (the labels fall back to another font).
    const warn = vi.spyOn(console, 'warn');
    const fontReads = () => spy.mock.calls.filter(([p]) => typeof p === 'string' && fontFiles.has(path.resolve(p))).length;
    try {
      await renderSummaryPdf(doc);
      // The first PDF of this test may find the bytes held already (earlier tests): at most one read each.
      expect(fontReads()).toBeLessThanOrEqual(fontFiles.size);
      expect(heldFontFiles()).toBeGreaterThanOrEqual(fontFiles.size);
      spy.mockClear();
      const second = await renderSummaryPdf(doc);
      expect(fontReads()).toBe(0);
      // And the charts' labels, drawn with a font from memory, are there as text.
      const file = path.join(dir, 'second.pdf');
      fs.writeFileSync(file, second.bytes);
      const text = flatText(file);
      expect(text).toContain('完成率（%）');
      expect(text).toMatch(/图1.*完成率（%）.*图2/);
      expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => /font/i.test(m))).toEqual([]);
    } finally {
      spy.mockRestore();
      warn.mockRestore();
    }
  }, 60_000);

  it('the warm-up rehearsal keeps one block of each kind, charts and tables included', () => {
    const kinds = (d: typeof doc) => d.blocks.map((b) => (b.kind === 'paragraph' ? `paragraph${b.level}` : b.kind));
    const short = rehearsalOf(doc);
    expect(new Set(kinds(short))).toEqual(new Set(kinds(doc)));
    expect(kinds(short)).toHaveLength(new Set(kinds(doc)).size);
    expect(kinds(short)).toContain('chart');
    expect(kinds(short)).toContain('table');
    expect(short.blocks.length).toBeLessThan(doc.blocks.length / 3);
  });
});
