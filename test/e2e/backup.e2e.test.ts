/**
 * Backups in the browser (issue 10): a destructive import, then 撤销本次导入 —
 * the 16 tasks and their progress are back; 设置 → 备份与恢复: 立即备份, 恢复
 * with what it would take away listed first, and 撤销恢复. Screenshots at
 * 1440×900 and 1366×768 go to test-results/backup-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import Database from 'better-sqlite3';
import type { Core } from '../../electron/core';
import { call, openExample } from '../helpers/importDb';
import { screenshot } from './browser';
import { type AppSession, openAppSession } from './session';

let app: AppSession;
let dbPath: string;
let core: Core;
let page: Page;
let problems: string[];

/** Three tasks that share nothing with the plan's 16: committing replaces the task table's contents. */
const REPLACING_TASKS = [
  '2022年工作要点任务分解表（修订）',
  '序号\t工作内容\t牵头单位\t责任单位',
  '1\t组织开展科技型企业梯次培育专项行动\t区科工局\t各街道、镇、集聚区',
  '2\t建设区级科技企业孵化器两家\t区科工局\t洪都街道',
  '3\t举办科技成果对接活动四场\t区科工局\t京山街道',
].join('\n');

const read = <T,>(sql: string): T[] => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
};
const taskContents = () => read<{ content: string }>('SELECT content FROM tasks ORDER BY id').map((r) => r.content);
const progressTexts = () => read<{ text: string }>('SELECT text FROM progress ORDER BY task_id, unit_id').map((r) => r.text);

beforeAll(async () => {
  app = await openAppSession({
    name: 'backup',
    core: async (dir) => {
      dbPath = path.join(dir, 'taizhang.db');
      const opened = openExample(dbPath);
      // Some 任务进展 already recorded, as in a real year.
      const plan = (await call(opened, 'plans.list', {}))[0];
      const sheet = await call(opened, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
      await call(opened, 'progress.save', {
        planId: plan.id,
        period: '2022Q3',
        entries: sheet.rows.slice(0, 5).map((r) => ({ taskId: r.taskId, unitId: r.unitId, status: 'in_progress' as const, text: `任务${r.taskSeq}：已完成阶段目标`, reportedOn: '2022-09-30' })),
      });
      return opened;
    },
  });
  ({ core, page, problems } = app);
}, 60_000);

afterAll(() => app?.close());

/** The import drawer asks a tab without an operator name for one before 确认导入. */
async function nameOperatorIfAsked(p: Page) {
  const input = p.getByTestId('import-operator-input');
  // This tab has its own operator (the web door's sessions): the drawer asks once.
  if (await input.isVisible()) {
    await input.fill('张敏');
    await p.getByTestId('import-operator').getByRole('button', { name: '保存' }).click();
    await p.locator('[data-testid="import-operator"]').waitFor({ state: 'detached' });
  }
}

describe('备份与恢复 in the browser', () => {
  it('撤销本次导入 after a destructive import brings the tasks and their progress back', async () => {
    const tasksBefore = taskContents();
    const progressBefore = progressTexts();
    expect(tasksBefore).toHaveLength(16);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-paste').fill(REPLACING_TASKS);
    await page.getByRole('button', { name: '识别粘贴的内容' }).click();
    await page.locator('[data-testid="import-summary"]').waitFor();
    await page.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
    // A table that matches none of the plan's tasks replaces the task table only when asked (以本表为准),
    // and the progress of the tasks it leaves out goes only when that is ticked too: the destructive import.
    await page.getByTestId('import-replace-check').check();
    await page.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await page.getByTestId('import-allow-delete-progress').check();
    await page.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await nameOperatorIfAsked(page);
    await page.locator('[data-testid="import-summary"]', { hasText: '没有错误' }).waitFor();
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="page-tasks"]').waitFor();
    const undo = page.getByTestId('undo-operation');
    await undo.waitFor();
    await expect.poll(taskContents).toHaveLength(3);
    await screenshot(page, 'backup-1-after-import-undo-offered');

    await undo.click();
    await expect.poll(taskContents, { timeout: 10_000 }).toEqual(tasksBefore);
    expect(progressTexts()).toEqual(progressBefore);
    await page.locator('[data-testid="tasks-summary"]', { hasText: '共 7 项行动、16 项任务' }).waitFor();
    await screenshot(page, 'backup-2-import-undone');
  });

  it('设置 → 备份与恢复: 立即备份, 恢复 lists what it takes away, and 撤销恢复 puts it back', async () => {
    await page.getByRole('menuitem', { name: '设置' }).click();
    const panel = page.getByTestId('backup-panel');
    await panel.waitFor();
    // The import's copy and the undo's copy are listed with their reasons.
    await panel.getByText('导入 粘贴的文字').first().waitFor();
    await page.getByTestId('backup-now').click();
    await panel.locator('.ant-tag', { hasText: '手动' }).first().waitFor();
    const manualId = (await call(core, 'backup.list', {})).backups.find((b) => b.kind === 'manual')!.id;

    // After the copy, a street's figure is entered.
    const plan = (await call(core, 'plans.list', {}))[0];
    const grid = await call(core, 'entry.sheet', { planId: plan.id, period: '2022Q3' });
    const unit = grid.table.rows.find((r) => r.unit.name === '洪都街道')!.unit;
    const indicator = grid.table.indicators.find((i) => i.name.includes('科技型中小企业'))!;
    await call(core, 'entry.save', { planId: plan.id, edits: [{ indicatorId: indicator.id, unitId: unit.id, period: '2022Q3', value: 6 }] });
    const figures = () => read<{ value: number }>('SELECT value FROM figures').map((r) => r.value);
    expect(figures()).toEqual([6]);

    await page.getByTestId(`backup-restore-${manualId}`).click();
    const impact = page.getByTestId('restore-impact');
    await impact.waitFor();
    await expect(impact.textContent()).resolves.toMatch(/恢复后将失去.*录入或修改的 1 个完成数/);
    await screenshot(page, 'backup-3-restore-confirm-1440');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'backup-4-restore-confirm-1366');
    await page.getByTestId('restore-confirm').click();
    await expect.poll(figures, { timeout: 10_000 }).toEqual([]);

    const undoRestore = page.getByTestId('undo-operation');
    await undoRestore.waitFor();
    await screenshot(page, 'backup-5-restored-1366');
    await undoRestore.click();
    await expect.poll(figures, { timeout: 10_000 }).toEqual([6]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.mouse.move(700, 10);
    await screenshot(page, 'backup-6-settings-1440');
    expect(problems).toEqual([]);
  });
});
