/**
 * 报表导出 → 年度工作总结 in a real browser: the editor opens with the
 * pre-fill from task progress, edits are saved, the preview shows the
 * document with its charts (no CSP complaints), and 生成PDF downloads a PDF
 * whose text is the document's, showing the core's progress stages while the
 * window stays usable. Sample figures, labelled 示例数据.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { stopPdfWorker } from '../../electron/core/jobs/summaryPdfJob';
import { startWebHost } from '../../electron/web/host';
import { writeSampleProgress, writeSampleYear } from '../helpers/summaryFixtures';
import { flatText, pdfInfo } from '../helpers/pdfText';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR, screenshot } from './browser';

let tmpDir: string;
let core: Core;
let host: { url: string; token: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  assertRendererBuilt();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-summary-'));
  const dbPath = path.join(tmpDir, 'taizhang.sqlite');
  openCore({ dbPath }).close();
  const { db } = openDb(dbPath);
  writeSampleYear(db);
  writeSampleProgress(db);
  db.close();
  core = openCore({ dbPath });
  host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  problems = collectPageProblems(page);
  await page.goto(`${host.url}#/reports`);
  await page.locator('[data-testid="summary-card"]').waitFor();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  core?.close();
  await stopPdfWorker();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('年度工作总结 in the browser', () => {
  it('the card sits on 报表导出', async () => {
    const card = page.locator('[data-testid="summary-card"]');
    await expect(card.textContent()).resolves.toContain('年度工作总结（PDF）');
    await screenshot(page, 'e2e-summary-card');
  });

  it('the editor opens with the draft from task progress, numbered by level, and saves edits', async () => {
    await page.locator('[data-testid="summary-edit-button"]').click();
    const editor = page.locator('[data-testid="summary-editor"]');
    await editor.waitFor();
    await page.locator('[data-testid="summary-prefilled"]').waitFor();
    const highlights = page.locator('[data-testid="summary-section-highlights"] [data-testid="summary-paragraph"]');
    expect(await highlights.count()).toBeGreaterThan(10);
    await expect(highlights.nth(0).locator('textarea').inputValue()).resolves.toBe('科技创新区域优化布局行动');
    await expect(highlights.nth(0).locator('[aria-label="编号"]').textContent()).resolves.toBe('（一）');
    await expect(highlights.nth(1).locator('[aria-label="编号"]').textContent()).resolves.toBe('1.');
    // Write the next-year section: a heading and an item.
    await page.locator('[data-testid="summary-add-heading-nextYear"]').click();
    const next = page.locator('[data-testid="summary-section-nextYear"] [data-testid="summary-paragraph"]');
    await next.nth(0).locator('textarea').fill('持续壮大创新主体');
    await page.locator('[data-testid="summary-add-item-nextYear"]').click();
    await next.nth(1).locator('textarea').fill('力争高新技术企业突破90家。');
    await expect(next.nth(1).locator('[aria-label="编号"]').textContent()).resolves.toBe('1.');
    await screenshot(page, 'e2e-summary-editor');
    await page.locator('[data-testid="summary-save"]').click();
    await page.locator('[data-testid="summary-prefilled"]').waitFor({ state: 'detached' });
  });

  it('the preview shows the document with its sentences and charts', async () => {
    await page.locator('[data-testid="summary-save-preview"]').click();
    const preview = page.locator('[data-testid="summary-preview"]');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('青云谱区科工局2022年科技创新工作总结');
    expect(text).toContain('一、主要指标完成情况');
    expect(text).toMatch(/5\.技术合同成交额。2022年，全区技术合同成交额达到[\d.]+亿元，完成年度目标（7亿元）的[\d.]+%/);
    expect(text).toContain('（一）持续壮大创新主体');
    expect(text).toContain('1.力争高新技术企业突破90家。');
    expect(text).toContain('示例数据');
    const charts = preview.locator('.tz-doc-chart img');
    expect(await charts.count()).toBe(2);
    // The SVG images really loaded (a CSP block would leave them 0 × 0). Decoding a data: URL
    // finishes after the <img> is in the page, so wait for it rather than read it at once.
    const widths = () => charts.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    await expect.poll(async () => Math.min(...(await widths())), { timeout: 10_000 }).toBeGreaterThan(100);
    for (const w of await widths()) expect(w).toBeGreaterThan(100);
    await screenshot(page, 'e2e-summary-preview');
    await charts.nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-summary-preview-charts');
    expect(problems).toEqual([]);
  });

  it('生成PDF downloads the PDF of the same document', async () => {
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.locator('[data-testid="summary-preview-pdf"]').click();
    const file = path.join(tmpDir, 'downloaded.pdf');
    await (await download).saveAs(file);
    expect(pdfInfo(file).title).toBe('青云谱区科工局2022年科技创新工作总结');
    const text = flatText(file);
    expect(text).toContain('（一）持续壮大创新主体');
    expect(text).toContain('1.力争高新技术企业突破90家。');
    await page.locator('[data-testid="summary-result"]').waitFor();
    // The progress bar ends at 100% 已完成.
    const progress = page.locator('[data-testid="summary-progress"]');
    await expect(progress.getAttribute('data-done')).resolves.toBe('true');
    await expect(page.locator('[data-testid="summary-progress-stage"]').textContent()).resolves.toBe('已完成');
    await expect(progress.locator('[role="progressbar"]').getAttribute('aria-valuenow')).resolves.toBe('100');
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows the stage while the PDF is generated, and the window stays usable meanwhile', async () => {
    // Close the preview; generate from the card itself.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="summary-preview"]').waitFor({ state: 'detached' });
    const stages = await page.evaluate(() => {
      // Record every stage text the bar shows, from before the click on.
      const seen: string[] = [];
      const w = window as unknown as { __stages: string[] };
      w.__stages = seen;
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="summary-progress-stage"]')?.textContent;
        if (t && seen.at(-1) !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
      return seen;
    });
    expect(stages).toEqual([]);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.locator('[data-testid="summary-pdf-button"]').click();
    await page.locator('[data-testid="summary-progress"][data-done="false"]').waitFor();
    // While it runs: the year list still opens and answers.
    await page.locator('[aria-label="年度"]').click({ force: true });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await screenshot(page, 'e2e-summary-progress');
    await page.keyboard.press('Escape');
    await download;
    await page.locator('[data-testid="summary-progress"][data-done="true"]').waitFor();
    const all = await page.evaluate(() => (window as unknown as { __stages: string[] }).__stages);
    // (The bar still said 已完成 from the previous PDF until the click.)
    const shown = all.slice(all.findIndex((t) => t.startsWith('正在')));
    // The bar started before the work was done and ended at 已完成; the core's stages passed through.
    expect(shown[0]).toMatch(/^(正在准备|正在计算指标)/);
    expect(shown.at(-1)).toBe('已完成');
    expect(shown.some((t) => /^正在(绘制图表|排版|写入PDF)/.test(t))).toBe(true);
    await screenshot(page, 'e2e-summary-progress-done');
    expect(problems).toEqual([]);
  }, 90_000);
});
