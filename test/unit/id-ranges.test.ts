import { describe, expect, it } from 'vitest';
import { idRanges, rangesSql } from '../../electron/core/db/idRanges';

/** Every existing id the ranges take in, to compare with the wanted set. */
const covered = (ranges: readonly (readonly [number, number])[], existing: number[]) =>
  existing.filter((id) => ranges.some(([a, b]) => id >= a && id <= b)).sort((x, y) => x - y);

describe('idRanges', () => {
  it('covers a contiguous run of sub-units with one range', () => {
    expect(idRanges([2, 3, 4, 5], [1, 2, 3, 4, 5, 6])).toEqual([[2, 5]]);
  });

  it('splits around an id that exists but is not wanted (a department among the streets)', () => {
    const existing = [1, 2, 3, 4, 5, 6, 7, 8];
    const ranges = idRanges([2, 3, 5, 6, 8], existing)!;
    expect(ranges).toEqual([[2, 3], [5, 6], [8, 8]]);
    expect(covered(ranges, existing)).toEqual([2, 3, 5, 6, 8]);
  });

  it('may span ids that do not exist (deleted units), never an existing one outside the set', () => {
    const existing = [1, 2, 10, 11, 40];
    const ranges = idRanges([2, 10, 11], existing)!;
    expect(ranges).toEqual([[2, 11]]);
    expect(covered(ranges, existing)).toEqual([2, 10, 11]);
  });

  it('is exact for scattered sets, and gives up past the limit so the caller uses IN', () => {
    const existing = Array.from({ length: 200 }, (_, i) => i + 1);
    const wanted = existing.filter((id) => id % 3 !== 0);
    const ranges = idRanges(wanted, existing, 100)!;
    expect(covered(ranges, existing)).toEqual(wanted);
    expect(idRanges(wanted, existing, 16)).toBeNull();
  });

  it('an empty set matches nothing', () => {
    expect(idRanges([], [1, 2])).toEqual([]);
    expect(rangesSql('unit_id', [])).toEqual({ sql: '0', params: [] });
    expect(rangesSql('unit_id', [[2, 5], [7, 7]])).toEqual({ sql: '(unit_id BETWEEN ? AND ? OR unit_id BETWEEN ? AND ?)', params: [2, 5, 7, 7] });
  });
});
