/**
 * Import through the UI (issue 3): a workbook chosen in the 导入 drawer, one
 * unknown unit fixed by hand, commit, and the data on 任务分解 and 指标分解;
 * a csv dropped onto the window. Screenshots go to test-results/import-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../electron/core';
import { startWebHost } from '../../electron/web/host';
import { tempDir } from '../helpers/tempDb';
import { call, dumpDb, openBarePlan, openUnitsOnly } from '../helpers/importDb';
import { makeFixtures, qingyunpuWorkbook, transposedWorkbook } from '../fixtures/import/make-fixtures';
import { collectPageProblems, openedDropdown, RENDERER_DIR, screenshot, selectedLabel } from './browser';
import { type AppSession, openAppSession } from './session';

let tmp: { dir: string; cleanup(): void };
let dbPath: string;
let core: Core;
let app: AppSession;
let page: Page;
let problems: string[];
let workbook: string;
let csv: string;
let transposed: string;
let annex1Csv: string;

beforeAll(async () => {
  tmp = tempDir('taizhang-import-e2e-');
  const fx = await makeFixtures(path.join(tmp.dir, 'fx'));
  csv = fx.file('qingyunpu-annex2-gbk.csv');
  annex1Csv = fx.file('qingyunpu-annex1-gbk.csv');
  // 附件2 the other way round, one header unit mistyped (洪都街办: not 洪都街, which the first import remembers as
  // an alias of 洪都街道) and one figure changed (洪都街道 科技型中小企业 8 → 9).
  const t = await transposedWorkbook();
  t.getWorksheet('附件2')!.getCell('E3').value = '洪都街办';
  t.getWorksheet('附件2')!.getCell('E4').value = 9;
  transposed = path.join(tmp.dir, '指标分解（指标为行）.xlsx');
  await t.xlsx.writeFile(transposed);
  // The bureau's workbook with one unit mistyped: 洪都街 for 洪都街道.
  const wb = await qingyunpuWorkbook();
  wb.getWorksheet('附件2')!.getCell('A7').value = '洪都街';
  workbook = path.join(tmp.dir, '青云谱区2022年附件.xlsx');
  await wb.xlsx.writeFile(workbook);
  dbPath = path.join(tmp.dir, 'taizhang.db');
  app = await openAppSession({ name: 'import', core: () => openBarePlan(dbPath) });
  ({ core, page, problems } = app);
}, 60_000);

afterAll(async () => {
  await app?.close();
  tmp?.cleanup();
});

async function waitPreview() {
  await page.locator('[data-testid="import-summary"]').waitFor();
  await page.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
}

/**
 * Chooses a unit for an unknown name in its Select. The option is clicked only once the
 * dropdown has finished opening (a click while it slides in can miss), and the choice is
 * checked on the Select itself, so a lost click fails here rather than as a timeout later.
 */
async function fixUnit(p: Page, unknown: string, unit: string) {
  const select = p.getByTestId(`unit-fix-${unknown}`);
  await select.click();
  await openedDropdown(p).locator(`.ant-select-item-option[title="${unit}"]`).first().click();
  await expect.poll(() => selectedLabel(select), { timeout: 10_000 }).toBe(unit);
}

