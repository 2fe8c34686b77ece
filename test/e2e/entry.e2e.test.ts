/**
 * 数据填报 in a real browser: the operator prompt, typing figures with the
 * keyboard, a validation message, pasting a 3×3 block from the clipboard,
 * undo/redo, copying a range out, the district total, locking the period and
 * finding the cells read-only, the cell history, the flipped grid, 任务进展 and 催报.
 * Every value is also read back from the database through the core.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import type { EntryGridSheet, EntrySheet, ProgressSheet } from '../../shared/entry/views';
import { openedDropdown, screenshot, selectedLabel } from './browser';
import { type AppSession, openAppSession } from './session';

let app: AppSession;
let core: Core;
let page: Page;
let problems: string[];
let planId: number;

/** Saves and reloads are quick, but the machine may be busy with other tests. */
const POLL = { timeout: 10_000 };

const PERIOD = '2022-12'; // the plan year is over, so the page opens on 1-12月 where every indicator is due

const cell = (unit: string, indicator: string): Locator =>
  page.locator(`[data-testid="grid-cell"][data-unit="${unit}"][data-indicator="${indicator}"]`);

async function dbValue(unit: string, indicator: string): Promise<number | null> {
  return dbValueAt(unit, indicator, PERIOD);
}

async function dbValueAt(unit: string, indicator: string, period: string): Promise<number | null> {
  const r = await core.call('entry.sheet', { planId, period });
  if (!r.ok) throw new Error(r.error.message);
  const sheet = r.value as EntrySheet;
  const row = [sheet.table.parent, ...sheet.table.rows].find((x) => x.unit.name === unit)!;
  const ind = sheet.table.indicators.find((i) => i.name === indicator)!;
  return row.cells[ind.id].actual;
}

const grid = () => page.locator('[data-testid="entry-grid"]');

beforeAll(async () => {
  app = await openAppSession({
    name: 'entry',
    core: async (dir) => {
      const opened = openCore({ dbPath: path.join(dir, 'taizhang.sqlite') });
      planId = ((await opened.call('plans.list', {})) as { ok: true; value: { id: number }[] }).value[0].id;
      // The test's own saves stand for another door (the desktop window on this PC): they carry the PC's operator.
      await opened.call('operator.set', { name: '另一窗口' });
      return opened;
    },
    clipboard: true,
  });
  ({ core, page, problems } = app);
  await page.getByRole('menuitem', { name: '数据填报' }).click();
  await page.mouse.move(700, 10);
  await page.locator('[data-testid="page-figures"]').waitFor();
}, 30_000);

afterAll(() => app?.close());

