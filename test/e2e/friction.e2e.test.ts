/**
 * Everyday friction a newcomer trips over (issue 16), in a real Chromium at 1366×768 and
 * 1440×900: the grid shows all 8 unit rows and every column; full-width digits typed as an
 * input method commits them start editing and are saved as numbers; a value that makes the
 * next period's cumulative figure drop asks for a note naming it; locked cells look locked and
 * 撤销 says why it cannot apply; the period picker explains 1-12月 / 全年 / 年度; 催报 records
 * the date; 数据交换 is in the side menu. Values are read back through the core.
 * Screenshots: test-results/friction-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import type { EntrySheet, ReminderList } from '../../shared/entry/views';
import { nameThisTab, openedDropdown, screenshot } from './browser';
import { type AppSession, openAppSession } from './session';

let app: AppSession;
let core: Core;
let page: Page;
let problems: string[];
let planId: number;
const POLL = { timeout: 10_000 };

async function call<T>(method: string, request: unknown): Promise<T> {
  const r = await core.call(method as never, request as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

async function dbValue(unit: string, indicator: string, period: string): Promise<number | null> {
  const sheet = await call<EntrySheet>('entry.sheet', { planId, period });
  const row = [sheet.table.parent, ...sheet.table.rows].find((x) => x.unit.name === unit)!;
  return row.cells[sheet.table.indicators.find((i) => i.name === indicator)!.id].actual;
}

const cell = (p: Page, unit: string, indicator: string): Locator =>
  p.locator(`[data-testid="grid-cell"][data-unit="${unit}"][data-indicator="${indicator}"]`);

beforeAll(async () => {
  app = await openAppSession({
    name: 'friction',
    core: async (dir) => {
      const opened = openCore({ dbPath: path.join(dir, 'taizhang.sqlite') });
      planId = ((await opened.call('plans.list', {})) as { ok: true; value: { id: number }[] }).value[0].id;
      await opened.call('operator.set', { name: '另一窗口' });
      return opened;
    },
    viewport: { width: 1366, height: 768 },
    clipboard: true,
  });
  ({ core, page, problems } = app);
  await page.getByRole('menuitem', { name: '数据填报' }).click();
  await page.locator('[data-testid="page-figures"]').waitFor();
  await nameThisTab(page, '张敏');
  await page.locator('[data-testid="entry-grid"]').waitFor();
}, 60_000);

afterAll(() => app?.close());

describe('issue 16 in the browser', () => {
  it('1366×768: all 8 unit rows and the last column are inside the grid; header row and unit column stay put', async () => {
    const grid = page.locator('[data-testid="entry-grid"]');
    const box = (await grid.boundingBox())!;
    const rows = page.locator('[data-testid="grid-row"]');
    expect(await rows.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      const r = (await rows.nth(i).boundingBox())!;
      expect(r.y + r.height, `row ${i + 1} inside the grid`).toBeLessThanOrEqual(box.y + box.height + 0.5);
    }
    const heads = page.locator('[data-testid="grid-colhead"]');
    const last = (await heads.nth((await heads.count()) - 1).boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(await grid.evaluate((g) => g.scrollWidth <= g.clientWidth + 1)).toBe(true);
    // The page fits the window: nothing below the legend needs scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    const styles = await page.evaluate(() => [
      getComputedStyle(document.querySelector('.tz-grid-header')!).position,
      getComputedStyle(document.querySelector('.tz-grid-rowhead')!).position,
    ]);
    expect(styles).toEqual(['sticky', 'sticky']);
    await screenshot(page, 'friction-grid-1366x768', { fullPage: false });
  });

  it('full-width digits committed by an input method start editing without F2 and are saved as numbers', async () => {
    await cell(page, '三家店街道', '科技型中小企业').click();
    // What an IME commits arrives as text input with no key press the grid could read.
    await page.keyboard.insertText('１２');
    await expect.poll(() => page.locator('[data-testid="cell-editor"]').inputValue(), POLL).toBe('１２');
    await page.keyboard.press('Enter');
    await expect.poll(() => dbValue('三家店街道', '科技型中小企业', '2022Q4'), POLL).toBe(12);
    await cell(page, '洪都街道', '技术合同成交额').click();
    await page.keyboard.insertText('０．０４');
    await page.keyboard.press('Enter');
    await expect.poll(() => dbValue('洪都街道', '技术合同成交额', '2022-12'), POLL).toBe(0.04);
    await expect.poll(() => cell(page, '洪都街道', '技术合同成交额').getAttribute('data-value'), POLL).toBe('0.04');
  });

  it('a 1-8月 above the saved 1-9月 asks for a note naming 2022年1-9月 (flipped grid, one unit × months)', async () => {
    const ind = (await call<EntrySheet>('entry.sheet', { planId, period: '2022-09' })).table.indicators.find((i) => i.name === '技术合同成交额')!;
    const unit = (await call<{ units: { id: number; name: string }[] }>('units.directory', {})).units.find((u) => u.name === '京山街道')!;
    await call('entry.save', { planId, edits: [{ indicatorId: ind.id, unitId: unit.id, period: '2022-09', value: 0.03 }] });
    await page.getByText('按月份（单个单位：指标 × 月份）').click();
    await page.locator('[data-testid="figure-grid-panel"] .ant-select').click();
    await openedDropdown(page).getByTitle('京山街道').click();
    const august = page.locator(`[data-testid="grid-cell"][data-indicator="技术合同成交额"][data-period="2022-08"]`);
    await expect.poll(() => page.locator('[data-testid="grid-cell"][data-period="2022-09"][data-indicator="技术合同成交额"]').getAttribute('data-value'), POLL).toBe('0.03');
    await august.click();
    await page.keyboard.type('0.06');
    await expect.poll(() => page.locator('[data-testid="cell-validation"]').textContent(), POLL).toContain('大于下期（2022年1-9月）已填的累计数 0.03');
    await screenshot(page, 'friction-forward-drop-1366x768', { fullPage: false });
    await page.keyboard.press('Enter');
    const dialog = page.locator('.ant-modal:visible', { hasText: '请填写说明' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('2022年1-9月');
    await dialog.locator('textarea').fill('8月含跨年合同，9月已核减');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dbValue('京山街道', '技术合同成交额', '2022-08'), POLL).toBe(0.06);
    await page.getByText('按单位（单位 × 指标）').click();
  });

  it('locked cells look locked, say who locked them and when; 撤销 says why it cannot apply', async () => {
    await cell(page, '徐家坊街道', '高新技术企业').click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => dbValue('徐家坊街道', '高新技术企业', '2022'), POLL).toBe(5);
    await page.locator('[data-testid="lock-button"]').click();
    await page.getByRole('button', { name: '锁定', exact: true }).click();
    await page.locator('[data-testid="period-locked"]').waitFor();
    const locked = cell(page, '徐家坊街道', '高新技术企业');
    await expect.poll(() => locked.getAttribute('data-locked'), POLL).toBe('true');
    expect(await locked.getAttribute('title')).toMatch(/^2022年度已由张敏于\d{4}-\d{2}-\d{2} \d{2}:\d{2}锁定，只读/);
    expect(await locked.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('repeating-linear-gradient');
    const undo = page.locator('[data-testid="undo-button"]');
    await expect.poll(() => undo.getAttribute('data-blocked'), POLL).toBe('true');
    await undo.click();
    await page.getByText(/无法撤销“.*”：2022年度已由张敏于.*锁定/).first().waitFor();
    expect(await dbValue('徐家坊街道', '高新技术企业', '2022')).toBe(5);
    // The lock banner appeared above the grid after it was measured: the grid shrank to stay in the window
    // (its rows scroll inside it) and the page itself does not scroll.
    await expect
      .poll(async () => {
        const grid = (await page.locator('[data-testid="entry-grid"]').boundingBox())!;
        const pageScrolls = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
        return grid.y + grid.height <= 768 + 0.5 && !pageScrolls;
      }, POLL)
      .toBe(true);
    await locked.hover();
    await screenshot(page, 'friction-locked-1366x768', { fullPage: false });
  });

  it('the period picker says how 1-12月, 全年 and 年度 differ', async () => {
    await page.locator('[data-testid="page-figures"] [data-testid="period-picker"]').click();
    const help = page.getByTestId('period-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('同一截止月的报告期显示同一组完成数');
    // The notes under the choices: the quarter and the year that end with 1-12月 say so.
    await expect.poll(() => page.locator('.tz-period-note').allTextContents(), POLL).toContain('月报：1-12月累计');
    await page.keyboard.type('年度');
    await expect.poll(() => page.locator('.tz-period-note').allTextContents(), POLL).toContain('年报：全年数，与“1-12月”“全年”同一截止日');
    await screenshot(page, 'friction-period-picker-1366x768', { fullPage: false });
    await page.keyboard.press('Escape');
  });

  it('催报: the notice copied and the list exported are recorded, and the list says when each unit was last reminded', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '催报' }).click();
    await page.locator('[data-testid="reminders-panel"]').waitFor();
    expect(await page.locator('[data-testid="reminder-last"]').count()).toBe(0);
    await page.locator('[data-testid="reminder-notice-button"]').first().click();
    await page.locator('[data-testid="reminder-notice-copy"]').click();
    await expect.poll(() => page.locator('[data-testid="reminder-last"]').count(), POLL).toBeGreaterThan(0);
    await page.locator('.ant-modal:visible .ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.locator('[data-testid="reminder-notice-text"]').waitFor({ state: 'detached' });
    const list = await call<ReminderList>('entry.reminders', { planId, period: '2022-12' });
    const owing = list.rows.filter((r) => r.missingFigures.length + r.missingProgress.length > 0);
    expect(owing.every((r) => r.lastReminder?.by === '张敏' && r.lastReminder.channel === 'notice')).toBe(true);
    await screenshot(page, 'friction-reminders-1366x768', { fullPage: false });
  });

  it('1440×900: the same grid, and 数据交换 in the side menu', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('tab', { name: '指标完成数' }).click();
    await page.locator('[data-testid="entry-grid"]').waitFor();
    await screenshot(page, 'friction-grid-1440x900', { fullPage: false });
    await page.getByRole('menuitem', { name: '数据交换' }).click();
    await page.locator('[data-testid="page-exchange"]').waitFor();
    await page.locator('[data-testid="exchange-export"]').waitFor();
    await screenshot(page, 'friction-exchange-1440x900', { fullPage: false });
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'friction-exchange-1366x768', { fullPage: false });
  });

  it('the page reported no errors', () => {
    expect(problems).toEqual([]);
  });
});
