/**
 * One Chromium for every browser test file (issue 13): started once for the
 * run, each file connects to it (test/e2e/browser.ts launchBrowser) instead
 * of starting its own — about a second saved per file, and one browser, not
 * one per file, on a 2-core machine. Started only when the run includes
 * browser tests (no file filter, or one naming e2e).
 */
import fs from 'node:fs';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's endpoint, or '' when this run started none. */
    chromiumEndpoint: string;
  }
}

function runIncludesBrowserTests(): boolean {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch');
  return filters.length === 0 || filters.some((f) => f.includes('e2e'));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: BrowserServer | null = null;
  // Missing chromium is reported by launchBrowser, in the test that needs it (a failure, never a skip).
  if (runIncludesBrowserTests() && fs.existsSync(CHROMIUM_PATH)) {
    server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }
  project.provide('chromiumEndpoint', server?.wsEndpoint() ?? '');
  return async () => {
    await server?.close();
  };
}
