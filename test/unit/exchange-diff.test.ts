/** shared/exchange: the checksum's canonical text, and returned values → changes and conflicts. */
import { describe, expect, it } from 'vitest';
import { diffFigures, diffProgress, parseStatus } from '../../shared/exchange/diff';
import { canonicalJson, checksumInput, type ExchangeCell, type ExchangeTask } from '../../shared/exchange/identity';

const cell = (over: Partial<ExchangeCell> = {}): ExchangeCell => ({
  indicatorId: 5,
  indicatorName: '技术合同成交额',
  measureUnit: '亿元',
  decimals: 4,
  frequency: 'monthly',
  aggregation: 'sum',
  period: '2022-12',
  target: 0.5,
  targetMax: null,
  base: null,
  previous: null,
  ...over,
});
const key = (c: ExchangeCell) => `${c.indicatorId}|7|${c.period}`;
const diff = (returned: { cell: ExchangeCell; raw: number | string | null; note?: string }[], current: [string, number][] = [], previous: [string, number][] = []) =>
  diffFigures({
    unitId: 7,
    unitName: '京山街道',
    returned: returned.map((r) => ({ cell: r.cell, raw: r.raw, note: r.note ?? null, where: 'F7' })),
    current: new Map(current),
    previous: new Map(previous),
  });

describe('canonical text for the checksum', () => {
  it('does not depend on key order and leaves the checksum out', () => {
    expect(canonicalJson({ b: 1, a: [{ y: null, x: '洪都' }] })).toBe(canonicalJson({ a: [{ x: '洪都', y: null }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    const id = { format: 'taizhang-exchange', version: 1, period: '2022-12', checksum: 'abc' } as never;
    expect(checksumInput(id)).toBe('{"format":"taizhang-exchange","period":"2022-12","version":1}');
    expect(checksumInput({ ...(id as object), period: '2022-11' } as never)).not.toBe(checksumInput(id));
  });
});

describe('diffFigures', () => {
  it('reads numbers and text as typed ("3.2", full-width "３.２") and marks new values', () => {
    const c = cell({ target: 3 });
    const r = diff([{ cell: c, raw: '３.２' }]);
    expect(r.changes).toEqual([expect.objectContaining({ kind: 'new', value: 3.2, current: null, conflict: false, blocked: null })]);
    expect(diff([{ cell: c, raw: 3.2 }]).changes[0].value).toBe(3.2);
  });

  it('skips empty cells, values equal to the base, and values equal to the database now', () => {
    const c = cell({ base: 0.3 });
    const r = diff([{ cell: c, raw: '' }, { cell: c, raw: '0.30' }], [[key(c), 0.4]]);
    expect(r.changes).toEqual([]);
    expect(r.unchanged).toBe(1);
    expect(diff([{ cell: cell(), raw: 0.4 }], [[key(cell()), 0.4]]).unchanged).toBe(1);
  });

  it('is a conflict when the database no longer holds the base value', () => {
    const c = cell({ base: 0.3 });
    expect(diff([{ cell: c, raw: 0.5 }], [[key(c), 0.3]]).changes[0]).toMatchObject({ kind: 'changed', conflict: false, current: 0.3 });
    expect(diff([{ cell: c, raw: 0.5 }], [[key(c), 0.35]]).changes[0]).toMatchObject({ kind: 'changed', conflict: true, current: 0.35, base: 0.3 });
    expect(diff([{ cell: c, raw: 0.5 }]).changes[0]).toMatchObject({ kind: 'new', conflict: true }); // the district cleared it
  });

  it('turns invalid values into problems with their place, and blocks a cumulative drop without a note', () => {
    const r = diff([{ cell: cell({ decimals: 0, measureUnit: '家', indicatorName: '高新技术企业' }), raw: '3.5' }, { cell: cell(), raw: '约3亿' }]);
    expect(r.changes).toEqual([]);
    expect(r.problems.map((p) => [p.where, p.level])).toEqual([
      ['F7', 'error'],
      ['F7', 'error'],
    ]);
    expect(r.problems[0].message).toContain('只能填整数');
    const c = cell();
    expect(diff([{ cell: c, raw: 0.2 }], [], [[key(c), 0.4]]).changes[0].blocked).toContain('请填写说明');
    expect(diff([{ cell: c, raw: 0.2, note: '合同撤销' }], [], [[key(c), 0.4]]).changes[0]).toMatchObject({ blocked: null, note: '合同撤销' });
    expect(diff([{ cell: c, raw: 2 }]).changes[0].warning).toContain('远高于目标');
  });
});

describe('diffProgress', () => {
  const task: ExchangeTask = { taskId: 3, seq: 3, content: '走访企业', leadText: '区科工局', base: { status: 'in_progress', text: '已走访5家' } };
  const run = (status: string, text: string, current?: { status: 'in_progress' | 'done'; text: string }) =>
    diffProgress({ unitId: 7, unitName: '京山街道', period: '2022-12', returned: [{ task, status, text, where: 'D4' }], current: new Map(current ? [[3, current]] : []) });

  it('reads status labels, skips what is unchanged, flags a conflict, refuses an unknown status', () => {
    expect(parseStatus('已完成')).toBe('done');
    expect(parseStatus('done')).toBe('done');
    expect(parseStatus('完成了')).toBeNull();
    expect(run('推进中', '已走访5家', { status: 'in_progress', text: '已走访5家' }).changes).toEqual([]);
    expect(run('已完成', '全部走访', { status: 'in_progress', text: '已走访5家' }).changes[0]).toMatchObject({ conflict: false, value: { status: 'done', text: '全部走访' } });
    expect(run('已完成', '全部走访', { status: 'done', text: '区里改过' }).changes[0].conflict).toBe(true);
    expect(run('完成了', 'x').problems[0].message).toContain('无法识别');
  });
});
