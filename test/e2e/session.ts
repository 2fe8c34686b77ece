/**
 * The one start of a browser test file: a temp folder, a core on a real
 * SQLite file there, the web host serving the built renderer, Chromium, a
 * context (zh-CN, the viewport, clipboard and downloads as asked) and a page
 * whose problems (console errors, page errors, failed requests) are
 * collected, opened at its first route and waited for. `close()` undoes it
 * all in order. Each file still starts its own Chromium (browser.ts says why).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/core';
import { startWebHost, type WebHost } from '../../electron/web/host';
import { assertRendererBuilt, collectPageProblems, launchBrowser, RENDERER_DIR } from './browser';

export interface AppSessionOptions {
  /** Names the temp folder (taizhang-e2e-<name>-…). */
  name: string;
  /**
   * The core to serve, made in the temp folder before the host starts (figures written here are
   * there at the first paint). Default: a new database, which openCore loads with the 青云谱区 example.
   */
  core?: (dir: string) => Core | Promise<Core>;
  /** Default 1440 × 900. */
  viewport?: { width: number; height: number };
  /** Grants clipboard read and write to the app's origin (paste and copy in the grid). */
  clipboard?: boolean;
  downloads?: boolean;
  /** The hash route the page opens at ('' opens 概览). */
  route?: string;
  /** What is on screen once the first page is ready; default 概览's page. */
  ready?: string;
}

export interface AppSession {
  dir: string;
  core: Core;
  host: WebHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests of `page`; a test expects it empty. */
  problems: string[];
  close(): Promise<void>;
}

export async function openAppSession(options: AppSessionOptions): Promise<AppSession> {
  assertRendererBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `taizhang-e2e-${options.name}-`));
  const undo: (() => unknown)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
  // Every step runs even when one before it fails (the temp folder goes last); the first failure is reported.
  const close = async () => {
    let failure: unknown = null;
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
  };
  try {
    const core = options.core ? await options.core(dir) : openCore({ dbPath: path.join(dir, 'taizhang.sqlite') });
    undo.push(() => core.close());
    const host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
    undo.push(() => host.close());
    const browser = await launchBrowser();
    undo.push(() => browser.close());
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: options.downloads ?? false,
    });
    if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    // The printed address carries the token; the route rides after it.
    await page.goto(options.route ? `${host.url}#/${options.route}` : host.url);
    await page.locator(options.ready ?? '[data-testid="page-overview"]').first().waitFor();
    return { dir, core, host, browser, context, page, problems, close };
  } catch (error) {
    await close();
    throw error;
  }
}
