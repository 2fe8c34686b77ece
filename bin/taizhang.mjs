#!/usr/bin/env node
// The `taizhang` command. Runs the TypeScript CLI through tsx, so that
// `npx taizhang …` works in a checkout right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../electron/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
