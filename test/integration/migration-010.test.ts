/**
 * Migration 010 on a database written at schema 9: plans gain
 * `sample_targets` (0 for every existing plan), the 上级下达 tables exist and
 * what was issued cannot be edited (only its link to a local indicator may
 * change); deleting the plan takes its issues with it. The existing data is
 * untouched.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDb } from '../../electron/core/db/open';
import { tempDbPath } from '../helpers/tempDb';

let dbPath: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dbPath, cleanup } = tempDbPath());
  const old = new Database(dbPath);
  old.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.slice(0, 9)) old.exec(m);
  old.pragma('user_version = 9');
  old.exec(`
    INSERT INTO units (id, name, kind, parent_id, code) VALUES (1, '青云谱区', 'district', NULL, '360104'), (2, '洪都街道', 'street', 1, 'U1');
    INSERT INTO plans (id, unit_id, title, year_start, year_end, source) VALUES (1, 1, '真实计划', 2022, 2022, 'import.xlsx');
    INSERT INTO indicators (id, plan_id, name, aggregation, frequency, decomposed, code) VALUES (1, 1, '高新技术企业', 'sum', 'yearly', 1, 'I1');
    INSERT INTO targets (indicator_id, unit_id, value) VALUES (1, 1, 76), (1, 2, 4);
  `);
  old.close();
});
afterEach(() => cleanup());

describe('migration 010', () => {
  it('adds sample_targets and the immutable 上级下达 tables, keeping what was there', () => {
    const { db } = openDb(dbPath);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT sample_targets FROM plans WHERE id = 1').pluck().get()).toBe(0);
      expect(db.prepare('SELECT value FROM targets ORDER BY unit_id').pluck().all()).toEqual([76, 4]);
      db.prepare(
        `INSERT INTO upper_issues (id, plan_id, version, upper_database_id, upper_plan_id, upper_plan_title, upper_unit_name, unit_upper_id, unit_name,
           export_id, exported_at, received_at, received_by, file_name, package)
         VALUES (1, 1, 1, 'db-city', 5, '2022年南昌市…工作要点', '南昌市', 3, '青云谱区', 'e1', '2022-07-01T00:00:00Z', '2022-07-02T00:00:00Z', '王芳', '青云谱区_2022.tzpkg', '{}')`,
      ).run();
      db.prepare(
        `INSERT INTO upper_issue_indicators (issue_id, upper_indicator_id, name, measure_unit, aggregation, frequency, value, indicator_id)
         VALUES (1, 7, '高新技术企业', '家', 'sum', 'yearly', 80, 1)`,
      ).run();
      expect(() => db.prepare('UPDATE upper_issue_indicators SET value = 76').run()).toThrow('上级下达的目标不能修改');
      expect(() => db.prepare("UPDATE upper_issues SET file_name = 'x'").run()).toThrow('上级下达的内容不能修改');
      // The link may change (and is cleared when the district removes its indicator).
      db.prepare('DELETE FROM indicators WHERE id = 1').run();
      expect(db.prepare('SELECT indicator_id, value FROM upper_issue_indicators').get()).toEqual({ indicator_id: null, value: 80 });
      // A version number is unique per plan.
      expect(() =>
        db
          .prepare(
            `INSERT INTO upper_issues (plan_id, version, upper_database_id, upper_plan_id, upper_plan_title, upper_unit_name, unit_upper_id, unit_name,
               export_id, exported_at, received_at, received_by, file_name, package) VALUES (1, 1, 'db-city', 5, 't', '南昌市', 3, '青云谱区', 'e2', 'a', 'b', 'c', 'f', '{}')`,
          )
          .run(),
      ).toThrow(/UNIQUE/);
      db.prepare('DELETE FROM plans WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) FROM upper_issues').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM upper_issue_indicators').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
