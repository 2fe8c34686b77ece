/**
 * `npm run web` as a user starts it: a wrong --port gets the usage and exit
 * status 2, a taken port a Chinese sentence and exit 1, --port 0 any free
 * port, printed (test/integration/concurrent-writers.test.ts uses that), and a
 * PostgreSQL URL is refused: the browser version is one person's, on one PC.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tempDb';
import { assertRendererBuilt } from '../e2e/browser';

const exec = promisify(execFile);
let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  assertRendererBuilt();
  tmp = tempDir('taizhang-web-cli-');
});
afterAll(() => tmp?.cleanup());
vi.setConfig({ testTimeout: 60_000 }); // a child process each; tsx start-up is slow on a busy machine

async function web(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'electron/web/cli-entry.ts', ...args], { cwd: ROOT, timeout: 50_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run web', () => {
  it.each(['abc', '70000', '--port=-1', '4410x', ''])('refuses --port %j with the usage (exit 2)', async (port) => {
    const r = await web(['--db', path.join(tmp.dir, 'a.db'), ...(port.startsWith('--') ? [port] : ['--port', port])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port 应为 0 到 65535 之间的整数（0 表示任选空闲端口）');
    expect(r.stderr).toContain('用法 Usage: npm run web -- [--db 数据库文件] [--port 端口]');
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown option or a missing value with the usage, in Chinese (exit 2)', async () => {
    const unknown = await web(['--prot', '4500']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^参数错误：不认识的选项“--prot”。\n/);
    expect(unknown.stderr).toContain('--port N');
    const dash = await web(['--port', '-1']);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toMatch(/^参数错误：选项“--port”的值以“-”开头：请写成 --port=值。\n/);
  });

  it('refuses a PostgreSQL URL (exit 1): the browser version is one person’s, on a database file', async () => {
    // Refused before any connection is tried: no cluster is needed, and the password never reaches the terminal.
    const r = await web(['--db', 'postgres://taizhang:s3cret-pw@127.0.0.1:1/district', '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('无法启动科创台账网页版：网页版只能使用数据库文件，不能使用 PostgreSQL 数据库（postgres://taizhang:***@127.0.0.1:1/district）。请用 --db 指定一个数据库文件。');
    expect(r.stdout).toBe('');
  });

  it('says so when the port asked for is taken (exit 1), without a stack', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const r = await web(['--db', path.join(tmp.dir, 'b.db'), '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`无法启动科创台账网页版：端口 ${port} 已被其他程序占用。请换一个端口，或用 --port 0 任选一个空闲端口。`);
    } finally {
      taken.close();
    }
  });
});
