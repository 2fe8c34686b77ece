/** Figures can only be saved for the plan's own unit and its sub-units, never for another district's. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let core: Core;

beforeEach(async () => {
  s = await testStore('example', { operator: null });
  // Another district with a street of its own, as a city-level database would hold.
  const [{ id: other }] = await s.rows<{ id: number }>("INSERT INTO units (name, kind, parent_id, sort_order) VALUES ('南昌县', 'district', NULL, 9) RETURNING id");
  await s.run("INSERT INTO units (name, kind, parent_id, sort_order) VALUES ('莲塘镇', 'town', ?, 1)", other);
  // The core as the app starts on such a database.
  core = await s.reopen();
});
afterEach(async () => {
  await s.close();
});

async function value<T>(method: string, request: unknown): Promise<T> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('entry.save and units', () => {
  it('refuses a unit outside the plan, and writes nothing', async () => {
    await value('operator.set', { name: '王芳' });
    const planId = (await value<{ id: number }[]>('plans.list', {}))[0].id;
    const units = (await value<{ units: { id: number; name: string }[] }>('units.directory', {})).units;
    const overview = await value<{ goals: { indicator: { id: number; name: string } }[] }>('plan.overview', { planId });
    const contracts = overview.goals.find((g) => g.indicator.name === '技术合同成交额')!.indicator.id;
    const id = (name: string) => units.find((u) => u.name === name)!.id;
    const r = await core.call('entry.save', {
      planId,
      edits: [
        { indicatorId: contracts, unitId: id('洪都街道'), period: '2022-09', value: 0.03 },
        { indicatorId: contracts, unitId: id('莲塘镇'), period: '2022-09', value: 0.5 },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('单位“莲塘镇”不是本工作要点的填报单位，不能填报它的完成数。');
    expect(await s.rows('SELECT count(*) AS n FROM figures')).toEqual([{ n: 0 }]);
  });
});
