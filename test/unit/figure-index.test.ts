/** The numeric-keyed figure index (shared/figures/figureIndex.ts): the same answers as a plain lookup, ids at their limits. */
import { describe, expect, it } from 'vitest';
import { indexFigures, indexFigureTuples } from '../../shared/figures/figureIndex';
import type { Figure } from '../../shared/model/target';

const fig = (indicatorId: number, unitId: number, period: string, value: number, note: string | null = null): Figure => ({
  indicatorId,
  unitId,
  period,
  value,
  note,
  enteredBy: '',
  enteredAt: '',
});

describe('figure index', () => {
  it('finds each figure by indicator, unit and period, and nothing else', () => {
    const figures = [fig(1, 2, '2022-09', 5, '说明'), fig(2, 1, '2022-09', 6), fig(1, 2, '2021-09', 7), fig(1, 3, '2022Q3', 8)];
    const index = indexFigures(figures);
    expect(index.value(1, 2, '2022-09')).toBe(5);
    expect(index.note(1, 2, '2022-09')).toBe('说明');
    expect(index.value(2, 1, '2022-09')).toBe(6);
    expect(index.note(2, 1, '2022-09')).toBeNull();
    expect(index.value(1, 2, '2021-09')).toBe(7);
    expect(index.value(1, 3, '2022Q3')).toBe(8);
    // Neighbours that a careless key could confuse.
    expect(index.value(2, 2, '2022-09')).toBeNull();
    expect(index.value(1, 1, '2022-09')).toBeNull();
    expect(index.value(1, 2, '2022-08')).toBeNull();
    expect(index.value(1, 2, null)).toBeNull();
  });

  it('keeps ids near the limits apart (a million indicators, four million units)', () => {
    const rows = [
      [2 ** 20 - 1, 2 ** 22 - 1, '2022', 1, null],
      [2 ** 20 - 2, 2 ** 22 - 1, '2022', 2, null],
      [2 ** 20 - 1, 2 ** 22 - 2, '2022', 3, null],
      [2 ** 20 - 1, 2 ** 22 - 1, '2023', 4, null],
    ] as const;
    const index = indexFigureTuples(rows);
    expect([index.value(2 ** 20 - 1, 2 ** 22 - 1, '2022'), index.value(2 ** 20 - 2, 2 ** 22 - 1, '2022'), index.value(2 ** 20 - 1, 2 ** 22 - 2, '2022'), index.value(2 ** 20 - 1, 2 ** 22 - 1, '2023')]).toEqual([1, 2, 3, 4]);
  });
});
