/**
 * 概览 · 态势总览 in a real browser, on the example plan with nine months of
 * generated figures (示例数据): the period chosen once holds across pages and
 * a reload; a heatmap cell opens 数据填报 at that unit and indicator; a value
 * typed there changes the heatmap, the ranking and the trend; 复制催报通知
 * gives the notice; 导出 gives a PDF and a PNG. Screenshots at 1440×900 and 1366×768.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCore } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { writeSampleMonths } from '../helpers/dashboardSample';
import { addWorkingDays, localDateText } from '../../shared/dates';
import { defaultReplyBy } from '../../shared/entry/reminderNotice';

const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
import { openedDropdown, SCREENSHOT_DIR, screenshot } from './browser';
import { type AppSession, openAppSession } from './session';
import { nameTabOperator } from './operator';

let app: AppSession;
let page: Page;
let problems: string[];

const POLL = { timeout: 15_000 };
const heat = (unit: string, indicator: string) => page.locator(`[data-testid="heat-cell"][data-unit="${unit}"][data-indicator="${indicator}"]`);

async function choosePeriod(label: string) {
  await page.locator('[data-testid="dashboard"] [data-testid="period-picker"]').click();
  await page.keyboard.type(label);
  await openedDropdown(page).locator('.ant-select-item-option', { hasText: label }).first().click();
}

beforeAll(async () => {
  app = await openAppSession({
    name: 'dashboard',
    core: async (dir) => {
      const dbPath = path.join(dir, 'taizhang.sqlite');
      openCore({ dbPath }).close();
      const { db } = openDb(dbPath);
      writeSampleMonths(db, 2022, 9);
      db.close();
      const opened = openCore({ dbPath });
      await opened.call('operator.set', { name: '李娜' });
      return opened;
    },
    clipboard: true,
    downloads: true,
    ready: '[data-testid="page-overview"] [data-testid="heatmap"]',
  });
  ({ page, problems } = app);
  // This tab types figures later: it names its operator first (each tab of the web door has its own).
  await nameTabOperator(page);
  await page.locator('[data-testid="page-overview"] [data-testid="heatmap"]').waitFor();
}, 60_000);

afterAll(() => app?.close());

describe('态势总览 in the browser', () => {
  it('opens on the dashboard; the period chosen holds across pages and a reload', async () => {
    await choosePeriod('2022年1-9月');
    await expect.poll(() => page.locator('[data-testid="dashboard"]').getAttribute('data-period'), POLL).toBe('2022-09');
    await expect.poll(() => heat('洪都街道', '技术合同成交额').getAttribute('data-status'), POLL).toBe('amber');
    expect(await heat('洪都街道', '技术合同成交额').textContent()).toContain('67.6%');
    expect(await heat('京山街道', '科技型中小企业').getAttribute('data-status')).toBe('red');
    expect(await page.locator('[data-testid="sample-data-banner"]').textContent()).toContain('示例数据');
    expect(await page.locator('[data-testid="tile-red"]').getAttribute('data-value')).toBe('0');
    await page.locator('[data-testid="ranking-chart"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="trend-chart"][data-ready="true"]').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'e2e-dashboard-1440');

    // 数据填报 opens on the same period, and so does the dashboard after a reload.
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await page.locator('[data-testid="page-figures"]').waitFor();
    expect(await page.locator('[data-testid="page-figures"] [data-testid="period-picker"]').textContent()).toContain('2022年1-9月');
    await page.reload();
    await page.locator('[data-testid="page-figures"] [data-testid="period-picker"]').waitFor();
    expect(await page.locator('[data-testid="page-figures"] [data-testid="period-picker"]').textContent()).toContain('2022年1-9月');
    await page.getByRole('menuitem', { name: '概览' }).click();
    await expect.poll(() => page.locator('[data-testid="dashboard"]').getAttribute('data-period'), POLL).toBe('2022-09');
  });

  it('at start-up asks the dashboard with the plan list, once, so the page draws the heatmap in its first render', async () => {
    const asked: string[] = [];
    const onRequest = (r: import('playwright-core').Request) => {
      if (r.url().endsWith('/api/call')) asked.push((r.postDataJSON() as { method: string }).method);
    };
    page.on('request', onRequest);
    try {
      await page.reload();
      await heat('洪都街道', '技术合同成交额').waitFor();
      await page.waitForTimeout(500);
    } finally {
      page.off('request', onRequest);
    }
    // Asked right after plans.list (api/firstScreen.ts), before the page's own first call, and not again by the page.
    expect(asked.filter((m) => m === 'dashboard.get')).toHaveLength(1);
    const plansAt = asked.indexOf('plans.list');
    expect(plansAt).toBeGreaterThanOrEqual(0);
    expect(asked.indexOf('dashboard.get')).toBeLessThan(asked.indexOf('plan.units'));
    expect(asked.indexOf('dashboard.get')).toBeGreaterThan(plansAt);
  });

  it('a heatmap cell opens the grid there; a typed figure changes the heatmap, the ranking and the trend', async () => {
    await heat('洪都街道', '技术合同成交额').waitFor();
    const ranking = page.locator('[data-testid="ranking-chart"]');
    const trend = page.locator('[data-testid="trend-chart"]');
    await page.locator('[data-testid="indicator-switch"]').getByText('技术合同成交额').click();
    await expect.poll(() => ranking.getAttribute('aria-label'), POLL).toContain('技术合同成交额排名');
    const rankingBefore = (await ranking.getAttribute('aria-label')) ?? '';
    expect(rankingBefore).toMatch(/\d+\. 洪都街道 67\.6%/);
    expect(rankingBefore).not.toContain('1. 洪都街道');
    expect(await trend.getAttribute('aria-label')).toContain('9月 5.5365');

    await heat('洪都街道', '技术合同成交额').click();
    await page.locator('[data-testid="page-figures"]').waitFor();
    const cell = page.locator('[data-testid="grid-cell"][data-unit="洪都街道"][data-indicator="技术合同成交额"]');
    await cell.waitFor();
    // The grid opened with that cell selected: typing goes into it.
    await expect.poll(() => page.locator('[data-testid="cell-bar"]').textContent(), POLL).toContain('洪都街道 · 技术合同成交额');
    await page.keyboard.type('0.06');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.getAttribute('data-value'), POLL).toBe('0.06');

    await page.getByRole('menuitem', { name: '概览' }).click();
    await expect.poll(() => heat('洪都街道', '技术合同成交额').getAttribute('data-status'), POLL).toBe('green');
    expect(await heat('洪都街道', '技术合同成交额').textContent()).toContain('120.0%');
    await page.locator('[data-testid="indicator-switch"]').getByText('技术合同成交额').click();
    await expect.poll(() => ranking.getAttribute('aria-label'), POLL).toContain('1. 洪都街道 120.0%');
    await expect.poll(() => trend.getAttribute('aria-label'), POLL).toContain('9月 5.5627');
    await page.waitForTimeout(300);
    await screenshot(page, 'e2e-dashboard-after-entry');
  });

  it('a late task opens 任务进展 at that task and unit', async () => {
    const late = page.locator('[data-testid="late-task"]').first();
    await late.waitFor();
    const text = (await late.textContent()) ?? '';
    const seq = /任务(\d+)/.exec(text)![1];
    await late.click();
    await page.locator('[data-testid="progress-panel"]').waitFor();
    await expect.poll(() => page.locator(`.tz-row-focus[data-task="${seq}"]`).count(), POLL).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: '概览' }).click();
    await page.locator('[data-testid="heatmap"]').waitFor();
  });

  it('复制催报通知 names the units, the period and the deadline', async () => {
    const reminders = page.locator('[data-testid="dashboard-reminders"]');
    await reminders.locator('[data-testid="reminder-notice-button"]').click();
    const text = (await page.locator('[data-testid="reminder-notice-text"]').inputValue()) ?? '';
    expect(text).toContain('关于报送2022年1-9月科技创新指标完成情况和任务进展的通知');
    // Two dates: the period's own deadline, and the new one (today + 3 working days), editable.
    const today = localDateText(new Date().toISOString());
    expect(text).toContain('应于2022年10月5日前报送');
    expect(text).toContain(`请上述单位于${cn(defaultReplyBy(today))}前`);
    await expect(page.locator('[data-testid="reminder-original-deadline"]').textContent()).resolves.toBe('原定截止 2022年10月5日');
    expect(text).toMatch(/任务\d+（[^）]{1,11}）/);
    const later = addWorkingDays(today, 7);
    const picker = page.getByRole('textbox', { name: '本次补报截止日期' });
    await picker.click();
    await picker.fill(later);
    await picker.press('Enter');
    await expect.poll(() => page.locator('[data-testid="reminder-notice-text"]').inputValue(), POLL).toContain(`请上述单位于${cn(later)}前`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'e2e-dashboard-notice-1366', { fullPage: false });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(text).toContain('洪都街道');
    expect(text).toContain('青云谱区科学技术和工业信息化局');
    await page.locator('[data-testid="reminder-notice-copy"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), POLL).toContain(`请上述单位于${cn(later)}前`);
    await screenshot(page, 'e2e-dashboard-notice', { fullPage: false });
    await page.keyboard.press('Escape');
    const download = page.waitForEvent('download');
    await reminders.locator('[data-testid="reminder-export-button"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('催报名单_2022年1-9月.xlsx');
    // saveAs: the download kept where the test reads it (path() is a temporary file, and unavailable over a remote connection).
    const saved = path.join(SCREENSHOT_DIR, 'e2e-dashboard-reminders.xlsx');
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.getWorksheet('催报名单')!;
    expect(String(ws.getCell('A1').value)).toBe('2022年1-9月科技创新指标和任务进展催报名单');
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['序号', '单位', '未报指标完成数', '未报任务进展', '尚欠', '上次催报']);
  });

  it('导出 gives an A4 landscape PDF and a PNG', async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [label, ext] of [['导出PDF', 'pdf'], ['导出PNG', 'png']] as const) {
      await page.locator('[data-testid="dashboard-export"]').hover();
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.locator('.ant-dropdown-menu-item', { hasText: label }).click();
      const d = await download;
      expect(d.suggestedFilename()).toBe(`青云谱区态势总览_2022年1-9月（示例数据）.${ext}`);
      const file = path.join(SCREENSHOT_DIR, `e2e-dashboard-export.${ext}`);
      await d.saveAs(file);
      const bytes = fs.readFileSync(file);
      if (ext === 'pdf') {
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        expect(text).toContain('青云谱区科技创新态势总览');
        expect(text).toContain('示例数据');
        expect(text).toContain('120.0% 正常');
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
        execFileSync('pdftoppm', ['-r', '70', '-png', file, path.join(SCREENSHOT_DIR, 'e2e-dashboard-export-page')]);
      } else {
        expect(bytes.subarray(1, 4).toString()).toBe('PNG');
        // Two pixels per point, pages stacked: 2246 wide.
        expect(bytes.readUInt32BE(16)).toBe(2246);
      }
    }
  }, 120_000);

  it('fits 1366×768', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('[data-testid="heatmap"]').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'e2e-dashboard-1366');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
