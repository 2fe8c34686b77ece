/**
 * 完成情况 from real figures in a real database: sums, 完成率, status against
 * 时序进度, 同比, rank, and the figure history written with every change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { figureHistoryOp, writeFigureOp } from '../../electron/core/db/repos/figures';
import type { ProgressTable } from '../../shared/figures/progressTable';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let ids: { plan: number; unit: Record<string, number>; indicator: Record<string, number> };

beforeEach(async () => {
  s = await testStore('example'); // the example plan
  const byName = (rows: { name: string; id: number }[]) => Object.fromEntries(rows.map((r) => [r.name, r.id]));
  const unit = byName(await s.rows('SELECT name, id FROM units'));
  const indicator = byName(await s.rows('SELECT name, id FROM indicators'));
  ids = { plan: (await s.rows<{ id: number }>('SELECT id FROM plans'))[0].id, unit, indicator };
});
afterEach(async () => {
  await s.close();
});

const contracts = () => ids.indicator['技术合同成交额'];
// Written beside the core, as another program would (the repos' own write, one transaction each): the core reads them at its next call.
const put = (unit: string, indicator: number, period: string, value: number | null) =>
  s.store.write(writeFigureOp({ indicatorId: indicator, unitId: ids.unit[unit], period, value, by: '测试员' }));

async function progress(period: string, unitId?: number): Promise<ProgressTable> {
  const r = await s.core.call('figures.progress', { planId: ids.plan, period, ...(unitId ? { unitId } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as ProgressTable;
}

describe('figures.progress', () => {
  it('computes 完成率, status against 时序进度, 同比 and rank; the district total is the sum', async () => {
    // 1-9月 cumulative 技术合同成交额 (亿元), targets 3 / 0.05 / 3 / 0.5 / 0.15 / 0.1 / 0.2.
    await put('三家店街道', contracts(), '2022-09', 2.4); // 80% ≥ 75% → green
    await put('洪都街道', contracts(), '2022-09', 0.035); // 70% → amber (within 10 points)
    await put('徐家坊街道', contracts(), '2022-09', 1.5); // 50% → red
    await put('京山街道', contracts(), '2022-09', 0.5); // 100%
    await put('三家店街道', contracts(), '2021-09', 2.0); // last year → 同比 +20%
    const t = await progress('2022-09');
    expect(t.scheduleProgress).toBe(0.75);
    expect(t.periodLabel).toBe('2022年1-9月');
    const cell = (unit: string) => t.rows.find((r) => r.unit.name === unit)!.cells[contracts()];
    expect(cell('三家店街道')).toMatchObject({ target: 3, actual: 2.4, status: 'green', figurePeriod: '2022-09', lastYear: 2 });
    expect(cell('三家店街道').rate).toBeCloseTo(0.8, 10);
    expect(cell('三家店街道').yoy).toBeCloseTo(0.2, 10);
    expect(cell('洪都街道').status).toBe('amber');
    expect(cell('徐家坊街道').status).toBe('red');
    expect(cell('岱山街道')).toMatchObject({ actual: null, rate: null, reason: 'no_figure', status: 'none', rank: null });
    expect([cell('京山街道').rank, cell('三家店街道').rank, cell('洪都街道').rank, cell('徐家坊街道').rank]).toEqual([1, 2, 3, 4]);
    // Four of seven streets have reported: the district shows their running total, not judged yet.
    const district = t.parent.cells[contracts()];
    expect(district).toMatchObject({
      actual: 4.435,
      actualSource: 'partial_sum',
      reported: { count: 4, of: 7 },
      status: 'partial',
      yoy: null,
      target: 7,
      rank: null,
    });
    expect(district.rate).toBeCloseTo(4.435 / 7, 10);
  });

  it('shows a quarterly indicator at its last ended quarter, a yearly one only at year end', async () => {
    const smes = ids.indicator['科技型中小企业'];
    const hightech = ids.indicator['高新技术企业'];
    await put('洪都街道', smes, '2022Q2', 5);
    await put('洪都街道', hightech, '2022', 4);
    const aug = await progress('2022-08');
    const hongdu = aug.rows.find((r) => r.unit.name === '洪都街道')!;
    expect(hongdu.cells[smes]).toMatchObject({ figurePeriod: '2022Q2', actual: 5 });
    expect(hongdu.cells[hightech]).toMatchObject({ figurePeriod: null, actual: null });
    const year = await progress('2022');
    expect(year.rows.find((r) => r.unit.name === '洪都街道')!.cells[hightech]).toMatchObject({ actual: 4, rate: 1, status: 'green' });
  });

  it('sums last year for the district only when every sub-unit has last year\'s figure', async () => {
    const subUnits = ['三家店街道', '洪都街道', '徐家坊街道', '京山街道', '岱山街道', '青云谱镇', '新经济产业集聚区'];
    for (const u of subUnits) await put(u, contracts(), '2022-12', 1);
    for (const u of subUnits.slice(0, 6)) await put(u, contracts(), '2021-12', 0.5);
    const partial = await progress('2022-12');
    expect(partial.parent.cells[contracts()]).toMatchObject({ actual: 7, lastYear: null, yoy: null });
    await put('新经济产业集聚区', contracts(), '2021-12', 2);
    const full = await progress('2022-12');
    expect(full.parent.cells[contracts()]).toMatchObject({ actual: 7, lastYear: 5 });
    expect(full.parent.cells[contracts()].yoy).toBeCloseTo(0.4, 10);
  });

  it('once every street has reported, the district total is the sum and is judged', async () => {
    const subUnits = ['三家店街道', '洪都街道', '徐家坊街道', '京山街道', '岱山街道', '青云谱镇', '新经济产业集聚区'];
    for (const u of subUnits) await put(u, contracts(), '2022-09', 0.8);
    const t = await progress('2022-09');
    expect(t.parent.cells[contracts()]).toMatchObject({ actual: 5.6, actualSource: 'sum', reported: { count: 7, of: 7 }, status: 'green' });
  });

  it('an additive goal the plan does not split: the district\'s own entry until sub-units report it, then their sum', async () => {
    const platforms = ids.indicator['新增市级以上研发平台和创新载体'];
    await put('青云谱区', platforms, '2022', 2);
    let t = await progress('2022');
    expect(t.parent.cells[platforms]).toMatchObject({ actual: 2, actualSource: 'entered', reported: null, target: 1, targetMax: 3 });
    // Two streets report 1 each (the case of issue 17): the district's figure is their sum, complete —
    // the other sub-units owe nothing for a goal the plan did not split — never 暂未填报.
    await put('洪都街道', platforms, '2022', 1);
    await put('京山街道', platforms, '2022', 1);
    t = await progress('2022');
    expect(t.parent.cells[platforms]).toMatchObject({ actual: 2, actualSource: 'sum', reported: { count: 2, of: 7 }, status: 'green', rate: 2 });
  });

  it('a street\'s own view never borrows the district\'s baseline or growth goal', async () => {
    await s.run('UPDATE indicators SET baseline = 6 WHERE id = ?', contracts());
    await put('京山街道', contracts(), '2022-12', 0.6);
    const own = await progress('2022-12', ids.unit['京山街道']);
    expect(own.parent.cells[contracts()]).toMatchObject({ actual: 0.6, target: 0.5, lastYear: null, yoy: null });
    const district = await progress('2022-12');
    expect(district.parent.cells[contracts()].lastYear).toBe(6);
  });

  it('never sums a ratio indicator: the district figure is the one entered', async () => {
    const rd = ids.indicator['全社会R&D经费投入占GDP比重'];
    await put('三家店街道', rd, '2022', 0.9);
    await put('青云谱区', rd, '2022', 0.6);
    await put('青云谱区', rd, '2021', 0.5);
    const t = await progress('2022');
    expect(t.parent.cells[rd]).toMatchObject({ actual: 0.6, actualSource: 'entered', target: 0.55, yoy: null, pointChange: 0.1 });
  });

  it('gives one sub-unit its own view', async () => {
    await put('京山街道', contracts(), '2022-06', 0.2);
    const t = await progress('2022-06', ids.unit['京山街道']);
    expect(t.parent.unit.name).toBe('京山街道');
    expect(t.rows).toEqual([]);
    expect(t.parent.cells[contracts()]).toMatchObject({ actual: 0.2, target: 0.5 });
  });

  it('refuses a malformed period with the accepted forms in Chinese', async () => {
    const r = await s.core.call('figures.progress', { planId: ids.plan, period: '2022-13' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('2022Q3');
  });
});

describe('figure history', () => {
  it('keeps every change, old → new, and writes nothing when the value is unchanged', async () => {
    expect(await put('洪都街道', contracts(), '2022-03', 0.01)).toBe(true);
    expect(await put('洪都街道', contracts(), '2022-03', 0.02)).toBe(true);
    expect(await put('洪都街道', contracts(), '2022-03', 0.02)).toBe(false);
    expect(await put('洪都街道', contracts(), '2022-03', null)).toBe(true);
    const h = await s.store.read(figureHistoryOp(contracts(), ids.unit['洪都街道'], '2022-03'));
    expect(h.map((e) => [e.oldValue, e.newValue, e.changedBy])).toEqual([
      [null, 0.01, '测试员'],
      [0.01, 0.02, '测试员'],
      [0.02, null, '测试员'],
    ]);
  });
});
