/**
 * Migrations (Signal Desktop's way: numbered, each tested): a database built at
 * every earlier schema version, with data, opens in this version with its
 * figures, history, progress and locks intact and a copy taken first; a
 * migration that fails leaves the file byte for byte as it was and says so in
 * Chinese; two doors opening an old file at once migrate it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { migrate } from '../../electron/core/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { ApiError } from '../../shared/api/errors';
import type { BackupList } from '../../shared/backup/types';
import { tempDir } from '../helpers/tempDb';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-migrations-');
});
afterAll(() => tmp?.cleanup());

/** A file at schema `version` (rollback journal, as an old build left it), holding data of every table that version had. */
function databaseAt(version: number): string {
  const dir = path.join(tmp.dir, `v${version}-${Math.random().toString(16).slice(2, 6)}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, 'taizhang.db');
  const db = new Database(file);
  migrate(db, file, undefined, MIGRATIONS.slice(0, version));
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  db.exec(`
    INSERT INTO units (id, name, kind, parent_id, sort_order) VALUES (1, '青云谱区', 'district', NULL, 0), (2, '洪都街道', 'street', 1, 1), (3, '区科工局', 'department', 1, 2);
    INSERT INTO plans (id, unit_id, title, year_start, year_end) VALUES (1, 1, '青云谱区2022年科技创新工作要点', 2022, 2022);
    INSERT INTO indicators (id, plan_id, name, measure_unit, aggregation, frequency, baseline, decomposed) VALUES (1, 1, '科技型中小企业', '家', 'sum', 'quarterly', 120, 1);
    INSERT INTO targets (indicator_id, unit_id, value) VALUES (1, 1, 140), (1, 2, 21);
    INSERT INTO figures (indicator_id, unit_id, period, value, note, entered_by, entered_at) VALUES (1, 2, '2022Q3', 18, NULL, '张敏', '2022-10-08T02:00:00.000Z');
    INSERT INTO figure_history (indicator_id, unit_id, period, old_value, new_value, changed_by, changed_at, source) VALUES (1, 2, '2022Q3', NULL, 18, '张敏', '2022-10-08T02:00:00.000Z', 'entry');
    INSERT INTO action_lines (id, plan_id, seq, title) VALUES (1, 1, 1, '科技创新区域优化布局行动');
    INSERT INTO tasks (id, action_line_id, seq, content) VALUES (1, 1, 1, '培育科技型中小企业');
    INSERT INTO task_units (task_id, unit_id, role) VALUES (1, 3, 'lead'), (1, 2, 'responsible');
    INSERT INTO progress (task_id, unit_id, period, status, text, entered_by, entered_at) VALUES (1, 2, '2022Q3', 'in_progress', '已走访企业30家', '张敏', '2022-10-08T02:00:00.000Z');
    INSERT INTO settings (key, value) VALUES ('operator', '张敏');
  `);
  if (version >= 2) {
    db.exec(`
      INSERT INTO period_locks (plan_id, period, locked_by, locked_at) VALUES (1, '2022Q3', '王芳', '2022-10-10T02:00:00.000Z');
      INSERT INTO period_lock_events (plan_id, period, action, by_name, at) VALUES (1, '2022Q3', 'lock', '王芳', '2022-10-10T02:00:00.000Z');
      INSERT INTO progress_history (task_id, unit_id, period, new_status, new_text, changed_by, changed_at) VALUES (1, 2, '2022Q3', 'in_progress', '已走访企业30家', '张敏', '2022-10-08T02:00:00.000Z');
    `);
  }
  if (version >= 3) {
    // From 007 on a summary is kept per period ('2022' the year-end one).
    const period = version >= 7 ? ['period', `'2022'`] : null;
    db.exec(`
      INSERT INTO summaries (id, plan_id, unit_id, year, ${period ? `${period[0]}, ` : ''}updated_by, updated_at)
        VALUES (1, 1, 1, 2022, ${period ? `${period[1]}, ` : ''}'王芳', '2022-12-20T02:00:00.000Z');
      INSERT INTO summary_paragraphs (summary_id, section, seq, level, text) VALUES (1, 'highlights', 1, 0, '新增科技型中小企业18家。');
    `);
  }
  if (version >= 4) {
    db.exec(`INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, new_value, changed_by, changed_at, source)
             VALUES (1, 1, 2, 'target', NULL, 21, '王芳', '2022-03-01T02:00:00.000Z', '附件2.xlsx')`);
  }
  db.close();
  return file;
}

const rows = (file: string, sql: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('every earlier schema version migrates with its data intact', () => {
  const earlier = Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1);

  it.each(earlier)('version %i → current', (version) => {
    const file = databaseAt(version);
    const core = openCore({ dbPath: file, dailyBackup: false });
    core.close();
    expect(rows(file, 'PRAGMA user_version')).toEqual([{ user_version: SCHEMA_VERSION }]);
    expect(rows(file, 'SELECT unit_id, period, value, entered_by FROM figures')).toEqual([{ unit_id: 2, period: '2022Q3', value: 18, entered_by: '张敏' }]);
    expect(rows(file, 'SELECT new_value, changed_by FROM figure_history')).toEqual([{ new_value: 18, changed_by: '张敏' }]);
    expect(rows(file, 'SELECT status, text FROM progress')).toEqual([{ status: 'in_progress', text: '已走访企业30家' }]);
    expect(rows(file, 'SELECT unit_id, value FROM targets ORDER BY unit_id')).toEqual([
      { unit_id: 1, value: 140 },
      { unit_id: 2, value: 21 },
    ]);
    expect(rows(file, 'SELECT count(*) AS n FROM tasks')).toEqual([{ n: 1 }]);
    if (version >= 2) {
      expect(rows(file, 'SELECT period, locked_by FROM period_locks')).toEqual([{ period: '2022Q3', locked_by: '王芳' }]);
      expect(rows(file, 'SELECT count(*) AS n FROM progress_history')).toEqual([{ n: 1 }]);
    }
    if (version >= 3) expect(rows(file, 'SELECT text FROM summary_paragraphs')).toEqual([{ text: '新增科技型中小企业18家。' }]);
    if (version >= 4) expect(rows(file, 'SELECT source FROM target_history')).toEqual([{ source: '附件2.xlsx' }]);
    // A checked copy of the old file was taken first, and it still says the old version.
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'backups', 'taizhang.backups.json'), 'utf8')) as { entries: BackupList['backups'] };
    expect(manifest.entries).toHaveLength(1);
    expect(manifest.entries[0]).toMatchObject({ kind: 'operation', operation: 'migration', reason: `升级数据库结构（版本 ${version} → ${SCHEMA_VERSION}）前`, schemaVersion: version });
    expect(rows(manifest.entries[0].file, 'PRAGMA user_version')).toEqual([{ user_version: version }]);
  });
});

describe('a migration that fails', () => {
  it('leaves the file byte for byte as it was and says so in Chinese', () => {
    const file = databaseAt(1);
    const bytes = fs.readFileSync(file);
    const db = new Database(file);
    // 002–004 are fine; a fifth that fails halfway (its first statement works, the second does not).
    const failing = [...MIGRATIONS, 'CREATE TABLE made_by_005 (id INTEGER); CREATE TABLE target_history (id INTEGER);'];
    let error: unknown;
    try {
      migrate(db, file, undefined, failing);
    } catch (err) {
      error = err;
    }
    db.close();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      `升级数据库结构（版本 1 → ${failing.length}）时出错，已全部撤回，数据库文件未作任何修改。可继续用旧版本的科创台账打开它；请把本提示告知技术支持。`,
    );
    expect((error as ApiError).message).not.toMatch(/[a-z]{4,}/i); // no library English
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(rows(file, 'PRAGMA user_version')).toEqual([{ user_version: 1 }]);
  });

  it('two doors opening an old file at the same moment migrate it once', () => {
    const file = databaseAt(2);
    const a = new Database(file);
    const b = new Database(file);
    b.pragma('busy_timeout = 5000');
    migrate(a, file);
    migrate(b, file); // reads the version again under the lock: nothing left to do
    a.close();
    b.close();
    expect(rows(file, 'PRAGMA user_version')).toEqual([{ user_version: SCHEMA_VERSION }]);
  });
});
