/**
 * The exported sheets printed the way an office prints them: LibreOffice
 * converts each to PDF (apt: libreoffice-calc), poppler reads it back
 * (apt: poppler-utils). Every page must be A4, carry every column (one page
 * wide, header repeated), the page number, and no "###". PNGs of the pages
 * go to test-results/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStore } from '../helpers/testStore';
import { exportFixture, type ExportFixture } from './export-excel-helpers';
import { inkBox, pageImage } from '../helpers/pageImage';

const OUT = path.resolve('test-results');
let fx: ExportFixture;
let home: string;

function need(tool: string): void {
  try {
    execFileSync('which', [tool], { stdio: 'pipe' });
  } catch {
    throw new Error(`${tool} is missing: install it with apt-get install -y libreoffice-calc poppler-utils`);
  }
}

/** xlsx → PDF with LibreOffice (needs a writable HOME for its profile). */
function toPdf(xlsx: string): string {
  const outDir = path.join(fx.dir, 'pdf');
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, xlsx], {
    env: { ...process.env, HOME: home },
    stdio: 'pipe',
    timeout: 120_000,
  });
  const pdf = path.join(outDir, path.basename(xlsx).replace(/\.xlsx$/, '.pdf'));
  expect(fs.existsSync(pdf)).toBe(true);
  return pdf;
}

function pagesOf(pdf: string): { count: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return { count, width: Number(w), height: Number(h) };
}

const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');

function pngs(pdf: string, name: string): void {
  fs.mkdirSync(OUT, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(OUT, name)]);
}

async function render(req: Parameters<ExportFixture['exportSheet']>[0], name: string) {
  const { file, result } = await fx.exportSheet(req);
  const pdf = toPdf(file);
  pngs(pdf, name);
  const pages = pagesOf(pdf);
  const texts = Array.from({ length: pages.count }, (_, i) => pageText(pdf, i + 1));
  return { result, pages, texts, all: texts.join('\n'), pdf };
}

/** A4 in points, either way round. */
function expectA4(p: { width: number; height: number }, orientation: 'portrait' | 'landscape') {
  const [w, h] = orientation === 'portrait' ? [595, 842] : [842, 595];
  expect(Math.round(p.width)).toBe(w);
  expect(Math.round(p.height)).toBe(h);
}

beforeAll(async () => {
  need('soffice');
  need('pdftotext');
  need('pdftoppm');
  fx = await exportFixture(await testStore('example'));
  home = path.join(fx.dir, 'home');
  fs.mkdirSync(home, { recursive: true });
});
afterAll(async () => {
  await fx?.close();
});

describe('exported sheets printed through LibreOffice', () => {
  it('附件1: A4 portrait, all columns and the header on every page, numbered pages', async () => {
    const { pages, texts, all } = await render({ sheet: 'annex1' }, 'export-annex1');
    expectA4(pages, 'portrait');
    texts.forEach((t, i) => {
      for (const h of ['序号', '工作内容', '牵头单位', '责任单位']) expect(t).toContain(h);
      expect(t.replace(/\s+/g, '')).toContain(`第${i + 1}页共${pages.count}页`);
    });
    expect(texts[0]).toContain('附件1');
    expect(texts[0]).toContain('2022年工作要点任务分解表');
    for (const line of ['(一) 科技创新区域优化布局行动', '(七) 科技创新关键技术攻坚行动']) expect(all).toContain(line);
    expect(all).toContain('区科工局，各街道、镇、集聚区');
    expect(all).toContain('加强关键核心技术攻关');
    expect(all).not.toContain('###');
  }, 180_000);

  it('附件2: one page as the notice issued it — its headers, 7 / 0.05 / 0.5, no check line, centred', async () => {
    const { pages, texts, pdf } = await render({ sheet: 'annex2' }, 'export-annex2');
    expectA4(pages, 'portrait');
    expect(pages.count).toBe(1);
    const t = texts[0];
    const squashed = t.replace(/\s+/g, '');
    expect(t).toContain('2022年有关科技创新指导性任务分解表');
    // Headers wrap over two lines (the measure unit on its own), so the words are looked for one by one.
    for (const h of ['县区', '科技型中小企业', '2022年高新技术企业数量', '2022年技术合同成交额', '（家）', '（亿元）']) expect(squashed).toContain(h);
    expect(t).toMatch(/青云谱区 140 76 7\s*\n/);
    expect(t).toMatch(/洪都街道 8 4 0\.05\s*\n/);
    expect(t).toMatch(/京山街道 13 7 0\.5\s*\n/);
    expect(t).not.toMatch(/7\.00|0\.50/);
    // The sum check is outside the print area.
    expect(t).not.toContain('合计校验');
    expect(t).not.toContain('###');
    // The table's borders sit as far from the left edge of the paper as from the right.
    const img = pageImage(pdf, 1, 150);
    const box = inkBox(img, { left: 0, top: 40, right: 210, bottom: 120 })!;
    expect(box).not.toBeNull();
    expect(Math.abs(box.left - (210 - box.right))).toBeLessThan(2);
  }, 180_000);

  it('完成情况统计表: status words print beside their colours, every page carries every column', async () => {
    await fx.put('三家店街道', '技术合同成交额', '2022-09', 2.4);
    await fx.put('洪都街道', '技术合同成交额', '2022-09', 0.035);
    await fx.put('徐家坊街道', '技术合同成交额', '2022-09', 1.5);
    await fx.put('三家店街道', '技术合同成交额', '2021-09', 2.0);
    await fx.put('洪都街道', '科技型中小企业', '2022Q3', 9);
    const { pages, texts, all } = await render({ sheet: 'progress', period: '2022-09' }, 'export-progress');
    expectA4(pages, 'portrait');
    texts.forEach((t, i) => {
      for (const h of ['单位', '目标值', '完成率', '时序进度', '状态', '同比', '排名']) expect(t).toContain(h);
      expect(t.replace(/\s+/g, '')).toContain(`第${i + 1}页共${pages.count}页`);
    });
    for (const w of ['正常', '滞后', '严重滞后']) expect(all).toContain(w);
    expect(all).toMatch(/三家店街道 3\.00 2\.40 80\.0% 75\.0% 正常 \+20\.0% 1/);
    expect(all).toContain('112.5%'); // 洪都街道 9 of 8 科技型中小企业
    expect(all).not.toContain('###');
  }, 180_000);

  it('完成情况统计表 for one unit fits one A4 page', async () => {
    const { pages, texts } = await render({ sheet: 'progress', period: '2022-09', unitId: fx.unit['洪都街道'] }, 'export-progress-unit');
    expect(pages.count).toBe(1);
    expect(texts[0]).toContain('洪都街道2022年1-9月科技创新主要指标完成情况统计表');
    expect(texts[0]).toContain('排名');
    expect(texts[0]).not.toContain('###');
  }, 180_000);
});
