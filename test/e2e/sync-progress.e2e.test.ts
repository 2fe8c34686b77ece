/**
 * 任务进展 through 同步 in a real Chromium, at 1440×900 and 1366×768. A real
 * `taizhang serve` (in this process, on the loopback) holds the district's
 * plan; 洪都街道's desktop database is served by the single-user web door.
 * On the street's 任务进展 (1-9月): two entries 已退回 with the district's
 * reason, one in conflict with the district's text, one entered offline
 * (待发送); 1-8月: 已审核. The district decides the progress conflict on its
 * 审核 page (采用填报单位的值, the operator named first), and after the
 * street's next sync its entry is 已发送.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebHost } from '../../electron/web/host';
import type { ReviewList } from '../../shared/review/states';
import type { SyncConflictView } from '../../shared/sync/views';
import { PASSWORD } from '../helpers/accounts';
import { desktopIds, openDesktop, startDistrictServer, type Desktop, type DistrictServer } from '../helpers/sync';
import { assertRendererBuilt, collectPageProblems, launchBrowser, nameThisTab, openedDropdown, RENDERER_DIR, screenshot } from './browser';

const REASON = '任务进展过于简略，请写明申报企业名单';

let tmpDir: string;
let district: DistrictServer;
let desktop: Desktop;
let host: { url: string; close(): Promise<void> };
let browser: Browser;
let ids: Awaited<ReturnType<typeof desktopIds>>;

const progressHere = (period: string, task: number, status: string, text: string) =>
  desktop.call('progress.save', { planId: ids.planId, period, entries: [{ taskId: ids.task[task], unitId: ids.unit['洪都街道'], status, text, reportedOn: null }] });
const figureHere = (period: string, value: number) =>
  desktop.call('entry.save', { planId: ids.planId, edits: [{ indicatorId: ids.ind['技术合同成交额'], unitId: ids.unit['洪都街道'], period, value, confirmed: true }] });

/** A picture in test-results/. */
const shot = (page: Page, name: string, options?: { fullPage?: boolean }) => screenshot(page, name, options);

