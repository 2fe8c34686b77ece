/** Period arithmetic of the entry screens: picker, default, cumulative predecessor, lock coverage, flipped-grid columns. */
import { describe, expect, it } from 'vitest';
import { cumulativePredecessor, defaultPeriod, lastMonthOf, periodChoices, periodEndingAt, periodsCoveredBy } from '../../shared/entry/periods';
import { parseTsv, formatTsv } from '../../shared/entry/tsv';

describe('period picker', () => {
  it('offers 12 cumulative months, 4 quarters and the year, each with its 时序进度, then last year for 同比', () => {
    const groups = periodChoices(2022);
    expect(groups.map((g) => g.choices.length)).toEqual([12, 4, 1, 17]);
    expect(groups[3].label).toBe('上年同期（2021年，用于计算同比）');
    expect(groups[3].choices.map((c) => c.key)).toContain('2021-09');
    expect(groups[3].choices.at(-1)).toMatchObject({ key: '2021', label: '2021年度', schedule: 1 });
    const sep = groups[0].choices[8];
    expect(sep).toEqual({ key: '2022-09', label: '2022年1-9月', schedule: 0.75, note: '月报：1-9月累计' });
    expect(groups[1].choices[2]).toEqual({ key: '2022Q3', label: '2022年前三季度', schedule: 0.75, note: '季报：截至9月底，与“1-9月”同一截止日' });
    expect(groups[2].choices[0]).toEqual({ key: '2022', label: '2022年度', schedule: 1, note: '年报：全年数，与“1-12月”“全年”同一截止日' });
  });

  it('offers every year of a multi-year plan, the latest first, then the year before it', () => {
    const groups = periodChoices(2021, 2025);
    expect(groups.map((g) => g.label).slice(0, 4)).toEqual(['2025年 月度（1-N月累计）', '2025年 季度', '2025年 年度', '2024年 月度（1-N月累计）']);
    expect(groups).toHaveLength(16);
    expect(groups.at(-1)!.label).toBe('上年同期（2020年，用于计算同比）');
    expect(groups.flatMap((g) => g.choices.map((c) => c.key))).toContain('2023Q2');
  });

  it('opens on the last ended month of the plan year', () => {
    expect(defaultPeriod(2022, new Date(2026, 10, 22))).toBe('2022-12');
    expect(defaultPeriod(2022, new Date(2022, 9, 15))).toBe('2022-09');
    expect(defaultPeriod(2022, new Date(2022, 0, 15))).toBe('2022-01');
    expect(defaultPeriod(2030, new Date(2026, 5, 1))).toBe('2030-01');
    // A multi-year plan (十四五, 2021—2025) opens on the year it is in.
    expect(defaultPeriod(2021, new Date(2023, 5, 1), 2025)).toBe('2023-05');
    expect(defaultPeriod(2021, new Date(2026, 5, 1), 2025)).toBe('2025-12');
    expect(defaultPeriod(2021, new Date(2020, 5, 1), 2025)).toBe('2021-01');
  });

  it('opens a past plan where its figures stop (1-9月, not an empty 1-12月); a current plan keeps the month just ended', () => {
    expect(defaultPeriod(2022, new Date(2026, 10, 22), 2022, '2022-09')).toBe('2022-09');
    expect(defaultPeriod(2022, new Date(2026, 10, 22), 2022, null)).toBe('2022-12');
    expect(defaultPeriod(2026, new Date(2026, 10, 22), 2026, '2026-08')).toBe('2026-10');
    expect(defaultPeriod(2021, new Date(2026, 5, 1), 2025, '2024-06')).toBe('2024-06');
    expect(lastMonthOf('2022-09')).toBe('2022-09');
    expect(lastMonthOf('2022Q3')).toBe('2022-09');
    expect(lastMonthOf('2022')).toBe('2022-12');
    expect(lastMonthOf('九月')).toBeNull();
  });
});

describe('cumulative predecessor', () => {
  it('is the month or quarter before within the year; January, the first quarter and years have none', () => {
    expect(cumulativePredecessor('2022-09')).toBe('2022-08');
    expect(cumulativePredecessor('2022-01')).toBeNull();
    expect(cumulativePredecessor('2022Q3')).toBe('2022Q2');
    expect(cumulativePredecessor('2022Q1')).toBeNull();
    expect(cumulativePredecessor('2022')).toBeNull();
  });
});

describe('lock coverage', () => {
  it('locks the view and the quarter or year that ends with it', () => {
    expect(periodsCoveredBy('2022-09', ['monthly', 'quarterly', 'yearly']).sort()).toEqual(['2022-09', '2022Q3']);
    expect(periodsCoveredBy('2022-08', ['monthly', 'quarterly', 'yearly'])).toEqual(['2022-08']);
    expect(periodsCoveredBy('2022-12', ['monthly', 'quarterly', 'yearly']).sort()).toEqual(['2022', '2022-12', '2022Q4']);
    expect(periodsCoveredBy('2022Q2', ['monthly', 'quarterly', 'yearly']).sort()).toEqual(['2022-06', '2022Q2']);
    expect(periodsCoveredBy('2022', ['monthly', 'quarterly', 'yearly']).sort()).toEqual(['2022', '2022-12', '2022Q4']);
  });
});

describe('flipped grid columns', () => {
  it('places a quarterly indicator in the quarter-end months and a yearly one in December', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);
    expect(months.map((m) => periodEndingAt('quarterly', m)).filter(Boolean)).toEqual(['2022Q1', '2022Q2', '2022Q3', '2022Q4']);
    expect(months.map((m) => periodEndingAt('yearly', m)).filter(Boolean)).toEqual(['2022']);
    expect(months.map((m) => periodEndingAt('monthly', m))).toEqual(months);
  });
});

describe('tab-separated clipboard blocks', () => {
  it('reads what Excel and WPS copy: CRLF rows, tabs, a trailing newline, quoted cells', () => {
    expect(parseTsv('1\t2\t3\r\n4\t5\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseTsv('7')).toEqual([['7']]);
    expect(parseTsv('"a\tb"\t"say ""hi"""\n')).toEqual([['a\tb', 'say "hi"']]);
    expect(parseTsv('1\t\t3\n')).toEqual([['1', '', '3']]);
  });

  it('writes a block that reads back the same', () => {
    const rows = [
      ['洪都街道', '0.05', ''],
      ['带\t制表符', '3', '"引号"'],
    ];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
  });
});
