/**
 * The CLI as a user runs it: a child process of bin/taizhang.mjs (what
 * `npx taizhang` runs), on either engine's store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, taizhang, taizhangProcess } from '../helpers/cli';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let dir: string;
beforeEach(async () => {
  s = await testStore('example', { operator: null });
  dir = s.dir;
});
afterEach(() => s.close());

describe('taizhang info', () => {
  it('--json prints one object with the counts of the example', async () => {
    const { code, stdout } = await taizhang(['info', '--json', '--db', s.db]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const info = JSON.parse(lines[0]);
    expect(info).toMatchObject({ units: 8, indicators: 6, targets: 27, actionLines: 7, tasks: 16, departments: 11 });
    expect(info.dbPath).toBe(s.db);
  });

  it('prints a Chinese summary without --json', async () => {
    const { code, stdout } = await taizhang(['info', '--db', s.db]);
    expect(code).toBe(0);
    expect(stdout).toContain('青政办发〔2022〕16号');
    expect(stdout).toContain('7 项行动，16 项任务');
  });

  it('without --db uses TAIZHANG_DB, the same default every door uses', async () => {
    const { code, stdout } = await taizhang(['info', '--json'], { TAIZHANG_DB: s.db });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).dbPath).toBe(s.db);
  });

  it('without --db or TAIZHANG_DB uses the per-user folder under XDG_CONFIG_HOME on Linux', async () => {
    if (process.platform !== 'linux') return expect(process.platform).not.toBe('linux');
    const { code, stdout } = await taizhang(['info', '--json'], { TAIZHANG_DB: '', XDG_CONFIG_HOME: dir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).dbPath).toBe(path.join(dir, 'Taizhang', 'taizhang.db'));
  });

  it('refuses a database from a newer Taizhang with exit status 1 and a Chinese message', async () => {
    // The schema version where each engine keeps it: SQLite's user_version, PostgreSQL's taizhang_schema_version (store/postgres/version.ts).
    await s.run(s.engine === 'sqlite' ? 'PRAGMA user_version = 99' : 'UPDATE taizhang_schema_version SET version = 99');
    const { code, stderr } = await taizhang(['info', '--db', s.db]);
    expect(code).toBe(1);
    expect(stderr).toContain('较新版本的科创台账');
  });

  it('answers unknown commands and options with usage and exit status 2', async () => {
    const unknown = await taizhang(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知命令“frobnicate”');
    const badOption = await taizhang(['info', '--nope']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('参数错误');
    const help = await taizhang(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--db PATH');
  });
});

describe('the bundled command line (npm run build:cli)', () => {
  const bundle = path.join(ROOT, 'dist', 'cli', 'taizhang.cjs');

  it('is what bin/taizhang.mjs runs when it is built and current, and answers as the sources do', async () => {
    expect(fs.existsSync(bundle), 'npm test builds it (npm run build:cli)').toBe(true);
    const { db } = s;
    const bundled = await taizhangProcess(['info', '--db', db, '--json'], { TAIZHANG_CLI_TRACE: '1' });
    const fromSource = await taizhangProcess(['info', '--db', db, '--json'], { TAIZHANG_CLI_FROM_SOURCE: '1', TAIZHANG_CLI_TRACE: '1' });
    expect(bundled.code).toBe(0);
    expect(bundled.stderr).toBe('taizhang: bundle\n');
    expect(fromSource.stderr).toBe('taizhang: sources\n');
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(fromSource.stdout));
    expect((await taizhangProcess(['--version'])).stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('stands aside when a source file is newer than it (a checkout edited since the build)', async () => {
    const mtime = fs.statSync(bundle).mtime;
    // Older than any source file, however long ago the checkout was last edited.
    const old = new Date(1000);
    fs.utimesSync(bundle, old, old);
    try {
      // The sources answer: tsx is slower, but the result is the same.
      const run = await taizhangProcess(['--version'], { TAIZHANG_CLI_TRACE: '1' });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('taizhang: sources\n');
    } finally {
      fs.utimesSync(bundle, mtime, mtime);
    }
  });
});
