/**
 * 数据填报 in a real browser: the operator prompt, typing figures with the
 * keyboard, a validation message, pasting a 3×3 block from the clipboard,
 * undo/redo, copying a range out, the district total, locking the period and
 * finding the cells read-only, the cell history, the flipped grid, 任务进展 and 催报.
 * Every value is also read back from the database through the core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { startWebHost } from '../../electron/web/host';
import type { EntrySheet } from '../../shared/entry/views';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR, screenshot } from './browser';

let tmpDir: string;
let core: Core;
let host: { url: string; token: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
let planId: number;

/** Saves and reloads are quick, but the machine may be busy with other tests. */
const POLL = { timeout: 10_000 };

const PERIOD = '2022-12'; // the plan year is over, so the page opens on 1-12月 where every indicator is due

const cell = (unit: string, indicator: string): Locator =>
  page.locator(`[data-testid="grid-cell"][data-unit="${unit}"][data-indicator="${indicator}"]`);

async function dbValue(unit: string, indicator: string): Promise<number | null> {
  const r = await core.call('entry.sheet', { planId, period: PERIOD });
  if (!r.ok) throw new Error(r.error.message);
  const sheet = r.value as EntrySheet;
  const row = [sheet.table.parent, ...sheet.table.rows].find((x) => x.unit.name === unit)!;
  const ind = sheet.table.indicators.find((i) => i.name === indicator)!;
  return row.cells[ind.id].actual;
}

const grid = () => page.locator('[data-testid="entry-grid"]');

