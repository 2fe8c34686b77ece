/**
 * Large reads as one JSON array per column (repos/figures.ts figureIndexOf,
 * repos/indicators.ts targetIndexOf): every value read back exactly as
 * stored — awkward binary fractions, tiny and huge numbers, notes with
 * quotes, newlines and CJK — and figures hidden from a caller left out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../electron/core/db/open';
import { figureIndexOf } from '../../electron/core/db/repos/figures';
import { targetIndexOf } from '../../electron/core/db/repos/indicators';
import { oneFigureSql, writeDatabaseAt } from '../helpers/schemaAt';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { tempDbPath } from '../helpers/tempDb';

let dbPath: string;
let cleanup: () => void;
const awkward = [0.1 + 0.2, 1 / 3, 1e-7, 123456789.12345679, 2 ** 53 - 1, -0.5, 4.35];

beforeEach(() => {
  ({ dbPath, cleanup } = tempDbPath());
  writeDatabaseAt(dbPath, MIGRATIONS.length, oneFigureSql('技术合同成交额', 2.5));
});
afterEach(() => cleanup());

describe('columns read as JSON', () => {
  it('reads figures, notes and targets back exactly, and leaves out hidden figures', () => {
    const { db } = openDb(dbPath);
    try {
      const insertUnit = db.prepare("INSERT INTO units (id, name, kind, parent_id) VALUES (?, ?, 'street', 1)");
      const insertFigure = db.prepare("INSERT INTO figures (indicator_id, unit_id, period, value, note, entered_by, entered_at) VALUES (1, ?, ?, ?, ?, '王芳', 'now')");
      const insertTarget = db.prepare('INSERT INTO targets (indicator_id, unit_id, value, value_max) VALUES (1, ?, ?, ?)');
      awkward.forEach((v, k) => {
        insertUnit.run(10 + k, `街道${k}`);
        insertFigure.run(10 + k, '2022-09', v, k === 0 ? '含"引号"\n和换行、全角，标点' : null);
        insertFigure.run(10 + k, '2021-09', -v, null);
        insertTarget.run(10 + k, v * 3, k % 2 ? v * 4 : null);
      });
      const index = figureIndexOf(db, 1, ['2022-09', '2021-09', '2020-09'], { notes: true });
      awkward.forEach((v, k) => {
        expect(index.value(1, 10 + k, '2022-09')).toBe(v);
        expect(index.value(1, 10 + k, '2021-09')).toBe(-v);
      });
      expect(index.note(1, 10, '2022-09')).toBe('含"引号"\n和换行、全角，标点');
      expect(index.note(1, 11, '2022-09')).toBeNull();
      expect(index.value(1, 2, '2022-09')).toBe(2.5);
      expect(index.value(1, 2, '2020-09')).toBeNull();

      const hidden = { has: (unitId: number, period: string) => unitId === 10 && period === '2022-09', size: 1 };
      const narrowed = figureIndexOf(db, 1, ['2022-09'], { hidden });
      expect(narrowed.value(1, 10, '2022-09')).toBeNull();
      expect(narrowed.value(1, 11, '2022-09')).toBe(awkward[1]);

      const targets = targetIndexOf(db, 1);
      awkward.forEach((v, k) => expect(targets.get(1, 10 + k)).toEqual({ value: v * 3, valueMax: k % 2 ? v * 4 : null }));
      expect(targets.get(1, 2)).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
