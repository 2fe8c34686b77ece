/**
 * 数据交换 in a real browser (issue 5): export fill-in workbooks (a download),
 * load three returns at once — two good, one claiming another unit —, see
 * units, periods, old → new and the conflict highlighted and unticked, accept
 * all, then take the conflict explicitly. Values are read back from the
 * database file. Screenshots: test-results/exchange-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebHost } from '../../electron/web/host';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import { bytesOf, figuresByName, fillWorkbook, indicatorIds, names, openTestCore, type TestCore } from '../helpers/exchange';
import { tempDir } from '../helpers/tempDb';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR, screenshot, nameThisTab } from './browser';

let tc: TestCore;
let tmp: { dir: string; cleanup(): void };
let host: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let problems: string[];
let planId: number;
const returns: string[] = [];
const PERIODS = ['2022-12', '2022Q4', '2022'];

beforeAll(async () => {
  assertRendererBuilt();
  tmp = tempDir('taizhang-exchange-e2e-');
  tc = openTestCore();
  const n = await names(tc);
  planId = n.planId;
  await tc.call('operator.set', { name: '王区' });
  const ind = await indicatorIds(tc, planId);
  await tc.call('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: n.unit['洪都街道'], period: '2022-12', value: 0.03 }] });
  const { files } = await tc.call<{ files: ExchangeExportFile[] }>('exchange.export', {
    planId,
    period: '2022-12',
    unitIds: [n.unit['洪都街道'], n.unit['京山街道'], n.unit['岱山街道']],
    format: 'xlsx',
  });
  // After the workbooks left, the district corrects 洪都街道's 技术合同成交额 itself: the return's value is a conflict.
  await tc.call('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: n.unit['洪都街道'], period: '2022-12', value: 0.04 }] });
  const fill = async (f: ExchangeExportFile, values: Record<string, number | string>, name: string, swapUnit?: string) => {
    let bytes = await fillWorkbook(bytesOf(f), { values, progress: [{ row: 4, status: '推进中', text: `${f.unitName}已开展企业走访` }] });
    if (swapUnit) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      wb.getWorksheet('填报表')!.getCell('B3').value = swapUnit;
      bytes = Buffer.from(await wb.xlsx.writeBuffer());
    }
    const file = path.join(tmp.dir, name);
    fs.writeFileSync(file, bytes);
    returns.push(file);
  };
  await fill(files[0], { 科技型中小企业: 9, 高新技术企业: '5', 技术合同成交额: '0.06' }, '洪都街道回报.xlsx');
  await fill(files[1], { 科技型中小企业: 40, 技术合同成交额: '3.2' }, '京山街道回报.xlsx');
  await fill(files[2], { 科技型中小企业: 12 }, '岱山街道回报.xlsx', '青云谱镇');

  host = await startWebHost({ core: tc.core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  problems = collectPageProblems(page);
  await page.goto(host.url);
  await page.locator('[data-testid="page-overview"]').waitFor();
  // 数据交换 is its own entry in the side menu (issue 16).
  await page.getByRole('menuitem', { name: '数据交换' }).click();
  await page.locator('[data-testid="page-exchange"]').waitFor();
  // The tab names itself before its first write (the test's own calls above carry the PC's operator).
  await nameThisTab(page, '王区');
  await page.locator('[data-testid="exchange-panel"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  tc?.cleanup();
  tmp?.cleanup();
});

describe('数据交换 in the browser', () => {
  it('exports every fill-in workbook as one .zip download', async () => {
    await screenshot(page, 'exchange-1-panel');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('exchange-export-run').click();
    const zip = await download;
    expect(zip.suggestedFilename()).toBe('2022年青云谱区科技创新基础大提升工作要点_2022年1-12月_填报表.zip');
    const saved = path.join(tmp.dir, zip.suggestedFilename());
    await zip.saveAs(saved);
    const archive = await JSZip.loadAsync(fs.readFileSync(saved));
    expect(Object.keys(archive.files)).toHaveLength(7);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await archive.file('三家店街道_2022年1-12月_填报表.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('填报表')!.getCell('B3').value).toBe('三家店街道');
    await expect.poll(() => page.locator('[data-testid="exchange-export-written"] tbody tr').count()).toBe(7);
  }, 60_000); // seven workbooks built by exceljs: slow on a busy machine

  it('reviews three returns, refuses the one claiming another unit, highlights the conflict, accepts all, then the conflict on request', async () => {
    await page.locator('[data-testid="exchange-returns"] input[type="file"]').setInputFiles(returns);
    await expect.poll(() => page.locator('[data-testid="exchange-review"]').count(), { timeout: 15_000 }).toBe(3);
    const card = (file: string) => page.locator(`[data-testid="exchange-review"][data-file="${file}"]`);

    const refused = card('岱山街道回报.xlsx');
    await expect(refused.getByTestId('exchange-refusal').textContent()).resolves.toContain('表内填报单位为“青云谱镇”，而识别信息属于“岱山街道”');

    const hongdu = card('洪都街道回报.xlsx');
    await expect(hongdu.getByTestId('exchange-summary').textContent()).resolves.toContain('1 项冲突');
    const conflictRow = hongdu.locator('[data-testid="exchange-change"][data-conflict="true"]');
    await expect(conflictRow.count()).resolves.toBe(1);
    const conflictText = (await conflictRow.textContent()) ?? '';
    expect(conflictText).toContain('技术合同成交额');
    expect(conflictText).toContain('0.04亿元'); // the district's value now
    expect(conflictText).toContain('0.06亿元'); // the return's
    expect(conflictText).toContain('0.03亿元'); // what was sent
    await expect(conflictRow.locator('input[type="checkbox"]').isChecked()).resolves.toBe(false);
    await expect(hongdu.locator('[data-testid="exchange-change"][data-conflict="false"] input[type="checkbox"]:checked').count()).resolves.toBe(3);
    await screenshot(page, 'exchange-2-review');

    await page.getByTestId('exchange-accept-all').click();
    // Taken in after a backup: the notice says what came in and offers 撤销本次载入.
    const notice = page.locator('.ant-notification-notice', { hasText: '已导入 4 个完成数、2 项任务进展' });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getByTestId('undo-operation').textContent()).toBe('撤销本次载入');
    expect(await figuresByName(tc, planId, PERIODS)).toEqual({
      洪都街道: { 科技型中小企业: 9, 高新技术企业: 5, 技术合同成交额: 0.04 },
      京山街道: { 科技型中小企业: 40, 技术合同成交额: 3.2 },
    });
    // Reviewed again: only the conflict is left on 洪都街道's card; 京山街道 has nothing new.
    await expect.poll(() => hongdu.locator('[data-testid="exchange-change"]').count(), { timeout: 10_000 }).toBe(1);
    // isVisible() does not wait: poll until the re-review shows on 京山街道's card too.
    await expect.poll(() => card('京山街道回报.xlsx').getByTestId('exchange-nothing').isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'exchange-3-after-accept');

    // The user decides the return is right after all: tick the conflict, accept this unit.
    await hongdu.locator('[data-testid="exchange-change"][data-conflict="true"] input[type="checkbox"]').check();
    await hongdu.getByTestId('exchange-accept-file').click();
    await page.locator('.ant-notification-notice', { hasText: '已导入 1 个完成数' }).waitFor({ timeout: 15_000 });
    expect((await figuresByName(tc, planId, PERIODS))['洪都街道']['技术合同成交额']).toBe(0.06);
    await expect.poll(() => hongdu.getByTestId('exchange-nothing').count(), { timeout: 10_000 }).toBe(1);
    const history = await tc.call<{ source: string | null }[]>('entry.history', {
      planId,
      indicatorId: (await indicatorIds(tc, planId))['技术合同成交额'],
      unitId: (await names(tc)).unit['洪都街道'],
      period: '2022-12',
    });
    expect(history.map((h) => h.source)).toEqual(['entry', 'entry', '洪都街道回报.xlsx']);
    await screenshot(page, 'exchange-4-conflict-taken');
    expect(problems).toEqual([]);
  }, 60_000);
});
