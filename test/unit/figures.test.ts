import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, parseNumber, roundTo, sumTo } from '../../shared/numbers';
import {
  AMBER_TOLERANCE,
  STATUS_COLOR,
  STATUS_HINT,
  STATUS_LABEL,
  aggregateChildren,
  bandOf,
  checkSum,
  completionRate,
  describePointChange,
  describeYoy,
  growthTargetOf,
  pointChange,
  rankUnits,
  rankValues,
  statusOf,
  statusOfCompletion,
  yoyGrowth,
} from '../../shared/figures';

/** 青云谱区 附件2: the seven sub-units in document order, ids 2..8; district id 1. */
const SUB_UNITS = [2, 3, 4, 5, 6, 7, 8];
/** 技术合同成交额 (亿元) of the seven sub-units, in an order whose plain float sum is not 7. */
const NOISY_ORDER = [3, 0.05, 0.5, 0.15, 3, 0.1, 0.2];
const children = (values: (number | null)[]) => values.map((value, i) => ({ unitId: SUB_UNITS[i], value }));

describe('numbers', () => {
  it('roundTo rounds half away from zero without float surprises', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(0.05 + 0.15, 4)).toBe(0.2);
    expect(roundTo(1.95 - 1.81, 2)).toBe(0.14);
    expect(roundTo(-0.00001, 2)).toBe(0);
    expect(Object.is(roundTo(-0.00001, 2), -0)).toBe(false);
    expect(roundTo(1.044, 2)).toBe(1.04);
  });

  it('parseNumber accepts what users type and paste', () => {
    expect(parseNumber('３.２')).toBe(3.2);
    expect(parseNumber('１，２３４')).toBe(1234);
    expect(parseNumber('－５')).toBe(-5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('1,234,567.89')).toBe(1234567.89);
    expect(parseNumber(' 7 ')).toBe(7);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('0')).toBe(0);
  });

  it('parseNumber returns null for what is not a number', () => {
    expect(parseNumber('—')).toBeNull();
    expect(parseNumber('-')).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('7亿元')).toBeNull();
    expect(parseNumber('1-3')).toBeNull();
    expect(parseNumber('1.2.3')).toBeNull();
  });

  it('formatNumber drops trailing zeros and float noise, without grouping', () => {
    expect(formatNumber(7)).toBe('7');
    expect(formatNumber(0.05)).toBe('0.05');
    expect(formatNumber(NOISY_ORDER.reduce((a, b) => a + b, 0))).toBe('7');
    expect(formatNumber(7.32, 4)).toBe('7.32');
    expect(formatNumber(1.23456, 2)).toBe('1.23');
    expect(formatNumber(1234567)).toBe('1234567');
    // Each number of decimals keeps its own formatter: the same value at 2, then 4, then 0 decimals.
    expect([formatNumber(1.23456, 2), formatNumber(1.23456, 4), formatNumber(1.23456, 0)]).toEqual(['1.23', '1.2346', '1']);
    // The same text as the per-call toLocaleString it replaces, over negatives, large values and float noise.
    for (const v of [-0.5, -12.345678, 0.1 + 0.2, 98765.4321, 1e9 + 0.5, 3e-7]) {
      for (const d of [0, 1, 2, 4, 6]) {
        expect(formatNumber(v, d)).toBe(roundTo(v, d).toLocaleString('zh-CN', { maximumFractionDigits: d, useGrouping: false }));
      }
    }
  });

  it('formatPercent shows a ratio with one decimal', () => {
    expect(formatPercent(1.046)).toBe('104.6%');
    expect(formatPercent(0.75)).toBe('75.0%');
    expect(formatPercent(0.123, 0)).toBe('12%');
  });

  it('sumTo adds up exactly at the given decimals', () => {
    expect(sumTo([3, 0.05, 3, 0.5, 0.15, 0.1, 0.2], 4)).toBe(7);
    // The same seven figures in another order: binary floats give 6.999999999999999.
    expect(NOISY_ORDER.reduce((a, b) => a + b, 0)).not.toBe(7);
    expect(sumTo(NOISY_ORDER, 4)).toBe(7);
    expect(sumTo([], 2)).toBe(0);
  });
});

