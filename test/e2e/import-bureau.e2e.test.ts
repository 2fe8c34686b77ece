/**
 * Issue 12 in the browser: a target sheet laid out the way a bureau lays it
 * out (title, 填报单位 line, 序号, "2022年目标任务" merged over two header rows,
 * 全区 row, numbers as text, stray spaces) is recognised as a target
 * breakdown — the preview says why — and merged: the units it leaves out keep
 * their targets unless 以本表为准 is ticked, which lists the removals first.
 * Also: an ambiguous sheet waits for the user's choice, another year's task
 * table offers its own plan, and a mapped short name is remembered.
 * Screenshots at 1440×900 and 1366×768 go to test-results/import-bureau-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../electron/core';
import { tempDir } from '../helpers/tempDb';
import { call, dumpDb, openExample } from '../helpers/importDb';
import { layout, writeLayout } from '../fixtures/import/bureau-layouts';
import { openedDropdown, SCREENSHOT_DIR, selectedLabel } from './browser';
import { type AppSession, openAppSession } from './session';
import { nameTabOperator } from './operator';

let tmp: { dir: string; cleanup(): void };
let dbPath: string;
let core: Core;
let app: AppSession;
let page: Page;
let problems: string[];
/** The bureau's sheet adjusting 洪都街道 (8 → 10) and listing only four of the seven sub-units. */
let adjusted: string;

beforeAll(async () => {
  tmp = tempDir('taizhang-import-bureau-e2e-');
  const wb = await layout('targets-two-row-header').build();
  const ws = wb.getWorksheet('目标分解')!;
  ws.getCell('C7').value = '10'; // 洪都街道 科技型中小企业 8 → 10
  // 岱山街道, 青云谱镇, 新经济产业集聚区 and the 合计 row left out (emptied: exceljs's spliceRows leaves this sheet as it was).
  for (let r = 10; r <= 13; r++) ws.getRow(r).eachCell((c) => (c.value = null));
  adjusted = path.join(tmp.dir, '2022年部分街道目标调整表.xlsx');
  await wb.xlsx.writeFile(adjusted);
  dbPath = path.join(tmp.dir, 'taizhang.db');
  app = await openAppSession({ name: 'import-bureau', core: () => openExample(dbPath) });
  ({ core, page, problems } = app);
  await nameTabOperator(page);
  await page.locator('[data-testid="page-overview"]').waitFor();
}, 60_000);

afterAll(async () => {
  await app?.close();
  tmp?.cleanup();
});

async function waitPreview(p: Page = page) {
  await p.locator('[data-testid="import-summary"]').waitFor();
  await p.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
}

async function openFile(file: string) {
  await page.keyboard.press('Escape');
  await page.getByTestId('import-open').click();
  await page.locator('[data-testid="import-drawer"]').waitFor();
  const again = page.getByRole('button', { name: '重新选择' });
  if (await again.isVisible()) await again.click();
  await page.locator('[data-testid="import-drawer"] input[type="file"]').setInputFiles(file);
  await waitPreview();
}

/** Both sizes the brief asks for: the same state at 1440×900 and at 1366×768. */
async function bothSizes(name: string, scrollTo?: string) {
  for (const [w, h] of [
    [1440, 900],
    [1366, 768],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
    // What the user sees in the window (a full-page picture would show the page under the drawer past its bottom).
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `import-bureau-${name}-${w}x${h}.png`), animations: 'disabled' });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function targetOf(unit: string, indicator: string): Promise<number | null> {
  const plan = (await call(core, 'plans.list', {})).find((p) => p.yearStart === 2022)!;
  const b = await call(core, 'targets.breakdown', { planId: plan.id });
  const ind = b.indicators.find((i) => i.name === indicator)!;
  const row = unit === b.parent.unit.name ? b.parent : b.rows.find((r) => r.unit.name === unit)!;
  return row.values[ind.id] ?? null;
}