describe('导入 in the browser', () => {
  it('imports a workbook, fixes the unknown unit, commits, and shows the data', async () => {
    await page.getByTestId('import-open').click();
    await page.locator('[data-testid="import-drawer"]').waitFor();
    await screenshot(page, 'import-1-open');
    await page.locator('[data-testid="import-drawer"] input[type="file"]').setInputFiles(workbook);
    await waitPreview();
    const summary = page.locator('[data-testid="import-summary"]');
    await expect(summary.textContent()).resolves.toContain('7 项行动、16 项任务');
    await expect(summary.textContent()).resolves.toContain('1 个错误');
    await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
    // The problem names sheet and row and suggests the right unit.
    const problemText = await page.locator('[data-testid="import-problems"]').textContent();
    expect(problemText).toContain('未知单位“洪都街”');
    expect(problemText).toContain('是否是“洪都街道”');
    expect(await page.locator('[data-testid="import-task-preview"] tbody tr').count()).toBeGreaterThanOrEqual(16 + 7);
    await screenshot(page, 'import-2-preview-unknown-unit');

    // Fix: 洪都街 → 洪都街道 (the suggestion).
    await fixUnit(page, '洪都街', '洪都街道');
    await page.locator('[data-testid="import-summary"]', { hasText: '没有错误' }).waitFor();
    await waitPreview();
    // What remains is a warning: 区直相关部门 read as every department.
    const remaining = (await page.locator('[data-testid="import-problems"]').textContent()) ?? '';
    expect(remaining).toContain('提醒');
    expect(remaining).not.toContain('错误');
    await page.locator('[data-testid="import-sheet-附件2"]').isVisible();
    await page.getByRole('tab', { name: '附件2' }).click();
    await page.locator('[data-testid="import-target-preview"]').waitFor();
    await screenshot(page, 'import-3-fixed');

    // This tab has no operator name yet (each tab of the web door names itself): the drawer asks before 确认导入.
    await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
    await page.getByTestId('import-operator-input').fill('张敏');
    await page.getByTestId('import-operator').getByRole('button', { name: '保存' }).click();
    await page.locator('[data-testid="import-operator"]').waitFor({ state: 'detached' });
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="page-tasks"]').waitFor();
    await page.locator('[data-testid="page-tasks"] [data-testid="loading"]').waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid="tasks-summary"]').textContent()).resolves.toBe('共 7 项行动、16 项任务');
    expect(await page.locator('[data-testid="task-row"]').count()).toBe(16);
    await page.mouse.move(700, 10);
    await screenshot(page, 'import-4-tasks');

    await page.getByRole('menuitem', { name: '指标分解' }).click();
    await page.locator('[data-testid="page-targets"]').waitFor();
    await page.locator('[data-testid="page-targets"] [data-testid="loading"]').waitFor({ state: 'detached' });
    const text = (await page.locator('[data-testid="page-targets"]').textContent()) ?? '';
    expect(text).toContain('洪都街道');
    expect(text).toContain('新经济产业集聚区');
    await page.mouse.move(700, 10);
    await screenshot(page, 'import-5-targets');
    expect(problems).toEqual([]);
  });

  it('a csv dropped onto the window opens the preview; nothing is written until 确认导入', async () => {
    const before = dumpDb(dbPath);
    const base64 = fs.readFileSync(csv).toString('base64');
    await page.evaluate(
      ({ base64, name }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'text/csv' }));
        const main = document.querySelector('.tz-content')!;
        main.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
        main.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        main.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { base64, name: path.basename(csv) },
    );
    await waitPreview();
    const summary = (await page.locator('[data-testid="import-summary"]').textContent()) ?? '';
    expect(summary).toContain('qingyunpu-annex2-gbk.csv');
    expect(summary).toContain('3 个指标、24 个目标值');
    // The GBK file reads as Chinese: the units are matched.
    expect(await page.locator('[data-testid="import-target-preview"]').textContent()).toContain('徐家坊街道');
    await expect(page.locator('[data-testid="import-diff"]').textContent()).resolves.toContain('完全一致');
    await screenshot(page, 'import-6-dropped-csv');
    expect(dumpDb(dbPath)).toBe(before);
    expect(problems).toEqual([]);
  });

  it('the drawer opens fresh after a preview; text pasted from the issued document is recognised (附件1 and 附件2 of 003)', { timeout: 60_000 }, async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('import-open').click();
    await page.locator('[data-testid="import-drawer"]').waitFor();
    // Every opening starts fresh (issue 16): the last file's preview is gone, the file area and the paste box are there.
    await page.locator('[data-testid="import-drawer"] .tz-import-source').waitFor();
    await page.getByTestId('import-paste').waitFor();
    expect(await page.locator('[data-testid="import-summary"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '重新选择' }).count()).toBe(0);
    await screenshot(page, 'import-6b-reopened-fresh', { fullPage: false });
    const text = fs.readFileSync(path.join(tmp.dir, 'fx', 'qingyunpu-annexes.txt'), 'utf8');
    await page.getByTestId('import-paste').fill(text);
    await page.getByRole('button', { name: '识别粘贴的内容' }).click();
    await waitPreview();
    const summary = (await page.locator('[data-testid="import-summary"]').textContent()) ?? '';
    expect(summary).toContain('7 项行动、16 项任务，3 个指标、24 个目标值');
    expect(summary).toContain('没有错误');
    await screenshot(page, 'import-7-pasted');
    expect(problems).toEqual([]);
  });
});

