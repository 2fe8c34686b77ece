/**
 * Migration 013 (同步) on a database written at schema 12: the sync tables
 * appear empty, nothing existing changes, and their rules hold (a returned
 * review needs no row here; a conflict's state is one of three; a link is
 * unique per server plan).
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
  writeDatabaseAt(dbPath, 12, oneFigureSql('技术合同成交额', 2.5));
});
afterEach(() => cleanup());

describe('migration 013', () => {
  it('adds the sync tables empty and leaves the figures as they were', () => {
    const { db } = openDb(dbPath);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      for (const t of ['sync_batches', 'sync_conflicts', 'sync_links', 'sync_cells', 'sync_outbox', 'sync_reviews']) {
        expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
      }
      expect(db.prepare('SELECT value, entered_by FROM figures').get()).toEqual({ value: 2.5, entered_by: '王芳' });
      expect(() =>
        db.prepare("INSERT INTO sync_conflicts (plan_id, unit_id, indicator_id, period, state, pushed_by, pushed_at) VALUES (1, 2, 1, '2022-09', 'maybe', 'x', 'now')").run(),
      ).toThrow(/CHECK/);
      db.prepare("INSERT INTO sync_links (plan_id, server, server_id, server_plan_id, unit_id, map, pulled_at) VALUES (1, 'http://s', 'abc', 7, 2, '{}', 'now')").run();
      expect(() =>
        db.prepare("INSERT INTO plans (id, unit_id, title, year_start, year_end, source) VALUES (2, 1, 'b', 2022, 2022, 's')").run() &&
        db.prepare("INSERT INTO sync_links (plan_id, server, server_id, server_plan_id, unit_id, map, pulled_at) VALUES (2, 'http://s', 'abc', 7, 2, '{}', 'now')").run(),
      ).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
