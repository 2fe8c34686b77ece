/**
 * The dashboard (态势总览), issue 15's goals:
 * - `dashboard.get` at 2,000 units × 40 indicators with 12 months of figures
 *   (960,000 this year, none last year), through core.call with the answer
 *   serialised as the doors send it: under 300 ms, against a bare SELECT of the
 *   same figures (this year's and last year's of the plan, brought into
 *   JavaScript) — what any view that summarised them row by row would start from;
 * - the first paint in Chromium at the example scale (the 青云谱区 plan with
 *   nine months of 示例数据): a fresh browser context (nothing cached, as at
 *   start) opening the app on 概览, until the heatmap is painted, under 1 s,
 *   against the same context opening 设置 (the app shell and a page with no
 *   figures). Timed by the browser itself (Element Timing: when the marked
 *   text was painted, from the navigation's start), as a user sees it. Also
 *   reported, by the wall clock around the driver (Playwright's navigation and
 *   polling included): until the heatmap is visible, and until both charts
 *   are drawn (ECharts arrives below the first screen, in its own chunk).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { startWebHost } from '../../electron/web/host';
import { launchBrowser, RENDERER_DIR } from '../../test/e2e/browser';
import { writeSampleMonths } from '../../test/helpers/dashboardSample';
import { buildLargePlan } from '../../test/helpers/largePlan';
import type { Benchmark } from '../harness';
import { atExit } from '../atExit';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-dashboard-'));
atExit(() => fs.rmSync(dir, { recursive: true, force: true }));

const MONTHS = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);
const sizes = { view: 0, raw: 0 };
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

let large: { core: Core; planId: number; dbPath: string } | null = null;
function largeCore() {
  if (!large) {
    const dbPath = path.join(dir, 'large.db');
    const plan = buildLargePlan(dbPath, { filledPeriods: MONTHS });
    // The file was written without the app: open it once so the migrations (the figures_by_period index) run.
    const core = openCore({ dbPath, seedIfNew: false });
    large = { core, planId: plan.planId, dbPath };
    atExit(() => core.close());
  }
  return large;
}

const bareSelect: Benchmark = {
  get name() {
    return `bare SELECT of the figures a 2,000 × 40 dashboard summarises (this year and last, 960,000 rows, ${kb(sizes.raw)} as JSON)`;
  },
  // Untimed: the database built once (seconds), before the first timed run.
  setup: () => largeCore(),
  run: () => {
    const { dbPath, planId } = largeCore();
    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT f.indicator_id, f.unit_id, f.period, f.value FROM indicators i JOIN figures f ON f.indicator_id = i.id
           WHERE i.plan_id = ? AND substr(f.period, 1, 4) IN ('2022', '2021')`,
        )
        .raw()
        .all(planId);
      if (!sizes.raw) sizes.raw = JSON.stringify(rows).length;
    } finally {
      db.close();
    }
  },
};

export const dashboardAtScale: Benchmark = {
  get name() {
    return `dashboard.get at 2,000 units × 40 indicators, 12 months of figures (core.call + JSON: ${kb(sizes.view)})`;
  },
  goalMs: 300,
  baseline: bareSelect,
  run: async () => {
    const { core, planId } = largeCore();
    const r = await core.call('dashboard.get', { planId, period: '2022-09' });
    if (!r.ok) throw new Error(r.error.message);
    sizes.view = JSON.stringify(r.value).length;
  },
};

// ---- First paint in Chromium at the example scale ----

let web: { browser: Browser; url: string; close(): Promise<void> } | null = null;
const webUrl = () => {
  if (!web) throw new Error('the web host is not started');
  return web.url;
};
async function webApp() {
  if (!web) {
    const dbPath = path.join(dir, 'example.db');
    openCore({ dbPath }).close();
    const { db } = openDb(dbPath);
    writeSampleMonths(db, 2022, 9);
    db.close();
    const core = openCore({ dbPath });
    const host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
    const browser = await launchBrowser();
    web = {
      browser,
      url: host.url,
      close: async () => {
        await browser.close();
        await host.close();
        core.close();
      },
    };
  }
  return web;
}

/** A fresh context (no cache, as at start) opened at `route`, remembering 2022-09 as the period. */
async function openFresh<T>(route: string, init: string | null, use: (page: Page) => Promise<T>): Promise<T> {
  const { browser, url } = await webApp();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  try {
    await context.addInitScript(() => window.localStorage.setItem('taizhang.period.1', '2022-09'));
    if (init) await context.addInitScript({ content: init });
    const page = await context.newPage();
    return await use(page);
  } finally {
    await context.close();
  }
}

/** The wall clock from asking for the address until `selector` is visible (the driver's round trips included). */
const visibleAfter = (route: string, selector: string) =>
  openFresh(route, null, async (page) => {
    const t0 = Date.now();
    // The printed address carries the token; the route rides after it.
    await page.goto(`${webUrl()}#/${route}`);
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
    return Date.now() - t0;
  });

/**
 * When the text marked `elementtiming="<mark>"` was first painted, in ms from the navigation's start, as
 * the browser timed it (Element Timing API): the page marks 概览's heatmap (heatmap) and every page's title (page-title).
 */
const paintedAt = (route: string, mark: string) =>
  openFresh(
    route,
    `window.__tzPainted = {};
     new PerformanceObserver((list) => {
       for (const e of list.getEntries()) if (!(e.identifier in window.__tzPainted)) window.__tzPainted[e.identifier] = e.renderTime || e.loadTime;
     }).observe({ type: 'element', buffered: true });`,
    async (page) => {
      await page.goto(`${webUrl()}#/${route}`);
      const painted = await page.waitForFunction((m) => (window as unknown as { __tzPainted?: Record<string, number> }).__tzPainted?.[m], mark, {
        timeout: 30_000,
      });
      return Number(await painted.jsonValue());
    },
  );

const settingsPainted: Benchmark = {
  name: 'Chromium: a fresh context opens the app on 设置 until its title is painted (the shell and a page without figures; ms from the navigation\'s start, timed by the browser)',
  ownTime: true,
  run: () => paintedAt('settings', 'page-title'),
};

export const dashboardFirstPaint: Benchmark = {
  name: 'Chromium: a fresh context opens the app on 概览 until the heatmap is painted (example plan, 9 months of 示例数据; ms from the navigation\'s start, timed by the browser)',
  goalMs: 1000,
  ownTime: true,
  baseline: settingsPainted,
  run: () => paintedAt('overview', 'heatmap'),
};

const settingsVisible: Benchmark = {
  name: 'Chromium, wall clock around the driver: 设置 until its page is visible',
  run: () => visibleAfter('settings', '[data-testid="page-settings"], .tz-page'),
};

export const dashboardVisible: Benchmark = {
  name: 'Chromium, wall clock around the driver: 概览 until a heatmap cell is visible',
  baseline: settingsVisible,
  run: () => visibleAfter('overview', '[data-testid="heat-cell"]'),
};

export const dashboardChartsPaint: Benchmark = {
  name: 'Chromium, wall clock around the driver: 概览 until the ranking and the trend chart are drawn too (below the first screen, ECharts in its own chunk)',
  baseline: settingsVisible,
  run: () => visibleAfter('overview', '[data-testid="trend-chart"][data-ready="true"]'),
};

export const dashboardBenchmarks = [dashboardAtScale, dashboardFirstPaint, dashboardVisible, dashboardChartsPaint];

/** Closes the browser and the web host the paint benchmarks started. */
export async function closeDashboardBench(): Promise<void> {
  await web?.close();
  web = null;
}
