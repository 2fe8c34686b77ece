/**
 * Headless Chromium for the browser tests: the system chromium (Debian
 * package), driven by playwright-core. Missing chromium is a failure, never a skip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export { CHROMIUM_PATH } from './chromium';

export const SCREENSHOT_DIR = path.resolve('test-results');
export const RENDERER_DIR = 'dist/renderer';

/** Throws with what to do when the built renderer is missing. */
export function assertRendererBuilt(): void {
  const index = path.resolve(RENDERER_DIR, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`找不到 ${index}：浏览器测试需要先构建界面，请运行 npm run build:web（npm test 会自动运行）。`);
  }
}

/**
 * Each browser test file starts its own Chromium. (One Chromium shared by the
 * whole run was tried: pages of two files running at once then compete for
 * the focus, and the clipboard refuses a page that is not focused.)
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need it. Install it with: apt-get install -y chromium`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // Every page asks for reduced motion, which the app honours by skipping antd's animations
  // (renderer/src/theme.ts): a click never lands in a dialog still zooming in on a busy machine (seen as
  // lost clicks in full runs), and screenshots show settled screens. A test may still pass its own value.
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

/** Problems the page reports: console errors (CSP violations included) and uncaught exceptions. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    // EventSource is cut when the page closes, and a reload or navigation cancels the requests still
    // in flight (net::ERR_ABORTED: the browser's own doing, whichever moment the test reloads at).
    // A request the server fails answers with another error (refused, reset, empty response).
    if (req.url().includes('/api/events') || error === 'net::ERR_ABORTED') return;
    problems.push(`requestfailed: ${req.url()} ${error}`);
  });
  return problems;
}

/**
 * The open antd Select dropdown, once it has finished sliding in. Options are clicked only
 * then: a click while the list is still appearing can miss, and the test would wait for a
 * choice that never happened.
 */
export function openedDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:visible:not([class*="-appear"]):not([class*="-enter"])');
}

/** The label a single antd Select shows as its value ('' when it shows its placeholder). */
export async function selectedLabel(select: Locator): Promise<string> {
  const value = select.locator('.ant-select-content-has-value');
  return (await value.count()) ? ((await value.textContent()) ?? '') : '';
}

/** Full-page screenshot to test-results/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Finish CSS transitions (menu highlight, fades) so the picture shows the settled page.
  // A drawer over a long page is pictured as the window shows it (fullPage: false), not with the page stretched below it.
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return file;
}

/**
 * Answers 数据填报's first-use prompt in this tab: each tab of the web door has its own operator
 * (操作员), asked before its first write; the core's or another tab's name is not this tab's.
 */
export async function nameThisTab(page: Page, name: string): Promise<void> {
  const input = page.locator('[data-testid="operator-input"]');
  await input.waitFor();
  await input.fill(name);
  await page.getByRole('button', { name: '开始填报' }).click();
  await input.waitFor({ state: 'detached' });
}