beforeAll(async () => {
  assertRendererBuilt();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-entry-'));
  core = openCore({ dbPath: path.join(tmpDir, 'taizhang.sqlite') });
  planId = ((await core.call('plans.list', {})) as { ok: true; value: { id: number }[] }).value[0].id;
  host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  page = await context.newPage();
  problems = collectPageProblems(page);
  await page.goto(host.url);
  await page.locator('[data-testid="page-overview"]').waitFor();
  await page.getByRole('menuitem', { name: '数据填报' }).click();
  await page.mouse.move(700, 10);
  await page.locator('[data-testid="page-figures"]').waitFor();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  core?.close();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('数据填报 in the browser', () => {
  it('asks the operator name on first use', async () => {
    const input = page.locator('[data-testid="operator-input"]');
    await input.waitFor();
    await screenshot(page, 'e2e-entry-operator');
    await input.fill('张敏');
    await page.getByRole('button', { name: '开始填报' }).click();
    await input.waitFor({ state: 'hidden' });
    expect(await core.call('operator.get', {})).toEqual({ ok: true, value: { name: '张敏' } });
    await grid().waitFor();
    expect(await page.locator('[data-testid="period-picker"]').textContent()).toContain('2022年1-12月');
  });

  it('types figures with the keyboard: type, Enter moves down, Tab moves right, F2 edits', async () => {
    await cell('三家店街道', '技术合同成交额').click();
    await page.keyboard.type('2.5');
    await expect.poll(() => page.locator('[data-testid="cell-editor"]').inputValue(), POLL).toBe('2.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('三家店街道', '技术合同成交额').getAttribute('data-value'), POLL).toBe('2.5');
    // Enter moved to 洪都街道: type, then Tab.
    await page.keyboard.type('0.04');
    await page.keyboard.press('Tab');
    await expect.poll(() => cell('洪都街道', '技术合同成交额').getAttribute('data-value'), POLL).toBe('0.04');
    // Back with the arrows, F2 to edit the value in place, Esc cancels.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('[data-testid="cell-editor"]').inputValue(), POLL).toBe('0.04');
    await page.keyboard.type('9');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="cell-editor"]').count(), POLL).toBe(0);
    expect(await dbValue('三家店街道', '技术合同成交额')).toBe(2.5);
    expect(await dbValue('洪都街道', '技术合同成交额')).toBe(0.04);
    // The district total of an additive indicator is the sum, read-only.
    const total = cell('青云谱区', '技术合同成交额');
    await expect.poll(() => total.getAttribute('data-value'), POLL).toBe('2.54');
    expect(await total.getAttribute('data-readonly')).toBe('true');
    expect(await cell('洪都街道', '技术合同成交额').textContent()).toContain('目标 0.05');
    expect(await cell('洪都街道', '技术合同成交额').textContent()).toContain('80.0%');
    await screenshot(page, 'e2e-entry-typed');
  });

  it('shows a validation message in Chinese as you type and saves nothing wrong', async () => {
    await cell('京山街道', '科技型中小企业').click();
    await page.keyboard.type('3.5');
    const msg = page.locator('[data-testid="cell-validation"]');
    await msg.waitFor();
    expect(await msg.textContent()).toBe('科技型中小企业以“家”计，只能填整数，如 12。');
    await screenshot(page, 'e2e-entry-validation');
    await page.keyboard.press('Enter');
    // Refused: the editor stays open with the message.
    expect(await page.locator('[data-testid="cell-editor"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await dbValue('京山街道', '科技型中小企业')).toBeNull();
  });

  it('pastes a 3×3 block copied from Excel, undoes it with Ctrl+Z and redoes it with Ctrl+Y', async () => {
    await cell('三家店街道', '科技型中小企业').click();
    await page.evaluate(() => navigator.clipboard.writeText('21\t14\t1\r\n8\t4\t0\r\n39\t19\t2\r\n'));
    await page.keyboard.press('Control+V');
    await expect.poll(() => cell('徐家坊街道', '新增市级以上研发平台和创新载体').getAttribute('data-value'), POLL).toBe('2');
    const block = async () => {
      const out: (number | null)[][] = [];
      for (const u of ['三家店街道', '洪都街道', '徐家坊街道']) {
        const line: (number | null)[] = [];
        for (const i of ['科技型中小企业', '高新技术企业', '新增市级以上研发平台和创新载体']) line.push(await dbValue(u, i));
        out.push(line);
      }
      return out;
    };
    expect(await block()).toEqual([
      [21, 14, 1],
      [8, 4, 0],
      [39, 19, 2],
    ]);
    await screenshot(page, 'e2e-entry-pasted');

    await grid().focus();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => cell('徐家坊街道', '新增市级以上研发平台和创新载体').getAttribute('data-value'), POLL).toBe('');
    expect(await block()).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    // The typed figures before the paste are untouched.
    expect(await dbValue('三家店街道', '技术合同成交额')).toBe(2.5);
    await screenshot(page, 'e2e-entry-undone');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => cell('徐家坊街道', '新增市级以上研发平台和创新载体').getAttribute('data-value'), POLL).toBe('2');
    expect((await block())[0]).toEqual([21, 14, 1]);
  });

  it('copies a range out as a tab-separated block', async () => {
    await cell('三家店街道', '科技型中小企业').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), POLL).toBe('21\t14\n8\t4\n');
  });

  it('shows a cell history: who, from → to, when', async () => {
    await cell('三家店街道', '科技型中小企业').click();
    await page.locator('[data-testid="history-button"]').click();
    const entries = page.locator('[data-testid="history-entry"]');
    await expect.poll(() => entries.count(), POLL).toBe(3); // pasted, undone, redone
    const texts = await entries.allTextContents();
    expect(texts[0]).toContain('张敏');
    expect(texts[0]).toContain('（空） → 21');
    expect(texts[1]).toContain('21 → （空）');
    await screenshot(page, 'e2e-entry-history');
    await page.keyboard.press('Escape');
    await entries.first().waitFor({ state: 'hidden' });
  });

  it('locks the period: cells become read-only in the grid and in the API', async () => {
    await page.locator('[data-testid="lock-button"]').click();
    await page.getByRole('button', { name: '锁定', exact: true }).click();
    await page.locator('[data-testid="period-locked"]').waitFor();
    await page.locator('[data-testid="locked-banner"]').waitFor();
    const target = cell('京山街道', '技术合同成交额');
    await expect.poll(() => target.getAttribute('data-readonly'), POLL).toBe('true');
    const editable = await page.locator('[data-testid="grid-cell"][data-readonly="false"]').count();
    expect(editable).toBe(0);
    await target.click();
    await page.keyboard.type('1');
    expect(await page.locator('[data-testid="cell-editor"]').count()).toBe(0);
    await page.getByText('本期已锁定，只读').first().waitFor();
    const refused = await core.call('entry.save', {
      planId,
      edits: [{ indicatorId: 5, unitId: 5, period: '2022-12', value: 0.1 }],
    });
    expect(refused.ok).toBe(false);
    await screenshot(page, 'e2e-entry-locked');
  });

  it('unlocking asks for a reason, which is recorded', async () => {
    await page.locator('[data-testid="unlock-button"]').click();
    const ok = page.getByRole('button', { name: '解锁', exact: true }).last();
    expect(await ok.isDisabled()).toBe(true);
    await page.getByPlaceholder('例如：洪都街道更正9月技术合同成交额').fill('更正京山街道数据');
    await ok.click();
    await page.locator('[data-testid="lock-button"]').waitFor();
    await expect.poll(() => cell('京山街道', '技术合同成交额').getAttribute('data-readonly'), POLL).toBe('false');
    await page.getByRole('tab', { name: '锁定记录' }).click();
    const panel = page.locator('[data-testid="locks-panel"]');
    await panel.getByText('更正京山街道数据').first().waitFor();
    expect(await panel.textContent()).toContain('张敏');
    await screenshot(page, 'e2e-entry-lock-log');
  });

  it('任务进展 and 催报 for the period', async () => {
    await page.getByRole('tab', { name: '催报' }).click();
    const jingshan = page.locator('[data-testid="reminder-row"][data-unit="京山街道"]');
    await jingshan.waitFor();
    expect(await jingshan.textContent()).toContain('技术合同成交额');
    await screenshot(page, 'e2e-entry-reminders');
    await page.getByRole('tab', { name: '任务进展' }).click();
    await page.locator('[data-testid="progress-panel"] .ant-table-row').first().waitFor();
    await page.getByRole('combobox', { name: '任务1·青云谱镇的状态' }).click();
    await page.locator('.ant-select-item-option[title="推进中"]').click();
    const text = page.locator('[data-testid="progress-panel"] .ant-table-row').nth(1).locator('textarea');
    await text.fill('已完成数字经济重点项目摸底');
    await text.blur();
    const stored = async () => {
      const r = await core.call('progress.sheet', { planId, period: PERIOD });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { rows: { taskSeq: number; unitName: string; status: string | null; text: string; enteredBy: string | null }[] }).rows.find(
        (x) => x.taskSeq === 1 && x.unitName === '青云谱镇',
      );
    };
    await expect.poll(async () => (await stored())?.text, POLL).toBe('已完成数字经济重点项目摸底');
    expect(await stored()).toMatchObject({ status: 'in_progress', enteredBy: '张敏' });
    await screenshot(page, 'e2e-entry-progress');
  });

  it('flips to one unit: indicators × months', async () => {
    await page.getByRole('tab', { name: '指标完成数' }).click();
    await page.getByText('按月份（单个单位：指标 × 月份）').click();
    await page.getByRole('combobox', { name: '单位' }).click();
    await page.locator('.ant-select-item-option[title="三家店街道"]').click();
    const row = page.locator('[data-testid="grid-row"][data-row-title="技术合同成交额（亿元）"]');
    await row.locator('[data-testid="grid-cell"][data-period="2022-01"][data-unit="三家店街道"]').click();
    // End jumps to 1-12月, scrolling the virtualised columns.
    await page.keyboard.press('End');
    const dec = page.locator('[data-testid="grid-cell"][data-indicator="技术合同成交额"][data-period="2022-12"]');
    await expect.poll(() => dec.getAttribute('data-value'), POLL).toBe('2.5');
    // A quarterly indicator only has cells at quarter ends.
    const smes = page.locator('[data-testid="grid-cell"][data-indicator="科技型中小企业"]');
    expect(await smes.evaluateAll((els) => els.map((e) => e.getAttribute('data-period')))).toEqual(
      expect.arrayContaining(['2022Q4']),
    );
    expect(await smes.evaluateAll((els) => els.every((e) => /Q\d$/.test(e.getAttribute('data-period') ?? '')))).toBe(true);
    await screenshot(page, 'e2e-entry-flipped');
  });

  it('the page reported no errors', () => {
    expect(problems).toEqual([]);
  });
});
