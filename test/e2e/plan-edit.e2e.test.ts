/**
 * Keeping the plan in the window (issue 14), in a real browser: a target
 * typed and pasted in 指标分解's grid with the sum check live and undo; a task
 * edited; a goal added with its wording previewed; a unit renamed in
 * 设置 → 单位与部门 — and all of it in the Excel 附件1/附件2 downloads, read
 * back with exceljs. A unit merge with a conflicting figure (listed first,
 * then 撤销). 2023 created from 2022 in the window, with 同比 in the grid.
 * Screenshots at 1440×900 and 1366×768 go to test-results/.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { call } from '../helpers/importDb';
import { openedDropdown, SCREENSHOT_DIR } from './browser';
import { type AppSession, openAppSession } from './session';
import { nameTabOperator } from './operator';

let app: AppSession;
let core: Core;
let page: Page;
let problems: string[];
let planId: number;

const POLL = { timeout: 30_000 };

async function bothSizes(name: string) {
  for (const [w, h] of [
    [1440, 900],
    [1366, 768],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `plans-${name}-${w}x${h}.png`), animations: 'disabled' });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function go(route: string, testId: string) {
  await page.evaluate((h) => (window.location.hash = h), `#/${route}`);
  await page.locator(`[data-testid="${testId}"]`).waitFor();
  await page.locator(`[data-testid="${testId}"] [data-testid="loading"]`).waitFor({ state: 'detached' });
}

const targetCell = (unit: string, indicator: string): Locator =>
  page.locator(`[data-testid="target-grid"] [data-testid="grid-cell"][data-unit="${unit}"][data-indicator="${indicator}"]`);

async function targetOf(unit: string, indicator: string): Promise<number | null> {
  const b = await call(core, 'targets.breakdown', { planId });
  const ind = b.indicators.find((i) => i.name === indicator)!;
  return b.rows.find((r) => r.unit.name === unit)!.values[ind.id];
}

/** Downloads a table from 报表导出 and returns its first sheet's rows as text. */
async function download(sheetLabel: string): Promise<string[][]> {
  await go('reports', 'page-reports');
  await page.locator('[data-testid="excel-sheet"]').getByText(sheetLabel).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="excel-export-button"]').click()]);
  const saved = path.join(app.dir, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.value == null ? '' : String(c.value)));
    rows.push(cells);
  });
  return rows;
}

beforeAll(async () => {
  app = await openAppSession({
    name: 'plans',
    core: async (dir) => {
      // openCore seeds a new database with the example, as the CLI does.
      const opened = openCore({ dbPath: path.join(dir, 'taizhang.sqlite') });
      planId = (await call(opened, 'plans.list', {}))[0].id;
      return opened;
    },
    clipboard: true,
    downloads: true,
  });
  ({ core, page, problems } = app);
  // A step that cannot happen fails with its locator well inside the test's own time.
  page.setDefaultTimeout(30_000);
  await nameTabOperator(page, '王芳');
}, 60_000);

afterAll(() => app?.close());