describe('导入 a bureau-style target sheet', () => {
  it('is recognised as a target breakdown, says why, and merges: the units it leaves out keep their targets', async () => {
    await openFile(adjusted);
    const reading = page.locator('[data-testid="import-reading"]');
    await expect(reading.textContent()).resolves.toContain('读作指标分解表（单位为行、指标为列）');
    await expect(reading.textContent()).resolves.toContain('表体全部是数字');
    await expect(page.locator('[data-testid="import-summary"]').textContent()).resolves.toContain('3 个指标、15 个目标值');
    // Merge: three sub-units are not in the sheet, their nine targets stay.
    const replace = page.locator('[data-testid="import-replace"]');
    await expect(replace.textContent()).resolves.toContain('本表没有列出的 9 个已有目标值保持不变');
    await expect(page.getByTestId('import-replace-check').isChecked()).resolves.toBe(false);
    const diff = page.locator('[data-testid="import-diff"]');
    await expect(diff.textContent()).resolves.toContain('删除 0 处');
    await expect(diff.textContent()).resolves.toContain('修改 1 处');
    // The sum check is located at the district's cell (row 5, column C) and counts the kept targets.
    const warning = page.locator('[data-testid="import-problems"] tbody tr', { hasText: '各单位合计 142家' });
    await expect(warning.locator('td').nth(2).textContent()).resolves.toBe('5');
    await expect(warning.locator('td').nth(3).textContent()).resolves.toBe('C');
    await bothSizes('1-merge');

    // 以本表为准: the removals are listed first, in full, before anything is written.
    const before = dumpDb(dbPath);
    await page.getByTestId('import-replace-check').click();
    await page.locator('[data-testid="import-removals"]').waitFor();
    await waitPreview();
    const removals = page.locator('[data-testid="import-removals"] .tz-import-diff-item');
    await expect(removals.count()).resolves.toBe(9);
    await expect(removals.first().textContent()).resolves.toMatch(/^(岱山街道|青云谱镇|新经济产业集聚区) · /);
    await expect(diff.textContent()).resolves.toContain('删除 9 处');
    // In the diff the removals come first, opened.
    await expect(page.locator('[data-testid="import-diff"] .ant-collapse-item').first().textContent()).resolves.toContain('删除（9）');
    await expect(page.locator('[data-testid="import-diff"] .ant-collapse-item-active').first().textContent()).resolves.toContain('删除（9）');
    await bothSizes('2-replace-chosen', '[data-testid="import-replace"]');
    expect(dumpDb(dbPath)).toBe(before);

    // Untick: the merge is what gets committed.
    await page.getByTestId('import-replace-check').click();
    await page.locator('[data-testid="import-removals"]').waitFor({ state: 'detached' });
    await waitPreview();
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="page-targets"]').waitFor();
    await expect.poll(() => targetOf('洪都街道', '科技型中小企业'), { timeout: 10_000 }).toBe(10);
    expect(await targetOf('岱山街道', '科技型中小企业')).toBe(8);
    expect(await targetOf('新经济产业集聚区', '技术合同成交额')).toBe(0.2);
    expect((await call(core, 'tasks.table', { planId: (await call(core, 'plans.list', {}))[0].id })).taskCount).toBe(16);
    await page.locator('[data-testid="page-targets"] [data-testid="loading"]').waitFor({ state: 'detached' });
    await page.mouse.move(700, 10);
    await bothSizes('3-targets-after-merge');
    expect(problems).toEqual([]);
  }, 90_000);

  it('an ambiguous sheet waits for the choice; the user switches the reading', async () => {
    await openFile(await writeLayout(tmp.dir, 'ambiguous-tasks-or-goals', '重点工作.xlsx'));
    const reading = page.locator('[data-testid="import-reading"]');
    await expect(reading.textContent()).resolves.toContain('请确认表格类型');
    await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid="import-problems"]').textContent()).resolves.toContain('看不准这张表是什么表');
    await bothSizes('4-ambiguous');
    await page.getByTestId('import-reading-goals').click();
    await page.locator('[data-testid="import-reading"]', { hasText: '您的选择' }).waitFor();
    await waitPreview();
    await expect(reading.textContent()).resolves.toContain('按您的选择读作工作目标表');
    await expect(page.locator('[data-testid="import-summary"]').textContent()).resolves.toContain('没有错误');
    await bothSizes('5-chosen-goals');
    expect(problems).toEqual([]);
  }, 90_000);

  it("another year's task table is not merged: the preview offers that year's plan", async () => {
    await openFile(await writeLayout(tmp.dir, 'tasks-other-year', '任务分解表.xlsx'));
    const box = page.locator('[data-testid="import-new-plan"]');
    await expect(box.textContent()).resolves.toContain('本表是2023年的，当前工作要点是2022年的：不会并入当前工作要点');
    await expect(box.getByLabel('新工作要点年份').inputValue()).resolves.toBe('2023');
    await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
    await bothSizes('6-other-year');
    expect(problems).toEqual([]);
  }, 90_000);

  it('a reworded task is listed as 改写 with old → new text and the progress that follows it', async () => {
    const plan = (await call(core, 'plans.list', {}))[0];
    const sheet = await call(core, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
    const row = sheet.rows.find((r) => r.taskSeq === 3)!;
    await call(core, 'progress.save', { planId: plan.id, period: '2022Q3', entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'in_progress', text: '推进中', reportedOn: '2022-09-30' }] });
    const wb = await layout('tasks-two-row-header').build();
    const ws = wb.getWorksheet('任务分解')!;
    ws.eachRow((r) => {
      if (String(r.getCell(1).value) === '3') r.getCell(2).value = '建设青云谱区科技创新综合服务平台，年内投入使用';
    });
    const file = path.join(tmp.dir, '2022年任务分解表（修订）.xlsx');
    await wb.xlsx.writeFile(file);
    await openFile(file);
    const list = page.locator('[data-testid="import-rewrites"]');
    await expect(list.textContent()).resolves.toContain('改写 1 项任务');
    await expect(list.textContent()).resolves.toContain('→ 建设青云谱区科技创新综合服务平台，年内投入使用');
    await expect(list.textContent()).resolves.toContain('1 条任务进展随之保留');
    await bothSizes('9-rewrite');
    expect(problems).toEqual([]);
  }, 90_000);

  it('a short name mapped once is remembered: the next import reads it without asking', async () => {
    const file = await writeLayout(tmp.dir, 'short-names', '分解表（简称）.xlsx');
    await openFile(file);
    const select = page.getByTestId('unit-fix-洪都');
    await expect(select.textContent()).resolves.toContain('是否是“洪都街道”');
    for (const [name, unit] of [
      ['洪都', '洪都街道'],
      ['新经济集聚区', '新经济产业集聚区'],
    ]) {
      const s = page.getByTestId(`unit-fix-${name}`);
      await s.click();
      await openedDropdown(page).locator(`.ant-select-item-option[title="${unit}"]`).first().click();
      await expect.poll(() => selectedLabel(s), { timeout: 10_000 }).toBe(unit);
      await waitPreview();
    }
    await page.locator('[data-testid="import-aliases-remember"]').waitFor();
    await expect(page.locator('[data-testid="import-aliases-remember"]').textContent()).resolves.toContain('“洪都”即“洪都街道”');
    await bothSizes('7-alias-remember', '[data-testid="import-aliases-remember"]');
    await page.locator('[data-testid="import-summary"]', { hasText: '没有错误' }).waitFor();
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="page-targets"]').waitFor();
    await openFile(file);
    await page.locator('[data-testid="import-aliases-used"]').waitFor();
    await expect(page.locator('[data-testid="import-aliases-used"]').textContent()).resolves.toContain('“新经济集聚区”即“新经济产业集聚区”');
    await expect(page.locator('[data-testid="import-unit-matches"]').count()).resolves.toBe(0);
    await bothSizes('8-alias-used', '[data-testid="import-aliases-used"]');
    expect(problems).toEqual([]);
  }, 90_000);
});
