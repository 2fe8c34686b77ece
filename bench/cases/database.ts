/** Opening a database and loading the 青云谱区 example. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore } from '../../electron/core';
import type { Benchmark } from '../harness';

function freshDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-'));
}
const remove = (dir: unknown) => fs.rmSync(dir as string, { recursive: true, force: true });

/** Baseline: plain better-sqlite3 creates a file and commits 1,000 rows — what SQLite alone costs here. */
export const sqliteBaseline: Benchmark = {
  name: 'better-sqlite3 alone: new file, 1,000 rows in one transaction',
  setup: freshDir,
  run: (dir) => {
    const db = new Database(path.join(dir as string, 'base.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value REAL)');
    const insert = db.prepare('INSERT INTO t (name, value) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run(`单位${i}`, i / 7);
    })();
    db.close();
  },
  teardown: remove,
};

export const newDatabaseWithExample: Benchmark = {
  name: 'new database: create, migrate, load the 青云谱区 2022 example, close',
  setup: freshDir,
  run: (dir) => openCore({ dbPath: path.join(dir as string, 'taizhang.db') }).close(),
  teardown: remove,
};

export const openExistingDatabase: Benchmark = {
  name: 'open an existing database and read app.info, close',
  setup: () => {
    const dir = freshDir();
    openCore({ dbPath: path.join(dir, 'taizhang.db') }).close();
    return dir;
  },
  run: async (dir) => {
    const core = openCore({ dbPath: path.join(dir as string, 'taizhang.db') });
    const info = await core.call('app.info', {});
    if (!info.ok) throw new Error(info.error.message);
    core.close();
  },
  teardown: remove,
};

export const databaseBenchmarks = [newDatabaseWithExample, openExistingDatabase];
