/**
 * 指标分解 as a grid at 2,000 units × 40 indicators (issue 14): saving one
 * cell through the API (core.call 'targets.save': schema check, the plan's
 * units and indicators, the value rule, the lock rule, the target and its
 * history in one transaction) against a bare UPDATE of the same table in the
 * same database — goal under 50 ms. And loading the grid (targets.breakdown,
 * the whole 附件2 with its sum checks, as JSON) against a raw SELECT of the
 * plan's targets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { OPERATOR_KEY, setSetting } from '../../electron/core/db/repos/settings';
import { buildLargePlan, type LargePlan } from '../../test/helpers/largePlan';
import type { Benchmark } from '../harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-targets-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const dbPath = path.join(dir, 'large.db');

let large: (LargePlan & { core: Core; raw: Database.Database }) | null = null;
const sizes = { breakdown: 0, raw: 0 };
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

function largePlan(): NonNullable<typeof large> {
  if (!large) {
    const plan = buildLargePlan(dbPath);
    const { db } = openDb(dbPath);
    setSetting(db, OPERATOR_KEY, '基准测试');
    db.close();
    const core = openCore({ dbPath, seedIfNew: false, dailyBackup: false });
    // The baseline's own connection to the same file, as another program would have.
    const raw = new Database(dbPath);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    large = { ...plan, core, raw };
    process.on('exit', () => {
      raw.close();
      core.close();
    });
  }
  return large;
}

let counter = 0;

/** Baseline: one target's value changed with a bare UPDATE, its own transaction, nothing checked or recorded. */
const bareUpdate: Benchmark = {
  name: 'better-sqlite3 alone: UPDATE one target of the 2,000 × 40 plan',
  run: () => {
    const { raw, unitIds, indicatorIds } = largePlan();
    counter++;
    raw.prepare('UPDATE targets SET value = ? WHERE indicator_id = ? AND unit_id = ?').run(10 + (counter % 5), indicatorIds[39], unitIds[(counter * 53) % unitIds.length]);
  },
};

export const saveTargetAtScale: Benchmark = {
  name: "指标分解: save one target at 2,000 × 40 through the API (core.call 'targets.save', checks + history)",
  goalMs: 50,
  baseline: bareUpdate,
  run: async () => {
    const { core, planId, unitIds, indicatorIds } = largePlan();
    counter++;
    // Walk over units and alternate values, so every run really changes a target.
    const r = await core.call('targets.save', {
      planId,
      edits: [{ indicatorId: indicatorIds[7], unitId: unitIds[(counter * 37) % unitIds.length], value: 11 + (counter % 3) }],
    });
    if (!r.ok) throw new Error(r.error.message);
  },
};

/** Baseline: the plan's targets read raw and serialised. */
const rawTargets: Benchmark = {
  get name() {
    return `raw targets of the 2,000 × 40 plan: SELECT + JSON.stringify (${kb(sizes.raw)})`;
  },
  run: () => {
    const { raw, planId } = largePlan();
    sizes.raw = JSON.stringify(raw.prepare('SELECT t.* FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ?').all(planId)).length;
  },
};

export const loadTargetGridAtScale: Benchmark = {
  get name() {
    return `指标分解: load the 2,000 × 40 grid through the API (targets.breakdown with sum checks + JSON: ${kb(sizes.breakdown)})`;
  },
  baseline: rawTargets,
  run: async () => {
    const { core, planId } = largePlan();
    const r = await core.call('targets.breakdown', { planId });
    if (!r.ok) throw new Error(r.error.message);
    sizes.breakdown = JSON.stringify(r.value).length;
  },
};

export const targetBenchmarks = [saveTargetAtScale, loadTargetGridAtScale];
