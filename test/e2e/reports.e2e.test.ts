/**
 * 报表导出 in a real browser: choose a table, a unit and a period, press 导出,
 * and the browser downloads an .xlsx that exceljs reads back with the values
 * of the database. Screenshots go to test-results/.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCore } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { writeFigure } from '../../electron/core/db/repos/figures';
import { openedDropdown, screenshot, selectedLabel } from './browser';
import { type AppSession, openAppSession } from './session';

let app: AppSession;
let page: Page;
let problems: string[];

beforeAll(async () => {
  app = await openAppSession({
    name: 'reports',
    core: (dir) => {
      const dbPath = path.join(dir, 'taizhang.sqlite');
      openCore({ dbPath }).close();
      // One figure, so the 完成情况统计表 has something to show.
      const db = openDb(dbPath).db;
      const id = (sql: string, name: string) => db.prepare(sql).pluck().get(name) as number;
      writeFigure(db, {
        indicatorId: id('SELECT id FROM indicators WHERE name = ?', '技术合同成交额'),
        unitId: id('SELECT id FROM units WHERE name = ?', '洪都街道'),
        period: '2022-09',
        value: 0.04,
        by: '测试员',
      });
      db.close();
      return openCore({ dbPath });
    },
    downloads: true,
    route: 'reports',
    ready: '[data-testid="page-reports"]',
  });
  ({ page, problems } = app);
}, 30_000);

afterAll(() => app?.close());

/** Presses 导出 and returns the downloaded workbook. */
async function exportAndRead(): Promise<{ fileName: string; ws: ExcelJS.Worksheet }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="excel-export-button"]').click()]);
  const file = path.join(app.dir, download.suggestedFilename());
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { fileName: download.suggestedFilename(), ws: wb.worksheets[0] };
}

async function chooseOption(testId: string, label: string): Promise<void> {
  const select = page.locator(`[data-testid="${testId}"]`);
  await select.click();
  // Click once the list has finished opening, and check the Select took the choice.
  await openedDropdown(page).locator('.ant-select-item-option', { hasText: label }).first().click();
  await expect.poll(() => selectedLabel(select), { timeout: 10_000 }).toBe(label);
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
}

describe('报表导出 in the browser', () => {
  it('shows the Excel card with the three tables', async () => {
    if (!page.url().includes('reports')) await page.getByRole('menuitem', { name: '报表导出' }).click();
    const card = page.locator('[data-testid="excel-export-card"]');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    for (const label of ['附件1 任务分解表', '附件2 指导性任务分解表', '完成情况统计表']) expect(text).toContain(label);
    await page.mouse.move(700, 10);
    await screenshot(page, 'e2e-reports-excel');
  });

  it('downloads 附件1 for the whole district', async () => {
    const { fileName, ws } = await exportAndRead();
    expect(fileName).toBe('附件1 2022年工作要点任务分解表.xlsx');
    expect(ws.getCell('A1').value).toBe('附件1');
    expect(ws.getCell('A2').value).toBe('2022年工作要点任务分解表');
    await page.locator('[data-testid="excel-export-result"]').waitFor();
    expect(await page.locator('[data-testid="excel-export-result"]').textContent()).toContain(fileName);
  });

  it('downloads one unit’s 完成情况统计表 for the period chosen', async () => {
    await page.locator('[data-testid="excel-sheet"]').getByText('完成情况统计表').click();
    await chooseOption('excel-unit', '洪都街道');
    await chooseOption('excel-period', '2022年1-9月');
    await page.mouse.move(700, 10);
    expect(await page.locator('[data-testid="excel-export-result"]').count()).toBe(0); // the 附件1 result went with its choice
    await screenshot(page, 'e2e-reports-progress');
    const { fileName, ws } = await exportAndRead();
    expect(fileName).toBe('洪都街道2022年1-9月科技创新主要指标完成情况统计表.xlsx');
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(2).value === '技术合同成交额（亿元）') {
        found = true;
        expect(row.getCell(3).value).toBe(0.05); // 洪都街道's target
        expect(row.getCell(4).value).toBe(0.04); // the figure written above
        expect(row.getCell(5).value as number).toBeCloseTo(0.8, 10);
      }
    });
    expect(found).toBe(true);
  });

  it('the page reported no errors (CSP violations included)', () => {
    expect(problems).toEqual([]);
  });
});
