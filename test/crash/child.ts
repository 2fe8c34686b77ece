/**
 * The process the crash test kills (bundled as CommonJS by test/integration/crash.test.ts, with
 * the file worker beside it as the Electron build has it): opens the
 * core on a database and runs one operation — an import commit or a return apply — then
 * says "done". The parent kills it with SIGKILL at a random moment.
 *
 *   node child.mjs import DB FILE
 *   node child.mjs apply DB PLAN_ID FILE…   (each file's changes all accepted)
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../electron/core';

const [mode, dbPath, ...rest] = process.argv.slice(2);
const core = openCore({ dbPath, seedIfNew: false, dailyBackup: false });
const call = async (method: string, request: unknown) => {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
};
const file = (f: string) => ({ fileName: path.basename(f), dataBase64: fs.readFileSync(f).toString('base64') });

async function main(): Promise<void> {
process.stdout.write('ready\n');
if (mode === 'import') {
  const out = await call('import.commit', file(rest[0]));
  if (!out.committed) throw new Error('import not committed');
} else {
  const [planId, ...files] = rest;
  const reviews = (await call('exchange.review', { planId: Number(planId), files: files.map(file) })).reviews as {
    figures: { key: string; current: number | null }[];
    progress: { key: string; current: unknown }[];
  }[];
  await call('exchange.apply', {
    planId: Number(planId),
    files: files.map((f, i) => ({
      ...file(f),
      accept: [...reviews[i].figures, ...reviews[i].progress].map((c) => ({ key: c.key, seen: c.current })),
    })),
  });
}
process.stdout.write('done\n');
core.close();
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error)?.stack ?? err));
  process.exit(3);
});
