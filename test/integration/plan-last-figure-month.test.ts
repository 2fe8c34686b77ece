/**
 * plans.list says where each plan's figures stop (Plan.lastFigureMonth), so a
 * past plan opens on 1-9月 when its figures reach September, not on an empty
 * 1-12月: null without figures; a street's month, a quarter's last month and
 * the district's own figure count; 上年同期 figures do not.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { writeFigure } from '../../electron/core/db/repos/figures';
import { writeSampleMonths } from '../helpers/dashboardSample';
import { call } from '../helpers/importDb';
import { tempDir } from '../helpers/tempDb';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-last-month-');
});
afterAll(() => tmp.cleanup());

const lastMonth = async (core: Core) => (await call(core, 'plans.list', {}))[0].lastFigureMonth;

describe('plans.list lastFigureMonth', () => {
  it('is null without figures and follows the figures written', async () => {
    const dbPath = path.join(tmp.dir, 'a.db');
    let core = openCore({ dbPath });
    expect(await lastMonth(core)).toBeNull();
    core.close();

    const { db } = openDb(dbPath);
    const id = (sql: string, name: string) => db.prepare(sql).pluck().get(name) as number;
    const put = (indicator: string, unit: string, period: string, value: number) =>
      writeFigure(db, { indicatorId: id('SELECT id FROM indicators WHERE name = ?', indicator), unitId: id('SELECT id FROM units WHERE name = ?', unit), period, value, by: '测试员' });
    put('技术合同成交额', '洪都街道', '2021-11', 1); // 上年同期: not where the plan stands
    core = openCore({ dbPath });
    expect(await lastMonth(core)).toBeNull();
    core.close();
    put('技术合同成交额', '洪都街道', '2022-05', 1);
    put('科技型中小企业', '京山街道', '2022Q3', 4); // a quarter's figure reaches its last month
    core = openCore({ dbPath });
    expect(await lastMonth(core)).toBe('2022-09');
    core.close();
    put('技术合同成交额', '青云谱区', '2022-10', 9); // the district's own entry counts too
    core = openCore({ dbPath });
    expect(await lastMonth(core)).toBe('2022-10');
    core.close();
    db.close();
  });

  it('is the last month of the generated 示例数据 (nine months)', async () => {
    const dbPath = path.join(tmp.dir, 'b.db');
    openCore({ dbPath }).close();
    const { db } = openDb(dbPath);
    writeSampleMonths(db, 2022, 9);
    db.close();
    const core = openCore({ dbPath });
    expect(await lastMonth(core)).toBe('2022-09');
    core.close();
  });
});