describe('checkSum (青云谱区 附件2)', () => {
  it('科技型中小企业 21+8+39+13+8+16+35 = 140', () => {
    const r = checkSum({ indicatorId: 1, additive: true, decimals: 0, parent: 140, children: children([21, 8, 39, 13, 8, 16, 35]) });
    expect(r.state).toBe('match');
    expect(r.sum).toBe(140);
    expect(r.difference).toBe(0);
  });

  it('高新技术企业 14+4+19+7+6+7+19 = 76', () => {
    const r = checkSum({ indicatorId: 2, additive: true, decimals: 0, parent: 76, children: children([14, 4, 19, 7, 6, 7, 19]) });
    expect(r.state).toBe('match');
    expect(r.sum).toBe(76);
  });

  it('技术合同成交额 3+0.05+3+0.5+0.15+0.1+0.2 = 7 亿元 at 4 decimals', () => {
    const r = checkSum({ indicatorId: 3, additive: true, decimals: 4, parent: 7, children: children([3, 0.05, 3, 0.5, 0.15, 0.1, 0.2]) });
    expect(r.state).toBe('match');
    expect(r.sum).toBe(7);
    expect(r.difference).toBe(0);
    const noisy = checkSum({ indicatorId: 3, additive: true, decimals: 4, parent: 7, children: children(NOISY_ORDER) });
    expect(noisy.state).toBe('match');
    expect(noisy.sum).toBe(7);
  });

  it('a mismatch reports the signed difference', () => {
    const r = checkSum({ indicatorId: 1, additive: true, decimals: 0, parent: 140, children: children([21, 8, 39, 13, 8, 16, 30]) });
    expect(r.state).toBe('mismatch');
    expect(r.sum).toBe(135);
    expect(r.difference).toBe(-5);
    const over = checkSum({ indicatorId: 3, additive: true, decimals: 4, parent: 7, children: children([3, 0.05, 3, 0.5, 0.15, 0.1, 0.3]) });
    expect(over.state).toBe('mismatch');
    expect(over.difference).toBe(0.1);
  });

  it('missing sub-units make it incomplete and are listed', () => {
    const r = checkSum({ indicatorId: 1, additive: true, decimals: 0, parent: 140, children: children([21, null, 39, 13, 8, null, 35]) });
    expect(r.state).toBe('incomplete');
    expect(r.missingUnitIds).toEqual([3, 7]);
  });

  it('ratios are not summed', () => {
    const r = checkSum({ indicatorId: 4, additive: false, decimals: 2, parent: 0.55, children: children([0.5, 0.6, 0.4, 0.7, 0.5, 0.6, 0.55]) });
    expect(r.state).toBe('not_additive');
    expect(r.difference).toBeNull();
  });
});

describe('aggregateChildren', () => {
  it('sums additive indicators at their decimals', () => {
    const r = aggregateChildren({ aggregation: 'sum', decimals: 4, children: children([3, 0.05, 3, 0.5, 0.15, 0.1, 0.2]) });
    expect(r).toEqual({ state: 'complete', value: 7, missingUnitIds: [], reportedCount: 7 });
    expect(aggregateChildren({ aggregation: 'sum', decimals: 4, children: children(NOISY_ORDER) }).value).toBe(7);
    expect(aggregateChildren({ aggregation: 'sum', decimals: 0, children: children([21, 8, 39, 13, 8, 16, 35]) }).value).toBe(140);
  });

  it('reports missing children and sums the rest', () => {
    const r = aggregateChildren({ aggregation: 'sum', decimals: 0, children: children([14, 4, null, 7, 6, 7, null]) });
    expect(r.state).toBe('partial');
    expect(r.value).toBe(38);
    expect(r.missingUnitIds).toEqual([4, 8]);
    expect(r.reportedCount).toBe(5);
  });

  it('is empty when nothing is reported', () => {
    const r = aggregateChildren({ aggregation: 'sum', decimals: 0, children: children([null, null]) });
    expect(r.state).toBe('empty');
    expect(r.value).toBeNull();
    expect(aggregateChildren({ aggregation: 'sum', decimals: 0, children: [] }).state).toBe('empty');
  });

  it('never sums a ratio (R&D 投入强度)', () => {
    const r = aggregateChildren({ aggregation: 'none', decimals: 2, children: children([0.5, 0.6, null]) });
    expect(r.state).toBe('not_additive');
    expect(r.value).toBeNull();
    expect(r.missingUnitIds).toEqual([4]);
  });

  it('counts a reported 0 as a value, not as missing', () => {
    const r = aggregateChildren({ aggregation: 'sum', decimals: 0, children: children([0, 5]) });
    expect(r.state).toBe('complete');
    expect(r.value).toBe(5);
  });
});

