/**
 * 设置 → 服务器 and the per-cell sync marks in a real Chromium, at 1440×900
 * and 1366×768. A real `taizhang serve` (in this process, on the loopback)
 * holds the district's plan; 洪都街道's desktop database is served by the
 * single-user web door (no credential store there: the panel says the
 * password is not stored and asks it for this window). The desktop's months
 * stand in every state: 1-8月 approved, 1-9月 returned with a reason, 1-10月
 * sent (待审核), 1-11月 a conflict with the district, 1-12月 entered offline
 * (待发送).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { startWebHost } from '../../electron/web/host';
import { startServer, type Server } from '../../electron/web/server';
import type { ReviewList } from '../../shared/review/states';
import { addAccount, PASSWORD } from '../helpers/accounts';
import { openDesktop, type Desktop } from '../helpers/sync';
import { assertRendererBuilt, collectPageProblems, launchBrowser, nameThisTab, openedDropdown, RENDERER_DIR, screenshot } from './browser';

let tmpDir: string;
let serverCore: Core;
let server: Server;
let desktop: Desktop;
let host: { url: string; close(): Promise<void> };
let browser: Browser;
let planId: number;
const unit: Record<string, number> = {};
const ind: Record<string, number> = {};

const district = async <T>(method: string, request: unknown): Promise<T> => {
  const r = await serverCore.call(method, request, { kind: 'command', operator: '王区' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};

beforeAll(async () => {
  assertRendererBuilt();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-sync-'));
  const serverRenderer = path.join(tmpDir, 'server-renderer');
  fs.mkdirSync(serverRenderer);
  fs.writeFileSync(path.join(serverRenderer, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  serverCore = openCore({ dbPath: path.join(tmpDir, 'server.db') });
  planId = (await district<{ id: number }[]>('plans.list', {}))[0].id;
  for (const u of (await district<{ units: { id: number; name: string }[] }>('plan.units', { planId })).units) unit[u.name] = u.id;
  for (const i of (await district<{ table: { indicators: { id: number; name: string }[] } }>('entry.sheet', { planId, period: '2022-09' })).table.indicators) ind[i.name] = i.id;
  await addAccount(serverCore, '王区', 'admin');
  await addAccount(serverCore, '洪都填报员', 'entry', unit['洪都街道']);
  server = await startServer({ core: serverCore, rendererDir: serverRenderer, port: 0 });

  desktop = openDesktop(tmpDir, 'hongdu', '王芳');
  await desktop.call('sync.configure', { server: server.origin, account: '洪都填报员' });
  await desktop.sync(PASSWORD);
  const local = (await desktop.call<{ id: number }[]>('plans.list', {}))[0].id;
  const units = await desktop.call<{ units: { id: number; name: string }[] }>('plan.units', { planId: local });
  const sheet = await desktop.call<{ table: { indicators: { id: number; name: string }[] } }>('entry.sheet', { planId: local, period: '2022-09' });
  const hongdu = units.units.find((u) => u.name === '洪都街道')!.id;
  const contract = sheet.table.indicators.find((i) => i.name === '技术合同成交额')!.id;
  const save = (period: string, value: number) => desktop.call('entry.save', { planId: local, edits: [{ indicatorId: contract, unitId: hongdu, period, value, confirmed: true }] });
  await save('2022-08', 2.2);
  await save('2022-09', 2.5);
  await save('2022-10', 2.9);
  await save('2022-11', 3.1);
  await desktop.sync(PASSWORD);
  const rows = (await district<ReviewList>('review.list', { planId })).rows.filter((r) => r.unitName === '洪都街道');
  const rev = (p: string) => rows.find((r) => r.period === p)!.revision;
  await district('review.approve', { planId, unitId: unit['洪都街道'], period: '2022-08', revision: rev('2022-08') });
  await district('review.return', { planId, unitId: unit['洪都街道'], period: '2022-09', reason: '与科技局登记台账不符，请核实后重报', revision: rev('2022-09') });
  // The district corrects 1-11月 while the street changes it too; 1-12月 is entered with the server out of reach (below).
  await district('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: unit['洪都街道'], period: '2022-11', value: 3.0, confirmed: true }] });
  await save('2022-11', 3.3);

  host = await startWebHost({ core: desktop.core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
  desktop?.core.close();
  serverCore?.close();
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

async function openSettings(page: Page) {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.locator('[data-testid="server-panel"]').waitFor();
}

describe('设置 → 服务器 and the per-cell sync marks', () => {
  it('syncs from 设置 → 服务器 and marks every cell of the street’s months in 数据填报', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(host.url);
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await nameThisTab(page, '王芳');
    await openSettings(page);
    const panel = page.locator('[data-testid="server-panel"]');
    await expect(page.locator('[data-testid="server-address"]').inputValue()).resolves.toBe(server.origin);
    await expect(page.locator('[data-testid="server-account"]').inputValue()).resolves.toBe('洪都填报员');
    // No credential store at this door: it says the password is not stored, and asks it for this window only.
    await expect(panel.locator('[data-testid="server-secret-place"]').textContent()).resolves.toContain('密码不保存');
    expect(await panel.locator('[data-testid="server-password"]').count()).toBe(0);
    await page.locator('[data-testid="server-password-once"]').fill(PASSWORD);
    await page.locator('[data-testid="server-sync"]').click();
    const report = page.locator('[data-testid="sync-report"]');
    await report.waitFor({ timeout: 20_000 });
    await expect(report.textContent()).resolves.toMatch(/已与服务器同步/);
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('退回原因：与科技局登记台账不符，请核实后重报');
    expect(text).toContain('冲突');
    await report.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-settings-1440x900');

    // 1-12月 entered while the server is out of reach: 待发送.
    await server.close();
    const local = (await desktop.call<{ id: number }[]>('plans.list', {}))[0].id;
    const units = await desktop.call<{ units: { id: number; name: string }[] }>('plan.units', { planId: local });
    const sheet = await desktop.call<{ table: { indicators: { id: number; name: string }[] } }>('entry.sheet', { planId: local, period: '2022-09' });
    await desktop.call('entry.save', {
      planId: local,
      edits: [{ indicatorId: sheet.table.indicators.find((i) => i.name === '技术合同成交额')!.id, unitId: units.units.find((u) => u.name === '洪都街道')!.id, period: '2022-12', value: 3.6, confirmed: true }],
    });

    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await page.locator('[data-testid="layout-switch"]').getByText('按月份').click();
    const unitSelect = page.getByRole('combobox', { name: '单位' });
    await unitSelect.click();
    await openedDropdown(page).getByText('洪都街道', { exact: true }).click();
    const mark = (month: string) => page.locator(`[data-testid="grid-cell"][data-indicator="技术合同成交额"][data-period="${month}"]`);
    // The months to the right are drawn once the grid scrolls to them.
    await page.locator('[data-testid="entry-grid"]').waitFor();
    await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="entry-grid"], [data-testid="entry-grid"] *')) {
        if (el.scrollWidth > el.clientWidth + 10) el.scrollLeft = el.scrollWidth;
      }
    });
    await expect.poll(() => mark('2022-12').getAttribute('data-sync'), { timeout: 10_000 }).toBe('queued');
    expect(await mark('2022-08').getAttribute('data-sync')).toBe('approved');
    expect(await mark('2022-09').getAttribute('data-sync')).toBe('returned');
    expect(await mark('2022-10').getAttribute('data-sync')).toBe('sent');
    expect(await mark('2022-11').getAttribute('data-sync')).toBe('conflict');
    await expect(mark('2022-09').locator('[data-testid="sync-mark"]').textContent()).resolves.toBe('已退回');
    const banner = page.locator('[data-testid="sync-banner"]');
    await expect(banner.textContent()).resolves.toMatch(/1 项待发送[\s\S]*退回：与科技局登记台账不符/);
    await mark('2022-09').click();
    await expect(page.locator('[data-testid="cell-sync"]').textContent()).resolves.toContain('退回原因：与科技局登记台账不符，请核实后重报');
    await screenshot(page, 'sync-marks-1440x900');

    await page.setViewportSize({ width: 1366, height: 768 });
    // Two months on from 1-9月: 1-11月, the conflict.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('[data-testid="cell-sync"]').textContent(), { timeout: 5_000 }).toContain('冲突');
    await screenshot(page, 'sync-marks-1366x768');
    await openSettings(page);
    await screenshot(page, 'sync-settings-1366x768');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('the district decides the conflict on 审核: both values shown, 保留区里的值 recorded on the server', async () => {
    // The district's own window on the server's database (the single-user web door: the district, no login).
    const districtHost = await startWebHost({ core: serverCore, rendererDir: RENDERER_DIR, port: 0 });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const problems = collectPageProblems(page);
      await page.goto(districtHost.url);
      await page.getByRole('menuitem', { name: '审核' }).click();
      const row = page.locator('[data-testid="sync-conflict"][data-unit="洪都街道"][data-period="2022-11"]');
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      for (const words of ['技术合同成交额', '3.3', '3.1', '3']) expect(text).toContain(words);
      await screenshot(page, 'sync-conflicts-1366x768', { fullPage: false });
      await row.getByTestId('sync-conflict-keep').click();
      // The decision is a write: this tab names its operator first.
      const ask = page.locator('.ant-modal:visible', { hasText: '请先填写操作员姓名' });
      await ask.waitFor();
      await page.getByTestId('operator-modal-input').fill('王区');
      await ask.getByRole('button', { name: /确\s*定/ }).click();
      await page.locator('[data-testid="sync-conflicts"]').waitFor({ state: 'detached' });
      const all = await district<{ conflicts: { period: string; state: string }[] }>('sync.conflicts', { planId, state: 'all' });
      expect(all.conflicts.find((c) => c.period === '2022-11')?.state).toBe('kept');
      // The street's desktop taking the decision at its next sync is test/integration/sync.test.ts's (keep and take).
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await districtHost.close();
    }
  }, 120_000);
});
