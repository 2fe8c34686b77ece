/**
 * The command line's start-up (issue 13): `taizhang --version` and `taizhang info` in a fresh
 * process through bin/taizhang.mjs, running the bundle (`npm run build:cli`, built here first)
 * — next to Node doing nothing at all, the least any command costs. Goal: --version under 0.2 s.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from '../harness';
import { atExit } from '../atExit';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'taizhang.mjs');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'ignore' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-cli-'));
const dbPath = path.join(dir, 'taizhang.db');
atExit(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const out = execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TAIZHANG_CLI_TRACE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
};
cli('info', '--db', dbPath); // the database exists before the timed runs

export const nodeAlone: Benchmark = {
  name: 'node -e 0 (a process that does nothing)',
  run: () => execFileSync(process.execPath, ['-e', '0']),
};

export const cliVersion: Benchmark = {
  name: 'CLI start-up: taizhang --version, bundled, fresh process',
  goalMs: 200,
  baseline: nodeAlone,
  run: () => {
    if (cli('--version').trim() === '') throw new Error('no version printed');
  },
};

export const cliInfo: Benchmark = {
  name: 'CLI: taizhang info --json, bundled, fresh process (opens the database)',
  baseline: nodeAlone,
  run: () => JSON.parse(cli('info', '--db', dbPath, '--json')),
};

export const cliBenchmarks = [cliVersion, cliInfo];
