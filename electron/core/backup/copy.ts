/**
 * Making and checking copies of a database file.
 *
 * A live copy is made with `VACUUM INTO` from a second connection: SQLite
 * writes a consistent, compact snapshot of the last committed state. Callers
 * take it while their own connection holds the write lock (inside writeTx,
 * before writing), so the copy is exactly the state the operation starts
 * from and no other process can commit in between. (VACUUM cannot run inside
 * a transaction, hence the second connection.) A copy counts only once
 * `PRAGMA quick_check` on it answers ok.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { BackupCounts } from '../../../shared/backup/types';
import { busyTimeoutMs } from '../db/busy';
import { SCHEMA_VERSION } from '../db/migrations';

const MB = 1024 * 1024;

/** How much free space a copy of this database needs: its pages (file + WAL) and some room. */
export function spaceNeeded(dbPath: string): number {
  const size = (f: string) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  };
  return Math.ceil((size(dbPath) + size(`${dbPath}-wal`)) * 1.1) + 8 * MB;
}

/** Free bytes for an unprivileged writer in the folder (statfs); Infinity when the system cannot tell. */
export type FreeSpace = (dir: string) => number;
export const freeSpace: FreeSpace = (dir) => {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
};

const mb = (bytes: number) => `${Math.max(1, Math.ceil(bytes / MB))} MB`;

export function diskFullError(dir: string, needed: number, free: number, what: string): ApiError {
  return new ApiError(
    'disk_full',
    `磁盘空间不足：${what}前需要先备份数据库，约需 ${mb(needed)}，但“${dir}”所在磁盘只剩 ${mb(free)}。请清理磁盘后重试；${what}未执行，数据没有任何改动。`,
    { dir, needed, free },
  );
}

export function isDiskFull(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'SQLITE_FULL' || e?.code === 'ENOSPC' || /database or disk is full|ENOSPC/i.test(String(e?.message ?? ''));
}

export interface CheckedCopy {
  bytes: number;
  counts: BackupCounts;
  schemaVersion: number;
}

/**
 * Writes a checked copy of the live database at `dbPath` to `target` (through `target.tmp`).
 * Throws an ApiError in Chinese when the disk is full or the copy does not check; leaves no file then.
 */
export function copyLiveDatabase(dbPath: string, target: string, what: string, free: FreeSpace = freeSpace): CheckedCopy {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const needed = spaceNeeded(dbPath);
  const available = free(dir);
  if (available < needed) throw diskFullError(dir, needed, available, what);
  const tmp = `${target}.tmp`;
  fs.rmSync(tmp, { force: true });
  const source = new Database(dbPath, { fileMustExist: true, timeout: busyTimeoutMs() });
  try {
    source.prepare('VACUUM INTO ?').run(tmp);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (isDiskFull(err)) throw diskFullError(dir, needed, free(dir), what);
    throw new ApiError('internal', `备份数据库时出错，${what}未执行，数据没有任何改动：${(err as Error).message}`);
  } finally {
    source.close();
  }
  let checked: CheckedCopy;
  try {
    checked = checkCopy(tmp);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new ApiError('internal', `备份文件检查未通过，${what}未执行，数据没有任何改动：${(err as Error).message}`);
  }
  fs.renameSync(tmp, target);
  return checked;
}

/** Opens a copy read-only: quick_check, schema version, counts. Throws (plain Error) when it is not sound. */
export function checkCopy(file: string): CheckedCopy {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check：${String(check)}`);
    const n = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
    return {
      bytes: fs.statSync(file).size,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      counts: {
        plans: n('SELECT count(*) FROM plans'),
        units: n("SELECT count(*) FROM units WHERE kind <> 'department'"),
        figures: n('SELECT count(*) FROM figures'),
        tasks: n('SELECT count(*) FROM tasks'),
      },
    };
  } finally {
    db.close();
  }
}

/** The tables every Taizhang database has since schema 1: a file without them is not ours. */
const CORE_TABLES = ['units', 'plans', 'indicators', 'targets', 'figures', 'action_lines', 'tasks', 'settings'];

/**
 * Checks a file someone wants to restore from (a listed copy, or one brought on a USB stick)
 * without changing it: SQLite, Taizhang's, not from a newer version, not damaged.
 * Throws an ApiError that says which, in Chinese.
 */
export function validateRestoreSource(file: string, label: string): CheckedCopy {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
  } catch {
    throw new ApiError('not_found', `找不到备份文件“${label}”，或没有读取权限。`);
  }
  if (head.toString('latin1') !== 'SQLite format 3\u0000') {
    throw new ApiError('db_unreadable', `“${label}”不是科创台账的数据库文件（也不是任何 SQLite 数据库），不能用来恢复。当前数据没有任何改动。`);
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new ApiError('db_unreadable', `无法打开“${label}”：${(err as Error).message}。当前数据没有任何改动。`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new ApiError(
        'db_too_new',
        `“${label}”由较新版本的科创台账保存（数据库版本 ${version}，本程序支持到 ${SCHEMA_VERSION}），不能用来恢复。请先升级科创台账。当前数据没有任何改动。`,
      );
    }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    if (version < 1 || CORE_TABLES.some((t) => !tables.has(t))) {
      throw new ApiError('db_unreadable', `“${label}”是别的程序的数据库，不是科创台账的备份，不能用来恢复。当前数据没有任何改动。`);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('db_unreadable', `“${label}”已损坏，无法读取（${(err as Error).message}）。请换一个备份。当前数据没有任何改动。`);
  } finally {
    db.close();
  }
  try {
    return checkCopy(file);
  } catch (err) {
    throw new ApiError('db_unreadable', `“${label}”已损坏（完整性检查未通过：${(err as Error).message}），不能用来恢复。请换一个备份。当前数据没有任何改动。`);
  }
}