describe('completionRate — point targets', () => {
  it('is actual ÷ target', () => {
    expect(completionRate({ kind: 'point', actual: 7.32, target: 7 }).rate).toBeCloseTo(1.045714, 6);
    expect(completionRate({ kind: 'point', actual: 105, target: 140 }).rate).toBe(0.75);
    expect(completionRate({ kind: 'point', actual: 0, target: 140 }).rate).toBe(0);
  });

  it('missing actual → no_figure', () => {
    expect(completionRate({ kind: 'point', actual: null, target: 140 })).toEqual({ rate: null, reason: 'no_figure' });
    expect(completionRate({ kind: 'point', actual: undefined, target: 140 }).reason).toBe('no_figure');
    expect(completionRate({ kind: 'point', actual: Number.NaN, target: 140 }).reason).toBe('no_figure');
  });

  it('missing or invalid target', () => {
    expect(completionRate({ kind: 'point', actual: 5, target: null })).toEqual({ rate: null, reason: 'no_target' });
    expect(completionRate({ kind: 'point', actual: 5, target: -1 }).reason).toBe('invalid_target');
    expect(completionRate({ kind: 'point', actual: 5, target: Number.POSITIVE_INFINITY }).reason).toBe('invalid_target');
  });

  it('zero target: no rate, never a division by zero; actual > 0 counts as exceeded', () => {
    const some = completionRate({ kind: 'point', actual: 2, target: 0 });
    expect(some).toEqual({ rate: null, reason: 'zero_target', exceeded: true });
    const none = completionRate({ kind: 'point', actual: 0, target: 0 });
    expect(none).toEqual({ rate: null, reason: 'zero_target', exceeded: false });
    expect(statusOfCompletion(some, 0.75)).toBe('green');
    expect(statusOfCompletion(none, 0.75)).toBe('none');
  });
});

describe('completionRate — range targets "1-3个"', () => {
  const range = (actual: number | null) => completionRate({ kind: 'range', actual, target: 1, targetMax: 3 });

  it('below the range', () => {
    expect(range(0)).toEqual({ rate: 0, belowRange: true, withinRange: false, aboveRange: false });
  });

  it('inside the range, judged against the lower bound', () => {
    expect(range(1)).toEqual({ rate: 1, belowRange: false, withinRange: true, aboveRange: false });
    expect(range(3)).toEqual({ rate: 3, belowRange: false, withinRange: true, aboveRange: false });
    expect(range(2).rate).toBe(2);
  });

  it('above the range', () => {
    expect(range(4)).toEqual({ rate: 4, belowRange: false, withinRange: false, aboveRange: true });
  });

  it('needs a figure and a sane range', () => {
    expect(range(null)).toEqual({ rate: null, reason: 'no_figure' });
    expect(completionRate({ kind: 'range', actual: 2, target: 3, targetMax: 1 }).reason).toBe('invalid_target');
    expect(completionRate({ kind: 'range', actual: 2, target: 1, targetMax: null }).reason).toBe('invalid_target');
  });

  it('a range starting at 0 has no rate but keeps range info', () => {
    const r = completionRate({ kind: 'range', actual: 1, target: 0, targetMax: 2 });
    expect(r).toMatchObject({ rate: null, reason: 'zero_target', exceeded: true, withinRange: true });
  });
});