describe('导入: indicators as rows, and a database without a plan', () => {
  async function openFresh(file: string) {
    await page.keyboard.press('Escape');
    await page.getByTestId('import-open').click();
    // isVisible() does not wait: let the drawer show first, then see whether it still holds a file.
    await page.locator('[data-testid="import-drawer"]').waitFor();
    const again = page.getByRole('button', { name: '重新选择' });
    if (await again.isVisible()) await again.click();
    await page.locator('[data-testid="import-drawer"] input[type="file"]').setInputFiles(file);
    await waitPreview();
  }

  it('a breakdown with indicators as rows: orientation shown, the unknown header unit fixed, the change committed', async () => {
    await openFresh(transposed);
    await expect(page.locator('[data-testid="import-orientation"]').textContent()).resolves.toContain('指标为行、单位为列');
    const grid = page.locator('[data-testid="import-target-preview"]');
    await expect(grid.textContent()).resolves.toContain('洪都街办（未知）');
    // The problem names the header cell itself: row 3, column E.
    const problem = page.locator('[data-testid="import-problems"] tbody tr', { hasText: '未知单位“洪都街办”' });
    await expect(problem.locator('td').nth(2).textContent()).resolves.toBe('3');
    await expect(problem.locator('td').nth(3).textContent()).resolves.toBe('E');
    await screenshot(page, 'import-8-indicator-rows');
    await fixUnit(page, '洪都街办', '洪都街道');
    await page.locator('[data-testid="import-summary"]', { hasText: '没有错误' }).waitFor();
    await waitPreview();
    await page.locator('[data-testid="import-diff"]').getByText('修改（1）').click();
    await page.locator('[data-testid="import-diff"] .tz-import-diff-item').first().waitFor();
    const diff = (await page.locator('[data-testid="import-diff"]').textContent()) ?? '';
    expect(diff).toContain('洪都街道 · 科技型中小企业：8 → 9');
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="page-targets"]').waitFor();
    const plan = (await call(core, 'plans.list', {}))[0];
    // The targets page may already be showing: wait for the commit itself, not for the page.
    const hongduSmes = async () => {
      const b = await call(core, 'targets.breakdown', { planId: plan.id });
      const smes = b.indicators.find((i) => i.name === '科技型中小企业')!;
      return b.rows.find((r) => r.unit.name === '洪都街道')!.values[smes.id];
    };
    await expect.poll(hongduSmes, { timeout: 10_000 }).toBe(9);
    // 指标分解 → 修改记录 shows the change with who, which file, old → new.
    await page.getByTestId('target-history-open').click();
    const historyRow = page.locator('[data-testid="target-history"] tbody tr', { hasText: '洪都街道' });
    await expect.poll(() => historyRow.first().textContent(), { timeout: 10_000 }).toContain('8 → 9');
    expect(await historyRow.first().textContent()).toContain('科技型中小企业');
    await screenshot(page, 'import-14-target-history');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="target-history"]').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('a table without a task that has progress: listed, and committed only with 同时删除这些任务的进展记录', async () => {
    const plan = (await call(core, 'plans.list', {}))[0];
    const sheet = await call(core, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
    const row = sheet.rows.find((r) => r.taskSeq === 16)!;
    await call(core, 'progress.save', {
      planId: plan.id,
      period: '2022Q3',
      entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'in_progress', text: '正在攻关', reportedOn: '2022-09-30' }],
    });
    const wb = await qingyunpuWorkbook();
    const ws = wb.getWorksheet('附件1')!;
    ws.spliceRows(ws.rowCount, 1); // task 16 left out
    wb.removeWorksheet(wb.getWorksheet('附件2')!.id);
    const file = path.join(tmp.dir, '附件1（少一项）.xlsx');
    await wb.xlsx.writeFile(file);
    await openFresh(file);
    const box = page.locator('[data-testid="import-progress-loss"]');
    await expect(box.textContent()).resolves.toMatch(/任务16（.+）：1 条进展/);
    await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid="import-problems"]').textContent()).resolves.toContain('已有 1 条任务进展');
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-11-progress-loss');
    const before = dumpDb(dbPath);
    await page.getByTestId('import-allow-delete-progress').click();
    await page.locator('[data-testid="import-summary"]', { hasText: '没有错误' }).waitFor();
    await waitPreview();
    expect(dumpDb(dbPath)).toBe(before); // ticking the box writes nothing by itself
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="page-tasks"] [data-testid="loading"]').waitFor({ state: 'detached' });
    // The page reloads when the commit's data.changed event arrives: wait for it rather than race it.
    await expect
      .poll(() => page.locator('[data-testid="tasks-summary"]').textContent(), { timeout: 10_000 })
      .toBe('共 6 项行动、15 项任务');
    expect(problems).toEqual([]);
  });

  it('no plan yet: the first-run page offers 导入表格; the preview offers a new plan, asks the operator, and 确认导入 starts it', async () => {
    const bareDb = path.join(tmp.dir, 'units-only.db');
    const emptyCore = openUnitsOnly(bareDb, null);
    const emptyHost = await startWebHost({ core: emptyCore, rendererDir: RENDERER_DIR, port: 0 });
    const p2 = await app.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const p2Problems = collectPageProblems(p2);
    try {
      await p2.goto(emptyHost.url);
      await p2.locator('[data-testid="first-run"]').waitFor();
      await screenshot(p2, 'import-12-no-plan');
      await p2.getByTestId('first-run-import').click();
      await p2.locator('[data-testid="import-drawer"] input[type="file"]').setInputFiles(annex1Csv);
      await p2.locator('[data-testid="import-new-plan"]').waitFor();
      const box = p2.locator('[data-testid="import-new-plan"]');
      await expect(box.getByLabel('新工作要点标题').inputValue()).resolves.toBe('2022年工作要点');
      await expect(box.getByLabel('新工作要点年份').inputValue()).resolves.toBe('2022');
      await expect(box.getByLabel('新工作要点所属区县').inputValue()).resolves.toBe('青云谱区');
      await expect(p2.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
      await screenshot(p2, 'import-9-new-plan-offer');
      await box.getByLabel('新工作要点标题').fill('青云谱区2022年科技创新工作要点');
      await p2.getByTestId('import-new-plan-confirm').click();
      await p2.locator('[data-testid="import-summary"]', { hasText: '没有错误' }).waitFor();
      await p2.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
      // No operator yet: the drawer asks for one; 确认导入 waits for it.
      await expect(p2.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
      await p2.getByTestId('import-operator-input').fill('张敏');
      await screenshot(p2, 'import-13-operator');
      await p2.getByTestId('import-operator').getByRole('button', { name: '保存' }).click();
      await p2.locator('[data-testid="import-operator"]').waitFor({ state: 'detached' });
      // The name is this tab's own, not the PC's setting.
      expect(await call(emptyCore, 'operator.get', {})).toEqual({ name: null });
      await p2.getByTestId('import-commit').click();
      await p2.locator('[data-testid="page-tasks"]').waitFor();
      await p2.locator('[data-testid="page-tasks"] [data-testid="loading"]').waitFor({ state: 'detached' });
      await expect
        .poll(() => p2.locator('[data-testid="tasks-summary"]').textContent(), { timeout: 10_000 })
        .toBe('共 7 项行动、16 项任务');
      await expect(p2.locator('.tz-header').textContent()).resolves.toContain('青云谱区2022年科技创新工作要点');
      await p2.mouse.move(700, 10);
      await screenshot(p2, 'import-10-new-plan-tasks');
      expect((await call(emptyCore, 'plans.list', {})).map((p) => p.title)).toEqual(['青云谱区2022年科技创新工作要点']);
      expect(p2Problems).toEqual([]);
    } finally {
      await p2.close();
      await emptyHost.close();
      emptyCore.close();
    }
  });
});
