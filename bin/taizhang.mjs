#!/usr/bin/env node
// The `taizhang` command. Runs the TypeScript CLI through tsx, so that
// `npx taizhang …` works in a checkout right after `npm install`, with no build step.
// run() reports every failure itself (electron/cli/failure.ts); the guard below only
// catches a CLI that cannot even load (a broken installation), still without a stack trace.
import { register } from 'tsx/esm/api';

try {
  register();
  const { run } = await import('../electron/cli/main.ts');
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`科创台账命令行无法运行（安装可能不完整，请重新运行 npm install）：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
