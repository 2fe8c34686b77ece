/**
 * How long a write waits for another writer (SQLite's busy timeout). All
 * three doors may have the same file open — the desktop window, `npm run
 * web`, a CLI import — and every write starts BEGIN IMMEDIATE (tx.ts), so a
 * writer waits its turn instead of failing. The wait must outlast the longest
 * commit another door can make (an import of a 2,000-unit breakdown, a
 * return apply of many files): 30 s, far above what they take
 * (test/integration/concurrent-writers.test.ts runs three writers at once).
 *
 * TAIZHANG_BUSY_TIMEOUT_MS overrides it (e.g. on a slow network share; the
 * tests use it to reach "still locked" without waiting half a minute).
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

export function busyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.TAIZHANG_BUSY_TIMEOUT_MS);
  return Number.isInteger(wanted) && wanted >= 0 ? wanted : DEFAULT_BUSY_TIMEOUT_MS;
}