describe('the plan kept in the window', { timeout: 60_000 }, () => {
  it('指标分解: a typed target shows in the live sum check at once, Ctrl+Z takes it back, a block pastes from Excel', async () => {
    await go('targets', 'page-targets');
    const head = page.locator('[data-testid="target-grid"] [data-testid="grid-colhead"]').first();
    await expect(head.textContent()).resolves.toContain('合计 140，与全区相符');
    await targetCell('洪都街道', '科技型中小企业').click();
    await page.keyboard.type('9');
    await page.keyboard.press('Enter');
    await expect.poll(() => targetCell('洪都街道', '科技型中小企业').getAttribute('data-value'), POLL).toBe('9');
    await expect.poll(() => head.getAttribute('data-tone'), POLL).toBe('bad');
    await expect(head.textContent()).resolves.toContain('合计 141，差额 +1');
    await expect(page.locator('[data-testid="targets-sum-alert"]').textContent()).resolves.toContain('科技型中小企业（合计 141，差额 +1）');
    expect(await targetOf('洪都街道', '科技型中小企业')).toBe(9);
    await bothSizes('targets-mismatch');

    // A value the rules refuse stays in the editor with the reason; nothing is saved.
    await targetCell('京山街道', '科技型中小企业').click();
    await page.keyboard.type('-3');
    await page.locator('[data-testid="cell-validation"]').waitFor();
    await expect(page.locator('[data-testid="cell-validation"]').textContent()).resolves.toBe('目标值不能为负数（-3家）');
    await page.keyboard.press('Escape');
    expect(await targetOf('京山街道', '科技型中小企业')).toBe(13);

    await page.locator('[data-testid="target-grid"]').focus();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => targetOf('洪都街道', '科技型中小企业'), POLL).toBe(8);
    await expect.poll(() => head.getAttribute('data-tone'), POLL).toBe('good');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => targetOf('洪都街道', '科技型中小企业'), POLL).toBe(9);

    // 岱山街道 and 青云谱镇 × the first two indicators, pasted as Excel puts them on the clipboard.
    await targetCell('岱山街道', '科技型中小企业').click();
    await page.evaluate(() => navigator.clipboard.writeText('7\t6\r\n17\t7\r\n'));
    await page.keyboard.press('Control+V');
    await expect.poll(() => targetOf('青云谱镇', '科技型中小企业'), POLL).toBe(17);
    expect(await targetOf('岱山街道', '科技型中小企业')).toBe(7);
    expect(await targetOf('青云谱镇', '高新技术企业')).toBe(7);
    // 21+9+39+13+7+17+35 = 141: still one over the district's 140.
    await expect.poll(() => head.textContent(), POLL).toContain('合计 141，差额 +1');
    const history = await call(core, 'targets.history', { planId });
    expect(history[0]).toMatchObject({ changedBy: '王芳', source: '指标分解（窗口修改）' });
  });

  it('工作目标: a goal added in the form, its wording previewed as typed', async () => {
    await go('goals', 'page-goals');
    await page.getByTestId('goal-add').click();
    await page.locator('[data-testid="goal-form"]').waitFor();
    await page.getByTestId('goal-name').fill('新增市级以上孵化器');
    await page.getByTestId('goal-value').fill('3');
    await page.locator('[data-testid="goal-comparator"]').click();
    await openedDropdown(page).locator('.ant-select-item-option', { hasText: '突破' }).click();
    await expect.poll(() => page.getByTestId('goal-preview').textContent(), POLL).toContain('新增市级以上孵化器突破3家');
    await page.getByTestId('goal-strive').click();
    await expect.poll(() => page.getByTestId('goal-preview').textContent(), POLL).toContain('力争新增市级以上孵化器突破3家');
    await bothSizes('goal-form');
    await page.getByTestId('goal-save').click();
    await page.locator('[data-testid="goal-form"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="goals-table"] tr[data-goal="新增市级以上孵化器"]').waitFor();
    const goals = (await call(core, 'plan.overview', { planId })).goals;
    expect(goals.at(-1)).toMatchObject({ targetValue: 3, indicator: { name: '新增市级以上孵化器', wordingText: '力争新增市级以上孵化器突破3家' } });
    // Its years side by side (one plan so far).
    await page.locator('[data-testid="goals-table"] tr[data-goal="技术合同成交额"] [data-testid="goal-years"]').click();
    await page.locator('[data-testid="indicator-years"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="indicator-years"]').textContent(), POLL).toContain('2022年');
    await page.keyboard.press('Escape');
  });

  it('任务分解: a task edited; 设置: a department renamed — both in the 附件1 download, the target in 附件2', async () => {
    await go('tasks', 'page-tasks');
    await page.locator('[data-testid="task-row"][data-seq="1"] [data-testid="task-edit"]').click();
    await page.locator('[data-testid="task-form"]').waitFor();
    await page.getByTestId('task-content').fill('推进数字经济“一号发展工程”，打造数字经济集聚区');
    await bothSizes('task-form');
    await page.getByTestId('task-save').click();
    await page.locator('[data-testid="task-form"]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-testid="task-row"][data-seq="1"]').textContent(), POLL).toContain('打造数字经济集聚区');

    await go('settings', 'page-settings');
    await page.locator('[data-testid="units-table"] tr[data-unit="区科工局"] [data-testid="unit-edit"]').click();
    await page.locator('[data-testid="unit-form"]').waitFor();
    await page.getByTestId('unit-name').fill('区科技局');
    await page.getByTestId('unit-full-name').fill('青云谱区科学技术局');
    await bothSizes('unit-rename');
    await page.getByTestId('unit-save').click();
    await page.locator('[data-testid="unit-form"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="units-table"] tr[data-unit="区科技局"] [data-testid="unit-aliases"]').waitFor();
    await page.locator('[data-testid="units-table"] tr[data-unit="区科技局"]').scrollIntoViewIfNeeded();
    await bothSizes('units');

    const annex1 = await download('附件1 任务分解表');
    const task1 = annex1.find((r) => r[0] === '1')!;
    expect(task1[1]).toBe('推进数字经济“一号发展工程”，打造数字经济集聚区');
    const texts = annex1.flat().join('|');
    expect(texts).toContain('区科技局');
    expect(texts).not.toContain('区科工局');
    const annex2 = await download('附件2 指导性任务分解表');
    const hongdu = annex2.find((r) => r[0] === '洪都街道' || r[1] === '洪都街道')!;
    expect(hongdu).toContain('9');
    expect(problems).toEqual([]);
  });

  it('merging two streets lists the conflicting figure first, keeps the kept unit’s value, and offers 撤销', async () => {
    const ids = Object.fromEntries((await call(core, 'units.directory', {})).units.map((u) => [u.name, u.id]));
    const contract = (await call(core, 'plan.overview', { planId })).goals.find((g) => g.indicator.name === '技术合同成交额')!.indicator.id;
    await core.call('operator.set', { name: '另一窗口' });
    await call(core, 'entry.save', {
      planId,
      edits: [
        { indicatorId: contract, unitId: ids['徐家坊街道'], period: '2022-09', value: 0.8, confirmed: true },
        { indicatorId: contract, unitId: ids['京山街道'], period: '2022-09', value: 0.3, confirmed: true },
      ],
    });
    await go('settings', 'page-settings');
    await page.locator('[data-testid="units-table"] tr[data-unit="徐家坊街道"] [data-testid="unit-merge"]').click();
    await page.locator('[data-testid="merge-into"]').click();
    await openedDropdown(page).locator('.ant-select-item-option', { hasText: '京山街道' }).click();
    await page.getByTestId('merge-next').click();
    const list = page.locator('[data-testid="loss-list"]');
    await list.waitFor();
    await expect(list.textContent()).resolves.toContain('技术合同成交额（2022年1-9月）：保留京山街道的 0.3亿元，徐家坊街道的 0.8亿元 记入修改记录');
    await bothSizes('merge-conflicts');
    await page.getByTestId('confirm-list').click();
    await page.locator('[data-testid="undo-operation"]').waitFor();
    await bothSizes('merge-done');
    expect((await call(core, 'units.directory', {})).units.map((u) => u.name)).not.toContain('徐家坊街道');
    const after = await call(core, 'figures.progress', { planId, period: '2022-09' });
    expect(after.rows.find((r) => r.unit.name === '京山街道')!.cells[contract].actual).toBe(0.3);
    // 撤销合并: both streets back, each with its own figure.
    await page.getByTestId('undo-operation').click();
    await expect.poll(async () => (await call(core, 'units.directory', {})).units.map((u) => u.name), POLL).toContain('徐家坊街道');
    const back = await call(core, 'figures.progress', { planId, period: '2022-09' });
    expect(back.rows.find((r) => r.unit.name === '徐家坊街道')!.cells[contract].actual).toBe(0.8);
  });

  it('creates 2023 from 2022 in the window; a 2023 figure shows 同比 against 2022 in the grid', async () => {
    const ids = Object.fromEntries((await call(core, 'units.directory', {})).units.map((u) => [u.name, u.id]));
    const contract = (await call(core, 'plan.overview', { planId })).goals.find((g) => g.indicator.name === '技术合同成交额')!.indicator.id;
    await call(core, 'entry.save', { planId, edits: [{ indicatorId: contract, unitId: ids['洪都街道'], period: '2022-12', value: 3.2, confirmed: true }] });

    await page.getByTestId('plan-switcher').click();
    await page.locator('[data-testid="plan-panel"]').waitFor();
    await expect(page.locator('[data-testid="plan-item"]').first().textContent()).resolves.toContain('示例');
    await page.getByTestId('plan-new').click();
    await page.locator('[data-testid="new-plan-form"]').waitFor();
    await expect(page.getByTestId('plan-title').inputValue()).resolves.toBe('2023年青云谱区科技创新工作要点');
    await bothSizes('new-plan');
    await page.getByTestId('plan-create').click();
    await page.locator('[data-testid="new-plan-form"]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-testid="current-plan"]').textContent(), POLL).toContain('2023年青云谱区科技创新工作要点');
    const plans = await call(core, 'plans.list', {});
    const next = plans.find((p) => p.yearStart === 2023)!;
    expect(plans.map((p) => p.yearStart)).toEqual([2023, 2022]);

    // 数据填报 at 2023年1-12月: type 洪都街道's 技术合同成交额.
    await page.evaluate((id) => window.localStorage.setItem(`taizhang.period.${id}`, '2023-12'), next.id);
    await go('figures', 'page-figures');
    const cell = page.locator('[data-testid="entry-grid"] [data-testid="grid-cell"][data-unit="洪都街道"][data-indicator="技术合同成交额"]');
    await cell.click();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.getAttribute('data-yoy'), POLL).toBe('0.25');
    await expect(cell.textContent()).resolves.toContain('同比 +25.0%');
    await cell.click();
    await expect.poll(() => page.locator('[data-testid="cell-yoy"]').textContent(), POLL).toBe('同比 +25.0%（上年同期 3.2）');
    await bothSizes('yoy-2023');

    // The switcher lists both years, newest first, the example marked; 归档 hides the example.
    await page.getByTestId('plan-switcher').click();
    const items = page.locator('[data-testid="plan-item"]');
    await expect.poll(() => items.count(), POLL).toBe(2);
    expect(await items.allTextContents()).toEqual([expect.stringContaining('2023年青云谱区科技创新工作要点'), expect.stringMatching(/2022年.*青政办发〔2022〕16号.*示例/)]);
    await bothSizes('switcher');
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });
});
