/**
 * Both engines holding the 青云谱区 example with months of 示例数据 (issue 22), for a test file
 * that runs the same calls on each: opened before the file's tests and closed after them, with a
 * per-user folder of their own (a PostgreSQL store's pg_dump copies go there), and the ids the
 * tests use — the units by name, a monthly additive indicator the streets report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Core } from '../../electron/core';
import type { Caller } from '../../electron/core/caller';
import { ENGINES, openEngine, stopEngines, type EngineName, type EngineStore } from './engines';
import { writeExampleWithSamples } from './exampleStores';

export interface ExampleFixture {
  s: EngineStore;
  planId: number;
  /** Unit ids by name (the same on both stores). */
  unit: Record<string, number>;
  /** A monthly additive indicator with a target for 洪都街道. */
  monthly: number;
}

async function fill(s: EngineStore, months: number, at: string): Promise<ExampleFixture> {
  const planId = await writeExampleWithSamples(s, months, at);
  const unit = Object.fromEntries((await s.sql('SELECT id, name FROM units')).map((r) => [r.name as string, Number(r.id)]));
  const [row] = await s.sql(
    `SELECT i.id FROM indicators i JOIN targets t ON t.indicator_id = i.id AND t.unit_id = ${unit['洪都街道']}
      WHERE i.plan_id = ${planId} AND i.frequency = 'monthly' AND i.aggregation = 'sum' ORDER BY i.sort_order LIMIT 1`,
  );
  return { s, planId, unit, monthly: Number(row.id) };
}

/** The example on both engines for this file's tests (filled in beforeAll); `home()` is the per-user folder meanwhile. */
export function exampleOnBothEngines(months: number, at: string): { stores: Record<EngineName, ExampleFixture>; home: () => string } {
  const stores = {} as Record<EngineName, ExampleFixture>;
  let home = '';
  let savedHome: string | undefined;
  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-engines-home-'));
    savedHome = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = home;
    for (const engine of ENGINES) stores[engine] = await fill(await openEngine(engine), months, at);
    expect(stores.postgres.unit).toEqual(stores.sqlite.unit);
  }, 180_000);
  afterAll(async () => {
    for (const engine of ENGINES) await stores[engine]?.s.close();
    await stopEngines();
    if (savedHome === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = savedHome;
    if (home) fs.rmSync(home, { recursive: true, force: true });
  }, 60_000);
  return { stores, home: () => home };
}

/** A call that must succeed: its value (a refusal fails the test with its message). */
export async function callOk<T = unknown>(core: Core, method: string, request: unknown, caller: Caller): Promise<T> {
  const r = await core.call(method, request, caller);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
