/** Runs the `taizhang` command as a user does (`npx taizhang` runs bin/taizhang.mjs), in a child process. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/taizhang.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function taizhang(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
