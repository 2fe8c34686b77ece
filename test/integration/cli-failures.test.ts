/**
 * Every CLI command reports, none crashes: a database another process keeps
 * locked, and a full disk, as a user meets them (child processes of
 * bin/taizhang.mjs). They get JSON with --json, a Chinese sentence without
 * it, exit status 1, nothing written — and the stack trace only in
 * taizhang.log beside the database, never on stdout or stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/tempDb';
import { taizhang, type CliRun } from '../helpers/cli';
import { dumpDb, openBarePlan, openExample } from '../helpers/importDb';
import { tinyDisk, type TinyDisk } from '../helpers/tinyDisk';
import { makeFixtures, type Fixtures } from '../fixtures/import/make-fixtures';

let tmp: { dir: string; cleanup(): void };
let fx: Fixtures;
const disk: TinyDisk = tinyDisk();

beforeAll(async () => {
  tmp = tempDir('taizhang-cli-failures-');
  fx = await makeFixtures(path.join(tmp.dir, 'fx'));
});
afterAll(() => {
  tmp?.cleanup();
  disk.cleanup();
});
// Several child processes per test; on a busy machine each may take seconds (tsx start-up).
vi.setConfig({ testTimeout: 120_000 });
beforeEach(() => disk.unfill()); // whatever a failed test left behind

/** What must never reach a user's terminal: a stack trace or the library's English. */
function expectNoLeak(run: CliRun): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toMatch(/\n\s+at |SqliteError|database is locked|disk is full|disk I\/O|ENOSPC|node:internal/);
  }
}

