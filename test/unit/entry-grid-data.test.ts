/** The compact grid on the wire (packed cells), patching it locally, and the progress date rule. */
import { describe, expect, it } from 'vitest';
import { entryCellOf, packCell, unpackCell, type EntryCell } from '../../shared/entry/packedCell';
import { applySheetPatch } from '../../shared/entry/patch';
import { checkProgressDate, defaultProgressDate, progressDateWindow } from '../../shared/entry/progressDate';
import type { EntryGridSheet } from '../../shared/entry/views';
import type { ProgressCell } from '../../shared/figures/progressTable';

const cell = (over: Partial<EntryCell>): EntryCell => ({
  target: null,
  targetMax: null,
  actual: null,
  source: null,
  rate: null,
  status: 'none',
  note: null,
  previous: null,
  lastYear: null,
  yoy: null,
  pointChange: null,
  ...over,
});

describe('packed cells', () => {
  it('round-trips every field, and drops trailing empties', () => {
    const full = cell({ target: 1, targetMax: 3, actual: 2, source: 'entered', rate: 2, status: 'green', note: '核减', previous: 2.5 });
    expect(unpackCell(packCell(full))).toEqual(full);
    // 上年同期 and 同比 (positions 8-10, appended).
    const withLastYear = cell({ target: 7, actual: 4, lastYear: 3.2, yoy: 0.25, status: 'green' });
    expect(packCell(withLastYear)).toEqual([7, 4, 1, null, null, null, null, null, 3.2, 0.25]);
    expect(unpackCell(packCell(withLastYear))).toEqual(withLastYear);
    expect(unpackCell(packCell(cell({ pointChange: 0.14 })))).toEqual(cell({ pointChange: 0.14 }));
    const partial = cell({ target: 100, actual: 40, source: 'partial_sum', status: 'partial' });
    expect(unpackCell(packCell(partial))).toEqual(partial);
    expect(packCell(cell({ target: 10 }))).toEqual([10]);
    expect(packCell(cell({}))).toEqual([]);
    expect(unpackCell([])).toEqual(cell({}));
    // A value without a status keeps its place.
    expect(packCell(cell({ actual: 0, source: 'entered' }))).toEqual([null, 0, null, null, 0]);
  });

  it('keeps rates to ten decimals: the float noise of a quotient is dropped, nothing a screen shows', () => {
    const progress = { target: 0.05, targetMax: null, actual: 0.04, actualSource: 'entered', rate: 0.04 / 0.05, status: 'amber' } as ProgressCell;
    expect(0.04 / 0.05).not.toBe(0.8);
    expect(entryCellOf(progress, null, null).rate).toBe(0.8);
    expect(entryCellOf({ ...progress, rate: 1 / 3 }, null, null).rate).toBeCloseTo(1 / 3, 10);
  });
});

describe('applySheetPatch', () => {
  const sheet = {
    period: '2022-09',
    units: [
      { id: 1, name: '全区' },
      { id: 2, name: '甲街道' },
      { id: 3, name: '乙街道' },
    ],
    indicators: [{ id: 10 }, { id: 11 }],
    cells: [
      [[5], [6]],
      [[1], [2]],
      [[3], [4]],
    ],
    ranks: { 10: [null, 1, 2], 11: [null, 2, 1] },
    revision: 7,
  } as unknown as EntryGridSheet;

  it('replaces the patched cells and rank columns, copies only the rows it changes, and takes the new revision', () => {
    const next = applySheetPatch(sheet, { kind: 'units', period: '2022-09', cells: [[3, 11, [4, 9]], [1, 11, [6, 9]]], ranks: { 11: [null, 1, 2] } }, 8);
    expect(next.cells[2][1]).toEqual([4, 9]);
    expect(next.cells[0][1]).toEqual([6, 9]);
    expect(next.ranks).toEqual({ 10: [null, 1, 2], 11: [null, 1, 2] });
    expect(next.revision).toBe(8);
    expect(next.cells[1]).toBe(sheet.cells[1]); // untouched row shared
    expect(sheet.cells[2][1]).toEqual([4]); // the old sheet is not changed
  });

  it('ignores a patch for another period or unknown cells', () => {
    const other = applySheetPatch(sheet, { kind: 'units', period: '2022-10', cells: [[2, 10, [99]]], ranks: {} }, 9);
    expect(other.cells).toBe(sheet.cells);
    const unknown = applySheetPatch(sheet, { kind: 'units', period: '2022-09', cells: [[42, 10, [99]]], ranks: {} }, 9);
    expect(unknown.cells).toEqual(sheet.cells);
  });
});

describe('progress date', () => {
  it('allows the period year up to the end of the following month, and never the future', () => {
    expect(progressDateWindow('2022-09', '2026-11-22')).toEqual({ first: '2022-01-01', last: '2022-10-31', lastReason: 'window' });
    expect(progressDateWindow('2022Q4', '2026-11-22').last).toBe('2023-01-31');
    expect(progressDateWindow('2022', '2026-11-22').last).toBe('2023-01-31');
    expect(progressDateWindow('2022-01', '2026-11-22').last).toBe('2022-02-28');
    expect(progressDateWindow('2022-09', '2022-10-08')).toEqual({ first: '2022-01-01', last: '2022-10-08', lastReason: 'today' });
  });

  it('says in Chinese what is wrong and which dates are allowed', () => {
    expect(checkProgressDate('2022-09-28', '2022-09', '2026-11-22')).toBeNull();
    expect(checkProgressDate('2022-10-31', '2022-09', '2026-11-22')).toBeNull();
    expect(checkProgressDate('2022-11-01', '2022-09', '2026-11-22')).toBe(
      '日期2022年11月1日晚于2022年1-9月的报送截止日（2022年10月31日），请填写2022年1月1日至2022年10月31日之间的日期；之后的进展请填到下一期。',
    );
    expect(checkProgressDate('2021-12-31', '2022-09', '2026-11-22')).toContain('早于2022年1-9月所在年度');
    expect(checkProgressDate('2022-10-09', '2022-09', '2022-10-08')).toContain('晚于今天');
    expect(checkProgressDate('2022-02-30', '2022-09', '2026-11-22')).toContain('不是有效日期');
    expect(checkProgressDate('2023-03-01', '2023-03', '2022-10-08')).toContain('尚未开始');
  });

  it('defaults to today while allowed, else to the end of the period', () => {
    expect(defaultProgressDate('2022-09', '2022-10-08')).toBe('2022-10-08');
    expect(defaultProgressDate('2022-09', '2026-11-22')).toBe('2022-09-30');
    expect(checkProgressDate(defaultProgressDate('2022Q3', '2026-11-22'), '2022Q3', '2026-11-22')).toBeNull();
  });
});