beforeAll(async () => {
  assertRendererBuilt();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-sync-progress-'));
  district = await startDistrictServer(tmpDir, { 洪都填报员: '洪都街道' });
  desktop = openDesktop(tmpDir, 'hongdu', '王芳');
  await desktop.call('sync.configure', { server: district.server.origin, account: '洪都填报员' });
  await desktop.sync(PASSWORD);
  ids = await desktopIds(desktop);

  await figureHere('2022-08', 1.8);
  await progressHere('2022-08', 4, 'in_progress', '8月：走访辖区企业12家，建立高企培育库');
  await figureHere('2022-09', 2.4);
  await progressHere('2022-09', 4, 'in_progress', '9月：完成培育库企业摸底');
  await progressHere('2022-09', 7, 'in_progress', '9月：组织企业申报');
  await progressHere('2022-09', 8, 'in_progress', '9月：申报材料初稿');
  await desktop.sync(PASSWORD);

  const rows = (await district.call<ReviewList>('review.list', { planId: district.planId })).rows.filter((r) => r.unitName === '洪都街道');
  const rev = (p: string) => rows.find((r) => r.period === p)!.revision;
  await district.call('review.approve', { planId: district.planId, unitId: district.unit['洪都街道'], period: '2022-08', revision: rev('2022-08') });
  await district.call('review.return', { planId: district.planId, unitId: district.unit['洪都街道'], period: '2022-09', reason: REASON, revision: rev('2022-09') });
  // The district corrects task 8's progress while the street changes it too.
  await district.call('progress.save', {
    planId: district.planId,
    period: '2022-09',
    entries: [{ taskId: district.task[8], unitId: district.unit['洪都街道'], status: 'late', text: '区里核实：材料未按期报送', reportedOn: null }],
  });
  await progressHere('2022-09', 8, 'done', '9月：申报材料已定稿报送');
  const r = await desktop.sync(PASSWORD);
  expect(r.pushed.conflicts).toBe(1);
  // Entered with no sync since: 待发送.
  await progressHere('2022-09', 9, 'not_started', '10月启动');

  host = await startWebHost({ core: desktop.core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  desktop?.core.close();
  await district?.close();
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

async function choosePeriod(page: Page, label: string) {
  await page.locator('[data-testid="page-figures"] [data-testid="period-picker"]').click();
  await page.keyboard.type(label);
  await openedDropdown(page).locator('.ant-select-item-option', { hasText: label }).first().click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

const row = (page: Page, task: number) => page.locator(`[data-testid="progress-row"][data-task="${task}"][data-unit="洪都街道"]`);

describe('任务进展 through sync', () => {
  it('the street’s 任务进展 marks each entry: 已退回 with the reason, 冲突, 待发送; 已审核 in 1-8月', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const problems = collectPageProblems(page);
      await page.goto(host.url);
      await page.getByRole('menuitem', { name: '数据填报' }).click();
      await nameThisTab(page, '王芳');
      await page.getByRole('tab', { name: '任务进展' }).click();
      await choosePeriod(page, '2022年1-9月');
      await expect.poll(() => row(page, 9).getAttribute('data-sync'), { timeout: 15_000 }).toBe('queued');
      expect(await row(page, 4).getAttribute('data-sync')).toBe('returned');
      expect(await row(page, 7).getAttribute('data-sync')).toBe('returned');
      expect(await row(page, 8).getAttribute('data-sync')).toBe('conflict');
      await expect(row(page, 4).getByTestId('sync-mark').textContent()).resolves.toBe('已退回');
      await expect(row(page, 4).getByTestId('progress-sync-why').textContent()).resolves.toBe(`退回原因：${REASON}`);
      await expect(row(page, 8).getByTestId('sync-mark').textContent()).resolves.toBe('冲突');
      await expect(row(page, 8).getByTestId('progress-sync-why').textContent()).resolves.toMatch(/区里在此期间也修改了这条任务进展，由区里决定/);
      expect(await row(page, 9).getByTestId('progress-sync-why').count()).toBe(0);
      await expect(row(page, 9).getByTestId('sync-mark').textContent()).resolves.toBe('待发送');
      // The same banner as above the figure grid: what waits, the 退回 reason, the conflict.
      const banner = page.locator('[data-testid="progress-panel"] [data-testid="sync-banner"]');
      await expect(banner.textContent()).resolves.toMatch(/1 项待发送[\s\S]*退回：任务进展过于简略[\s\S]*1 项（完成数或任务进展）与区里的修改冲突/);
      await shot(page, 'sync-progress-marks-1440x900');

      await page.setViewportSize({ width: 1366, height: 768 });
      await choosePeriod(page, '2022年1-8月');
      await expect.poll(() => row(page, 4).getAttribute('data-sync'), { timeout: 15_000 }).toBe('approved');
      await expect(row(page, 4).getByTestId('sync-mark').textContent()).resolves.toBe('已审核');
      await shot(page, 'sync-progress-marks-approved-1366x768', { fullPage: false });
      await choosePeriod(page, '2022年1-9月');
      await expect.poll(() => row(page, 8).getAttribute('data-sync'), { timeout: 15_000 }).toBe('conflict');
      await shot(page, 'sync-progress-marks-1366x768', { fullPage: false });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the district decides the progress conflict on 审核 (采用填报单位的值); the street’s next sync marks it 已发送', async () => {
    // The district's own window on the server's database (the single-user web door: the district, no login).
    const districtHost = await startWebHost({ core: district.core, rendererDir: RENDERER_DIR, port: 0 });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const problems = collectPageProblems(page);
      await page.goto(districtHost.url);
      await page.getByRole('menuitem', { name: '审核' }).click();
      const conflict = page.locator('[data-testid="sync-conflict"][data-kind="progress"][data-unit="洪都街道"][data-period="2022-09"]');
      await conflict.waitFor();
      const text = (await conflict.textContent()) ?? '';
      // The street's text, the text both started from, the district's.
      for (const words of ['任务8', '任务进展', '已完成：9月：申报材料已定稿报送', '推进中：9月：申报材料初稿', '滞后：区里核实：材料未按期报送']) expect(text).toContain(words);
      await shot(page, 'sync-progress-conflict-1440x900', { fullPage: false });
      await page.setViewportSize({ width: 1366, height: 768 });
      await conflict.scrollIntoViewIfNeeded();
      await shot(page, 'sync-progress-conflict-1366x768', { fullPage: false });

      await conflict.getByTestId('sync-conflict-take').click();
      // The decision is a write: this tab names its operator first.
      const ask = page.locator('.ant-modal:visible', { hasText: '请先填写操作员姓名' });
      await ask.waitFor();
      await page.getByTestId('operator-modal-input').fill('王区');
      await ask.getByRole('button', { name: /确\s*定/ }).click();
      await page.locator('[data-testid="sync-conflicts"]').waitFor({ state: 'detached' });
      const all = await district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: district.planId, state: 'all' });
      expect(all.conflicts.find((c) => c.kind === 'progress')).toMatchObject({ state: 'taken', decidedBy: '王区' });
      expect(district.read<{ status: string; text: string }>('SELECT status, text FROM progress WHERE task_id = ? AND unit_id = ? AND period = ?', district.task[8], district.unit['洪都街道'], '2022-09')).toEqual({
        status: 'done',
        text: '9月：申报材料已定稿报送',
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await districtHost.close();
    }

    // The street syncs: its entry agrees with the server now, and reads 已发送 in its 任务进展.
    const r = await desktop.sync(PASSWORD);
    expect(r.pulled.changes.filter((c) => c.kind === 'progress')).toEqual([]);
    const street = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      const page = await street.newPage();
      await page.goto(host.url);
      await page.getByRole('menuitem', { name: '数据填报' }).click();
      await nameThisTab(page, '王芳');
      await page.getByRole('tab', { name: '任务进展' }).click();
      await choosePeriod(page, '2022年1-9月');
      await expect.poll(() => row(page, 8).getAttribute('data-sync'), { timeout: 15_000 }).toBe('sent');
      expect(await row(page, 9).getAttribute('data-sync')).toBe('sent');
      await shot(page, 'sync-progress-after-decision-1366x768', { fullPage: false });
    } finally {
      await street.close();
    }
  }, 120_000);
});
