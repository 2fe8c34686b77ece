/** Where the system Chromium is and how it is started (shared by test/e2e/browser.ts and the run's global setup). */
export const CHROMIUM_PATH = process.env.TAIZHANG_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
