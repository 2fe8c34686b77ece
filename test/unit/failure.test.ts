/**
 * The one translation of failures into Chinese (electron/core/failure.ts),
 * zod's messages in plain Chinese, echoed text cut to size, and dispatch
 * keeping stacks in the log file, off the terminal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import '../../shared/api/method';
import { ApiError } from '../../shared/api/errors';
import { clipQuoted, clipText, readableMessage } from '../../shared/text/clip';
import { failureOf, UNEXPECTED_MESSAGE } from '../../electron/core/failure';
import { errorLogBeside } from '../../electron/core/log';
import { openCore } from '../../electron/core';

const ctx = { dbPath: '/data/台账/taizhang.db' };
const sqlite = (code: string, message: string) => new Database.SqliteError(message, code);
const fsError = (code: string, file?: string) => Object.assign(new Error(`${code}: something, write`), { code, ...(file ? { path: file } : {}) });
const english = /[A-Za-z]{4,}/; // a word of English in a message (paths aside) means a library leaked

describe('failureOf', () => {
  it.each([
    ['SQLITE_BUSY', 'database is locked', 'db_busy', '正被另一个程序写入'],
    ['SQLITE_LOCKED', 'database table is locked', 'db_busy', '正被另一个程序写入'],
    ['SQLITE_FULL', 'database or disk is full', 'disk_full', '磁盘空间不足：文件夹“/data/台账”所在的磁盘已满'],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'io_error', '只读'],
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'db_unreadable', '已损坏'],
    ['SQLITE_NOTADB', 'file is not a database', 'db_unreadable', '已损坏或不是科创台账的数据库'],
    ['SQLITE_CANTOPEN', 'unable to open database file', 'db_unreadable', '无法打开数据库文件'],
  ])('%s (%s) → %s, in Chinese, nothing written', (code, message, expected, text) => {
    const { error, unexpected } = failureOf(sqlite(code, message), ctx);
    expect(error.code).toBe(expected);
    expect(error.message).toContain(text);
    expect(error.message.replace(/“[^”]*”/g, '')).not.toMatch(english);
    expect(error.message).not.toContain(message);
    expect(unexpected).toBe(true);
  });

  it('a disk I/O error is a full disk when the folder has no room left, else a disk error', () => {
    const io = sqlite('SQLITE_IOERR_WRITE', 'disk I/O error');
    vi.spyOn(fs, 'statfsSync').mockReturnValueOnce({ bavail: 10, bsize: 4096 } as fs.StatsFs);
    expect(failureOf(io, ctx).error.code).toBe('disk_full');
    vi.spyOn(fs, 'statfsSync').mockReturnValueOnce({ bavail: 1_000_000, bsize: 4096 } as fs.StatsFs);
    const other = failureOf(io, ctx).error;
    expect(other.code).toBe('io_error');
    expect(other.message).toContain('磁盘错误');
  });

  it('file errors name the file or its folder', () => {
    expect(failureOf(fsError('ENOSPC', '/home/u/报表/附件1.xlsx'), ctx).error.message).toContain('磁盘空间不足：文件夹“/home/u/报表”');
    expect(failureOf(fsError('EACCES', '/home/u/报表/附件1.xlsx'), ctx).error.message).toContain('无法写入文件“/home/u/报表/附件1.xlsx”：没有写入权限，或文件正被其他程序');
    expect(failureOf(fsError('EPERM'), ctx).error.message).toContain('没有权限写入数据库文件');
  });

  it('a bug says a general sentence (the details are for the log); an ApiError keeps its words, echoes cut', () => {
    const bug = failureOf(new TypeError("Cannot read properties of undefined (reading 'id')"), ctx);
    expect(bug).toEqual({ error: expect.objectContaining({ code: 'internal', message: UNEXPECTED_MESSAGE }), unexpected: true });
    const refusal = failureOf(new ApiError('bad_request', `未知单位“${'洪'.repeat(1_000_000)}”，请检查。`), ctx);
    expect(refusal.unexpected).toBe(false);
    expect(refusal.error.message).toBe(`未知单位“${'洪'.repeat(60)}…（共1,000,000字）”，请检查。`);
  });
});

describe('echoed text', () => {
  it('is cut by characters, never inside a surrogate pair, with the full length said', () => {
    expect(clipText('青云谱区', 60)).toBe('青云谱区');
    expect(clipText('𠀀'.repeat(61), 60)).toBe(`${'𠀀'.repeat(60)}…（共61字）`);
    expect(clipText('𠀀'.repeat(40), 60)).toBe('𠀀'.repeat(40)); // 80 UTF-16 units, 40 characters
    expect(clipQuoted('“短”和“' + 'x'.repeat(100) + '”')).toBe(`“短”和“${'x'.repeat(60)}…（共100字）”`);
    expect(readableMessage('无引号'.repeat(1000)).length).toBeLessThan(1020);
  });
});

describe('validation messages', () => {
  const messageOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0].message;
  it('are plain Chinese, without zod’s English type names', () => {
    expect(messageOf(z.object({}), 42)).toBe('应为对象，收到的是数字');
    expect(messageOf(z.number(), 'x')).toBe('应为数字，收到的是文本');
    expect(messageOf(z.array(z.string()), undefined)).toBe('缺少此项');
    expect(messageOf(z.string().min(1), '')).toBe('不能为空');
    expect(messageOf(z.string().max(3), 'abcd')).toBe('不能超过 3 个字');
    expect(messageOf(z.number().int().positive(), 0)).toBe('应大于 0');
    expect(messageOf(z.enum(['xlsx', 'package']), 'pdf')).toBe('应为以下之一：xlsx、package');
    expect(messageOf(z.object({}).strict(), { drop: 1 })).toBe('含有不认识的字段：drop');
    // A schema's own message still wins.
    expect(messageOf(z.string().max(2, { message: '太长了' }), 'abc')).toBe('太长了');
  });
});

describe('dispatch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns a storage failure inside a handler into its sentence; the stack goes to taizhang.log, not the terminal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-dispatch-'));
    const dbPath = path.join(dir, 'taizhang.db');
    const core = openCore({ dbPath });
    const terminal = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'log'), vi.spyOn(process.stderr, 'write')];
    // The write transaction itself fails as on a full disk.
    const tx = vi.spyOn(Database.prototype, 'transaction').mockImplementation(() => {
      const full = () => {
        throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      };
      return Object.assign(full, { deferred: full, immediate: full, exclusive: full }) as never;
    });
    try {
      const r = await core.call('operator.set', { name: '张敏' });
      expect(r).toEqual({
        ok: false,
        error: { code: 'disk_full', message: `磁盘空间不足：文件夹“${dir}”所在的磁盘已满，本次操作未写入任何数据。请清理磁盘空间（删除不需要的文件、清空回收站）后重试。`, details: { folder: dir } },
      });
      for (const spy of terminal) expect(spy).not.toHaveBeenCalled();
      const log = fs.readFileSync(path.join(dir, 'taizhang.log'), 'utf8');
      expect(log).toMatch(/^\d{4}-\d\d-\d\dT.+ \[operator\.set\] SqliteError: database or disk is full\n\s+at /);
    } finally {
      tx.mockRestore();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the log stays bounded: past its size the file rolls over to taizhang.log.1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-log-'));
    try {
      const log = errorLogBeside(path.join(dir, 'taizhang.db'), 2000);
      for (let i = 0; i < 50; i++) log.error('loop', new Error(`failure ${i}`));
      const size = (f: string) => fs.statSync(path.join(dir, f)).size;
      expect(size('taizhang.log')).toBeLessThanOrEqual(2000);
      expect(size('taizhang.log.1')).toBeLessThanOrEqual(2000);
      expect(fs.readdirSync(dir).sort()).toEqual(['taizhang.log', 'taizhang.log.1']);
      expect(fs.readFileSync(path.join(dir, 'taizhang.log'), 'utf8')).toContain('failure 49');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