describe('completionRate — growth targets', () => {
  it('up: achieved growth ÷ target growth', () => {
    // 增长30% from 10: reaching 13 is 100%, 11.5 is 50%, 14.5 is 150%.
    const at = (actual: number) => completionRate({ kind: 'growth', actual, target: 0.3, baseline: 10 });
    expect(at(13).rate).toBeCloseTo(1, 12);
    expect(at(11.5).rate).toBeCloseTo(0.5, 12);
    expect(at(14.5).rate).toBeCloseTo(1.5, 12);
    expect(at(13).achievedGrowth).toBeCloseTo(0.3, 12);
    expect(at(9).rate).toBeLessThan(0); // fell instead of growing
  });

  it('down: a bigger decrease is more than 100%', () => {
    // 下降5% from 100: 95 is 100%, 92 is 160%, 98 is 40%, 102 is negative.
    const at = (actual: number) => completionRate({ kind: 'growth', actual, target: -0.05, baseline: 100 });
    expect(at(95).rate).toBeCloseTo(1, 12);
    expect(at(92).rate).toBeCloseTo(1.6, 12);
    expect(at(98).rate).toBeCloseTo(0.4, 12);
    expect(at(102).rate!).toBeLessThan(0);
    expect(statusOfCompletion(at(102), 1)).toBe('red');
  });

  it('percentage-point targets ("提高0.14个百分点")', () => {
    const r = completionRate({ kind: 'growth', growthBasis: 'points', actual: 1.95, target: 0.14, baseline: 1.81 });
    expect(r.rate).toBeCloseTo(1, 9);
    // A points target works from a zero base, unlike a relative one.
    expect(completionRate({ kind: 'growth', growthBasis: 'points', actual: 0.1, target: 0.2, baseline: 0 }).rate).toBeCloseTo(0.5, 12);
  });

  it('needs a baseline', () => {
    expect(completionRate({ kind: 'growth', actual: 13, target: 0.3 })).toEqual({ rate: null, reason: 'no_baseline' });
    expect(completionRate({ kind: 'growth', actual: 13, target: 0.3, baseline: null }).reason).toBe('no_baseline');
    expect(completionRate({ kind: 'growth', actual: 13, target: 0.3, baseline: 0 }).reason).toBe('zero_baseline');
    expect(completionRate({ kind: 'growth', actual: null, target: 0.3, baseline: 10 }).reason).toBe('no_figure');
  });

  it('a zero growth target (持平) has no rate; growing counts as exceeded', () => {
    expect(completionRate({ kind: 'growth', actual: 11, target: 0, baseline: 10 })).toMatchObject({ rate: null, reason: 'zero_target', exceeded: true });
    expect(completionRate({ kind: 'growth', actual: 9, target: 0, baseline: 10 })).toMatchObject({ exceeded: false });
  });

  it('growthTargetOf converts parsed wording', () => {
    expect(growthTargetOf({ kind: 'growth', direction: 'up', value: 30, yoy: false }, '%')).toEqual({ target: 0.3, basis: 'relative' });
    expect(growthTargetOf({ kind: 'growth', direction: 'down', value: 5, yoy: true }, '%')).toEqual({ target: -0.05, basis: 'relative' });
    expect(growthTargetOf({ kind: 'growth', direction: 'up', value: 0.14, yoy: false }, '个百分点')).toEqual({ target: 0.14, basis: 'points' });
  });
});

