/** Figures can only be saved for the plan's own unit and its sub-units, never for another district's. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { tempDbPath } from '../helpers/tempDb';

let core: Core;
let dbPath: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dbPath, cleanup } = tempDbPath());
  openCore({ dbPath }).close();
  // Another district with a street of its own, as a city-level database would hold.
  const raw = new Database(dbPath);
  const other = Number(raw.prepare("INSERT INTO units (name, kind, parent_id, sort_order) VALUES ('南昌县', 'district', NULL, 9)").run().lastInsertRowid);
  raw.prepare("INSERT INTO units (name, kind, parent_id, sort_order) VALUES ('莲塘镇', 'town', ?, 1)").run(other);
  raw.close();
  core = openCore({ dbPath });
});
afterEach(() => {
  core.close();
  cleanup();
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
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM figures').pluck().get()).toBe(0);
    raw.close();
  });
});
