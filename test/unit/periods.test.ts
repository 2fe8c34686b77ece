import { describe, expect, it } from 'vitest';
import {
  formatPeriod,
  isPeriodKey,
  parsePeriod,
  periodEndDate,
  periodLabel,
  periodsOfYear,
  previousPeriod,
  samePeriodLastYear,
  scheduleProgress,
} from '../../shared/periods';

describe('parsePeriod', () => {
  it('reads the three key forms', () => {
    expect(parsePeriod('2022-09')).toEqual({ ok: true, period: { year: 2022, frequency: 'monthly', index: 9 } });
    expect(parsePeriod('2022Q3')).toEqual({ ok: true, period: { year: 2022, frequency: 'quarterly', index: 3 } });
    expect(parsePeriod('2022')).toEqual({ ok: true, period: { year: 2022, frequency: 'yearly', index: 1 } });
  });

  it.each([
    ['2022-13', '月份'],
    ['2022-00', '月份'],
    ['2022Q5', '季度'],
    ['2022Q0', '季度'],
    ['22-09', '格式'],
    ['2022-9', '格式'],
    ['2022q3', '格式'],
    [' 2022', '格式'],
    ['2022-09-30', '格式'],
    ['1022', '年份'],
    ['', '不能为空'],
  ])('rejects %j with a Chinese message mentioning %s', (key, word) => {
    const r = parsePeriod(key);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(word);
    expect(isPeriodKey(key)).toBe(false);
  });

  it('quotes the bad key in the message', () => {
    const r = parsePeriod('2022-13');
    expect(!r.ok && r.error).toContain('2022-13');
  });
});

describe('formatPeriod', () => {
  it('round-trips every period of a year', () => {
    for (const f of ['monthly', 'quarterly', 'yearly'] as const) {
      for (const key of periodsOfYear(2022, f)) {
        const r = parsePeriod(key);
        expect(r.ok && formatPeriod(r.period)).toBe(key);
      }
    }
  });

  it('pads months and throws on impossible periods', () => {
    expect(formatPeriod({ year: 2022, frequency: 'monthly', index: 3 })).toBe('2022-03');
    expect(() => formatPeriod({ year: 2022, frequency: 'monthly', index: 13 })).toThrow(RangeError);
    expect(() => formatPeriod({ year: 2022, frequency: 'quarterly', index: 5 })).toThrow(/季度/);
    expect(() => formatPeriod({ year: 2022, frequency: 'yearly', index: 2 })).toThrow(RangeError);
  });
});

describe('periodLabel', () => {
  it('writes periods as documents do', () => {
    expect(periodLabel('2022-09')).toBe('2022年1-9月');
    expect(periodLabel('2022-12')).toBe('2022年1-12月');
    expect(periodLabel('2022-01')).toBe('2022年1月');
    expect(periodLabel('2022Q1')).toBe('2022年一季度');
    expect(periodLabel('2022Q2')).toBe('2022年上半年');
    expect(periodLabel('2022Q3')).toBe('2022年前三季度');
    expect(periodLabel('2022Q4')).toBe('2022年全年');
    expect(periodLabel('2022')).toBe('2022年度');
  });

  it('throws on a bad key instead of printing nonsense', () => {
    expect(() => periodLabel('2022Q5')).toThrow(/季度/);
  });
});

describe('periodsOfYear', () => {
  it('lists periods in order', () => {
    expect(periodsOfYear(2022, 'quarterly')).toEqual(['2022Q1', '2022Q2', '2022Q3', '2022Q4']);
    expect(periodsOfYear(2022, 'yearly')).toEqual(['2022']);
    const months = periodsOfYear(2022, 'monthly');
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2022-01');
    expect(months[11]).toBe('2022-12');
  });
});

describe('previousPeriod / samePeriodLastYear', () => {
  it('steps back within and across years', () => {
    expect(previousPeriod('2022-09')).toBe('2022-08');
    expect(previousPeriod('2022-01')).toBe('2021-12');
    expect(previousPeriod('2022Q3')).toBe('2022Q2');
    expect(previousPeriod('2022Q1')).toBe('2021Q4');
    expect(previousPeriod('2022')).toBe('2021');
  });

  it('finds the 同比 base period', () => {
    expect(samePeriodLastYear('2022-09')).toBe('2021-09');
    expect(samePeriodLastYear('2022Q3')).toBe('2021Q3');
    expect(samePeriodLastYear('2022')).toBe('2021');
  });
});

describe('periodEndDate', () => {
  it('gives the last day of the period', () => {
    expect(periodEndDate('2022-09')).toBe('2022-09-30');
    expect(periodEndDate('2022-01')).toBe('2022-01-31');
    expect(periodEndDate('2022Q1')).toBe('2022-03-31');
    expect(periodEndDate('2022Q2')).toBe('2022-06-30');
    expect(periodEndDate('2022')).toBe('2022-12-31');
  });

  it('knows leap years', () => {
    expect(periodEndDate('2022-02')).toBe('2022-02-28');
    expect(periodEndDate('2024-02')).toBe('2024-02-29');
    expect(periodEndDate('2000-02')).toBe('2000-02-29');
    expect(periodEndDate('2100-02')).toBe('2100-02-28');
  });
});

describe('scheduleProgress (时序进度)', () => {
  it('is the share of the year elapsed, by month', () => {
    expect(scheduleProgress('2022-09')).toBe(0.75);
    expect(scheduleProgress('2022Q3')).toBe(0.75);
    expect(scheduleProgress('2022-06')).toBe(0.5);
    expect(scheduleProgress('2022Q1')).toBe(0.25);
    expect(scheduleProgress('2022-12')).toBe(1);
    expect(scheduleProgress('2022')).toBe(1);
    expect(scheduleProgress('2022-01')).toBeCloseTo(1 / 12, 12);
  });

  it('throws on bad keys', () => {
    expect(() => scheduleProgress('2022-13')).toThrow(RangeError);
  });
});
