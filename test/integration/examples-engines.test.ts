/**
 * The examples on both engines (issue 22): `taizhang info --example …` loads
 * the same plan into a SQLite file and into a PostgreSQL store — the same
 * Ops (seed/loadPlan.ts loadPlanSeedOp), one write transaction each — with
 * the same counts and, table by table, the same rows (ids included; only the
 * generated random codes differ). A load that fails half-way leaves the
 * store as it was, on both.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES, loadExampleOp, type ExampleName } from '../../electron/core/seed/example';
import { loadPlanSeedOp } from '../../electron/core/seed/loadPlan';
import { openPostgresCore } from '../../electron/core/store/postgres/core';
import type { Op } from '../../electron/core/store/query';
import { taizhang } from '../helpers/cli';
import { ENGINES, openEngine, stopEngines, type EngineStore } from '../helpers/engines';

afterAll(stopEngines, 60_000);

/** The tables an example writes, each read in a fixed order; `code` is random where the seed has none, `created_at` is the time. */
const CONTENT: Record<string, string> = {
  units: 'SELECT id, name, kind, parent_id, sort_order, full_name, active FROM units ORDER BY id',
  unit_groups: 'SELECT id, phrase, aliases, owner_unit_id FROM unit_groups ORDER BY id',
  unit_group_members: 'SELECT group_id, unit_id, sort_order FROM unit_group_members ORDER BY group_id, sort_order',
  plans: 'SELECT id, unit_id, title, year_start, year_end, doc_number, issued_on, issuer, source, archived_at, example, sample_targets FROM plans ORDER BY id',
  indicators:
    'SELECT id, plan_id, name, measure_unit, aggregation, frequency, decimals, sort_order, wording_text, wording_json, baseline, decomposed, issued_header FROM indicators ORDER BY id',
  targets: 'SELECT indicator_id, unit_id, value, value_max FROM targets ORDER BY indicator_id, unit_id',
  action_lines: 'SELECT id, plan_id, seq, title FROM action_lines ORDER BY id',
  tasks: 'SELECT id, action_line_id, seq, content, lead_text, responsible_text, deadline FROM tasks ORDER BY id',
  task_units: 'SELECT task_id, unit_id, role, via_phrase, sort_order FROM task_units ORDER BY task_id, role, sort_order',
};

async function contentOf(s: EngineStore): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, text] of Object.entries(CONTENT)) out[table] = await s.sql(text);
  return out;
}

async function infoJson(db: string, ...more: string[]): Promise<Record<string, unknown>> {
  const run = await taizhang(['info', '--db', db, '--json', ...more]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const { dbPath: _, ...rest } = JSON.parse(run.stdout);
  return rest;
}

describe('the examples on both engines', () => {
  const opened: EngineStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });
  const open = async (engine: (typeof ENGINES)[number]) => {
    const s = await openEngine(engine);
    opened.push(s);
    return s;
  };

  for (const name of Object.keys(EXAMPLES) as ExampleName[]) {
    it(`${name}: taizhang info --example loads the same plan on SQLite and PostgreSQL — counts and every row`, async () => {
      const [lite, pg] = [await open('sqlite'), await open('postgres')];
      const infos = [await infoJson(lite.db, '--example', name), await infoJson(pg.db, '--example', name)];
      expect(infos[1]).toEqual(infos[0]);
      expect(infos[0]).toMatchObject({ plans: 1 });
      expect(infos[0].indicators).toBeGreaterThan(5);
      expect(infos[0].tasks).toBeGreaterThan(10);
      const [a, b] = [await contentOf(lite), await contentOf(pg)];
      for (const table of Object.keys(CONTENT)) expect(b[table], table).toEqual(a[table]);
      expect(a.plans[0]).toMatchObject({ example: 1, source: (EXAMPLES[name].seed as { source: string }).source });
      expect(a.task_units.length).toBeGreaterThan(10);

      // Asked again, nothing more is loaded: the store holds the example already.
      expect(await infoJson(pg.db, '--example', name)).toEqual(infos[0]);
      expect(await contentOf(pg)).toEqual(b);
    });
  }

  it('two starts at once with --example on one PostgreSQL store load it once (decided under the writers\' lock)', async () => {
    const pg = await open('postgres');
    const cores = await Promise.all([1, 2, 3].map(() => openPostgresCore({ url: pg.db, shown: pg.db, example: 'qingyunpu-2022' })));
    for (const core of cores) await core.close();
    expect(await infoJson(pg.db)).toMatchObject({ plans: 1 });
  });

  it('a new PostgreSQL store without --example starts empty; an unknown example is refused with the names', async () => {
    const pg = await open('postgres');
    expect(await infoJson(pg.db)).toMatchObject({ plans: 0, units: 0 });
    const run = await taizhang(['info', '--db', pg.db, '--example', 'beijing-2022']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('没有名为“beijing-2022”的示例。可用：qingyunpu-2022、nanchang-2022。');
  });
});

describe.each(ENGINES)('loading a plan file on %s', (engine) => {
  let s: EngineStore;
  beforeEach(async () => {
    s = await openEngine(engine);
  }, 120_000);
  afterEach(async () => {
    await s?.close();
  });

  const counts = async () =>
    Object.fromEntries(await Promise.all(Object.keys(CONTENT).map(async (t) => [t, Number((await s.sql(`SELECT count(*) AS n FROM ${t}`))[0].n)] as const)));
  const nothing = Object.fromEntries(Object.keys(CONTENT).map((t) => [t, 0]));

  it('is all or nothing: a task naming an unknown unit, after the units, plan, goals and most tasks were written, leaves the store empty', async () => {
    const seed = structuredClone(EXAMPLES['qingyunpu-2022'].seed) as { actionLines: { tasks: { lead: string }[] }[] };
    const lastLine = seed.actionLines[seed.actionLines.length - 1];
    lastLine.tasks[lastLine.tasks.length - 1].lead = '不存在的街道';
    await expect(s.store.write(loadPlanSeedOp(seed, 'broken.json'))).rejects.toThrow(/计划文件“broken\.json”第\d+项任务牵头单位：未知单位“不存在的街道”/);
    expect(await counts()).toEqual(nothing);
  });

  it('is all or nothing when the example is interrupted after its last write', async () => {
    function* interrupted(): Op<never> {
      yield* loadExampleOp('nanchang-2022');
      throw new Error('interrupted');
    }
    await expect(s.store.write(interrupted())).rejects.toThrow('interrupted');
    expect(await counts()).toEqual(nothing);
    // And then it loads whole.
    await s.store.write(loadExampleOp('nanchang-2022'));
    expect((await counts()).plans).toBe(1);
  });

  it('refuses a malformed plan file, naming it, with nothing written', async () => {
    await expect(s.store.write(loadPlanSeedOp({ unit: {} }, 'bad.json'))).rejects.toThrow(/计划文件“bad\.json”格式不正确/);
    expect(await counts()).toEqual(nothing);
  });
});
