/**
 * Large reads as one JSON array per column (repos/figures.ts figureIndexOf,
 * repos/indicators.ts targetIndexOf): every value read back exactly as
 * stored — awkward binary fractions, tiny and huge numbers, notes with
 * quotes, newlines and CJK — and figures hidden from a caller left out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { figureIndexOfOp } from '../../electron/core/db/repos/figures';
import { targetIndexOfOp } from '../../electron/core/db/repos/indicators';
import { oneFigureSql } from '../helpers/schemaAt';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
const awkward = [0.1 + 0.2, 1 / 3, 1e-7, 123456789.12345679, 2 ** 53 - 1, -0.5, 4.35];

beforeEach(async () => {
  // A store at today's schema holding one plan with one figure.
  s = await testStore('empty', { operator: null });
  for (const statement of oneFigureSql('技术合同成交额', 2.5).split(';')) if (statement.trim()) await s.run(statement);
});
afterEach(() => s.close());

describe('columns read as JSON', () => {
  it('reads figures, notes and targets back exactly, and leaves out hidden figures', async () => {
    const insertUnit = (id: number, name: string) => s.run("INSERT INTO units (id, name, kind, parent_id) VALUES (?, ?, 'street', 1)", id, name);
    const insertFigure = (unitId: number, period: string, value: number, note: string | null) =>
      s.run("INSERT INTO figures (indicator_id, unit_id, period, value, note, entered_by, entered_at) VALUES (1, ?, ?, ?, ?, '王芳', 'now')", unitId, period, value, note);
    const insertTarget = (unitId: number, value: number, valueMax: number | null) =>
      s.run('INSERT INTO targets (indicator_id, unit_id, value, value_max) VALUES (1, ?, ?, ?)', unitId, value, valueMax);
    for (const [k, v] of awkward.entries()) {
      await insertUnit(10 + k, `街道${k}`);
      await insertFigure(10 + k, '2022-09', v, k === 0 ? '含"引号"\n和换行、全角，标点' : null);
      await insertFigure(10 + k, '2021-09', -v, null);
      await insertTarget(10 + k, v * 3, k % 2 ? v * 4 : null);
    }
    const index = await s.store.read(figureIndexOfOp(1, ['2022-09', '2021-09', '2020-09'], { notes: true }));
    awkward.forEach((v, k) => {
      expect(index.value(1, 10 + k, '2022-09')).toBe(v);
      expect(index.value(1, 10 + k, '2021-09')).toBe(-v);
    });
    expect(index.note(1, 10, '2022-09')).toBe('含"引号"\n和换行、全角，标点');
    expect(index.note(1, 11, '2022-09')).toBeNull();
    expect(index.value(1, 2, '2022-09')).toBe(2.5);
    expect(index.value(1, 2, '2020-09')).toBeNull();

    const hidden = { has: (unitId: number, period: string) => unitId === 10 && period === '2022-09', size: 1 };
    const narrowed = await s.store.read(figureIndexOfOp(1, ['2022-09'], { hidden }));
    expect(narrowed.value(1, 10, '2022-09')).toBeNull();
    expect(narrowed.value(1, 11, '2022-09')).toBe(awkward[1]);

    const targets = await s.store.read(targetIndexOfOp(1));
    awkward.forEach((v, k) => expect(targets.get(1, 10 + k)).toEqual({ value: v * 3, valueMax: k % 2 ? v * 4 : null }));
    expect(targets.get(1, 2)).toBeUndefined();
  });
});
