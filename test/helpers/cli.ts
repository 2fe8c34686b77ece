/**
 * Runs the `taizhang` command in the tests.
 *
 * - `taizhang(args, env)`: in this process, through the CLI's own `run(argv, io)`
 *   — the same parsing, core, output and exit status, without starting Node
 *   (most CLI tests are about what a command does, not about the process).
 * - `taizhangProcess(args, env)`: as a user runs it (`npx taizhang` runs
 *   bin/taizhang.mjs), in a child process — for what only a process shows
 *   (the bundle, start-up, signals, two writers at once).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { run as runCli } from '../../electron/cli/main';

const exec = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/taizhang.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment variables set for one in-process run and put back after it (an empty string unsets). */
async function withEnv<T>(env: NodeJS.ProcessEnv, body: () => Promise<T>): Promise<T> {
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await body();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** One command in this process; its output as the terminal would show it. `stdin`: what standard input holds. */
export async function taizhang(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  const code = await withEnv(env, () =>
    runCli(args, {
      out: (text) => {
        stdout += line(text);
      },
      err: (text) => {
        stderr += line(text);
      },
      in: async () => stdin,
    }),
  );
  return { code, stdout, stderr };
}

/** One command as its own process, exactly as a user starts it. */
export async function taizhangProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
