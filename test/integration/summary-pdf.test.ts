/**
 * The 年度工作总结 PDF from a real store (a SQLite file, or PostgreSQL in the
 * `postgres` project: testStore.ts), read back with poppler: every
 * number sentence extracts exactly as computed; A4, GB/T 9704 margins, 22
 * lines a page, page numbers right on odd pages and left on even; fonts
 * embedded and subset; no line starts with closing punctuation; a summary
 * without figures says so. Generation goes through the API and the worker thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { generateSummaryPdf, stopPdfWorker } from '../../electron/core/jobs/summaryPdfJob';
import { loadSummaryDocumentOp } from '../../electron/core/export/pdf/summaryData';
import type { SummaryPdf, SummaryPreview } from '../../shared/api/methods/summary';
import { tempDir } from '../helpers/tempDb';
import { exampleIdsOp, writeSampleProgressOp, writeSampleYearOp, type Ids } from '../helpers/summaryFixtures';
import { testStore, type TestStore } from '../helpers/testStore';
import { flatText, pageTexts, pdfFonts, pdfInfo, pdfWords, PAGE_NUMBER_LINE } from '../helpers/pdfText';
import { inkBox, pageImage } from '../helpers/pageImage';
import { pdfTextRuns } from '../helpers/pdfFontRuns';
import { resolveFonts, type FontFile } from '../../electron/core/export/pdf/fonts';
import { readPostscriptName } from '../../electron/core/export/pdf/metrics';

const psName = (file: string) => readPostscriptName(file);

const MM = 72 / 25.4;
let dir: string;
let cleanup: () => void;
let ids: Ids;
const stores: TestStore[] = [];

async function call<T>(core: Core, method: string, request: unknown): Promise<T> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** Writes the PDF of `request` from the store `s`, and returns its file and the document the core built. */
async function summaryPdf(s: TestStore, request: Record<string, unknown>, name: string) {
  const preview = await call<SummaryPreview>(s.core, 'summary.preview', request);
  const pdf = await call<SummaryPdf>(s.core, 'summary.pdf', { ...request, today: '2023-01-10' });
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  return { file, pdf, doc: preview.document };
}

/** A new example store (closed after the file), `fill` written into it; `ids` are its plan's. */
async function newStore(fill?: (s: TestStore) => Promise<unknown>): Promise<TestStore> {
  const s = await testStore('example');
  stores.push(s);
  ids = await s.store.read(exampleIdsOp());
  await fill?.(s);
  return s;
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir('taizhang-summary-'));
});
afterAll(async () => {
  await stopPdfWorker();
  for (const s of stores) await s.close();
  cleanup();
});

