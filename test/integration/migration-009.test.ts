/**
 * Migration 009 on a database written at schema 8: the partial index of
 * sample figures (示例数据) holds exactly the sample rows, and the question
 * "does this plan hold sample figures?" is answered from it.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDb } from '../../electron/core/db/open';
import { hasSampleFigures, SAMPLE_MARK } from '../../electron/core/figures/sample';
import { tempDbPath } from '../helpers/tempDb';

let dbPath: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dbPath, cleanup } = tempDbPath());
  const old = new Database(dbPath);
  old.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.slice(0, 8)) old.exec(m);
  old.pragma('user_version = 8');
  old.exec(`
    INSERT INTO units (id, name, kind, parent_id) VALUES (1, '青云谱区', 'district', NULL), (2, '洪都街道', 'street', 1);
    INSERT INTO plans (id, unit_id, title, year_start, year_end, source) VALUES
      (1, 1, '示例计划', 2022, 2022, 'seed'), (2, 1, '真实计划', 2023, 2023, 'import.xlsx');
    INSERT INTO indicators (id, plan_id, name, aggregation, frequency, decomposed) VALUES
      (1, 1, '高新技术企业', 'sum', 'yearly', 1), (2, 2, '高新技术企业', 'sum', 'yearly', 1);
    INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES
      (1, 2, '2022', 3, '${SAMPLE_MARK}', '2022-12-31T00:00:00Z'),
      (2, 2, '2023', 5, '王芳', '2023-12-31T00:00:00Z');
  `);
  old.close();
});
afterEach(() => cleanup());

describe('migration 009', () => {
  it('indexes only the sample figures and answers per plan from the index', () => {
    const { db } = openDb(dbPath);
    try {
      const indexed = db.prepare(`SELECT indicator_id FROM figures INDEXED BY figures_sample WHERE entered_by = '${SAMPLE_MARK}'`).pluck().all();
      expect(indexed).toEqual([1]);
      expect(hasSampleFigures(db, 1)).toBe(true);
      expect(hasSampleFigures(db, 2)).toBe(false);
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT 1 FROM figures WHERE entered_by = '${SAMPLE_MARK}' AND indicator_id IN (SELECT id FROM indicators WHERE plan_id = 2)`,
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toContain('figures_sample');
      // The real figure is still there, untouched.
      expect(db.prepare('SELECT value, entered_by FROM figures WHERE indicator_id = 2').get()).toEqual({ value: 5, entered_by: '王芳' });
    } finally {
      db.close();
    }
  });
});
