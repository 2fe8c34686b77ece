/**
 * The entry grid at 2,000 units × 40 indicators: it renders only what is on
 * screen (virtualised in both directions), jumps to the far corner with
 * Ctrl+End, and a value typed there is saved. Screenshot to test-results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { insertIndicator, upsertTarget } from '../../electron/core/db/repos/indicators';
import { insertPlan } from '../../electron/core/db/repos/plans';
import { insertUnit } from '../../electron/core/db/repos/units';
import { startWebHost } from '../../electron/web/host';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR, screenshot } from './browser';

const UNITS = 2000;
const INDICATORS = 40;

let tmpDir: string;
let core: Core;
let host: { url: string; token: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let problems: string[];
let planId: number;
let corner: { indicatorId: number; unitId: number };

/** A synthetic plan (not sample data shown to users: it lives only in this test's temp database). */
function buildLargePlan(dbPath: string): { plan: number; corner: { indicatorId: number; unitId: number } } {
  const { db } = openDb(dbPath);
  try {
    return db.transaction(() => {
      const district = insertUnit(db, { name: '压力测试区', kind: 'district', parentId: null, sortOrder: 0 });
      const subs = Array.from({ length: UNITS }, (_, i) =>
        insertUnit(db, { name: `测试街道${String(i + 1).padStart(4, '0')}`, kind: 'street', parentId: district, sortOrder: i + 1 }),
      );
      const plan = insertPlan(db, {
        unitId: district,
        title: '压力测试工作要点',
        yearStart: 2022,
        yearEnd: 2022,
        docNumber: null,
        issuedOn: null,
        issuer: null,
        source: null,
      });
      let lastIndicator = 0;
      for (let j = 0; j < INDICATORS; j++) {
        const id = insertIndicator(db, {
          planId: plan,
          name: `测试指标${String(j + 1).padStart(2, '0')}`,
          measureUnit: '家',
          aggregation: 'sum',
          frequency: 'monthly',
          decimals: 0,
          sortOrder: j,
          wording: null,
          wordingText: null,
          baseline: null,
          decomposed: true,
        });
        lastIndicator = id;
        for (const unitId of subs) upsertTarget(db, { indicatorId: id, unitId, value: 10, valueMax: null });
      }
      return { plan, corner: { indicatorId: lastIndicator, unitId: subs[subs.length - 1] } };
    })();
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  assertRendererBuilt();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-large-'));
  const dbPath = path.join(tmpDir, 'taizhang.sqlite');
  ({ plan: planId, corner } = buildLargePlan(dbPath));
  core = openCore({ dbPath, seedIfNew: false });
  await core.call('operator.set', { name: '压力测试' });
  host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  problems = collectPageProblems(page);
  await page.goto(`${host.url}#/figures`);
  await page.locator('[data-testid="entry-grid"]').waitFor({ timeout: 60_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  core?.close();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

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
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    // The save is fast; reloading 80,040 cells afterwards takes longer on a busy machine.
    await expect.poll(() => cornerCell.getAttribute('data-value'), { timeout: 20_000 }).toBe('7');
    expect(await page.locator('[data-testid="grid-cell"]').count()).toBeLessThan(1000);
    const r = await core.call('entry.history', { planId, ...corner, period: '2022-12' });
    expect(r.ok && (r.value as { newValue: number }[]).map((h) => h.newValue)).toEqual([7]);
    await screenshot(page, 'e2e-entry-large');
  }, 60_000);

  it('the page reported no errors', () => {
    expect(problems).toEqual([]);
  });
});
