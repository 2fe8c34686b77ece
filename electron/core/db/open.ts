/**
 * Opening the SQLite file: pragmas, migrations, and the refusal of a
 * database written by a newer Taizhang.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { writeTx } from './tx';
import { busyTimeoutMs } from './busy';
import { storageFailure } from '../failure';

export type Db = Database.Database;

export interface OpenedDb {
  db: Db;
  /** True when the file had no schema before this open (a brand-new database). */
  created: boolean;
}

export function openDb(dbPath: string): OpenedDb {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  let db: Db;
  try {
    // The busy timeout from the first statement on: even switching to WAL may wait for another writer.
    db = new Database(dbPath, { timeout: busyTimeoutMs() });
  } catch (err) {
    throw storageFailure(err, { dbPath }) ?? new ApiError('db_unreadable', `无法打开数据库文件“${dbPath}”：${(err as Error).message}。请检查文件是否存在、是否有读写权限。`);
  }
  try {
    // Read-only checks first: a database we must refuse is left exactly as it was
    // (journal_mode = WAL below would already change the file).
    const before = currentVersion(db); // fails on a file that is not SQLite ("file is not a database")
    refuseNewer(before, dbPath);
    if (before === 0 && (db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number) > 0) {
      throw new ApiError(
        'db_unreadable',
        `文件“${dbPath}”是别的程序的数据库，不是科创台账的数据库，未作任何修改。请换一个文件，或指定一个新的文件名。`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, dbPath);
    return { db, created: before === 0 };
  } catch (err) {
    db.close();
    if (err instanceof ApiError) throw err;
    // A full disk, a lock held too long, a damaged file: said as such (failure.ts), not as "not a Taizhang database".
    throw storageFailure(err, { dbPath }) ?? new ApiError(
      'db_unreadable',
      `数据库文件“${dbPath}”无法读取：${(err as Error).message}。它可能不是科创台账的数据库，或已损坏；请换一个文件，或从备份恢复。`,
    );
  }
}

function refuseNewer(version: number, dbPath: string): void {
  if (version > SCHEMA_VERSION) {
    throw new ApiError(
      'db_too_new',
      `数据库“${dbPath}”由较新版本的科创台账创建（数据库版本 ${version}，本程序支持到 ${SCHEMA_VERSION}）。请升级科创台账后再打开，以免数据损坏。`,
      { version, supported: SCHEMA_VERSION },
    );
  }
}

export function currentVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the missing migrations, each in its own transaction with its version bump. */
export function migrate(db: Db, dbPath = ''): void {
  const version = currentVersion(db);
  refuseNewer(version, dbPath);
  for (let v = version; v < SCHEMA_VERSION; v++) {
    writeTx(db, () => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    });
  }
}
