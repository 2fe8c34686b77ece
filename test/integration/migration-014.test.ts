/**
 * Migration 014 (sub_unit_sums) on a database written at schema 13: the sums
 * of the streets' figures are filled in from the figures already there (the
 * district's own figure and a department's are no sub-unit's), the figures
 * stay as they were, and the next write keeps the sums current.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDb } from '../../electron/core/db/open';
import { oneFigureSql, writeDatabaseAt } from '../helpers/schemaAt';
import { tempDbPath } from '../helpers/tempDb';

let dbPath: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dbPath, cleanup } = tempDbPath());
  writeDatabaseAt(
    dbPath,
    13,
    `${oneFigureSql('技术合同成交额', 2.5)}
    INSERT INTO units (id, name, kind, parent_id) VALUES (3, '京山街道', 'street', 1), (4, '区科工局', 'department', 1);
    INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES
      (1, 3, '2022-09', 1.25, '李强', 'now'), (1, 3, '2022-08', 1, '李强', 'now'),
      (1, 1, '2022-09', 99, '张科长', 'now'), (1, 4, '2022-09', 50, '张科长', 'now');`,
  );
});
afterEach(() => cleanup());

describe('migration 014', () => {
  it('fills the sub-unit sums from the figures already there and keeps them current', () => {
    const { db } = openDb(dbPath);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const sums = () => db.prepare('SELECT parent_id, indicator_id, period, total, reported FROM sub_unit_sums ORDER BY period').all();
      expect(sums()).toEqual([
        { parent_id: 1, indicator_id: 1, period: '2022-08', total: 1, reported: 1 },
        { parent_id: 1, indicator_id: 1, period: '2022-09', total: 3.75, reported: 2 },
      ]);
      expect(db.prepare('SELECT count(*) FROM figures').pluck().get()).toBe(5);
      db.prepare("UPDATE figures SET value = 3.5 WHERE unit_id = 2 AND period = '2022-09'").run();
      expect(sums()).toContainEqual({ parent_id: 1, indicator_id: 1, period: '2022-09', total: 4.75, reported: 2 });
    } finally {
      db.close();
    }
  });
});
