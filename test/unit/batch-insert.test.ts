/** db/batchInsert.ts: many rows per statement, in order, exact, nothing left unwritten. */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { BatchInsert } from '../../electron/core/db/batchInsert';
import type { Db } from '../../electron/core/db/open';

let db: Db;
afterEach(() => db?.close());

describe('BatchInsert', () => {
  it('writes every row, in order, with values bound exactly, across full statements and the remainder', () => {
    db = new Database(':memory:') as unknown as Db;
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, v REAL, s TEXT)');
    const ins = new BatchInsert(db, 'INSERT INTO t (a, v, s)', 3);
    const values = Array.from({ length: 257 }, (_, i) => [i, i === 7 ? 0.1 + 0.2 : i / 3, i % 2 ? `'; DROP TABLE t; --${i}` : null]);
    for (const row of values) ins.add(...row);
    ins.flush();
    const rows = db.prepare('SELECT a, v, s FROM t ORDER BY id').raw().all();
    expect(rows).toEqual(values); // 0.1 + 0.2 stays 0.30000000000000004: bound, never printed into SQL
  });

  it('an upsert sees the rows before it, as one statement per row would', () => {
    db = new Database(':memory:') as unknown as Db;
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER)');
    const up = new BatchInsert(db, 'INSERT INTO t (k, v)', 2, 'ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    for (let i = 0; i < 250; i++) up.add(i % 7, i);
    up.flush();
    expect(db.prepare('SELECT k, v FROM t ORDER BY k').raw().all()).toEqual(Array.from({ length: 7 }, (_, k) => [k, 249 - ((249 - k) % 7)]));
  });

  it('refuses a row of the wrong width', () => {
    db = new Database(':memory:') as unknown as Db;
    db.exec('CREATE TABLE t (a, b)');
    expect(() => new BatchInsert(db, 'INSERT INTO t (a, b)', 2).add(1)).toThrow('1 values for 2 columns');
  });
});
