/**
 * 上年同期: last year's figures are entered for the year before the plan, only
 * as the base of 同比 — never judged against this year's targets — and then
 * give 同比 in this year's 完成情况 (the grid, the Excel sheet and the summary read it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { EntrySheet } from '../../shared/entry/views';
import type { ProgressTable } from '../../shared/figures/progressTable';
import { testStore, type TestStore } from '../helpers/testStore';

let store: TestStore;
let core: Core;
let planId: number;
let unit: Record<string, number>;
let contracts: number;

async function call<T>(method: string, request: unknown): Promise<T> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

beforeEach(async () => {
  store = await testStore('example', { operator: null });
  core = store.core;
  planId = (await call<{ id: number }[]>('plans.list', {}))[0].id;
  const dir = await call<{ units: { id: number; name: string }[] }>('units.directory', {});
  unit = Object.fromEntries(dir.units.map((u) => [u.name, u.id]));
  const overview = await call<{ goals: { indicator: { id: number; name: string } }[] }>('plan.overview', { planId });
  contracts = overview.goals.find((g) => g.indicator.name === '技术合同成交额')!.indicator.id;
  await call('operator.set', { name: '王芳' });
});
afterEach(async () => {
  await store.close();
});

const edit = (unitName: string, period: string, value: number) => ({ indicatorId: contracts, unitId: unit[unitName], period, value });

describe('上年同期 figures', () => {
  it('are accepted for the year before the plan, refused two years back', async () => {
    expect((await call<{ changed: number }>('entry.save', { planId, edits: [edit('洪都街道', '2021-09', 0.02)] })).changed).toBe(1);
    const r = await core.call('entry.save', { planId, edits: [edit('洪都街道', '2020-09', 0.02)] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('上年同期 2021年');
  });

  it('are shown without targets, 完成率 or status', async () => {
    await call('entry.save', { planId, edits: [edit('洪都街道', '2021-09', 0.02)] });
    const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2021-09' });
    const cell = sheet.table.rows.find((row) => row.unit.name === '洪都街道')!.cells[contracts];
    expect(cell).toMatchObject({ actual: 0.02, target: null, rate: null, status: 'none' });
    expect(sheet.table.parent.cells[contracts].target).toBeNull();
  });

  it('give 同比 to this year\'s figures of the same period', async () => {
    await call('entry.save', { planId, edits: [edit('洪都街道', '2021-09', 0.02), edit('洪都街道', '2022-09', 0.03)] });
    const t = await call<ProgressTable>('figures.progress', { planId, period: '2022-09' });
    const cell = t.rows.find((row) => row.unit.name === '洪都街道')!.cells[contracts];
    expect(cell.lastYear).toBe(0.02);
    expect(cell.yoy).toBeCloseTo(0.5, 10);
    expect(cell.target).toBe(0.05);
  });
});
