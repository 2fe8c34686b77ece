/**
 * `dashboard.get` and `taizhang status` on both engines (issue 22): the
 * example plan with nine months of generated 示例数据 figures and task
 * progress — written to each store by the same Op (dashboardSample.ts
 * writeSampleMonthsOp over writeFigureOp/writeProgressOp), one write
 * transaction — plus a 催报 sent, a 审核 state and a deactivated street
 * that still holds data; the same answers on a SQLite file and on a
 * PostgreSQL store, deep-equal, for the district, a street, a quarter and
 * the year, and the same `status` output, JSON and text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../shared/dashboard/view';
import { writeSampleMonthsOp } from '../helpers/dashboardSample';
import { taizhang } from '../helpers/cli';
import { openEngine, stopEngines, type EngineStore } from '../helpers/engines';
import { sameRandomCodes, writeExampleWithSamples } from '../helpers/exampleStores';

const AT = '2022-09-30T08:00:00.000Z';
let lite: EngineStore;
let pg: EngineStore;
let planId: number;

/** What both stores get, through the same Ops; then the few rows no API writes on PostgreSQL yet, in plain SQL both accept. */
async function fill(s: EngineStore): Promise<number> {
  const planId = await writeExampleWithSamples(s, 9, AT);
  const street = async (name: string) => Number((await s.sql(`SELECT id FROM units WHERE name = '${name}'`))[0].id);
  const [hongdu, jingshan] = [await street('洪都街道'), await street('京山街道')];
  await s.sql(`INSERT INTO reminder_events (plan_id, period, unit_id, channel, sent_by, sent_at) VALUES
    (${planId}, '2022-09', ${hongdu}, 'notice', '王区', '2022-10-05T01:00:00.000Z'),
    (${planId}, '2022-09', ${hongdu}, 'list', '王区', '2022-10-06T01:00:00.000Z')`);
  await s.sql(`INSERT INTO figure_reviews (plan_id, unit_id, period, state, reason, by_name, at) VALUES
    (${planId}, ${hongdu}, '2022-09', 'returned', '数据有误', '王区', '2022-10-07T01:00:00.000Z'),
    (${planId}, ${jingshan}, '2022Q3', 'approved', NULL, '王区', '2022-10-07T02:00:00.000Z')`);
  await s.sql(`UPDATE units SET active = 0 WHERE id = ${jingshan}`);
  await sameRandomCodes(s);
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

async function dashboard(s: EngineStore, req: Record<string, unknown>): Promise<DashboardView> {
  const r = await s.core.call('dashboard.get', { planId, today: '2022-10-08', ...req });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as DashboardView;
}

describe('dashboard.get on SQLite and PostgreSQL', () => {
  it('the district at 2022-09: the same view, with figures, 催报, 审核 and the deactivated street in it', async () => {
    const view = await dashboard(lite, { period: '2022-09' });
    expect(await dashboard(pg, { period: '2022-09' })).toEqual(view);
    // Not an empty answer that happens to agree.
    expect(view.sampleData).toBe(true);
    expect(view.units.map((u) => u.name)).toContain('京山街道');
    expect(view.cells.flat().filter((c) => c[0] === 'green' || c[0] === 'amber' || c[0] === 'red').length).toBeGreaterThan(10);
    // Both periods the view shows (monthly and quarterly indicators), by unit.
    expect(view.reviews.map((r) => [r.period, r.state, r.reason])).toEqual([
      ['2022-09', 'returned', '数据有误'],
      ['2022Q3', 'approved', null],
    ]);
    expect(view.reminders.rows.find((r) => r.unit.name === '洪都街道')?.lastReminder).toEqual({ at: '2022-10-06T01:00:00.000Z', by: '王区', channel: 'list' });
    expect(view.tiles.tasks.done + view.tiles.tasks.in_progress + view.tiles.tasks.late).toBeGreaterThan(0);
    expect(view.trends.length).toBeGreaterThan(0);
  });

  it('a street, a quarter and the year: the same views', async () => {
    const hongdu = Number((await lite.sql("SELECT id FROM units WHERE name = '洪都街道'"))[0].id);
    for (const req of [{ period: '2022-09', unitId: hongdu }, { period: '2022Q3' }, { period: '2022' }, { period: '2022-03' }]) {
      expect(await dashboard(pg, req), JSON.stringify(req)).toEqual(await dashboard(lite, req));
    }
  });

  it('refuses the same way: a period outside the plan, a unit that is not its sub-unit, a plan that does not exist', async () => {
    for (const req of [{ period: '2025-01' }, { period: '2022-09', unitId: 99_999 }, { period: '2022-09', planId: 424_242 }]) {
      const [a, b] = [await lite.core.call('dashboard.get', { planId, ...req }), await pg.core.call('dashboard.get', { planId, ...req })];
      expect(a.ok).toBe(false);
      expect(b).toEqual(a);
    }
  });
});

describe('taizhang status on SQLite and PostgreSQL', () => {
  const status = async (s: EngineStore, ...more: string[]) => {
    const run = await taizhang(['status', '--db', s.db, '--period', '2022-09', ...more]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.stdout;
  };

  it('prints the same JSON and the same text', async () => {
    const json = await status(lite, '--json');
    expect(await status(pg, '--json')).toBe(json);
    const parsed = JSON.parse(json);
    expect(parsed.cells.length).toBeGreaterThan(40);
    expect(parsed.laggards.length).toBeGreaterThan(0);
    expect(parsed.notReported.length).toBeGreaterThan(0);
    expect(await status(pg)).toBe(await status(lite));
    expect(await status(pg, '--unit', '洪都街道', '--json')).toBe(await status(lite, '--unit', '洪都街道', '--json'));
  });
});
