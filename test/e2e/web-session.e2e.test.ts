/**
 * The web door's sessions in a real Chromium: the printed address becomes a
 * per-tab secret in sessionStorage (no cookie, token gone from the address
 * bar), a tab without one says how to get in, each tab names its own
 * operator before its first write, another local program gets nothing, and a
 * restarted host sends the tab back to the printed address.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { startWebHost, type WebHost } from '../../electron/web/host';
import { assertRendererBuilt, collectPageProblems, launchBrowser, nameThisTab, RENDERER_DIR, screenshot } from './browser';

const POLL = { timeout: 10_000 };
let tmpDir: string;
let core: Core;
let host: WebHost;
let browser: Browser;
let context: BrowserContext;
let tabA: Page;
let problemsA: string[];
let planId: number;
/** Another program on this PC, listening on another port: it records what browsers send it. */
let other: http.Server;
let otherPort: number;
const otherSaw: { cookie: string | undefined; path: string }[] = [];

const locks = async () => {
  const r = await core.call('entry.locks', { planId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { locks: { period: string }[]; events: { period: string; action: string; by: string }[] };
};

beforeAll(async () => {
  assertRendererBuilt();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-session-'));
  core = openCore({ dbPath: path.join(tmpDir, 'taizhang.sqlite') });
  planId = ((await core.call('plans.list', {})) as { ok: true; value: { id: number }[] }).value[0].id;
  host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  other = http.createServer((req, res) => {
    otherSaw.push({ cookie: req.headers.cookie, path: req.url ?? '' });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>别的程序</title><p>another local program</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherPort = (other.address() as AddressInfo).port;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  tabA = await context.newPage();
  problemsA = collectPageProblems(tabA);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await new Promise((resolve) => other?.close(resolve));
  core?.close();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('web sessions in the browser', () => {
  it('the printed address becomes this tab’s session: token gone from the address, #/route kept, no cookie', async () => {
    await tabA.goto(`${host.url}#/figures`);
    await tabA.locator('[data-testid="page-figures"]').waitFor();
    expect(tabA.url()).toBe(`${host.origin}/#/figures`);
    const stored = await tabA.evaluate(() => sessionStorage.getItem('taizhang.session'));
    expect(stored).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(stored).not.toBe(host.token);
    expect(await context.cookies()).toEqual([]);
    // Not in the history either: going back does not reach the address with the token.
    expect(await tabA.evaluate(() => history.length)).toBe(2); // about:blank, then the page
    // A reload keeps the tab's session.
    await tabA.reload();
    await tabA.locator('[data-testid="page-figures"]').waitFor();
    expect(await tabA.locator('[data-testid="no-session"]').count()).toBe(0);
  });

  it('a tab opened without the token shows 请使用启动时显示的地址打开 (also a second tab of the same browser)', async () => {
    const sameBrowser = await context.newPage();
    try {
      await sameBrowser.goto(`${host.origin}/#/figures`);
      await sameBrowser.locator('[data-testid="no-session"]').waitFor();
      expect(await sameBrowser.locator('[data-testid="no-session"]').textContent()).toContain('请使用启动时显示的地址打开科创台账');
      expect(await sameBrowser.locator('[data-testid="page-figures"]').count()).toBe(0);
      await screenshot(sameBrowser, 'web-session-1-no-session-1440');
      await sameBrowser.setViewportSize({ width: 1366, height: 768 });
      await screenshot(sameBrowser, 'web-session-1-no-session-1366');
    } finally {
      await sameBrowser.close();
    }
    const wrongToken = await context.newPage();
    try {
      await wrongToken.goto(`${host.origin}/?token=${'0'.repeat(host.token.length)}`);
      await wrongToken.locator('[data-testid="no-session"]').waitFor();
      expect(wrongToken.url()).toBe(`${host.origin}/`);
    } finally {
      await wrongToken.close();
    }
  });

  it('each tab asks its own operator name; 锁定本期 asks it before locking', async () => {
    await nameThisTab(tabA, '张敏');
    await expect.poll(() => tabA.locator('[data-testid="page-figures"]').textContent(), POLL).toContain('当前：张敏');
    const tabB = await context.newPage();
    const problemsB = collectPageProblems(tabB);
    try {
      await tabB.goto(`${host.url}#/figures`);
      await tabB.locator('[data-testid="page-figures"]').waitFor();
      // Tab A's name is not tab B's.
      await tabB.locator('[data-testid="operator-prompt"]').waitFor();
      await tabB.locator('[data-testid="lock-button"]').click();
      const ask = tabB.locator('.ant-modal:visible', { hasText: '请先填写操作员姓名' });
      await ask.waitFor();
      expect(await ask.getByRole('button', { name: /确\s*定/ }).isDisabled()).toBe(true);
      await tabB.getByTestId('operator-modal-input').fill('李华');
      await screenshot(tabB, 'web-session-2-lock-asks-operator');
      await ask.getByRole('button', { name: /确\s*定/ }).click();
      // Then the lock's own confirmation, and the lock is recorded under tab B's name.
      const confirm = tabB.locator('.ant-modal:visible', { hasText: '锁定后本期' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: '锁定', exact: true }).click();
      await tabB.locator('[data-testid="period-locked"]').waitFor();
      const { events } = await locks();
      expect(events.length).toBeGreaterThan(0);
      expect([...new Set(events.map((e) => `${e.action} ${e.by}`))]).toEqual(['lock 李华']);
      // The data.changed event reaches tab A through its fetch-read event stream: its toolbar shows the lock.
      await tabA.locator('[data-testid="period-locked"]').waitFor(POLL);
      expect(await core.call('operator.get', {})).toEqual({ ok: true, value: { name: null } });
      expect(problemsB).toEqual([]);
    } finally {
      await tabB.close();
    }
  });

  it('another local program receives no cookie, and a page it serves cannot use the API', async () => {
    const tabC = await context.newPage();
    try {
      await tabC.goto(`http://127.0.0.1:${otherPort}/`);
      await tabC.getByText('another local program').waitFor();
      expect(otherSaw.length).toBeGreaterThan(0);
      expect(otherSaw.map((s) => s.cookie)).toEqual(otherSaw.map(() => undefined));
      // The other program's page tries the API (it cannot read tab A's sessionStorage, which is per origin).
      const outcome = await tabC.evaluate(async (api) => {
        const body = JSON.stringify({ method: 'entry.lock', request: { planId: 1, period: '2022-10' } });
        const tries: string[] = [];
        for (const init of [
          { method: 'POST', body, credentials: 'include' as const, headers: { 'Content-Type': 'text/plain' } },
          { method: 'POST', body, credentials: 'include' as const, mode: 'no-cors' as const },
        ]) {
          try {
            const r = await fetch(`${api}/api/call`, init);
            tries.push(`${r.type} ${r.status}`);
          } catch (e) {
            tries.push(`blocked ${(e as Error).name}`);
          }
        }
        return tries;
      }, host.origin);
      expect(outcome).toEqual(['blocked TypeError', 'opaque 0']);
      expect((await locks()).locks.map((l) => l.period)).not.toContain('2022-10');
    } finally {
      await tabC.close();
    }
    expect(problemsA).toEqual([]);
  });

  it('after the host restarts, the tab says to reopen the printed address', async () => {
    const port = host.port;
    await host.close();
    host = await startWebHost({ core, rendererDir: RENDERER_DIR, port });
    await tabA.getByRole('menuitem', { name: '任务分解' }).click();
    await tabA.locator('[data-testid="no-session"]').waitFor(POLL);
    expect(await tabA.evaluate(() => sessionStorage.getItem('taizhang.session'))).toBeNull();
    await screenshot(tabA, 'web-session-3-after-restart');
    // The new printed address works again in the same tab.
    await tabA.goto(`${host.url}#/tasks`);
    await tabA.locator('[data-testid="page-tasks"]').waitFor();
  });
});