describe('district summary with figures (entered by a person, not sample data)', () => {
  let file: string;
  let doc: SummaryPreview['document'];
  let pdf: SummaryPdf;

  beforeAll(async () => {
    const s = await newStore(async (s) => {
      await s.store.write(writeSampleYearOp(2022, '测试员'));
      await s.store.write(writeSampleProgressOp(2022));
    });
    ({ file, doc, pdf } = await summaryPdf(s, { planId: ids.plan, year: 2022 }, 'district.pdf'));
  }, 60_000);

  it('is an A4 PDF of several pages, under 1 MB, titled as the document', () => {
    const info = pdfInfo(file);
    expect(info.width).toBeCloseTo(595.28, 1);
    expect(info.height).toBeCloseTo(841.89, 1);
    expect(info.pages).toBe(pdf.pages);
    expect(info.pages).toBeGreaterThanOrEqual(4);
    expect(info.title).toBe('青云谱区2022年科技创新工作总结');
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    expect(pdf.sampleData).toBe(false);
    expect(pdf.fileName).toBe('青云谱区2022年科技创新工作总结.pdf');
    expect(pdf.unwritten).toEqual([]);
  });

  it('contains every number sentence exactly as computed', () => {
    const text = flatText(file);
    expect(doc.sentences.length).toBe(7); // six indicators and the closing sentence
    for (const sentence of doc.sentences) expect(text).toContain(sentence.replace(/\s+/g, ''));
    // And the computed numbers are the ones of the figures written above (145 of 140 家).
    expect(doc.sentences[1]).toBe('2.科技型中小企业。2022年，全区科技型中小企业达到145家，超额完成140家的年度目标，完成率103.6%，同比增长13.3%。');
    // Two streets reported one platform each: the district's figure is their sum, never 暂未填报.
    expect(doc.sentences[3]).toBe('4.新增市级以上研发平台和创新载体。2022年，全区新增市级以上研发平台和创新载体达到2个，完成1-3个的年度目标。');
    expect(text).not.toContain('暂未填报');
  });

  it('has the structure of seed 001, the opening paragraph, the tables, both charts, and no placeholder', () => {
    const text = flatText(file);
    const inOrder = [
      '青云谱区2022年科技创新工作总结',
      '一、2022年工作情况',
      '2022年，我区紧紧围绕《2022年青云谱区科技创新基础大提升工作要点》确定的目标任务，推进科技创新各项工作。6项主要指标均完成年度目标；16项重点任务中，已完成5项，10项正在推进，1项进展滞后。',
      '（一）主要指标完成情况',
      '以上6项指标均完成年度目标，其中5项超额完成。具体数据见表1、表2和图1、图2。',
      '表1',
      '表2',
      '图1青云谱区2022年各指标完成率',
      '图2各单位2022年指标完成率',
      '（二）亮点工作',
      '1.科技创新区域优化布局行动稳步推进。一是推进数字经济“一号发展工程”，',
      '（三）存在的主要问题',
      '1.区委人才办牵头的“大力宣传人才引育政策”任务进展滞后。',
      '二、2023年工作思路',
      '2023年，将对照本年度尚未完成的目标任务，重点抓好以下工作。',
      '青云谱区科学技术和工业信息化局',
      '2023年1月10日',
    ];
    let at = 0;
    for (const s of inOrder) {
      const found = text.indexOf(s, at);
      expect(found, s).toBeGreaterThanOrEqual(0);
      at = found + s.length;
    }
    for (const s of ['三家店街道', '完成率（%）']) expect(text).toContain(s);
    // Task 7 (技术合同登记额突破7亿元) reported late, but section 一 says 7.48亿元 of 7: it is no problem.
    expect(text).not.toContain('技术合同登记额突破7亿元”任务进展滞后');
    for (const placeholder of ['尚未填写', '待补充', '暂未填报']) expect(text).not.toContain(placeholder);
    // Amounts in sentences never at three decimals.
    expect(text.match(/\d+\.\d{3,}亿元/g) ?? []).toEqual([]);
  });

  it('lays the text on the GB/T 9704 grid: margins 37/28 mm, 156 mm wide, 22 lines a page', () => {
    const words = pdfWords(file).filter((w) => !PAGE_NUMBER_LINE.test(w.text) && w.text !== '—');
    const page1 = words.filter((w) => w.page === 1);
    expect(Math.min(...page1.map((w) => w.yMin))).toBeCloseTo(37 * MM, 0);
    // Text lines above the page number (not the rotated watermark, not the footer).
    const body = words.filter((w) => w.yMax - w.yMin < 30 && w.yMin < (37 + 225) * MM);
    expect(Math.min(...body.map((w) => w.xMin))).toBeGreaterThanOrEqual(28 * MM - 0.5);
    expect(Math.max(...body.map((w) => w.xMax))).toBeLessThanOrEqual((28 + 156) * MM + 0.5);
    expect(Math.max(...body.map((w) => w.yMax))).toBeLessThanOrEqual((37 + 225) * MM + 1);
    // Consecutive body lines on page 1 are 225/22 mm apart.
    const tops = [...new Set(page1.filter((w) => w.xMin < 28 * MM + 40).map((w) => w.yMin.toFixed(2)))].map(Number).sort((a, b) => a - b);
    const gaps = tops.slice(1).map((t, i) => t - tops[i]).filter((g) => g < 40);
    expect(gaps.length).toBeGreaterThan(8);
    for (const g of gaps) expect(g).toBeCloseTo((225 / 22) * MM, 1);
    // A full line holds 28 characters: the first full line of body text ends at the right edge.
    const full = page1.filter((w) => Math.abs(w.xMax - (28 + 156) * MM) < 1 && !/[A-Za-z0-9]/.test(w.text));
    expect(full.length).toBeGreaterThan(0);
  });

  it('numbers pages "— n —" in 4号 宋体, right on odd pages and left on even, the dash 7 mm under the text block', () => {
    const texts = pageTexts(file);
    texts.forEach((page, i) => {
      const numbers = page.split('\n').filter((l) => PAGE_NUMBER_LINE.test(l));
      expect(numbers.map((l) => Number(PAGE_NUMBER_LINE.exec(l)![1]))).toEqual([i + 1]);
    });
    for (const page of [1, 2]) {
      // Where the ink is, as a reader sees it (600 dpi): the block of "— 1 —" below the text block…
      const img = pageImage(file, page, 600);
      const number = inkBox(img, { left: 20, top: 37 + 225 + 0.5, right: 200, bottom: 297 })!;
      expect(number).not.toBeNull();
      // …one character (4号, 14 pt ≈ 4.94 mm) in from the edge of the text block, right on odd pages, left on even…
      if (page % 2) expect(number.right).toBeCloseTo(28 + 156 - 14 / MM, 0);
      else expect(number.left).toBeCloseTo(28 + 14 / MM, 0);
      // …and its first 一字线, a thin horizontal stroke whose top lies 7 mm under the text block (GB/T 9704 7.5).
      const dash = inkBox(img, { left: number.left, top: number.top, right: number.left + 3, bottom: number.bottom })!;
      expect(dash.bottom - dash.top).toBeLessThan(0.6);
      expect(dash.top - (37 + 225)).toBeGreaterThan(6.75);
      expect(dash.top - (37 + 225)).toBeLessThan(7.25);
      // 4号 digits: about 14 pt tall glyph boxes at most.
      expect(number.bottom - number.top).toBeLessThan((14 / MM) * 1.1);
    }
  });

  it('sets each role in its font: 宋体 page numbers, 黑体 一、, 楷体 （一）, bold 1. leads, 仿宋 body', () => {
    const fonts = resolveFonts();
    const runs = pdfTextRuns(file);
    const fontOf = (pred: (t: string) => boolean) => [...new Set(runs.filter((r) => pred(r.text)).map((r) => r.font))];
    const name = (f: FontFile) => f.postscriptName ?? psName(f.file);
    // "— 1 —" is drawn as three runs: the dashes and the number between them.
    const numberRuns = runs.flatMap((r, i) => (r.text.trim() === '—' && runs[i + 2]?.text.trim() === '—' && /^\d+$/.test(runs[i + 1].text.trim()) ? [r, runs[i + 1], runs[i + 2]] : []));
    expect(numberRuns.length).toBe(3 * pdf.pages);
    expect([...new Set(numberRuns.map((r) => r.font))]).toEqual([name(fonts.songti)]);
    expect(fontOf((t) => t === '一、')).toEqual([name(fonts.heiti)]);
    expect(fontOf((t) => t === '（一）' || t === '（二）')).toEqual([name(fonts.kaiti)]);
    expect(fontOf((t) => /^1\.$/.test(t))).toEqual([name(fonts.fangsongBold)]);
    expect(fontOf((t) => t === '紧' || t === '围')).toEqual([name(fonts.fangsong)]);
    // On this machine (Debian, fonts-noto-cjk, fonts-lxgw-wenkai): real faces of the right kind, none stroked.
    expect(name(fonts.songti)).toBe('NotoSerifSC-Regular'); // 思源宋体
    expect(name(fonts.kaiti)).toBe('LXGWWenKai-Regular');
    expect(runs.filter((r) => r.mode !== 0)).toEqual([]);
  });

  it('splits a table across pages with its header repeated, and breaks cells and chart labels only between words', () => {
    const pages = pageTexts(file, true);
    // 表2 (units × 附件2 indicators) runs over a page break: each page with its rows carries its header too.
    const withRows = pages.filter((p) => /(三家店街道|徐家坊街道|青云谱镇|新经济产业集聚区)\s+\d/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(1);
    for (const p of withRows) {
      expect(p).toContain('技术合同成交额（亿元）');
      expect(p).toMatch(/目标\s+完成数\s+完成率/);
    }
    // Where 表2 begins, its caption is on the same page as its first rows (moved with them, not left behind).
    const captionPage = pages.findIndex((p) => p.replace(/\s+/g, '').includes('各单位2022年指标完成情况'));
    expect(captionPage).toBeGreaterThanOrEqual(0);
    expect(pages[captionPage]).toMatch(/三家店街道\s+\d/);
    // No short label is cut inside a word (issue 17 saw "科技型中小企/业"), in tables or charts.
    const lines = pages.flatMap((p) => p.split('\n'));
    for (const word of ['科技型中小企业', '新经济产业集聚区', '高新技术企业']) {
      const head = word.slice(0, -1);
      for (const l of lines.filter((x) => x.includes(head))) expect(l, l).toContain(word);
    }
  });

  it('never ends a page with a heading', () => {
    for (const page of pageTexts(file)) {
      const lines = page.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !PAGE_NUMBER_LINE.test(l));
      expect(lines.at(-1)).not.toMatch(/^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。]*$/);
    }
  });

  it('never starts a line with closing punctuation (禁则)', () => {
    const starts = pdfWords(file);
    const lines = new Map<string, typeof starts>();
    for (const w of starts) {
      const key = `${w.page}|${w.yMin.toFixed(1)}`;
      lines.set(key, [...(lines.get(key) ?? []), w]);
    }
    const bad: string[] = [];
    for (const words of lines.values()) {
      const first = words.reduce((a, b) => (b.xMin < a.xMin ? b : a));
      if (first.xMin < 28 * MM + 2 && /^[，。、；：！？）》”’」』%…]/.test(first.text)) bad.push(words.map((w) => w.text).join(''));
    }
    expect(bad).toEqual([]);
    // There are plenty of lines to check: the body runs over several pages.
    expect(lines.size).toBeGreaterThan(80);
  });

  it('embeds its fonts as subsets, so the file stays small', () => {
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) {
      expect(f.embedded).toBe(true);
      expect(f.subset).toBe(true);
    }
  });
});

