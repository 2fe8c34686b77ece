/**
 * Migration 012 on a database written at schema 11: accounts and 审核 start empty
 * beside the figures already there (a desktop that never serves keeps working
 * as before), an entry account must name its unit, a 退回 must give a reason.
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
  writeDatabaseAt(dbPath, 11, oneFigureSql('高新技术企业', 5));
});
afterEach(() => cleanup());

describe('migration 012', () => {
  it('adds empty accounts and 审核 tables with their rules, keeping the figures', () => {
    const { db } = openDb(dbPath);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      for (const t of ['users', 'account_events', 'figure_reviews', 'figure_review_events']) {
        expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
      }
      const at = '2022-10-01T00:00:00Z';
      expect(() =>
        db.prepare(`INSERT INTO users (name, role, unit_id, password_hash, password_set_at, created_by, created_at) VALUES ('小王', 'entry', NULL, 'x', ?, '管理员', ?)`).run(at, at),
      ).toThrow(/CHECK/);
      db.prepare(`INSERT INTO users (name, role, unit_id, password_hash, password_set_at, created_by, created_at) VALUES ('小王', 'entry', 2, 'x', ?, '管理员', ?)`).run(at, at);
      expect(() => db.prepare(`INSERT INTO figure_reviews (plan_id, unit_id, period, state, reason, by_name, at) VALUES (1, 2, '2022-09', 'returned', '  ', '管理员', ?)`).run(at)).toThrow(/CHECK/);
      db.prepare(`INSERT INTO figure_reviews (plan_id, unit_id, period, state, reason, by_name, at) VALUES (1, 2, '2022-09', 'returned', '数字有误', '管理员', ?)`).run(at);
      expect(db.prepare('SELECT value, entered_by FROM figures').get()).toEqual({ value: 5, entered_by: '王芳' });
    } finally {
      db.close();
    }
  });
});
