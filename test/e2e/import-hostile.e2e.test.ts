/**
 * A hostile workbook chosen in the 导入 drawer (issue 11): the window stays
 * usable while the file worker reads it, and the drawer shows the refusal
 * in Chinese with its place; 确认导入 stays disabled; nothing is written.
 * Screenshots: test-results/import-hostile-*.png at 1440×900 and 1366×768.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Core } from '../../electron/core';
import { stopFileWorker } from '../../electron/core/jobs/fileJob';
import { startWebHost } from '../../electron/web/host';
import { hostileFiles } from '../helpers/hostileFiles';
import { dumpDb, openExample } from '../helpers/importDb';
import { tempDir } from '../helpers/tempDb';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR, screenshot } from './browser';

let tmp: { dir: string; cleanup(): void };
let dbPath: string;
let core: Core;
let host: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  assertRendererBuilt();
  tmp = tempDir('taizhang-import-hostile-e2e-');
  dbPath = path.join(tmp.dir, 'taizhang.db');
  core = openExample(dbPath);
  host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  core?.close();
  await stopFileWorker();
  tmp?.cleanup();
});

const cases = [
  { file: '远端单元格.xlsx', size: { width: 1440, height: 900 }, shows: '超过了导入上限 50 万。最右边的内容在 XFD10 单元格' },
  { file: '超长单元格.xlsx', size: { width: 1366, height: 768 }, shows: 'A8 单元格有 3000 万个字符' },
];

describe('导入 of a hostile workbook in the browser', () => {
  for (const c of cases) {
    it(`${c.file} at ${c.size.width}×${c.size.height}: refused in the drawer with its place, nothing written`, { timeout: 90_000 }, async () => {
      const f = hostileFiles().find((h) => h.fileName === c.file)!;
      const file = path.join(tmp.dir, f.fileName);
      fs.writeFileSync(file, f.bytes);
      const before = dumpDb(dbPath);
      const page = await browser.newPage({ viewport: c.size, locale: 'zh-CN' });
      const problems = collectPageProblems(page);
      await page.goto(host.url);
      await page.locator('[data-testid="page-overview"]').waitFor();
      await page.getByTestId('import-open').click();
      await page.locator('[data-testid="import-drawer"] input[type="file"]').setInputFiles(file);
      const shown = page.locator('[data-testid="import-drawer"]', { hasText: c.shows });
      await shown.waitFor({ timeout: 60_000 });
      const text = (await page.locator('[data-testid="import-drawer"]').textContent()) ?? '';
      expect(text).toContain(`“${c.file}”第1个工作表“附件2”`);
      expect(text).not.toMatch(/Cannot|Unexpected|undefined|Error/);
      await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
      await screenshot(page, `import-hostile-${c.size.width}-${path.basename(c.file, '.xlsx')}`);
      expect(dumpDb(dbPath)).toBe(before);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
