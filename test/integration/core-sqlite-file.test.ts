/**
 * What only a SQLite file has (the core.test.ts checks that are about the file itself): a new
 * file made by `taizhang info` with the example, a file created and migrated in WAL mode with foreign keys on, opened again without migrating
 * twice; a file from a newer Taizhang, another program's SQLite file and a file that is not a
 * database refused, byte for byte untouched. PostgreSQL's counterparts (a new store migrated,
 * a newer store and another program's tables refused) are postgres-migrations.test.ts's.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { openDb } from '../../electron/core/db/open';
import { taizhang } from '../helpers/cli';
import { tempDbPath } from '../helpers/tempDb';

let dbPath: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dbPath, cleanup } = tempDbPath());
});
afterEach(() => {
  cleanup();
});

describe('a new database', () => {
  // A file `taizhang` makes itself, its folder too, holding the example (from cli.test.ts): a SQLite file's own — a
  // new PostgreSQL store is made by its administrator and starts empty (postgres-store.test.ts).
  it('is made by taizhang info in a new folder, with the example', async () => {
    const db = path.join(path.dirname(dbPath), 'sub', 'a.db');
    const { code, stdout } = await taizhang(['info', '--json', '--db', db]);
    expect(code).toBe(0);
    const info = JSON.parse(stdout);
    expect(info).toMatchObject({ units: 8, indicators: 6, targets: 27, actionLines: 7, tasks: 16, departments: 11 });
    expect(info.dbPath).toBe(db);
    expect(fs.existsSync(db)).toBe(true);
  });

  it('is created, migrated to the current schema, in WAL mode with foreign keys on', () => {
    expect(fs.existsSync(dbPath)).toBe(false);
    const { db, created } = openDb(dbPath);
    try {
      expect(created).toBe(true);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['units', 'plans', 'indicators', 'targets', 'figures', 'figure_history', 'tasks', 'task_units', 'progress']),
      );
    } finally {
      db.close();
    }
    expect(fs.existsSync(dbPath)).toBe(true);
  });

  it('opens again without migrating twice or reporting itself as new', () => {
    openDb(dbPath).db.close();
    const again = openDb(dbPath);
    expect(again.created).toBe(false);
    again.db.close();
  });
});

describe('a database from a newer Taizhang', () => {
  it('is refused with a Chinese message, and left untouched', () => {
    openCore({ dbPath }).close();
    const raw = new Database(dbPath);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const siblings = () => fs.readdirSync(path.dirname(dbPath)).sort();
    expect(siblings()).toEqual(['taizhang.db']);
    const before = fs.readFileSync(dbPath);
    expect(() => openCore({ dbPath })).toThrow(/较新版本的科创台账/);
    try {
      openCore({ dbPath });
    } catch (err) {
      expect((err as { code?: string }).code).toBe('db_too_new');
    }
    // Not even switched to WAL: no -wal/-shm files, the bytes unchanged.
    expect(siblings()).toEqual(['taizhang.db']);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
    const raw2 = new Database(dbPath);
    expect(raw2.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(raw2.pragma('journal_mode', { simple: true })).toBe('delete');
    raw2.close();
  });

  it('another program\'s SQLite database is refused and not migrated or seeded', () => {
    const other = new Database(dbPath);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三');");
    other.close();
    const before = fs.readFileSync(dbPath);
    expect(() => openCore({ dbPath })).toThrow(/不是科创台账的数据库，未作任何修改/);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
    const raw = new Database(dbPath);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['contacts']);
    raw.close();
  });

  it('a file that is not a database is refused in Chinese', () => {
    fs.writeFileSync(dbPath, 'this is not sqlite, it is a note\n'.repeat(200));
    expect(() => openCore({ dbPath })).toThrow(/无法读取|不是科创台账的数据库/);
  });
});