describe('status thresholds', () => {
  it('the tolerance is 10 percentage points', () => {
    expect(AMBER_TOLERANCE).toBe(0.1);
  });

  it('green exactly at 时序进度 and above', () => {
    expect(statusOf(0.75, 0.75)).toBe('green');
    expect(statusOf(1.2, 0.75)).toBe('green');
    expect(statusOf(6.3 / 9, 0.7)).toBe('green'); // 0.7000000000000001 vs 0.7
    expect(statusOf(1, 1)).toBe('green');
  });

  it('amber when behind by at most 10 points, including exactly 10', () => {
    expect(statusOf(0.7499, 0.75)).toBe('amber');
    expect(statusOf(0.65, 0.75)).toBe('amber');
    expect(statusOf(0.35, 0.45)).toBe('amber'); // 0.45 − 0.35 = 0.10000000000000003 in binary
    expect(statusOf(0.9, 1)).toBe('amber');
  });

  it('red when behind by more than 10 points', () => {
    expect(statusOf(0.6499, 0.75)).toBe('red');
    expect(statusOf(0.64, 0.75)).toBe('red');
    expect(statusOf(0, 0.25)).toBe('red');
    expect(statusOf(-0.5, 0.75)).toBe('red');
  });

  it('none without a rate', () => {
    expect(statusOf(null, 0.75)).toBe('none');
    expect(statusOf(undefined, 0.75)).toBe('none');
    expect(statusOf(Number.NaN, 0.75)).toBe('none');
    expect(statusOfCompletion({ rate: null, reason: 'no_figure' }, 0.75)).toBe('none');
    expect(statusOfCompletion(completionRate({ kind: 'point', actual: 105, target: 140 }), 0.75)).toBe('green');
  });

  it('bandOf and statusOf agree', () => {
    for (const rate of [0.5, 0.64, 0.65, 0.66, 0.75, 0.8]) expect(statusOf(rate, 0.75)).toBe(bandOf(rate, 0.75));
  });

  it('labels, hints and colours cover every status', () => {
    expect(STATUS_LABEL).toEqual({ green: '正常', amber: '滞后', red: '严重滞后', partial: '未报齐', none: '无数据' });
    expect(STATUS_HINT.amber).toContain('10个百分点');
    for (const s of ['green', 'amber', 'red', 'partial', 'none'] as const) {
      expect(STATUS_COLOR[s].color).toMatch(/^#[0-9A-F]{6}$/);
      expect(STATUS_COLOR[s].background).toMatch(/^#[0-9A-F]{6}$/);
    }
    expect(new Set(Object.values(STATUS_COLOR).map((c) => c.color)).size).toBe(5);
  });
});

describe('growth (同比)', () => {
  it('yoyGrowth = (current − lastYear) ÷ lastYear', () => {
    expect(yoyGrowth(7.32, 6.5)).toBeCloseTo(0.126154, 6);
    expect(yoyGrowth(95, 100)).toBeCloseTo(-0.05, 12);
    expect(yoyGrowth(100, 100)).toBe(0);
    expect(yoyGrowth(-1, -2)).toBeCloseTo(0.5, 12); // a smaller loss is growth
  });

  it('null when last year is missing or zero', () => {
    expect(yoyGrowth(7, null)).toBeNull();
    expect(yoyGrowth(7, undefined)).toBeNull();
    expect(yoyGrowth(7, 0)).toBeNull();
    expect(yoyGrowth(null, 6)).toBeNull();
  });

  it('percentage points for ratio indicators: 1.95% vs 1.81% → +0.14', () => {
    expect(1.95 - 1.81).not.toBe(0.14); // raw float noise
    expect(pointChange(1.95, 1.81)).toBe(0.14);
    expect(pointChange(0.55, 0.6)).toBe(-0.05);
    expect(pointChange(null, 1.81)).toBeNull();
    expect(pointChange(1.95, null)).toBeNull();
  });

  it('describes growth as summaries write it', () => {
    expect(describeYoy(0.123)).toBe('同比增长12.3%');
    expect(describeYoy(-0.05)).toBe('同比下降5.0%');
    expect(describeYoy(0.0001)).toBe('与上年持平');
    expect(describeYoy(null)).toBe('');
    expect(describePointChange(pointChange(1.95, 1.81))).toBe('比上年提高0.14个百分点');
    expect(describePointChange(-0.3)).toBe('比上年降低0.3个百分点');
    expect(describePointChange(0)).toBe('与上年持平');
  });
});

describe('rank (排名)', () => {
  it('competition ranking 1,2,2,4 by rate, descending', () => {
    const units = [
      { id: 'a', rate: 0.8 },
      { id: 'b', rate: 1.2 },
      { id: 'c', rate: 0.9 },
      { id: 'd', rate: 0.9 },
    ];
    const r = rankUnits(units);
    expect(r.map((x) => [x.item.id, x.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['d', 2],
      ['a', 4],
    ]);
  });

  it('unranked units (no value) come last with rank null, in input order', () => {
    const r = rankUnits([
      { id: 'x', rate: null },
      { id: 'y', rate: 0.5 },
      { id: 'z', rate: undefined },
      { id: 'w', rate: Number.NaN },
    ]);
    expect(r.map((x) => [x.item.id, x.rank])).toEqual([
      ['y', 1],
      ['x', null],
      ['z', null],
      ['w', null],
    ]);
  });

  it('is stable: ties keep input order', () => {
    const r = rankUnits([
      { id: 'p', rate: 1 },
      { id: 'q', rate: 1 },
      { id: 'r', rate: 1 },
    ]);
    expect(r.map((x) => x.item.id)).toEqual(['p', 'q', 'r']);
    expect(r.map((x) => x.rank)).toEqual([1, 1, 1]);
  });

  it('treats float noise as a tie', () => {
    expect(rankValues([6.3 / 9, 0.7, 0.8])).toEqual([2, 2, 1]);
  });

  it('ranks by any value, ascending on request', () => {
    const units = [
      { name: '三家店街道', actual: 21 },
      { name: '洪都街道', actual: 8 },
      { name: '徐家坊街道', actual: 39 },
      { name: '京山街道', actual: 8 },
    ];
    expect(rankUnits(units, (u) => u.actual).map((x) => x.rank)).toEqual([1, 2, 3, 3]);
    expect(rankUnits(units, (u) => u.actual).map((x) => x.item.name)).toEqual(['徐家坊街道', '三家店街道', '洪都街道', '京山街道']);
    expect(rankValues([21, 8, 39, 8], { order: 'asc' })).toEqual([3, 1, 4, 1]);
  });

  it('rankValues stays aligned with the input', () => {
    expect(rankValues([0.9, 1.2, 0.9, null])).toEqual([2, 1, 2, null]);
    expect(rankValues([])).toEqual([]);
  });
});

describe('displayRate (完成率 as every table and sentence prints it)', () => {
  it('rounds to 0.1% but never shows a target not quite reached as 100.0%', async () => {
    const { displayRate, formatRate } = await import('../../shared/numbers');
    expect(formatRate(1.046)).toBe('104.6%');
    expect(formatRate(0.99996)).toBe('99.9%');
    expect(displayRate(0.99996)).toBe(0.999);
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(1.00004)).toBe('100.0%');
    expect(formatRate(0.7999999999999999)).toBe('80.0%');
  });
});