const logOf = (dbPath: string) => {
  const file = path.join(path.dirname(dbPath), 'taizhang.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

describe('a locked database (another process holds the write lock longer than the busy timeout)', () => {
  it('import: JSON with --json, a Chinese sentence without, exit 1, nothing written; the stack only in taizhang.log', async () => {
    const db = path.join(tmp.dir, 'locked', 'taizhang.db');
    fs.mkdirSync(path.dirname(db));
    openBarePlan(db).close();
    const before = dumpDb(db);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE'); // another writer, mid-commit
    try {
      // The busy timeout shortened so the test need not wait the real 30 s (db/busy.ts).
      const env = { TAIZHANG_BUSY_TIMEOUT_MS: '400' };
      const file = fx.file('qingyunpu-annexes.xlsx');
      const json = await taizhang(['import', file, '--db', db, '--operator', '王芳', '--json'], env);
      expect(json.code).toBe(1);
      expect(json.stderr).toBe('');
      const out = JSON.parse(json.stdout);
      expect(out).toMatchObject({ ok: false, kind: null, error: { code: 'db_busy' } });
      expect(out.problems).toEqual([expect.objectContaining({ level: 'error', message: out.error.message })]);
      expect(out.error.message).toMatch(/^数据库“.+taizhang\.db”正被另一个程序写入.*等待 400 毫秒后仍未轮到，本次操作未写入任何数据。请稍后重试/);
      expectNoLeak(json);

      const text = await taizhang(['import', file, '--db', db, '--operator', '王芳'], env);
      expect(text.code).toBe(1);
      expect(text.stdout).toBe('');
      expect(text.stderr.trim()).toBe(out.error.message);
      expectNoLeak(text);

      // Readers are not held up by a writer: info still answers meanwhile.
      const info = await taizhang(['info', '--db', db, '--json'], env);
      expect(info.code, info.stdout).toBe(0);
      expect(JSON.parse(info.stdout)).toMatchObject({ plans: 1, tasks: 0 });

      const log = logOf(db);
      expect(log).toMatch(/\[import\.commit\] SqliteError: database is locked/);
      expect(log).toMatch(/\n\s+at /);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(dumpDb(db)).toBe(before);
    // The lock released, the same command goes through.
    const ok = await taizhang(['import', fx.file('qingyunpu-annexes.xlsx'), '--db', db, '--operator', '王芳', '--json']);
    expect(ok.code, ok.stdout).toBe(0);
  });
});

describe(`a full disk (${disk.kind === 'tmpfs' ? 'a tiny tmpfs filled to the brim' : 'a fault-injecting stand-in at the fs/db boundary: no tmpfs could be mounted'})`, () => {
  // A tmpfs shows both faces of a full disk: SQLite's "disk is full" when the journal cannot grow,
  // its "disk I/O error" when even the shared-memory file cannot (then the free space tells).
  const leaves = disk.kind === 'tmpfs' ? [48 * 1024, 8 * 1024] : [0];

  it.each(leaves)('import says 磁盘空间不足 with the folder, writes nothing, exit 1 (%i bytes left)', async (leave) => {
    const db = path.join(disk.dir, `full-${leave}.db`);
    openBarePlan(db).close();
    const before = dumpDb(db);
    disk.fill(leave);
    let json: CliRun;
    let text: CliRun;
    try {
      json = await taizhang(['import', fx.file('qingyunpu-annexes.xlsx'), '--db', db, '--operator', '王芳', '--json'], disk.env);
      text = await taizhang(['import', fx.file('qingyunpu-annexes.xlsx'), '--db', db, '--operator', '王芳'], disk.env);
    } finally {
      disk.unfill();
    }
    expect(json.code).toBe(1);
    expect(json.stderr).toBe('');
    const out = JSON.parse(json.stdout);
    expect(out.error.code).toBe('disk_full');
    // The import's first write is its backup (issue 10): refused there, with the room it needs and the folder.
    expect(out.error.message).toMatch(/^磁盘空间不足：导入前需要先备份数据库，约需 \d+ MB，但“.*”所在磁盘只剩 \d+ MB。请清理磁盘后重试；导入未执行，数据没有任何改动。$/);
    expect(out.error.message).toContain(`“${path.join(disk.dir, 'backups')}”`);
    expect(out.problems[0].message).toBe(out.error.message);
    expectNoLeak(json);
    expect(text.code).toBe(1);
    expect(text.stderr.trim()).toBe(out.error.message);
    expectNoLeak(text);
    expect(dumpDb(db)).toBe(before);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('export says 磁盘空间不足 with the folder it wrote to, and leaves no half file', async () => {
    const db = path.join(tmp.dir, 'export-full', 'taizhang.db');
    fs.mkdirSync(path.dirname(db));
    openExample(db).close();
    const outDir = path.join(disk.dir, '报表');
    fs.mkdirSync(outDir);
    disk.fill(4 * 1024);
    let run: CliRun;
    try {
      run = await taizhang(['export', 'excel', '--sheet', 'annex1', '--db', db, '--out', path.join(outDir, '附件1.xlsx'), '--json'], disk.env);
    } finally {
      disk.unfill();
    }
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      error: { code: 'disk_full', message: `磁盘空间不足：文件夹“${outDir}”所在的磁盘已满，本次操作未写入任何数据。请清理磁盘空间（删除不需要的文件、清空回收站）后重试。` },
    });
    expectNoLeak(run);
    expect(fs.readdirSync(outDir)).toEqual([]);
    // The stack went to the log beside the database (which has room), not to the terminal.
    expect(logOf(db)).toMatch(/\[taizhang export\] Error: ENOSPC/);
  });
});

describe('every failure in JSON with --json', () => {
  it('wrong usage prints JSON too (exit 2); a database that cannot be opened exit 1', async () => {
    const db = path.join(tmp.dir, 'usage.db');
    const badOption = await taizhang(['import', 'x.xlsx', '--db', db, '--frobnicate', '--json']);
    expect(badOption.code).toBe(2);
    expect(JSON.parse(badOption.stdout)).toMatchObject({ ok: false, kind: null, error: { code: 'usage', message: '参数错误：不认识的选项“--frobnicate”。' } });
    const noFile = await taizhang(['exchange', 'import', '--db', db, '--json']);
    expect(noFile.code).toBe(2);
    expect(JSON.parse(noFile.stdout)).toEqual({ ok: false, dryRun: false, files: [], error: { code: 'usage', message: '请指定要载入的回报文件（可多个）。' } });
    const notADb = path.join(tmp.dir, 'note.db');
    fs.writeFileSync(notADb, 'a note, not a database\n'.repeat(100));
    const info = await taizhang(['info', '--db', notADb, '--json']);
    expect(info.code).toBe(1);
    expect(JSON.parse(info.stdout)).toMatchObject({ ok: false, error: { code: 'db_unreadable', message: expect.stringMatching(/^数据库文件“.+note\.db”已损坏或不是科创台账的数据库/) } });
    expectNoLeak(info);
  });

  it('echoed text is cut to a readable length', async () => {
    const db = path.join(tmp.dir, 'echo.db');
    const long = '很'.repeat(5000);
    const run = await taizhang(['export', 'excel', '--sheet', long, '--out', 'x.xlsx', '--db', db, '--json']);
    expect(run.code).toBe(2);
    const message: string = JSON.parse(run.stdout).error.message;
    expect(message).toContain(`未知的报表“${'很'.repeat(60)}…（共5,000字）”`);
    expect(message.length).toBeLessThan(400);
  });
});
