/**
 * plans.list says where each plan's figures stop (Plan.lastFigureMonth), so a
 * past plan opens on 1-9月 when its figures reach September, not on an empty
 * 1-12月: null without figures; a street's month, a quarter's last month and
 * the district's own figure count; 上年同期 figures do not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { writeFigureOp } from '../../electron/core/db/repos/figures';
import { writeSampleMonthsOp } from '../helpers/dashboardSample';
import { call } from '../helpers/importDb';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
beforeEach(async () => {
  s = await testStore('example');
});
afterEach(() => s.close());

const lastMonth = async (core: Core) => (await call(core, 'plans.list', {}))[0].lastFigureMonth;

describe('plans.list lastFigureMonth', () => {
  it('is null without figures and follows the figures written', async () => {
    expect(await lastMonth(s.core)).toBeNull();

    // Written beside the core, as another program would: the core answers from what the store holds at each call.
    const id = async (sql: string, name: string) => (await s.rows<{ id: number }>(sql, name))[0].id;
    const put = async (indicator: string, unit: string, period: string, value: number) =>
      s.store.write(
        writeFigureOp({ indicatorId: await id('SELECT id FROM indicators WHERE name = ?', indicator), unitId: await id('SELECT id FROM units WHERE name = ?', unit), period, value, by: '测试员' }),
      );
    await put('技术合同成交额', '洪都街道', '2021-11', 1); // 上年同期: not where the plan stands
    expect(await lastMonth(s.core)).toBeNull();
    await put('技术合同成交额', '洪都街道', '2022-05', 1);
    await put('科技型中小企业', '京山街道', '2022Q3', 4); // a quarter's figure reaches its last month
    expect(await lastMonth(s.core)).toBe('2022-09');
    await put('技术合同成交额', '青云谱区', '2022-10', 9); // the district's own entry counts too
    expect(await lastMonth(s.core)).toBe('2022-10');
    // And the core started anew reads the same.
    expect(await lastMonth(await s.reopen())).toBe('2022-10');
  });

  it('is the last month of the generated 示例数据 (nine months)', async () => {
    await s.store.write(writeSampleMonthsOp(2022, 9));
    expect(await lastMonth(s.core)).toBe('2022-09');
  });
});
