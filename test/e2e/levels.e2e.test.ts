/**
 * 上级下达 in a real browser (issue 20): the district's window (the 青云谱区
 * example) receives the 南昌市 package — the preview lists each issued target
 * beside the district's own (高新技术企业 80 issued, 76 its own: kept unless
 * chosen), new indicators, the version —, then the 上级下达 card shows the
 * issued targets, the district's, its streets' split and the 合计校验 against
 * the issued value; 采用下达目标 takes one explicitly. Values are read back
 * from the database file. Screenshots at 1440×900 and 1366×768:
 * test-results/levels-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { startWebHost } from '../../electron/web/host';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import { openTestCore, type TestCore } from '../helpers/exchange';
import { tempDir, tempDbPath } from '../helpers/tempDb';
import { assertRendererBuilt, collectPageProblems, launchBrowser, nameThisTab, RENDERER_DIR, screenshot } from './browser';

let district: TestCore;
let city: { core: Core; cleanup(): void };
let tmp: { dir: string; cleanup(): void };
let host: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let problems: string[];
let pkgFile: string;

const ownTarget = (indicator: string) =>
  (
    new Database(district.dbPath, { readonly: true })
      .prepare(
        "SELECT t.value FROM targets t JOIN units u ON u.id = t.unit_id JOIN indicators i ON i.id = t.indicator_id WHERE u.name = '青云谱区' AND i.name = ?",
      )
      .get(indicator) as { value: number } | undefined
  )?.value;

beforeAll(async () => {
  assertRendererBuilt();
  tmp = tempDir('taizhang-levels-e2e-');
  const c = tempDbPath();
  const cityCore = openCore({ dbPath: c.dbPath, example: 'nanchang-2022', dailyBackup: false });
  city = { core: cityCore, cleanup: () => (cityCore.close(), c.cleanup()) };
  const units = await cityCore.call('plan.units', { planId: 1 });
  if (!units.ok) throw new Error(units.error.message);
  const qyp = (units.value as { units: { id: number; name: string }[] }).units.find((u) => u.name === '青云谱区')!;
  const issued = await cityCore.call('exchange.issue', { planId: 1, unitIds: [qyp.id] });
  if (!issued.ok) throw new Error(issued.error.message);
  const f = (issued.value as { files: ExchangeExportFile[] }).files[0];
  pkgFile = path.join(tmp.dir, f.fileName);
  fs.writeFileSync(pkgFile, Buffer.from(f.base64, 'base64'));

  district = openTestCore();
  host = await startWebHost({ core: district.core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  problems = collectPageProblems(page);
  await page.goto(host.url);
  await page.locator('[data-testid="page-overview"]').waitFor();
  // 数据交换 is its own entry in the side menu (issue 16).
  await page.getByRole('menuitem', { name: '数据交换' }).click();
  await page.locator('[data-testid="page-exchange"]').waitFor();
  await nameThisTab(page, '王芳');
  await page.locator('[data-testid="exchange-issue"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  district?.cleanup();
  city?.cleanup();
  tmp?.cleanup();
});

describe('上级下达 in the browser', () => {
  it('previews a package from the city, receives it, shows the linked targets and the split check, takes one on request', async () => {
    const card = page.getByTestId('exchange-issue');
    await expect(card.textContent()).resolves.toContain('上级（如市科技局）下达的计划数据包在这里接收');
    await card.locator('input[type="file"]').setInputFiles(pkgFile);
    const preview = page.getByTestId('issue-preview');
    await preview.waitFor({ timeout: 15_000 });
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('南昌市');
    expect(text).toContain('示例数据');
    expect(text).toContain('承接到2022年青云谱区科技创新基础大提升工作要点');
    const hightech = preview.locator('tr', { hasText: '高新技术企业' }).first();
    await expect(hightech.textContent()).resolves.toMatch(/80家.*76家.*高新技术企业（按名称）.*保留本级目标/);
    await expect(preview.locator('tr', { hasText: '市级基础研发平台' }).textContent()).resolves.toContain('新增');
    await screenshot(page, 'levels-1-preview', { fullPage: false });
    await page.getByTestId('issue-receive-ok').click();
    await page.locator('.ant-message', { hasText: '已接收南昌市下达的计划（第1版）' }).waitFor({ timeout: 15_000 });

    // Received: nothing of the district's own overwritten; the card shows issued, own, split and the check.
    expect(ownTarget('高新技术企业')).toBe(76);
    expect(ownTarget('市级以上专业化小巨人企业')).toBe(4);
    const table = page.getByTestId('issue-targets');
    await table.waitFor({ timeout: 10_000 });
    const row = (name: string) => table.locator('tr', { hasText: name }).first();
    await expect(row('高新技术企业').textContent()).resolves.toMatch(/80家.*76家（与下达不同）.*76家（7个单位）.*不相符：少 4/);
    await expect(row('技术合同成交额').textContent()).resolves.toMatch(/7亿元.*7亿元.*承接.*7亿元（7个单位）.*相符/);
    await expect(row('全社会R&D经费投入占GDP比重').textContent()).resolves.toContain('比率，不加总');
    await screenshot(page, 'levels-2-issued-1440');
    await page.setViewportSize({ width: 1366, height: 768 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'levels-3-issued-1366', { fullPage: false });

    // 采用下达目标 for 高新技术企业: the district's own target becomes 80; its streets' 76 still falls short by 4.
    await row('高新技术企业').getByRole('button', { name: '采用下达目标' }).click();
    await expect.poll(() => ownTarget('高新技术企业'), { timeout: 10_000 }).toBe(80);
    await expect.poll(async () => (await row('高新技术企业').textContent()) ?? '', { timeout: 10_000 }).toMatch(/80.*承接.*不相符：少 4/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'levels-4-adopted-1366', { fullPage: false });
    expect(problems).toEqual([]);
  }, 90_000);
});
