/**
 * The entry grid at 2,000 units × 40 indicators: it renders only what is on
 * screen (virtualised in both directions), jumps to the far corner with
 * Ctrl+End, and a value typed there is saved. Screenshot to test-results/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { buildLargePlan } from '../helpers/largePlan';
import { screenshot, nameThisTab } from './browser';
import { type AppSession, openAppSession } from './session';

const UNITS = 2000;
const INDICATORS = 40;

let app: AppSession;
let core: Core;
let page: Page;
let problems: string[];
let planId: number;
let corner: { indicatorId: number; unitId: number };
let first: { indicatorId: number; unitId: number };
/** The API methods the page called, in order (from the request bodies). */
const calls: string[] = [];
/** The API methods whose answers reached the page, in order. */
const answered: string[] = [];
const loads = () => page.locator('[data-testid="cell-bar"]').getAttribute('data-loads');
const methodOf = (postData: string | null) => (JSON.parse(postData ?? '{}') as { method: string }).method;

/**
 * Waits until a reload caused by our own save would have started, if the page decided on one:
 * the save's data.changed event makes the page ask entry.revision, and a reload decided on that
 * answer starts after a 300 ms timer. Anchored to that answer, not to the clock, so a busy
 * machine cannot make the check pass before the page has decided.
 */
async function pastOwnSaveReloadWindow(answeredBefore: number): Promise<void> {
  await expect.poll(() => answered.slice(answeredBefore).includes('entry.revision'), { timeout: 20_000 }).toBe(true);
  // A page timer set now fires after the page's reload timer set on that answer.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 800)));
}

beforeAll(async () => {
  app = await openAppSession({
    name: 'large',
    core: async (dir) => {
      const dbPath = path.join(dir, 'taizhang.sqlite');
      const large = buildLargePlan(dbPath, { units: UNITS, indicators: INDICATORS });
      planId = large.planId;
      corner = { indicatorId: large.indicatorIds[INDICATORS - 1], unitId: large.unitIds[UNITS - 1] };
      first = { indicatorId: large.indicatorIds[0], unitId: large.unitIds[0] };
      const opened = openCore({ dbPath, seedIfNew: false });
      // The test's own saves stand for another door: they carry the PC's operator; the tab names itself below.
      await opened.call('operator.set', { name: '压力测试' });
      return opened;
    },
    route: 'figures',
    ready: '[data-testid="operator-input"]',
  });
  ({ core, page, problems } = app);
  page.on('request', (req) => {
    if (req.url().endsWith('/api/call')) calls.push(methodOf(req.postData()));
  });
  page.on('requestfinished', (req) => {
    if (req.url().endsWith('/api/call')) answered.push(methodOf(req.postData()));
  });
  await nameThisTab(page, '压力测试员');
  await page.locator('[data-testid="entry-grid"]').waitFor({ timeout: 60_000 });
}, 90_000);

afterAll(() => app?.close());

describe('数据填报 at 2,000 × 40', () => {
  it('renders only the visible cells and reaches the far corner with Ctrl+End', async () => {
    const grid = page.locator('[data-testid="entry-grid"]');
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(UNITS + 1));
    expect(await grid.getAttribute('aria-colcount')).toBe(String(INDICATORS));
    const rendered = await page.locator('[data-testid="grid-cell"]').count();
    expect(rendered).toBeGreaterThan(20);
    expect(rendered).toBeLessThan(1000); // of 80,040
    await page.locator('[data-testid="grid-cell"][data-unit="测试街道0001"][data-indicator="测试指标01"]').click();
    await page.keyboard.press('Control+End');
    const cornerCell = page.locator('[data-testid="grid-cell"][data-unit="测试街道2000"][data-indicator="测试指标40"]');
    await cornerCell.waitFor();
    expect(await loads()).toBe('1');
    const before = calls.length;
    const answeredBefore = answered.length;
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await expect.poll(() => cornerCell.getAttribute('data-value'), { timeout: 20_000 }).toBe('7');
    expect(await page.locator('[data-testid="grid-cell"]').count()).toBeLessThan(1000);
    const r = await core.call('entry.history', { planId, ...corner, period: '2022-12' });
    expect(r.ok && (r.value as { newValue: number }[]).map((h) => h.newValue)).toEqual([7]);
    // The save's answer was patched in: no reload of the 80,040 cells, and the district total follows.
    await pastOwnSaveReloadWindow(answeredBefore);
    expect(calls.slice(before).filter((m) => m === 'entry.grid')).toEqual([]);
    expect(calls.slice(before)).toContain('entry.save');
    expect(await loads()).toBe('1');
    await page.locator('[data-testid="entry-grid"]').evaluate((el) => (el.scrollTop = 0));
    const total = page.locator('[data-testid="grid-cell"][data-unit="压力测试区"][data-indicator="测试指标40"]');
    await expect.poll(() => total.getAttribute('data-value'), { timeout: 10_000 }).toBe('7');
    await screenshot(page, 'e2e-entry-large');
  }, 60_000);

  it('reloads when another door saves, and Ctrl+Z still undoes the earlier edit', async () => {
    const before = calls.length;
    // Another window (or the CLI) saves a cell: the grid loads again, once.
    const other = await core.call('entry.save', { planId, edits: [{ ...first, period: '2022-12', value: 3 }] });
    expect(other.ok).toBe(true);
    await expect.poll(loads, { timeout: 20_000 }).toBe('2');
    expect(calls.slice(before).filter((m) => m === 'entry.grid')).toHaveLength(1);
    await page.locator('[data-testid="entry-grid"]').evaluate((el) => {
      el.scrollTop = 0;
      el.scrollLeft = 0;
    });
    const firstCell = page.locator('[data-testid="grid-cell"][data-unit="测试街道0001"][data-indicator="测试指标01"]');
    await expect.poll(() => firstCell.getAttribute('data-value'), { timeout: 10_000 }).toBe('3');
    // The undo step of the typed 7 survived the reload.
    await page.locator('[data-testid="entry-grid"]').focus();
    const answeredBeforeUndo = answered.length;
    await page.keyboard.press('Control+Z');
    await expect
      .poll(async () => {
        const h = await core.call('entry.history', { planId, ...corner, period: '2022-12' });
        return h.ok ? (h.value as { newValue: number | null }[]).map((x) => x.newValue) : null;
      }, { timeout: 10_000 })
      .toEqual([7, null]);
    // Our own undo is patched in, not reloaded.
    await pastOwnSaveReloadWindow(answeredBeforeUndo);
    expect(await loads()).toBe('2');
  }, 60_000);

  it('redo asks before overwriting a value someone else entered since', async () => {
    const other = await core.call('entry.save', { planId, edits: [{ ...corner, period: '2022-12', value: 5 }] });
    expect(other.ok).toBe(true);
    await expect.poll(loads, { timeout: 20_000 }).toBe('3');
    await page.locator('[data-testid="entry-grid"]').focus();
    await page.keyboard.press('Control+Y');
    const dialog = page.locator('[data-testid="overwrite-dialog"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('测试街道2000 · 测试指标40（2022年1-12月）：现为 5，将改为 7');
    await screenshot(page, 'e2e-entry-large-overwrite');
    await page.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const h = await core.call('entry.history', { planId, ...corner, period: '2022-12' });
    expect(h.ok && (h.value as { newValue: number | null }[]).map((x) => x.newValue)).toEqual([7, null, 5]);
    // The step is still there to redo later.
    expect(await page.locator('[data-testid="redo-button"]').isDisabled()).toBe(false);
  }, 60_000);

  it('the page reported no errors', () => {
    expect(problems).toEqual([]);
  });
});
