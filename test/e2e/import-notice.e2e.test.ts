/**
 * The issued notice dropped on the window (issue 19): seed 003 as a .docx
 * (the Word-like fixture: 附件1 continued as a second table, a lead merged
 * down) dropped on a database without any plan — the one preview shows the
 * notice's head, its goals, 附件1 and 附件2 and the task paragraphs it leaves
 * aside, places as Word shows them; 确认导入 starts the plan. Then the same
 * notice dropped again at 1366×768 changes nothing. The tab names its own
 * operator first. Screenshots: test-results/import-notice-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Core } from '../../electron/core';
import { stopFileWorker } from '../../electron/core/jobs/fileJob';
import { startWebHost } from '../../electron/web/host';
import { call, openUnitsOnly } from '../helpers/importDb';
import { tempDir } from '../helpers/tempDb';
import { seedNotice, wordLikeDocx } from '../helpers/noticeFixtures';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR, screenshot } from './browser';
import { nameTabOperator } from './operator';

let tmp: { dir: string; cleanup(): void };
let core: Core;
let host: { url: string; close(): Promise<void> };
let browser: Browser;
let notice: string;
const FILE = '青政办发〔2022〕16号.docx';

beforeAll(async () => {
  assertRendererBuilt();
  tmp = tempDir('taizhang-import-notice-e2e-');
  notice = (await wordLikeDocx(seedNotice({ split: true }))).toString('base64');
  // The unit tree and groups of 青云谱区, no plan: the notice starts it.
  core = openUnitsOnly(path.join(tmp.dir, 'taizhang.db'), null);
  host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  core?.close();
  await stopFileWorker();
  tmp?.cleanup();
});

/** Drops the notice onto the window's content, as a user drags it from the file manager. */
async function dropNotice(page: Page): Promise<void> {
  await page.evaluate(
    ({ base64, name }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
      const main = document.querySelector('.tz-content')!;
      main.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      main.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      main.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { base64: notice, name: FILE },
  );
  await page.locator('[data-testid="import-summary"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
}

const tab = (page: Page, name: string) => page.locator('.ant-tabs-tab', { hasText: name });

describe('the issued notice dropped on the window', () => {
  it('at 1440×900: one preview of the whole notice; 确认导入 starts the plan with its goals, tasks and targets', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const problems = collectPageProblems(page);
    await page.goto(host.url);
    await page.locator('[data-testid="first-run"]').waitFor();
    await nameTabOperator(page, '张敏');
    await page.locator('[data-testid="first-run"]').waitFor();
    await dropNotice(page);

    const summary = (await page.locator('[data-testid="import-summary"]').textContent()) ?? '';
    expect(summary).toContain(`${FILE} → 2022年青云谱区科技创新基础大提升工作要点：7 项行动、16 项任务，6 个指标、27 个目标值`);
    const head = (await page.getByTestId('import-notice-head').textContent()) ?? '';
    for (const words of ['青政办发〔2022〕16号', '青云谱区人民政府办公室', '2022-06-16', '2022年']) expect(head).toContain(words);
    await expect(page.getByTestId('import-new-plan-notice').textContent()).resolves.toContain('文号 青政办发〔2022〕16号');
    // The parts of the notice, each a tab: the goal paragraphs, the two annex tables, the task paragraphs left aside.
    const tabs = await page.locator('[data-testid="import-drawer"] .ant-tabs-tab').allTextContents();
    expect(tabs).toEqual(['正文·工作目标', '附件1（第1、2个表格）', '附件2（第3个表格）', '正文·重点工作（不导入）']);
    const goals = (await page.getByTestId('import-goal-preview').textContent()) ?? '';
    for (const g of ['全社会R&D经费投入占全区GDP比重达到0.55%', '科技型中小企业140家', '高新技术企业76家', '新增市级以上研发平台和创新载体数量1-3个', '技术合同成交额突破7亿元', '万人有效发明专利拥有量突破27件']) {
      expect(goals).toContain(g);
    }
    await page.getByTestId('import-new-plan-confirm').click();
    await page.locator('[data-testid="import-summary"]', { hasText: '没有错误' }).waitFor();
    await page.locator('[data-testid="import-drawer"] .ant-spin-spinning').waitFor({ state: 'detached' });
    // Where the one warning is: in the second table of 附件1, as Word shows it.
    await expect(page.getByTestId('import-problems').textContent()).resolves.toContain('附件1 第2个表格 第10行 第4列');
    await screenshot(page, 'import-notice-1440-goals', { fullPage: false });
    await tab(page, '附件1（第1、2个表格）').click();
    const annex1 = page.locator('[data-testid="import-sheet-附件1（第1、2个表格）"]');
    await annex1.getByTestId('import-task-preview').waitFor();
    await expect(annex1.getByTestId('import-origin').textContent()).resolves.toContain('附件1：2022年工作要点任务分解表，通知中的第1、2个表格（跨页续表已合为一表，重复的表头不计）');
    expect(await annex1.getByTestId('import-task-preview').textContent()).toContain('区科工局、区税务局，各街道、镇、集聚区');
    await screenshot(page, 'import-notice-1440-annex1', { fullPage: false });
    await page.getByTestId('import-problems').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-notice-1440-problems', { fullPage: false });

    await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(false);
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="page-goals"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="goals-table"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="goals-table"] tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(6);
    await expect(page.locator('.tz-header').textContent()).resolves.toContain('2022年青云谱区科技创新基础大提升工作要点');
    await page.mouse.move(700, 10);
    await screenshot(page, 'import-notice-1440-goals-page');
    const plans = await call(core, 'plans.list', {});
    expect(plans.map((p) => [p.title, p.docNumber, p.issuer, p.issuedOn])).toEqual([['2022年青云谱区科技创新基础大提升工作要点', '青政办发〔2022〕16号', '青云谱区人民政府办公室', '2022-06-16']]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('at 1366×768: the same notice dropped again reads as 完全一致 — nothing to change', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const problems = collectPageProblems(page);
    await page.goto(host.url);
    await page.locator('[data-testid="page-overview"]').waitFor();
    await nameTabOperator(page, '李娜');
    await dropNotice(page);
    await expect(page.locator('[data-testid="import-diff"]').textContent()).resolves.toContain('完全一致');
    await tab(page, '附件2（第3个表格）').click();
    const annex2 = page.locator('[data-testid="import-sheet-附件2（第3个表格）"] [data-testid="import-target-preview"]');
    await annex2.waitFor();
    expect(await annex2.textContent()).toContain('新经济产业集聚区');
    await screenshot(page, 'import-notice-1366-annex2', { fullPage: false });
    await tab(page, '正文·重点工作（不导入）').click();
    await expect(page.locator('[data-testid="import-sheet-正文·重点工作"]').textContent()).resolves.toContain('任务按“附件1（第1、2个表格）”导入；正文中的任务段落与之重复，不再导入。');
    await screenshot(page, 'import-notice-1366-paragraphs', { fullPage: false });
    expect(problems).toEqual([]);
    await page.close();
  });
});
