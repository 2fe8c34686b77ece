/**
 * Migration 015 (任务进展 in the sync bookkeeping) on a database written at
 * schema 14 holding a figure conflict, decided, and a desktop's sync cell:
 * the conflict is kept with its id as a figure conflict, progress conflicts
 * can be recorded beside it with their own rules, and the cell keeps its base.
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
    14,
    `${oneFigureSql('技术合同成交额', 2.5)}
     INSERT INTO sync_conflicts (id, plan_id, unit_id, indicator_id, period, value, note, base, current, state, pushed_by, pushed_at, decided_by, decided_at)
       VALUES (7, 1, 2, 1, '2022-09', 3.4, NULL, 3, 3.2, 'kept', '洪都填报员', '2022-10-01T00:00:00Z', '王区', '2022-10-02T00:00:00Z');
     INSERT INTO sync_cells (plan_id, key, base, sent, state, message, at) VALUES (1, 'f|1|2022-09', '2.5', '2.5', 'sent', NULL, '2022-10-01T00:00:00Z');`,
  );
});
afterEach(() => cleanup());

describe('migration 015', () => {
  it('keeps every figure conflict with its id and decision, and takes progress conflicts by their rules', () => {
    const { db } = openDb(dbPath);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT id, kind, indicator_id, task_id, value, base, current, state, decided_by FROM sync_conflicts').all()).toEqual([
        { id: 7, kind: 'figure', indicator_id: 1, task_id: null, value: 3.4, base: 3, current: 3.2, state: 'kept', decided_by: '王区' },
      ]);
      expect(db.prepare('SELECT base, state, server_at FROM sync_cells').get()).toEqual({ base: '2.5', state: 'sent', server_at: null });
      expect(db.prepare('SELECT value FROM figures').pluck().get()).toBe(2.5);
      db.exec(`INSERT INTO action_lines (id, plan_id, seq, title) VALUES (1, 1, 1, '（一）行动'); INSERT INTO tasks (id, action_line_id, seq, content) VALUES (1, 1, 1, '任务');`);
      const progress = (cols: string, values: string) =>
        db.prepare(`INSERT INTO sync_conflicts (plan_id, unit_id, kind, period, state, pushed_by, pushed_at, ${cols}) VALUES (1, 2, 'progress', '2022-09', 'open', 'x', 'now', ${values})`).run();
      progress('task_id, status, text, base_status, base_text', "1, 'in_progress', '启动申报', 'not_started', ''");
      // A progress conflict names a task, not an indicator, and always holds the street's entry.
      expect(() => progress('task_id, indicator_id, status, text', "1, 1, 'done', 'x'")).toThrow(/CHECK/);
      expect(() => progress('task_id', '1')).toThrow(/CHECK/);
      expect(() => progress('task_id, status, text', "1, 'finished', 'x'")).toThrow(/CHECK/);
      // A figure conflict still names its indicator.
      expect(() =>
        db.prepare("INSERT INTO sync_conflicts (plan_id, unit_id, kind, period, state, pushed_by, pushed_at) VALUES (1, 2, 'figure', '2022-09', 'open', 'x', 'now')").run(),
      ).toThrow(/CHECK/);
      expect(db.prepare("SELECT count(*) FROM sync_conflicts WHERE plan_id = 1 AND state = 'open'").pluck().get()).toBe(1);
      // The plan's removal still takes its conflicts with it.
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sync_conflicts'").pluck().get()).toMatch(/REFERENCES plans\(id\) ON DELETE CASCADE/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sync_conflicts'").pluck().all()).toContain('sync_conflicts_plan');
    } finally {
      db.close();
    }
  });
});
