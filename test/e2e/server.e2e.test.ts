/**
 * `taizhang serve` in a real Chromium with two people at once: a street's
 * 填报员 (洪都街道) and the district's 管理员, each in their own browser
 * context (own cookies). The street logs in, enters a figure — 待审核 —; the
 * district sees it under 审核 and approves it; the street can no longer
 * change it; the district returns it with a reason, which the street sees
 * above its grid, and its correction is 待审核 again. Screenshots at 1440×900
 * (the street) and 1366×768 (the district, and the street's 退回).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { startServer, type Server } from '../../electron/web/server';
import type { EntrySheet } from '../../shared/entry/views';
import type { ReviewList } from '../../shared/review/states';
import { addAccount, PASSWORD } from '../helpers/accounts';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR, screenshot } from './browser';

let tmpDir: string;
let core: Core;
let server: Server;
let browser: Browser;
let streetCtx: BrowserContext;
let districtCtx: BrowserContext;
let street: Page;
let district: Page;
let problems: string[];
let planId: number;

const POLL = { timeout: 15_000 };
const CONTRACT = '技术合同成交额';
const cellOf = (page: Page, unit: string, indicator = CONTRACT): Locator =>
  page.locator(`[data-testid="grid-cell"][data-unit="${unit}"][data-indicator="${indicator}"]`);

async function dbValue(unit: string): Promise<number | null> {
  const r = (await core.call('entry.sheet', { planId, period: '2022-12' })) as { ok: true; value: EntrySheet };
  const row = [r.value.table.parent, ...r.value.table.rows].find((x) => x.unit.name === unit)!;
  const ind = r.value.table.indicators.find((i) => i.name === CONTRACT)!;
  return row.cells[ind.id].actual;
}
async function reviewState(): Promise<string | undefined> {
  const r = (await core.call('review.list', { planId })) as { ok: true; value: ReviewList };
  return r.value.rows.find((x) => x.unitName === '洪都街道' && x.period === '2022-12')?.state;
}

async function logIn(page: Page, name: string, password: string) {
  await page.goto(server.origin);
  await page.locator('[data-testid="login"]').waitFor();
  await page.locator('[data-testid="login-name"]').fill(name);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
}

async function openFigures(page: Page) {
  await page.getByRole('menuitem', { name: '数据填报' }).click();
  await page.locator('[data-testid="page-figures"]').waitFor();
  await page.locator('[data-testid="entry-grid"]').waitFor();
}

beforeAll(async () => {
  assertRendererBuilt();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-serve-'));
  core = openCore({ dbPath: path.join(tmpDir, 'taizhang.db') });
  planId = ((await core.call('plans.list', {})) as { ok: true; value: { id: number }[] }).value[0].id;
  const dir = (await core.call('units.directory', {})) as { ok: true; value: { units: { id: number; name: string }[] } };
  await addAccount(core, '王区', 'admin');
  await addAccount(core, '洪都填报员', 'entry', dir.value.units.find((u) => u.name === '洪都街道')!.id);
  await addAccount(core, '李局长', 'viewer');
  server = await startServer({ core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
  streetCtx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  districtCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  street = await streetCtx.newPage();
  district = await districtCtx.newPage();
  problems = [...collectPageProblems(street), ...collectPageProblems(district)];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  core?.close();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('two people at taizhang serve', () => {
  it('the street logs in (a wrong password first is refused in Chinese)', async () => {
    await logIn(street, '洪都填报员', '不对的密码-123');
    await expect.poll(() => street.locator('[data-testid="login-error"]').textContent(), POLL).toContain('账户名或密码不正确');
    await screenshot(street, 'e2e-serve-login-1440');
    await street.locator('[data-testid="login-password"]').fill(PASSWORD);
    await street.locator('[data-testid="login-submit"]').click();
    await street.locator('[data-testid="page-overview"]').waitFor(POLL);
    expect(await street.locator('[data-testid="account-menu"]').textContent()).toContain('填报员 · 洪都街道');
    // A 填报员 is offered its own pages only.
    const menu = await street.locator('.tz-sider .ant-menu-item').allTextContents();
    expect(menu).toEqual(['概览', '数据填报', '审核', '报表导出', '帮助']);
    // …and no plan actions (new, archive, delete) or imports: the district's.
    expect(await street.locator('[data-testid="plan-actions"]').count()).toBe(0);
    expect(await street.getByRole('button', { name: '导入' }).count()).toBe(0);
  }, 60_000);

  it('the street enters its figure: it is saved under its account and 待审核; other streets are not shown to it', async () => {
    await openFigures(street);
    expect(await street.locator('[data-testid="grid-cell"][data-indicator="技术合同成交额"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')))).toEqual(['青云谱区', '洪都街道']);
    await cellOf(street, '洪都街道').click();
    await street.keyboard.type('0.04');
    await street.keyboard.press('Enter');
    await expect.poll(() => cellOf(street, '洪都街道').getAttribute('data-review'), POLL).toBe('pending');
    expect(await dbValue('洪都街道')).toBe(0.04);
    expect(await reviewState()).toBe('pending');
    expect(await cellOf(street, '洪都街道').textContent()).toContain('待审');
    await cellOf(street, '洪都街道').click();
    await screenshot(street, 'e2e-serve-street-pending-1440');
  }, 60_000);

  it('the district sees it 待审核 and approves it', async () => {
    await logIn(district, '王区', PASSWORD);
    await district.locator('[data-testid="page-overview"]').waitFor(POLL);
    await district.getByRole('menuitem', { name: '审核' }).click();
    const row = district.locator('[data-testid="review-row"][data-unit="洪都街道"]');
    await row.waitFor(POLL);
    expect(await row.getAttribute('data-state')).toBe('pending');
    expect(await row.textContent()).toContain('技术合同成交额：0.04');
    await screenshot(district, 'e2e-serve-district-review-1366');
    await row.locator('[data-testid="review-approve"]').click();
    await expect.poll(reviewState, POLL).toBe('approved');
  }, 60_000);

  it('the street can no longer change the approved figure', async () => {
    await street.reload();
    await openFigures(street);
    await expect.poll(() => cellOf(street, '洪都街道').getAttribute('data-review'), POLL).toBe('approved');
    expect(await cellOf(street, '洪都街道').getAttribute('data-readonly')).toBe('true');
    await cellOf(street, '洪都街道').click();
    await street.keyboard.type('9');
    await street.keyboard.press('Enter');
    await expect.poll(() => street.locator('[data-testid="cell-bar"]').textContent(), POLL).toContain('已审核通过，只读');
    expect(await dbValue('洪都街道')).toBe(0.04);
    await screenshot(street, 'e2e-serve-street-approved-1440');
  }, 60_000);

  it('a 退回 shows its reason to the street, whose correction is 待审核 again', async () => {
    await district.locator('[data-testid="review-filter"]').getByText('已审核').click();
    const row = district.locator('[data-testid="review-row"][data-unit="洪都街道"]');
    await row.waitFor(POLL);
    await row.locator('[data-testid="review-return"]').click();
    await district.locator('[data-testid="review-reason-input"]').fill('与技术合同登记系统的数据不一致，请核实后重报');
    await screenshot(district, 'e2e-serve-district-return-1366', { fullPage: false });
    await district.locator('[data-testid="review-return-ok"]').click();
    await expect.poll(reviewState, POLL).toBe('returned');

    await street.setViewportSize({ width: 1366, height: 768 });
    await street.reload();
    await openFigures(street);
    await expect.poll(() => street.locator('[data-testid="returned-banner"]').textContent(), POLL).toContain('与技术合同登记系统的数据不一致，请核实后重报');
    await screenshot(street, 'e2e-serve-street-returned-1366');
    await cellOf(street, '洪都街道').click();
    await street.keyboard.type('0.05');
    await street.keyboard.press('Enter');
    await expect.poll(() => cellOf(street, '洪都街道').getAttribute('data-value'), POLL).toBe('0.05');
    await expect.poll(reviewState, POLL).toBe('pending');
  }, 60_000);

  it('the district keeps the accounts in 设置 → 用户, with the security record', async () => {
    await district.getByRole('menuitem', { name: '设置' }).click();
    const panel = district.locator('[data-testid="users-panel"]');
    await panel.waitFor(POLL);
    await expect.poll(() => panel.textContent(), POLL).toContain('洪都填报员');
    expect(await panel.textContent()).toContain('洪都街道');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(district, 'e2e-serve-district-users-1366', { fullPage: false });
    await district.getByRole('button', { name: '安全记录' }).click();
    const drawer = district.locator('.ant-drawer', { hasText: '安全记录（最近 200 条）' });
    await expect.poll(() => drawer.textContent(), POLL).toContain('密码错误');
    await screenshot(district, 'e2e-serve-district-security-record-1366', { fullPage: false });
  }, 60_000);

  it('a leader (查看) sees the whole district, marked, and cannot change a figure', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const leader = await ctx.newPage();
      problems.push(...collectPageProblems(leader));
      await logIn(leader, '李局长', PASSWORD);
      await leader.locator('[data-testid="page-overview"]').waitFor(POLL);
      await leader.locator('[data-testid="heatmap"]').waitFor(POLL);
      // The street's corrected figure is 待审核 again: the heatmap marks it.
      await expect.poll(() => leader.locator('[data-testid="heat-cell"][data-unit="洪都街道"][data-indicator="技术合同成交额"]').getAttribute('data-review'), POLL).toBe('pending');
      await screenshot(leader, 'e2e-serve-leader-overview-1440');
      await openFigures(leader);
      expect(await leader.locator('[data-testid="grid-cell"][data-indicator="技术合同成交额"]').count()).toBe(8);
      expect(await cellOf(leader, '京山街道').getAttribute('data-readonly')).toBe('true');
      await cellOf(leader, '京山街道').click();
      await leader.keyboard.type('5');
      await leader.keyboard.press('Enter');
      await expect.poll(() => leader.locator('[data-testid="cell-bar"]').textContent(), POLL).toContain('查看账户只能查看，不能修改');
      expect(await dbValue('京山街道')).toBeNull();

      // The plan's own pages show no buttons that would only be refused, and say why.
      await leader.getByRole('menuitem', { name: '工作目标' }).click();
      await leader.locator('[data-testid="goals-table"]').waitFor(POLL);
      expect(await leader.locator('[data-testid="view-only"]').textContent()).toContain('只能查看');
      for (const id of ['goal-add', 'goal-edit', 'goal-up', 'goal-remove']) expect(await leader.getByTestId(id).count(), id).toBe(0);
      expect(await leader.getByTestId('goal-years').count()).toBeGreaterThan(0);
      await screenshot(leader, 'e2e-serve-leader-goals-1440');
      await leader.getByRole('menuitem', { name: '任务分解' }).click();
      await leader.locator('[data-testid="task-row"]').first().waitFor(POLL);
      expect(await leader.locator('[data-testid="view-only"]').count()).toBe(1);
      for (const id of ['line-add', 'line-add-task', 'line-remove', 'task-edit', 'task-remove']) expect(await leader.getByTestId(id).count(), id).toBe(0);
      expect(await leader.locator('.tz-tasks th', { hasText: '操作' }).count()).toBe(0);
      await leader.getByRole('menuitem', { name: '指标分解' }).click();
      const target = leader.locator('[data-testid="target-grid"] [data-testid="grid-cell"][data-unit="京山街道"]').first();
      await target.waitFor(POLL);
      expect(await target.getAttribute('data-readonly')).toBe('true');
      expect(await leader.getByTestId('targets-undo').count()).toBe(0);
      const before = await target.getAttribute('data-value');
      await target.click();
      await leader.keyboard.type('99');
      await leader.keyboard.press('Enter');
      await leader.locator('.ant-message', { hasText: '工作要点由区里的管理员修改' }).waitFor(POLL);
      expect(await target.getAttribute('data-value')).toBe(before);
      await screenshot(leader, 'e2e-serve-leader-targets-1440');
      await leader.setViewportSize({ width: 1366, height: 768 });
      await leader.getByRole('menuitem', { name: '任务分解' }).click();
      await leader.locator('[data-testid="task-row"]').first().waitFor(POLL);
      await screenshot(leader, 'e2e-serve-leader-tasks-1366');
    } finally {
      await ctx.close();
    }
  }, 60_000);

  it('logging out returns to the login page, and the old session no longer works', async () => {
    await street.locator('[data-testid="account-name"]').hover();
    await street.getByText('退出登录').click();
    await street.locator('[data-testid="login"]').waitFor(POLL);
    const status = await street.evaluate(async () => (await fetch('/api/session', { credentials: 'same-origin' })).status);
    expect(status).toBe(401);
    // Nothing went wrong on either page (the 401s are the logged-out page asking, as it should).
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  }, 60_000);
});
