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

export interface OpenOptions {
  /**
   * Called under the write lock just before pending migrations run on an existing file, with the
   * versions (from → to): the core takes its before-migration copy here (electron/core/backup).
   */
  beforeMigrate?: (db: Db, from: number, to: number) => void;
}

export function openDb(dbPath: string, options: OpenOptions = {}): OpenedDb {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  let db: Db;
  try {
    // The busy timeout from the first statement on: even switching to WAL may wait for another writer.
    db = new Database(dbPath, { timeout: busyTimeoutMs() });
  } catch (err) {
    throw storageFailure(err, { dbPath }) ?? new ApiError('db_unreadable', `无法打开数据库文件“${dbPath}”：${(err as Error).message}。请检查文件是否存在、是否有读写权限。`);
  }
  try {
    // Read-only checks first: a database we must refuse is left exactly as it was.
    const before = currentVersion(db); // fails on a file that is not SQLite ("file is not a database")
    refuseNewer(before, dbPath);
    if (before === 0 && (db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number) > 0) {
      throw new ApiError(
        'db_unreadable',
        `文件“${dbPath}”是别的程序的数据库，不是科创台账的数据库，未作任何修改。请换一个文件，或指定一个新的文件名。`,
      );
    }
    db.pragma('foreign_keys = ON');
    // Migrations run before the switch to WAL, so a failed one leaves an old file byte for byte as it was.
    migrate(db, dbPath, options.beforeMigrate);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return { db, created: before === 0 };
  } catch (err) {
    db.close();
    if (err instanceof ApiError) throw err;
    // A full disk, a lock held too long, a damaged file: said as such (failure.ts), not as "not a Taizhang database".
    throw storageFailure(err, { dbPath }) ?? new ApiError(
      'db_unreadable',
      `数据库文件“${dbPath}”无法读取。它可能不是科创台账的数据库，或已损坏；请换一个文件，或从备份恢复。`,
      { reason: (err as Error).message },
    );
  }
}

export function refuseNewer(version: number, dbPath: string, supported = SCHEMA_VERSION): void {
  if (version > supported) {
    throw new ApiError(
      'db_too_new',
      `数据库“${dbPath}”由较新版本的科创台账创建（数据库版本 ${version}，本程序支持到 ${supported}）。请升级科创台账后再打开，以免数据损坏。`,
      { version, supported },
    );
  }
}

export function currentVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies all missing migrations in ONE transaction: a failure anywhere leaves the file as it was
 * (and says so in Chinese). The version is read again under the write lock, so two doors opening
 * an old file at the same moment migrate it once.
 */
export function migrate(db: Db, dbPath = '', beforeMigrate?: OpenOptions['beforeMigrate'], migrations: readonly string[] = MIGRATIONS): void {
  refuseNewer(currentVersion(db), dbPath, migrations.length);
  if (currentVersion(db) >= migrations.length) return;
  let from = 0;
  try {
    writeTx(db, () => {
      from = currentVersion(db);
      refuseNewer(from, dbPath, migrations.length);
      if (from >= migrations.length) return;
      if (from > 0) beforeMigrate?.(db, from, migrations.length);
      for (let v = from; v < migrations.length; v++) db.exec(migrations[v]);
      db.pragma(`user_version = ${migrations.length}`);
    });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      'db_unreadable',
      from === 0
        ? `无法在“${dbPath}”中建立科创台账的数据库，文件未作任何修改。请检查文件夹是否可写、磁盘空间是否足够。`
        : `升级数据库结构（版本 ${from} → ${migrations.length}）时出错，已全部撤回，数据库文件未作任何修改。可继续用旧版本的科创台账打开它；请把本提示告知技术支持。`,
      { from, to: migrations.length, reason: (err as Error).message },
    );
  }
}
