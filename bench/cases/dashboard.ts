/**
 * The dashboard (态势总览), issue 15's goals:
 * - `dashboard.get` at 2,000 units × 40 indicators with 12 months of figures
 *   (960,000 this year, none last year), through core.call with the answer
 *   serialised as the doors send it: under 300 ms, against a bare SELECT of the
 *   same figures (this year's and last year's of the plan, brought into
 *   JavaScript) — what any view that summarised them row by row would start from;
 * - the first paint in Chromium at the example scale (the 青云谱区 plan with
 *   nine months of 示例数据): a fresh browser context opening the app on 概览
 *   until the heatmap is drawn, under 1 s, against the same context opening
 *   设置 (the app shell and a page with no figures). Also reported: until both
 *   charts are drawn (ECharts arrives with the page, as its own chunk).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
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

/** Opens the app in a fresh context (no cache, as at start) at `route`, remembering 2022-09; resolves when `selector` is visible. */
async function paint(route: string, selector: string): Promise<number> {
  const { browser, url } = await webApp();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  try {
    await context.addInitScript(() => window.localStorage.setItem('taizhang.period.1', '2022-09'));
    const page = await context.newPage();
    const t0 = Date.now();
    // The printed address carries the token; the route rides after it.
    await page.goto(`${url}#/${route}`);
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
    return Date.now() - t0;
  } finally {
    await context.close();
  }
}

const settingsPaint: Benchmark = {
  name: 'Chromium: a fresh context opens the app on 设置 (the shell and a page without figures)',
  run: () => paint('settings', '[data-testid="page-settings"], .tz-page'),
};

export const dashboardFirstPaint: Benchmark = {
  name: 'Chromium: a fresh context opens the app on 概览 until the heatmap is drawn (example plan, 9 months of 示例数据)',
  goalMs: 1000,
  baseline: settingsPaint,
  run: () => paint('overview', '[data-testid="heat-cell"]'),
};

export const dashboardChartsPaint: Benchmark = {
  name: 'Chromium: … until the ranking and the trend chart are drawn too (ECharts loaded with the page)',
  baseline: settingsPaint,
  run: () => paint('overview', '[data-testid="trend-chart"][data-ready="true"]'),
};

export const dashboardBenchmarks = [dashboardAtScale, dashboardFirstPaint, dashboardChartsPaint];

/** Closes the browser and the web host the paint benchmarks started. */
export async function closeDashboardBench(): Promise<void> {
  await web?.close();
  web = null;
}
