/**
 * Migration 011 on a database written at schema 10: the 催报 log starts empty
 * beside the figures already there, takes a reminder per unit, and refuses a
 * channel it does not know (the CHECK).
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
  writeDatabaseAt(dbPath, 10, oneFigureSql('高新技术企业', 5));
});
afterEach(() => cleanup());

describe('migration 011', () => {
  it('adds an empty 催报 log that records reminders per unit and keeps the data there', () => {
    const { db } = openDb(dbPath);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT count(*) FROM reminder_events').pluck().get()).toBe(0);
      db.prepare(`INSERT INTO reminder_events (plan_id, period, unit_id, channel, sent_by, sent_at) VALUES (1, '2022-09', 2, 'notice', '张敏', '2022-10-03T09:00:00Z')`).run();
      expect(db.prepare('SELECT unit_id, channel, sent_by FROM reminder_events').get()).toEqual({ unit_id: 2, channel: 'notice', sent_by: '张敏' });
      expect(() => db.prepare(`INSERT INTO reminder_events (plan_id, period, unit_id, channel, sent_by, sent_at) VALUES (1, '2022-09', 2, 'fax', '张敏', 'x')`).run()).toThrow(/CHECK/);
      expect(db.prepare('SELECT value, entered_by FROM figures').get()).toEqual({ value: 5, entered_by: '王芳' });
    } finally {
      db.close();
    }
  });
});
