/**
 * Entry through the API on a real database: operator, save in a transaction
 * (all or nothing), validation in the core, history, locks and unlock reasons,
 * task progress and the 催报 list.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { EntrySheet, LockState, ProgressSheet, ReminderList, UnitYearSheet } from '../../shared/entry/views';
import { testStore, type TestStore } from '../helpers/testStore';

let store: TestStore;
let core: Core;
let planId: number;
let unit: Record<string, number>;
let ind: Record<string, number>;

async function call<T>(method: string, request: unknown): Promise<T> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
async function refused(method: string, request: unknown): Promise<string> {
  const r = await core.call(method, request);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error.message;
}

beforeEach(async () => {
  store = await testStore('example', { operator: null });
  core = store.core;
  planId = (await call<{ id: number }[]>('plans.list', {}))[0].id;
  const dir = await call<{ units: { id: number; name: string }[] }>('units.directory', {});
  unit = Object.fromEntries(dir.units.map((u) => [u.name, u.id]));
  const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2022-09' });
  ind = Object.fromEntries(sheet.table.indicators.map((i) => [i.name, i.id]));
});
afterEach(async () => {
  await store.close();
});

const save = (edits: object[]) => call<{ changed: number; by: string }>('entry.save', { planId, edits });
const contract = (unitName: string, period: string, value: number | null, extra: object = {}) => ({
  indicatorId: ind['技术合同成交额'],
  unitId: unit[unitName],
  period,
  value,
  ...extra,
});

describe('operator', () => {
  it('is asked before the first save and recorded with every change', async () => {
    expect(await call('operator.get', {})).toEqual({ name: null });
    expect(await refused('entry.save', { planId, edits: [contract('洪都街道', '2022-09', 0.03)] })).toContain('尚未设置操作员姓名');
    await call('operator.set', { name: '  李明 ' });
    expect(await call('operator.get', {})).toEqual({ name: '李明' });
    expect(await refused('operator.set', { name: '   ' })).toContain('操作员姓名不能为空');
    // A figure typed where the name was asked ("11", Enter) is not taken as a name.
    expect(await refused('operator.set', { name: '11' })).toContain('不能只有数字或符号');
    expect(await refused('operator.set', { name: '1.5%' })).toContain('不能只有数字或符号');
  });
});

describe('entry.save', () => {
  beforeEach(async () => {
    await call('operator.set', { name: '李明' });
  });

  it('saves a cell, shows it in the sheet with 完成率, and keeps the history', async () => {
    expect((await save([contract('洪都街道', '2022-09', 0.03)])).changed).toBe(1);
    await call('operator.set', { name: '王芳' });
    expect((await save([contract('洪都街道', '2022-09', 0.04)])).changed).toBe(1);
    expect((await save([contract('洪都街道', '2022-09', 0.04)])).changed).toBe(0);
    const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2022-09' });
    const cell = sheet.table.rows.find((r) => r.unit.name === '洪都街道')!.cells[ind['技术合同成交额']];
    expect(cell).toMatchObject({ actual: 0.04, target: 0.05, figurePeriod: '2022-09' });
    expect(cell.rate).toBeCloseTo(0.8, 10);
    // One of seven streets has reported: a running total, not judged yet.
    expect(sheet.table.parent.cells[ind['技术合同成交额']]).toMatchObject({
      actual: 0.04,
      actualSource: 'partial_sum',
      status: 'partial',
      reported: { count: 1, of: 7 },
    });
    const history = await call<{ oldValue: number | null; newValue: number | null; changedBy: string; changedAt: string }[]>(
      'entry.history',
      { planId, indicatorId: ind['技术合同成交额'], unitId: unit['洪都街道'], period: '2022-09' },
    );
    expect(history.map((h) => [h.oldValue, h.newValue, h.changedBy])).toEqual([
      [null, 0.03, '李明'],
      [0.03, 0.04, '王芳'],
    ]);
    expect(history[1].changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('is all or nothing: one bad cell in a paste writes none', async () => {
    const msg = await refused('entry.save', {
      planId,
      edits: [contract('洪都街道', '2022-09', 0.03), contract('京山街道', '2022-09', 0.123456)],
    });
    expect(msg).toBe('京山街道 · 技术合同成交额（2022年1-9月）：技术合同成交额以“亿元”计，只能填最多4位小数，如 1.2346。');
    const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2022-09' });
    expect(sheet.table.rows.find((r) => r.unit.name === '洪都街道')!.cells[ind['技术合同成交额']].actual).toBeNull();
  });

  it('applies the rules in the core: negatives, whole 家, the indicator own period, computed district totals', async () => {
    expect(await refused('entry.save', { planId, edits: [contract('洪都街道', '2022-09', -1)] })).toContain('不能为负数');
    const smes = { indicatorId: ind['科技型中小企业'], unitId: unit['洪都街道'] };
    expect(await refused('entry.save', { planId, edits: [{ ...smes, period: '2022Q3', value: 2.5 }] })).toContain('只能填整数');
    expect(await refused('entry.save', { planId, edits: [{ ...smes, period: '2022-09', value: 2 }] })).toContain('按季度');
    expect(await refused('entry.save', { planId, edits: [contract('青云谱区', '2022-09', 5)] })).toContain('由各下级单位汇总');
    expect(await refused('entry.save', { planId, edits: [contract('洪都街道', '2023-01', 1)] })).toContain('不在本工作要点的年度');
    // Ratios are entered for the district itself.
    const rd = { indicatorId: ind['全社会R&D经费投入占GDP比重'], unitId: unit['青云谱区'], period: '2022', value: 0.56 };
    expect((await save([rd])).changed).toBe(1);
    // …and never by a sub-unit the plan gives no target of its own (shared/figures/aggregate.ts).
    expect(await refused('entry.save', { planId, edits: [{ ...rd, unitId: unit['洪都街道'] }] })).toContain('比率指标不可加总，由全区填报');
  });

  it('a goal the plan keeps at the district: the district enters it until sub-units report it, then it is their sum', async () => {
    const platforms = (unitName: string, value: number | null) => ({ indicatorId: ind['新增市级以上研发平台和创新载体'], unitId: unit[unitName], period: '2022', value });
    expect((await save([platforms('青云谱区', 1)])).changed).toBe(1);
    expect((await save([platforms('洪都街道', 1), platforms('京山街道', 1)])).changed).toBe(2);
    expect(await refused('entry.save', { planId, edits: [platforms('青云谱区', 3)] })).toContain('下级单位已填报该指标，全区数为其合计');
    // The grid says the same, and shows their sum.
    const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2022' });
    expect(sheet.table.parent.cells[ind['新增市级以上研发平台和创新载体']]).toMatchObject({ actual: 2, actualSource: 'sum' });
    // Clearing the district's stale entry stays possible.
    expect((await save([platforms('青云谱区', null)])).changed).toBe(1);
  });

  it('a cumulative drop needs a note, a value far above target a confirmation', async () => {
    await save([contract('三家店街道', '2022-08', 2.4)]);
    expect(await refused('entry.save', { planId, edits: [contract('三家店街道', '2022-09', 2.1)] })).toContain('请填写说明');
    expect((await save([contract('三家店街道', '2022-09', 2.1, { note: '核减一笔重复登记的合同' })])).changed).toBe(1);
    const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2022-09' });
    const key = `${ind['技术合同成交额']}|${unit['三家店街道']}|2022-09`;
    expect(sheet.notes[key]).toBe('核减一笔重复登记的合同');
    expect(sheet.previous[key]).toBe(2.4);
    expect(await refused('entry.save', { planId, edits: [contract('洪都街道', '2022-09', 50)] })).toContain('数值远高于目标');
    expect((await save([contract('洪都街道', '2022-09', 50, { confirmed: true })])).changed).toBe(1);
  });

  it('the flipped grid shows one unit by month, quarterly figures at quarter ends', async () => {
    await save([
      contract('洪都街道', '2022-03', 0.01),
      { indicatorId: ind['科技型中小企业'], unitId: unit['洪都街道'], period: '2022Q1', value: 3 },
    ]);
    const y = await call<UnitYearSheet>('entry.unitYear', { planId, unitId: unit['洪都街道'], year: 2022 });
    expect(y.months).toHaveLength(12);
    expect(y.cells[`${ind['技术合同成交额']}|2022-03`]).toMatchObject({ figurePeriod: '2022-03', cell: { actual: 0.01, target: 0.05 } });
    expect(y.cells[`${ind['科技型中小企业']}|2022-03`]).toMatchObject({ figurePeriod: '2022Q1', cell: { actual: 3, target: 8 } });
    expect(y.cells[`${ind['科技型中小企业']}|2022-02`]).toBeUndefined();
    expect(y.cells[`${ind['高新技术企业']}|2022-12`]).toMatchObject({ figurePeriod: '2022' });
  });
});

describe('locks', () => {
  beforeEach(async () => {
    await call('operator.set', { name: '李明' });
    await save([contract('洪都街道', '2022-09', 0.03)]);
  });

  it('a locked period is read-only through the API; unlocking needs a reason, and both are recorded', async () => {
    expect((await call<{ locked: string[] }>('entry.lock', { planId, period: '2022-09' })).locked.sort()).toEqual(['2022-09', '2022Q3']);
    const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2022-09' });
    expect(sheet.viewLocked).toBe(true);
    expect(sheet.locked.sort()).toEqual(['2022-09', '2022Q3']);
    expect(await refused('entry.save', { planId, edits: [contract('洪都街道', '2022-09', 0.04)] })).toContain('已锁定');
    const q3 = { indicatorId: ind['科技型中小企业'], unitId: unit['洪都街道'], period: '2022Q3', value: 4 };
    expect(await refused('entry.save', { planId, edits: [q3] })).toContain('已锁定');
    // Other periods stay open.
    expect((await save([contract('洪都街道', '2022-10', 0.04)])).changed).toBe(1);

    expect(await refused('entry.unlock', { planId, period: '2022-09', reason: ' ' })).toContain('解锁原因');
    expect((await call<{ unlocked: string[] }>('entry.unlock', { planId, period: '2022-09', reason: '洪都街道更正9月数据' })).unlocked.sort()).toEqual([
      '2022-09',
      '2022Q3',
    ]);
    expect((await save([contract('洪都街道', '2022-09', 0.035)])).changed).toBe(1);
    const state = await call<LockState>('entry.locks', { planId });
    expect(state.locks).toEqual([]);
    expect(state.events.map((e) => [e.action, e.period, e.reason, e.by])).toEqual([
      ['unlock', '2022Q3', '洪都街道更正9月数据', '李明'],
      ['unlock', '2022-09', '洪都街道更正9月数据', '李明'],
      ['lock', '2022Q3', null, '李明'],
      ['lock', '2022-09', null, '李明'],
    ]);
    expect(await refused('entry.unlock', { planId, period: '2022-09', reason: '再次解锁' })).toContain('未锁定');
  });

  it('the history survives locks and clears: nothing is deleted', async () => {
    await save([contract('洪都街道', '2022-09', null)]);
    const history = await call<{ newValue: number | null }[]>('entry.history', {
      planId,
      indicatorId: ind['技术合同成交额'],
      unitId: unit['洪都街道'],
      period: '2022-09',
    });
    expect(history.map((h) => h.newValue)).toEqual([0.03, null]);
  });
});

describe('task progress and 催报', () => {
  beforeEach(async () => {
    await call('operator.set', { name: '李明' });
  });

  it('records status, text and date per task × responsible unit, refuses others and locked periods', async () => {
    const sheet = await call<ProgressSheet>('progress.sheet', { planId, period: '2022-09' });
    const row = sheet.rows.find((r) => r.taskSeq === 1 && r.unitName === '青云谱镇')!;
    expect(row).toMatchObject({ status: null, text: '' });
    await call('progress.save', {
      planId,
      period: '2022-09',
      entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'in_progress', text: '已完成数字经济项目摸底', reportedOn: '2022-09-28' }],
    });
    const after = await call<ProgressSheet>('progress.sheet', { planId, period: '2022-09', unitId: unit['青云谱镇'] });
    expect(after.rows.every((r) => r.unitId === unit['青云谱镇'])).toBe(true);
    expect(after.rows.find((r) => r.taskId === row.taskId)).toMatchObject({
      status: 'in_progress',
      text: '已完成数字经济项目摸底',
      reportedOn: '2022-09-28',
      enteredBy: '李明',
    });
    expect(
      await refused('progress.save', {
        planId,
        period: '2022-09',
        entries: [{ taskId: row.taskId, unitId: unit['洪都街道'], status: 'done', text: '', reportedOn: null }],
      }),
    ).toContain('责任单位中没有');
    await call('entry.lock', { planId, period: '2022-09' });
    expect(
      await refused('progress.save', {
        planId,
        period: '2022-09',
        entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'done', text: '完成', reportedOn: null }],
      }),
    ).toContain('已锁定');
  });

  it('催报 lists who still owes figures or progress, and drops what was reported', async () => {
    const before = await call<ReminderList>('entry.reminders', { planId, period: '2022-09' });
    const hongdu = before.rows.find((r) => r.unit.name === '洪都街道')!;
    // At 2022-09 a sub-unit owes its quarterly and monthly split indicators; yearly ones are not due yet.
    expect(hongdu.missingFigures.sort()).toEqual(['技术合同成交额', '科技型中小企业'].sort());
    await save([
      contract('洪都街道', '2022-09', 0.03),
      { indicatorId: ind['科技型中小企业'], unitId: unit['洪都街道'], period: '2022Q3', value: 5 },
    ]);
    const after = await call<ReminderList>('entry.reminders', { planId, period: '2022-09' });
    expect(after.rows.find((r) => r.unit.name === '洪都街道')!.missingFigures).toEqual([]);
    expect(after.rows.find((r) => r.unit.name === '京山街道')!.missingFigures.length).toBe(2);
    // The district owes its unsplit indicators, unless the sub-units reported an additive one (then it is their sum).
    const yearEnd = async () => (await call<ReminderList>('entry.reminders', { planId, period: '2022' })).rows.find((r) => r.unit.name === '青云谱区')!;
    expect((await yearEnd()).missingFigures).toContain('新增市级以上研发平台和创新载体');
    await save([{ indicatorId: ind['新增市级以上研发平台和创新载体'], unitId: unit['洪都街道'], period: '2022', value: 1 }]);
    expect((await yearEnd()).missingFigures).not.toContain('新增市级以上研发平台和创新载体');
    expect((await yearEnd()).missingFigures).toContain('全社会R&D经费投入占GDP比重');
    const dept = after.rows.find((r) => r.unit.name === '区发改委')!;
    expect(dept.expectedFigures).toBe(0);
    expect(dept.missingProgress.length).toBeGreaterThan(0);
  });
});
