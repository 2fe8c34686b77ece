#!/usr/bin/env node
// The `taizhang` command. Runs the bundled CLI (dist/cli/taizhang.cjs, made by
// `npm run build:cli`) when it is there and newer than every source file it was
// built from; otherwise the TypeScript sources through tsx, so that `npx taizhang …`
// works in a checkout right after `npm install`, with no build step — only slower
// to start (TAIZHANG_CLI_FROM_SOURCE=1 forces the sources). run() reports every failure itself (electron/cli/failure.ts); the guard
// below only catches a CLI that cannot even load, still without a stack trace.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli', 'taizhang.cjs');

/** The newest modification time under the folders the CLI is built from (stops early once past `than`). */
function sourcesNewerThan(than) {
  const stack = ['electron', 'shared', 'seeds', 'package.json'].map((p) => path.join(root, p));
  while (stack.length) {
    const p = stack.pop();
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) stack.push(path.join(p, name));
    } else if (st.mtimeMs > than) return true;
  }
  return false;
}

function bundleIsCurrent() {
  if (process.env.TAIZHANG_CLI_FROM_SOURCE === '1') return false; // tests of the tsx path
  try {
    return !sourcesNewerThan(fs.statSync(bundle).mtimeMs);
  } catch {
    return false;
  }
}

try {
  const current = bundleIsCurrent();
  // TAIZHANG_CLI_TRACE=1 says which one runs (for support and the tests).
  if (process.env.TAIZHANG_CLI_TRACE === '1') process.stderr.write(`taizhang: ${current ? 'bundle' : 'sources'}\n`);
  if (current) {
    createRequire(import.meta.url)(bundle);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    const { run } = await import('../electron/cli/main.ts');
    process.exitCode = await run(process.argv.slice(2));
  }
} catch (err) {
  process.stderr.write(`科创台账命令行无法运行（安装可能不完整，请重新运行 npm install）：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