describe('数据填报 in the browser', () => {
  it('asks the operator name on first use', async () => {
    const input = page.locator('[data-testid="operator-input"]');
    await input.waitFor();
    await screenshot(page, 'e2e-entry-operator');
    await input.fill('张敏');
    await page.getByRole('button', { name: '开始填报' }).click();
    await input.waitFor({ state: 'hidden' });
    // The name is this tab's own: the PC's setting (another door's) is unchanged.
    await expect.poll(() => page.locator('[data-testid="page-figures"]').textContent(), POLL).toContain('当前：张敏');
    expect(await core.call('operator.get', {})).toEqual({ ok: true, value: { name: '另一窗口' } });
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
    // The message follows the text as it is typed: wait for the one about the whole value.
    await expect.poll(() => msg.textContent(), POLL).toBe('科技型中小企业以“家”计，只能填整数，如 12。');
    await screenshot(page, 'e2e-entry-validation');
    await page.keyboard.press('Enter');
    // Refused: the editor stays open with the message, and gets the focus back (it is disabled while
    // the value is checked) — only then does Esc reach it.
    const editor = page.locator('[data-testid="cell-editor"]');
    // Asked of the page, not through the locator: locator.evaluate waits (30 s) for an editor the grid
    // is re-rendering at that moment, longer than the poll itself, and the poll then fails without retrying.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const el = document.querySelector<HTMLInputElement>('[data-testid="cell-editor"]');
            return el != null && document.activeElement === el && !el.disabled;
          }),
        POLL,
      )
      .toBe(true);
    expect(await editor.count()).toBe(1);
    expect(await msg.textContent()).toBe('科技型中小企业以“家”计，只能填整数，如 12。');
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.count(), POLL).toBe(0);
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

  it('a pasted block that lowers cumulative values asks a note for each cell and records each with its cell', async () => {
    const g = await core.call('entry.grid', { planId, period: PERIOD });
    if (!g.ok) throw new Error(g.error.message);
    const sheet = g.value as EntryGridSheet;
    const names = sheet.units.map((u) => u.name);
    const at = names.indexOf('京山街道');
    const pair = [sheet.units[at], sheet.units[at + 1]];
    const contractId = sheet.indicators.find((i) => i.name === '技术合同成交额')!.id;
    // Last month's cumulative values, saved by another door: the grid reloads to know them.
    const loadsBefore = Number(await page.locator('[data-testid="cell-bar"]').getAttribute('data-loads'));
    const prior = await core.call('entry.save', {
      planId,
      edits: pair.map((u) => ({ indicatorId: contractId, unitId: u.id, period: '2022-11', value: 0.2, confirmed: true })),
    });
    expect(prior.ok).toBe(true);
    await expect.poll(async () => Number(await page.locator('[data-testid="cell-bar"]').getAttribute('data-loads')), POLL).toBe(loadsBefore + 1);

    await cell('京山街道', '技术合同成交额').click();
    await page.evaluate(() => navigator.clipboard.writeText('0.1\r\n0.12\r\n'));
    await page.keyboard.press('Control+V');
    const dialog = page.locator('[data-testid="note-dialog"]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid="note-request"]').count()).toBe(2);
    expect(await dialog.textContent()).toContain(`${pair[1].name} · 技术合同成交额（2022年1-12月）`);
    const boxes = dialog.locator('textarea');
    await boxes.nth(0).fill('京山街道核减重复合同');
    await page.getByRole('button', { name: '将第一条说明填入其余空白单元格' }).click();
    await expect.poll(() => boxes.nth(1).inputValue(), POLL).toBe('京山街道核减重复合同');
    await boxes.nth(1).fill(`${pair[1].name}更正口径`);
    await screenshot(page, 'e2e-entry-paste-notes');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => dbValue(pair[1].name, '技术合同成交额'), POLL).toBe(0.12);
    expect(await dbValue('京山街道', '技术合同成交额')).toBe(0.1);
    const noteOf = async (unitId: number) => {
      const h = await core.call('entry.history', { planId, indicatorId: contractId, unitId, period: PERIOD });
      if (!h.ok) throw new Error(h.error.message);
      return (h.value as { note: string | null }[]).at(-1)?.note;
    };
    expect(await noteOf(pair[0].id)).toBe('京山街道核减重复合同');
    expect(await noteOf(pair[1].id)).toBe(`${pair[1].name}更正口径`);
    // Put the block back as it was for the tests that follow (no note needed to clear).
    await core.call('entry.save', {
      planId,
      edits: pair.flatMap((u) => [
        { indicatorId: contractId, unitId: u.id, period: PERIOD, value: null },
        { indicatorId: contractId, unitId: u.id, period: '2022-11', value: null },
      ]),
    });
    await expect.poll(() => cell('京山街道', '技术合同成交额').getAttribute('data-value'), POLL).toBe('');
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
    // Says who locked the period and when (issue 16), and the cells look locked.
    await page.getByText(/2022年1-12月已由张敏于\d{4}-\d{2}-\d{2} \d{2}:\d{2}锁定，只读/).first().waitFor();
    expect(await target.getAttribute('data-locked')).toBe('true');
    expect(await target.getAttribute('title')).toMatch(/已由张敏于.*锁定，只读。如需修改，请先点“解锁”并填写原因。/);
    const refused = await core.call('entry.save', {
      planId,
      edits: [{ indicatorId: 5, unitId: 5, period: '2022-12', value: 0.1 }],
    });
    expect(refused.ok).toBe(false);
    await screenshot(page, 'e2e-entry-locked');
  });

  it('unlocking asks for a reason, which is recorded', async () => {
    await page.locator('[data-testid="unlock-button"]').click();
    // The dialog's own 解锁 button (not the toolbar's), once the dialog is up.
    const dialog = page.locator('.ant-modal:visible', { hasText: '请写明原因' });
    await dialog.waitFor();
    const ok = dialog.getByRole('button', { name: '解锁', exact: true });
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
    await openedDropdown(page).locator('.ant-select-item-option[title="推进中"]').click();
    const text = page.locator('[data-testid="progress-panel"] .ant-table-row').nth(1).locator('textarea');
    await text.fill('已完成数字经济重点项目摸底');
    await text.blur();
    const stored = async () => {
      const r = await core.call('progress.sheet', { planId, period: PERIOD });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as ProgressSheet).rows.find(
        (x) => x.taskSeq === 1 && x.unitName === '青云谱镇',
      );
    };
    await expect.poll(async () => (await stored())?.text, POLL).toBe('已完成数字经济重点项目摸底');
    // The plan year is over: the date defaults to the end of the period, not to today.
    expect(await stored()).toMatchObject({ status: 'in_progress', enteredBy: '张敏', reportedOn: '2022-12-31' });
    await screenshot(page, 'e2e-entry-progress');

    // The date is editable: type another one.
    const date = page.getByRole('textbox', { name: '任务1·青云谱镇的日期' });
    await date.click();
    await date.fill('2022-12-20');
    await date.press('Enter');
    await expect.poll(async () => (await stored())?.reportedOn, POLL).toBe('2022-12-20');
    const row = (await stored())!;
    // A date after the period's window cannot be picked: the core refuses it too.
    const late = await core.call('progress.save', {
      planId,
      period: PERIOD,
      entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'done', text: 'x', reportedOn: '2023-03-01' }],
    });
    expect(late.ok).toBe(false);
    expect(!late.ok && late.error.message).toContain('报送截止日（2023年1月31日）');

    // 修改记录 of the row: status and text, then the date.
    await page.getByRole('button', { name: '任务1·青云谱镇的修改记录' }).click();
    const entries = page.locator('[data-testid="progress-history-entry"]');
    await expect.poll(() => entries.count(), POLL).toBeGreaterThanOrEqual(3);
    const texts = await entries.allTextContents();
    expect(texts[0]).toContain('日期：2022年12月31日 → 2022年12月20日');
    expect(texts.at(-1)).toContain('状态：（未填报） → 推进中');
    expect(texts.join('')).toContain('已完成数字经济重点项目摸底');
    expect(texts[0]).toContain('张敏');
    await screenshot(page, 'e2e-entry-progress-history');
    // The first screenful, readable: the table has 101 rows.
    await page.screenshot({ path: 'test-results/e2e-entry-progress-history-top.png', clip: { x: 0, y: 0, width: 1440, height: 900 }, animations: 'disabled' });
    await page.keyboard.press('Escape');
    await entries.first().waitFor({ state: 'hidden' });
  });

  it('flips to one unit: indicators × months', async () => {
    await page.getByRole('tab', { name: '指标完成数' }).click();
    await page.getByText('按月份（单个单位：指标 × 月份）').click();
    await page.getByRole('combobox', { name: '单位' }).click();
    await openedDropdown(page).locator('.ant-select-item-option[title="三家店街道"]').click();
    const unitSelect = page.locator('.ant-select', { has: page.getByRole('combobox', { name: '单位' }) });
    await expect.poll(() => selectedLabel(unitSelect), POLL).toBe('三家店街道');
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

  it('上年同期: last year\'s figures are entered for 同比, without targets, with a banner saying so', async () => {
    await page.getByRole('tab', { name: '指标完成数' }).click();
    // Typing filters the picker's 34 periods.
    await page.locator('[data-testid="period-picker"]').click();
    await page.keyboard.type('2021年1-12月');
    await openedDropdown(page).locator('.ant-select-item-option[title="2021年1-12月"]').click();
    await page.locator('[data-testid="base-year-banner"]').waitFor();
    expect(await page.locator('[data-testid="base-year-banner"]').textContent()).toContain('只用于计算同比');
    expect(await page.getByRole('tab', { name: '任务进展' }).count()).toBe(0);
    // The flipped grid follows the period's year: last year's months.
    await page.locator('[data-testid="grid-cell"][data-period^="2021"]').first().waitFor();
    await page.getByText('按单位（单位 × 指标）').click();
    const lastYear = cell('洪都街道', '技术合同成交额');
    await lastYear.click();
    await page.keyboard.type('0.02');
    await page.keyboard.press('Enter');
    await expect.poll(() => dbValueAt('洪都街道', '技术合同成交额', '2021-12'), POLL).toBe(0.02);
    // No target, no 完成率 in last year's cells.
    expect(await lastYear.textContent()).not.toContain('目标');
    await screenshot(page, 'e2e-entry-base-year');
  });

  it('the page reported no errors', () => {
    expect(problems).toEqual([]);
  });
});