describe('summaries of other shapes', () => {
  it('no figures and no progress: says so, and leaves the unwritten sections out (a draft prints them marked)', async () => {
    const s = await newStore();
    const { file, doc, pdf } = await summaryPdf(s, { planId: ids.plan }, 'empty.pdf');
    expect(doc.noFigures).toBe(true);
    expect(doc.unwritten).toEqual(['highlights', 'problems']);
    const text = flatText(file);
    for (const sentence of doc.sentences) expect(text).toContain(sentence);
    expect(text).toContain('5.技术合同成交额。年度目标为7亿元，2022年完成数暂未填报。');
    expect(text).toContain('各项指标均暂无完成数据');
    expect(text).not.toContain('图1');
    for (const s of ['亮点工作', '存在的主要问题', '尚未填写', '待补充']) expect(text).not.toContain(s);
    // 工作思路 is pre-filled with what is unfinished: every task, as none reported progress.
    expect(text).toContain('二、2023年工作思路');
    expect(text).toContain('1.继续推进数字经济“一号发展工程”。');
    expect(pdfInfo(file).pages).toBe(pdf.pages);

    const draft = await summaryPdf(s, { planId: ids.plan, draft: '草稿' }, 'empty-draft.pdf');
    const draftText = flatText(draft.file);
    expect(draft.pdf.draft).toBe('草稿');
    expect(draft.pdf.fileName).toBe('青云谱区2022年科技创新工作总结（草稿）.pdf');
    expect(draftText).toContain('青云谱区2022年科技创新工作总结（草稿）一、2022年工作情况');
    expect(draftText).toContain('（二）亮点工作（本部分尚未填写，待补充。）（三）存在的主要问题（本部分尚未填写，待补充。）二、2023年工作思路');
  }, 90_000);

  it('a street: its own title, scope, rank, and the saved sections numbered by level', async () => {
    const s = await newStore((s) => s.store.write(writeSampleYearOp(2022, '测试员')));
    const unitId = ids.unit['三家店街道'];
    await call(s.core, 'summary.save', {
      planId: ids.plan,
      unitId,
      year: 2022,
      sections: {
        highlights: [
          { level: 2, text: '平台建设' },
          { level: 3, text: '新建众创空间。全年新建众创空间1家，入驻企业12家。' },
          { level: 4, text: '举办路演活动4场' },
          { level: 2, text: '（二）人才引育' },
        ],
        problems: [{ level: 0, text: '企业研发投入意愿仍需提高。' }],
        nextYear: [{ level: 3, text: '力争科技型中小企业达到25家。' }],
      },
    });
    const { file, doc } = await summaryPdf(s, { planId: ids.plan, unitId, year: 2022 }, 'street.pdf');
    const text = flatText(file);
    expect(doc.title).toBe('三家店街道2022年科技创新工作总结');
    expect(text).toContain('三家店街道2022年科技创新工作总结');
    for (const sentence of doc.sentences) expect(text).toContain(sentence);
    expect(doc.sentences[0]).toMatch(/^1\.科技型中小企业。2022年，全街道科技型中小企业达到24家，超额完成21家的年度目标，完成率114\.3%，同比增长\d+\.\d%，在7个街道、镇、集聚区中排名第\d。$/);
    // The sections under （二）（三） number 1. and （1）: the （一） typed under 亮点工作 moves down a level, with what is under it.
    for (const s of ['（二）亮点工作', '1.平台建设', '（1）新建众创空间。全年新建众创空间1家，入驻企业12家。', '（2）举办路演活动4场', '2.人才引育', '（三）存在的主要问题', '企业研发投入意愿仍需提高。', '二、2023年工作思路', '1.力争科技型中小企业达到25家。', '三家店街道办事处']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('表2'); // the per-unit table is the district's
  }, 60_000);

  it('sample figures are labelled 示例数据 on every page', async () => {
    const s = await newStore((s) => s.store.write(writeSampleYearOp()));
    const { file, pdf } = await summaryPdf(s, { planId: ids.plan }, 'sample.pdf');
    expect(pdf.sampleData).toBe(true);
    expect(pdf.fileName).toContain('示例数据');
    const words = pdfWords(file);
    for (let page = 1; page <= pdf.pages; page++) {
      // The watermark is drawn per character, rotated: all four characters appear on each page.
      const chars = words.filter((w) => w.page === page).map((w) => w.text).join('');
      for (const ch of '示例数据') expect(chars).toContain(ch);
    }
    expect(flatText(file)).toContain('（本文所用完成数为示例数据，仅供演示）');
  }, 60_000);

  it('runs in the worker thread and reports progress up to done', async () => {
    const s = await newStore((s) => s.store.write(writeSampleYearOp(2022, '测试员')));
    const doc = await s.store.read(loadSummaryDocumentOp({ planId: ids.plan, today: '2023-01-10' }));
    const seen: { stage: string; fraction: number }[] = [];
    const pdf = await generateSummaryPdf(doc, (p) => seen.push(p));
    expect(Buffer.from(pdf.bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(seen.map((p) => p.stage)).toContain('write');
    expect(seen.at(-1)).toEqual({ stage: 'done', fraction: 1 });
    for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen.length).toBeLessThan(40); // throttled, not one message per glyph run
  }, 60_000);

  it('refuses a unit outside the plan and a year outside it, in Chinese', async () => {
    const { core } = await newStore();
    const dept = await core.call('summary.pdf', { planId: ids.plan, unitId: ids.unit['区科工局'] });
    expect(dept.ok).toBe(false);
    if (!dept.ok) expect(dept.error.message).toContain('不是“2022年青云谱区科技创新基础大提升工作要点”的填报单位');
    const year = await core.call('summary.get', { planId: ids.plan, year: 2030 });
    expect(year.ok).toBe(false);
    if (!year.ok) expect(year.error.message).toContain('年份 2030 不在');
  });
});
