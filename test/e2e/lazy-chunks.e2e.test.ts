/**
 * What the first screen does not draw comes in chunks of its own
 * (renderer/src/components/lazyChunk.tsx, issue 15): none is in the first
 * load, none is asked for before the first paint; they are all fetched right after, so
 * a click opens them at once; and a chunk that cannot be fetched says so,
 * with 重新载入, while the rest of the window works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { RENDERER_DIR, screenshot } from './browser';
import { type AppSession, openAppSession } from './session';

let app: AppSession;
let page: Page;
let problems: string[];

/** Chunks 概览's first screen does not draw (their file names start with the module's): on-demand parts and two of the pages. */
const DEFERRED = ['ImportDrawer', 'NewPlanModal', 'PlanDetailsModal', 'Guide', 'LedgerForm', 'FirstRun', 'SettingsPage', 'FiguresPage'];
const chunkOf = (url: string) => DEFERRED.find((name) => new RegExp(`/assets/${name}-[\\w-]+\\.js$`).test(url));

/** Records when the heatmap was painted (Element Timing, as `npm run bench` reads it). */
const PAINT_OBSERVER = `window.__tzPainted = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!(e.identifier in window.__tzPainted)) window.__tzPainted[e.identifier] = e.renderTime || e.loadTime;
}).observe({ type: 'element', buffered: true });`;

/** A second tab of the same app, in its own context, with the chunks named in `refused` failing to load. */
async function tabRefusing(refused: string[], route: string): Promise<{ context: BrowserContext; tab: Page }> {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.route('**/assets/*.js', (r) => {
    const name = chunkOf(r.request().url());
    return name && refused.includes(name) ? r.abort('connectionfailed') : r.continue();
  });
  const tab = await context.newPage();
  await tab.goto(`${app.host.url}#/${route}`);
  return { context, tab };
}

beforeAll(async () => {
  app = await openAppSession({ name: 'lazy-chunks' });
  ({ page, problems } = app);
}, 60_000);

afterAll(() => app?.close());

describe('chunks fetched after the first screen', () => {
  it('leaves the deferred chunks out of the first load, asks for them once something is painted, then has them all', async () => {
    // The page names the first load's modules (modulepreload): none of the deferred ones.
    const html = fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
    const preloaded = [...html.matchAll(/href="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(preloaded.length).toBeGreaterThan(3);
    expect(preloaded.filter((f) => chunkOf(`/assets/${f}`))).toEqual([]);
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      await context.addInitScript({ content: PAINT_OBSERVER });
      const tab = await context.newPage();
      await tab.goto(app.host.url);
      const painted = Number(await (await tab.waitForFunction(() => (window as unknown as { __tzPainted: Record<string, number> }).__tzPainted.heatmap)).jsonValue());
      expect(painted).toBeGreaterThan(0);
      // Every deferred chunk is fetched soon after (preloaded when the browser is idle).
      await expect
        .poll(
          async () =>
            new Set((await tab.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name))).map(chunkOf).filter(Boolean)).size,
          { timeout: 15_000 },
        )
        .toBe(DEFERRED.length);
      // Fetched when the browser is idle after a frame was painted: after the first paint (the heatmap's, or the
      // shell's spinner when the data is slow to come), never competing with it.
      const { requested, firstPaint } = await tab.evaluate(() => ({
        requested: performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime })),
        firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.POSITIVE_INFINITY,
      }));
      expect(firstPaint).toBeLessThanOrEqual(painted);
      const early = requested.filter((r) => chunkOf(r.name) && r.start < firstPaint).map((r) => r.name);
      expect(early).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the import drawer and the guide from chunks of their own', async () => {
    await page.locator('[data-testid="import-open"]').click();
    await page.locator('.ant-drawer-open').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: '帮助' }).click();
    await page.locator('.ant-modal').filter({ hasText: '使用指引' }).first().waitFor();
  });

  it("says so when a drawer's chunk cannot be fetched; the window still works", async () => {
    const { context, tab } = await tabRefusing(['ImportDrawer'], '');
    try {
      await tab.locator('[data-testid="heat-cell"]').first().waitFor();
      await tab.locator('[data-testid="import-open"]').click();
      const failed = tab.locator('.ant-modal', { hasText: '未能打开' });
      await failed.waitFor();
      expect(await failed.textContent()).toContain('请重新载入窗口');
      expect(await failed.getByRole('button', { name: '重新载入' }).count()).toBe(1);
      await screenshot(tab, 'e2e-lazy-part-failed');
      await failed.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await failed.waitFor({ state: 'hidden' });
      // Asked again, it says so again.
      await tab.locator('[data-testid="import-open"]').click();
      await failed.waitFor();
      await failed.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await failed.waitFor({ state: 'hidden' });
      await tab.getByRole('menuitem', { name: '任务分解' }).click();
      await tab.locator('[data-testid="page-tasks"]').waitFor();
    } finally {
      await context.close();
    }
  });

  it("says so when a page's chunk cannot be fetched; the other pages still open", async () => {
    const { context, tab } = await tabRefusing(['SettingsPage'], 'settings');
    try {
      const failed = tab.getByText('页面未能载入');
      await failed.waitFor();
      expect(await tab.getByRole('button', { name: '重新载入' }).count()).toBe(1);
      await screenshot(tab, 'e2e-lazy-page-failed');
      await tab.getByRole('menuitem', { name: '概览' }).click();
      await tab.locator('[data-testid="heat-cell"]').first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('the first tab reported no errors', () => {
    expect(problems).toEqual([]);
  });
});
