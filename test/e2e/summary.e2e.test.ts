/**
 * 报表导出 → 年度工作总结 in a real browser: the card shows the title, the
 * issuer's full name and the 成文日期 (a past year's default, then changed
 * and saved); the editor opens with the pre-fill in seed 001's structure;
 * an emptied section is listed before 生成PDF, left out of the final PDF and
 * printed marked in a 征求意见稿; a 上半年 summary is titled so; the preview
 * shows the document with its charts (no CSP complaints), and 生成PDF
 * downloads a PDF whose text is the document's, showing the core's progress
 * stages while the window stays usable; 下载 Word (.docx) asks the same about
 * the unwritten section and downloads the same summary as a Word document.
 * Sample figures, labelled 示例数据. Screenshots at 1440×900 and 1366×768.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { stopPdfWorker } from '../../electron/core/jobs/summaryPdfJob';
import type { SummaryEditorView } from '../../shared/api/methods/summary';
import { writeSampleProgress, writeSampleYear } from '../helpers/summaryFixtures';
import { flatText, pdfInfo } from '../helpers/pdfText';
import { openedDropdown, screenshot } from './browser';
import { type AppSession, openAppSession } from './session';

let app: AppSession;
let core: Core;
let page: Page;
let problems: string[];

beforeAll(async () => {
  app = await openAppSession({
    name: 'summary',
    core: (dir) => {
      const dbPath = path.join(dir, 'taizhang.sqlite');
      openCore({ dbPath }).close();
      const { db } = openDb(dbPath);
      writeSampleYear(db);
      writeSampleProgress(db);
      db.close();
      return openCore({ dbPath });
    },
    downloads: true,
    route: 'reports',
    ready: '[data-testid="summary-card"]',
  });
  ({ core, page, problems } = app);
}, 30_000);

afterAll(async () => {
  await stopPdfWorker();
  await app?.close();
});

const card = () => page.locator('[data-testid="summary-card"]');

/** Chooses a 期间 on the card and waits for the title to follow (re-opening the list if a closing drawer swallowed the click). */
async function chooseSpan(label: string, title: string): Promise<void> {
  const titleNow = () => page.locator('[data-testid="summary-title"]').textContent();
  for (let attempt = 0; attempt < 3 && (await titleNow()) !== title; attempt++) {
    await page.locator('[data-testid="summary-span"]').click();
    const option = openedDropdown(page).locator('.ant-select-item-option', { hasText: label });
    try {
      await option.waitFor({ state: 'visible', timeout: 5_000 });
      await option.click({ timeout: 5_000 });
      await expect.poll(titleNow, { timeout: 10_000 }).toBe(title);
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  await expect(titleNow()).resolves.toBe(title);
}

async function downloadPdf(click: () => Promise<void>, name: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await click();
  const file = path.join(app.dir, name);
  await (await download).saveAs(file);
  await page.locator('[data-testid="summary-progress"][data-done="true"]').waitFor();
  return file;
}

describe('年度工作总结 in the browser', () => {
  it('the card shows the title, the issuer in full and the 成文日期, a past year defaulting to its last working day', async () => {
    await expect(card().textContent()).resolves.toContain('年度工作总结（PDF、Word）');
    await expect(page.locator('[data-testid="summary-title"]').textContent()).resolves.toBe('青云谱区2022年科技创新工作总结');
    await expect(page.locator('[data-testid="summary-issuer"]').textContent()).resolves.toBe('青云谱区科学技术和工业信息化局');
    // 2022 is long past (the tests run later): 31 December 2022 was a Saturday, so the Friday before.
    const date = page.locator('input[data-testid="summary-date"]');
    await expect(date.inputValue()).resolves.toBe('2022年12月30日');
    await expect(page.locator('[data-testid="summary-date-default"]').textContent()).resolves.toContain('该期间的最后一个工作日');
    // Nothing is unwritten: the sections are pre-filled from task progress, the figures and what is unfinished.
    expect(await page.locator('[data-testid="summary-unwritten"]').count()).toBe(0);
    await screenshot(page, 'e2e-summary-card');
  }, 60_000);

  it('the 成文日期 is edited on the card, saved on its own, and printed', async () => {
    const date = page.locator('input[data-testid="summary-date"]');
    await date.click();
    await date.fill('2023-01-10');
    await date.press('Enter');
    await expect.poll(() => date.inputValue(), { timeout: 10_000 }).toBe('2023年1月10日');
    await page.locator('[data-testid="summary-date-reset"]').waitFor();
    const r = await core.call('summary.get', { planId: 1, year: 2022 });
    if (!r.ok) throw new Error(r.error.message);
    const view = r.value as SummaryEditorView;
    expect(view.datedOn).toBe('2023-01-10');
    // Only the date was saved: the sections are still the pre-fill.
    expect(view.saved).toBe(false);
  }, 60_000);

  it('the editor opens with the pre-fill in seed 001’s structure, numbered by level, and saves edits', async () => {
    await page.locator('[data-testid="summary-edit-button"]').click();
    await page.locator('[data-testid="summary-editor"]').waitFor();
    await page.locator('[data-testid="summary-prefilled"]').waitFor();
    await expect(page.locator('[data-testid="summary-section-highlights"] h5').textContent()).resolves.toBe('（二）亮点工作');
    await expect(page.locator('[data-testid="summary-section-nextYear"] h5').textContent()).resolves.toBe('二、2023年工作思路');
    const highlights = page.locator('[data-testid="summary-section-highlights"] [data-testid="summary-paragraph"]');
    expect(await highlights.count()).toBe(7); // one per action line
    // 稳步推进, not 成效明显: the sample progress is the lead units' only, and a task whose other
    // responsible units have not reported is 推进中 — the dashboard's one rule (shared/dashboard/build.ts).
    await expect(highlights.nth(0).locator('textarea').inputValue()).resolves.toMatch(/^科技创新区域优化布局行动稳步推进。一是推进数字经济“一号发展工程”，/);
    await expect(highlights.nth(0).locator('.tz-summary-number').textContent()).resolves.toBe('1.');
    // Write the next-year section anew: a heading and an item.
    const next = page.locator('[data-testid="summary-section-nextYear"] [data-testid="summary-paragraph"]');
    while ((await next.count()) > 0) await next.nth(0).locator('[aria-label="删除段落"]').click();
    await page.locator('[data-testid="summary-add-heading-nextYear"]').click();
    await next.nth(0).locator('textarea').fill('持续壮大创新主体');
    await page.locator('[data-testid="summary-add-item-nextYear"]').click();
    await next.nth(1).locator('textarea').fill('力争高新技术企业突破90家。');
    await expect(next.nth(1).locator('.tz-summary-number').textContent()).resolves.toBe('1.');
    // Empty 存在的主要问题: the editor says it will be left out.
    const problemsSection = page.locator('[data-testid="summary-section-problems"] [data-testid="summary-paragraph"]');
    while ((await problemsSection.count()) > 0) await problemsSection.nth(0).locator('[aria-label="删除段落"]').click();
    await page.locator('[data-testid="summary-empty-problems"]').waitFor();
    await screenshot(page, 'e2e-summary-editor');
    await page.locator('[data-testid="summary-save"]').click();
    await page.locator('[data-testid="summary-prefilled"]').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="summary-editor"]').waitFor({ state: 'detached' });
  }, 60_000);

  it('lists the unwritten section before 生成PDF; the final PDF leaves it out, a 征求意见稿 prints it marked', async () => {
    const warning = page.locator('[data-testid="summary-unwritten"]');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('尚未填写：存在的主要问题');
    await page.locator('[data-testid="summary-pdf-button"]').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('存在的主要问题 还没有内容');
    await screenshot(page, 'e2e-summary-unwritten-1440');
    const final = await downloadPdf(() => page.locator('[data-testid="summary-pdf-final"]').click(), 'final.pdf');
    expect(pdfInfo(final).title).toBe('青云谱区2022年科技创新工作总结');
    const text = flatText(final);
    expect(text).toContain('（一）持续壮大创新主体');
    expect(text).toContain('1.力争高新技术企业突破90家。');
    expect(text).toContain('2023年1月10日');
    for (const s of ['存在的主要问题', '尚未填写', '待补充']) expect(text).not.toContain(s);

    await page.locator('[data-testid="summary-pdf-button"]').click();
    await dialog.waitFor();
    await page.locator('[data-testid="summary-draft-mark"]').getByText('征求意见稿').click();
    const draft = await downloadPdf(() => page.locator('[data-testid="summary-pdf-draft"]').click(), 'draft.pdf');
    const draftText = flatText(draft);
    expect(draftText).toContain('青云谱区2022年科技创新工作总结（征求意见稿）');
    expect(draftText).toContain('（三）存在的主要问题（本部分尚未填写，待补充。）');
    expect(problems).toEqual([]);
  }, 120_000);

  it('at 1366×768 the card, its warning and the dialog still fit', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await card().scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-summary-card-1366');
    await page.locator('[data-testid="summary-pdf-button"]').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: path.resolve('test-results', 'e2e-summary-unwritten-1366.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 60_000);

  it('a 上半年 summary: chosen on the card, titled accordingly, judged against 时序进度', async () => {
    await chooseSpan('上半年', '青云谱区2022年上半年科技创新工作总结');
    // Its own summary: nothing saved for it, so the 2022 edits are not carried over; its default date is its own.
    await expect(page.locator('input[data-testid="summary-date"]').inputValue()).resolves.toBe('2022年6月30日');
    await page.locator('[data-testid="summary-preview-button"]').click();
    const preview = page.locator('[data-testid="summary-preview"]');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('青云谱区2022年上半年科技创新工作总结');
    expect(text).toContain('一、2022年上半年工作情况');
    expect(text).toContain('二、下半年工作打算');
    await screenshot(page, 'e2e-summary-midyear-preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    await chooseSpan('全年', '青云谱区2022年科技创新工作总结');
  }, 60_000);

  it('the preview shows the document with its sentences and charts', async () => {
    await page.locator('[data-testid="summary-preview-button"]').click();
    const preview = page.locator('[data-testid="summary-preview"]');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('青云谱区2022年科技创新工作总结');
    expect(text).toContain('（一）主要指标完成情况');
    expect(text).toMatch(/5\.技术合同成交额。2022年，全区技术合同成交额达到[\d.]+亿元，超额完成7亿元的年度目标，完成率[\d.]+%/);
    expect(text).toContain('（一）持续壮大创新主体');
    expect(text).toContain('示例数据');
    const charts = preview.locator('.tz-doc-chart img');
    expect(await charts.count()).toBe(2);
    // The SVG images really loaded (a CSP block would leave them 0 × 0). Decoding a data: URL
    // finishes after the <img> is in the page, so wait for it rather than read it at once.
    const widths = () => charts.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    await expect.poll(async () => Math.min(...(await widths())), { timeout: 10_000 }).toBeGreaterThan(100);
    await screenshot(page, 'e2e-summary-preview');
    await charts.nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-summary-preview-charts');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows the stage while the PDF is generated, and the window stays usable meanwhile', async () => {
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
    // 存在的主要问题 is still unwritten: leave it out.
    await page.locator('[data-testid="summary-pdf-final"]').click();
    await page.locator('[data-testid="summary-progress"][data-done="false"]').waitFor();
    // The dialog has gone (its fading mask would take the next click).
    await page.locator('.ant-modal-mask').first().waitFor({ state: 'hidden' });
    // While it runs: the year list still opens and answers.
    await page.locator('[aria-label="年度"]').click({ force: true });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await screenshot(page, 'e2e-summary-progress');
    await page.keyboard.press('Escape');
    await download;
    await page.locator('[data-testid="summary-progress"][data-done="true"]').waitFor({ timeout: 80_000 }); // slow while other suites load the 2 cores
    const all = await page.evaluate(() => (window as unknown as { __stages: string[] }).__stages);
    // (The bar still said 已完成 from the previous PDF until the click.)
    const shown = all.slice(all.findIndex((t) => t.startsWith('正在')));
    expect(shown[0]).toMatch(/^(正在准备|正在计算指标)/);
    expect(shown.at(-1)).toBe('已完成');
    expect(shown.some((t) => /^正在(绘制图表|排版|写入PDF)/.test(t))).toBe(true);
    await screenshot(page, 'e2e-summary-progress-done');
    expect(problems).toEqual([]);
  }, 90_000);

  it('下载 Word (.docx): asks about the unwritten section as for the PDF, then downloads the same summary as a Word document', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const button = page.locator('[data-testid="summary-docx-button"]');
    await button.scrollIntoViewIfNeeded();
    await expect(button.textContent()).resolves.toBe('下载 Word (.docx)');
    await button.click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('以下部分尚未填写（Word文档）');
    await expect(dialog.textContent()).resolves.toContain('存在的主要问题 还没有内容');
    await screenshot(page, 'e2e-summary-docx-dialog-1440');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.locator('[data-testid="summary-pdf-final"]').click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('青云谱区2022年科技创新工作总结（示例数据）.docx');
    const file = path.join(app.dir, 'summary.docx');
    await d.saveAs(file);
    await page.locator('[data-testid="summary-progress"][data-done="true"]').waitFor({ timeout: 80_000 });
    await expect(page.locator('[data-testid="summary-result"]').textContent()).resolves.toContain('青云谱区2022年科技创新工作总结（示例数据）.docx');
    // The document the window showed and the PDF printed: the edits saved above, the unwritten section left out.
    const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(paragraphs[0]).toBe('青云谱区2022年科技创新工作总结');
    expect(paragraphs).toContain('（本文所用完成数为示例数据，仅供演示）');
    expect(paragraphs).toContain('（一）持续壮大创新主体');
    expect(paragraphs).toContain('1.力争高新技术企业突破90家。');
    expect(paragraphs).toContain('2023年1月10日');
    for (const s of ['存在的主要问题', '尚未填写', '待补充']) expect(paragraphs.join('')).not.toContain(s);
    await card().scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-summary-docx-done-1440');

    // At 1366×768 both buttons and the result still fit; the preview offers the Word document too.
    await page.setViewportSize({ width: 1366, height: 768 });
    await button.scrollIntoViewIfNeeded();
    for (const id of ['summary-pdf-button', 'summary-docx-button']) {
      const box = (await page.locator(`[data-testid="${id}"]`).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1366);
    }
    await page.screenshot({ path: path.resolve('test-results', 'e2e-summary-docx-1366.png'), animations: 'disabled' });
    await page.locator('[data-testid="summary-preview-button"]').click();
    await page.locator('[data-testid="summary-preview"]').waitFor();
    await page.locator('[data-testid="summary-preview-docx"]').waitFor();
    await page.screenshot({ path: path.resolve('test-results', 'e2e-summary-preview-docx-1366.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="summary-preview"]').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(problems).toEqual([]);
  }, 120_000);
});
