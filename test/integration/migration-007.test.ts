/**
 * Migration 007 (with 005 and 006 before it) on a database written by the previous version (schema 4):
 * summaries become per-period with every paragraph kept; the example plan
 * gets its issued 附件2 headers and 附件1 texts without extraction spaces,
 * while a task a user reworded is left alone.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../electron/core/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { getSummary } from '../../electron/core/db/repos/summaries';
import { listIndicators } from '../../electron/core/db/repos/indicators';
import { tempDbPath } from '../helpers/tempDb';

const EXAMPLE_SOURCE = '青政办发〔2022〕16号《2022年青云谱区科技创新基础大提升工作要点》';
let dbPath: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dbPath, cleanup } = tempDbPath());
  // A version-4 database as the previous release left it.
  const old = new Database(dbPath);
  old.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.slice(0, 4)) old.exec(m);
  old.pragma('user_version = 4');
  old.exec(`
    INSERT INTO units (id, name, kind, parent_id) VALUES (1, '青云谱区', 'district', NULL), (2, '洪都街道', 'street', 1);
    INSERT INTO plans (id, unit_id, title, year_start, year_end, source) VALUES (1, 1, '2022年青云谱区科技创新基础大提升工作要点', 2022, 2022, '${EXAMPLE_SOURCE}');
    INSERT INTO plans (id, unit_id, title, year_start, year_end, source) VALUES (2, 1, '别的计划', 2023, 2023, 'import.xlsx');
    INSERT INTO indicators (id, plan_id, name, aggregation, frequency, decomposed) VALUES
      (1, 1, '高新技术企业', 'sum', 'yearly', 1), (2, 1, '技术合同成交额', 'sum', 'monthly', 1), (3, 2, '高新技术企业', 'sum', 'yearly', 1);
    INSERT INTO action_lines (id, plan_id, seq, title) VALUES (1, 1, 1, '科技创新平台增量升级行动'), (2, 2, 1, '别的行动');
    INSERT INTO tasks (id, action_line_id, seq, content) VALUES
      (1, 1, 3, '年营收 3 亿元以上工业企业研发机构全覆盖；力争新组建 1-3 家科研机构。'),
      (2, 1, 7, '力争 2022 年底全区技术合同登记额突破 7 亿元（已改写）'),
      (3, 2, 1, '力争 2022 年底全区技术合同登记额突破 7 亿元');
    INSERT INTO summaries (id, plan_id, unit_id, year, title, issuer, dated_on, updated_by, updated_at)
      VALUES (5, 1, 2, 2022, '洪都街道2022年工作总结', NULL, '2023-01-05', '王芳', '2023-01-05T08:00:00Z');
    INSERT INTO summary_paragraphs (summary_id, section, seq, level, text) VALUES
      (5, 'highlights', 1, 3, '新建众创空间1家。'), (5, 'highlights', 2, 4, '举办路演4场'), (5, 'problems', 1, 0, '研发投入不足。');
  `);
  old.close();
});
afterEach(() => cleanup());

describe('migration 007', () => {
  it('keeps every summary as its year-end summary, paragraphs and all, now keyed by period', () => {
    const { db } = openDb(dbPath);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const s = getSummary(db, 1, 2, '2022')!;
      expect(s).toMatchObject({ title: '洪都街道2022年工作总结', datedOn: '2023-01-05', updatedBy: '王芳' });
      expect(s.sections!.highlights).toEqual([
        { level: 3, text: '新建众创空间1家。' },
        { level: 4, text: '举办路演4场' },
      ]);
      expect(s.sections!.problems).toEqual([{ level: 0, text: '研发投入不足。' }]);
      expect(getSummary(db, 1, 2, '2022Q2')).toBeUndefined();
      // The paragraphs still cascade with their summary, and a 上半年 summary can sit beside the year-end one.
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.prepare("INSERT INTO summaries (plan_id, unit_id, year, period, updated_by, updated_at) VALUES (1, 2, 2022, '2022Q2', 'x', 'y')").run();
      db.prepare('DELETE FROM summaries WHERE id = 5').run();
      expect(db.prepare('SELECT count(*) FROM summary_paragraphs').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('gives the example its issued headers and cleaned task texts, touching nothing else', () => {
    const { db } = openDb(dbPath);
    try {
      expect(listIndicators(db, 1).map((i) => [i.name, i.issuedHeader])).toEqual([
        ['高新技术企业', '2022年高新技术企业数量（家）'],
        ['技术合同成交额', '2022年技术合同成交额（亿元）'],
      ]);
      expect(listIndicators(db, 2)[0].issuedHeader).toBeNull();
      const content = (id: number) => db.prepare('SELECT content FROM tasks WHERE id = ?').pluck().get(id);
      expect(content(1)).toBe('年营收3亿元以上工业企业研发机构全覆盖；力争新组建1-3家科研机构。');
      expect(content(2)).toBe('力争 2022 年底全区技术合同登记额突破 7 亿元（已改写）');
      expect(content(3)).toBe('力争 2022 年底全区技术合同登记额突破 7 亿元');
    } finally {
      db.close();
    }
  });
});
