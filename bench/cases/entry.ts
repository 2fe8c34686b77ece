/**
 * Saving one cell through the API (core.call 'entry.save': schema check,
 * rules, lock check, figure + history in one transaction) against a raw
 * better-sqlite3 single-row upsert in the same process. Goal: < 5 ms median,
 * on the example plan and at 2,000 units × 40 indicators. At that scale also:
 * the save as the grid makes it (answer = the changed cells) against reloading
 * the grid, and loading the grid against reading the raw figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../../electron/core';
import type { Benchmark } from '../harness';
import { buildLargePlan } from '../../test/helpers/largePlan';
import { openDb } from '../../electron/core/db/open';
import { OPERATOR_KEY, setSetting } from '../../electron/core/db/repos/settings';
import { atExit } from '../atExit';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-entry-'));
atExit(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;

/** Baseline: one upsert into a one-table WAL database, its own transaction. */
const raw = (() => {
  const db = new Database(path.join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE f (k INTEGER PRIMARY KEY, value REAL, at TEXT)');
  return db.prepare('INSERT INTO f (k, value, at) VALUES (1, ?, ?) ON CONFLICT (k) DO UPDATE SET value = excluded.value, at = excluded.at');
})();

export const rawUpsertBaseline: Benchmark = {
  name: 'better-sqlite3 alone: one-row upsert',
  run: () => raw.run(++counter / 10_000, new Date().toISOString()),
};

let core: Core | null = null;
let edit: { planId: number; indicatorId: number; unitId: number } | null = null;

async function prepared(): Promise<{ core: Core; edit: NonNullable<typeof edit> }> {
  if (!core) {
    core = openCore({ dbPath: path.join(dir, 'taizhang.db') });
    await core.call('operator.set', { name: '基准测试' });
    const plans = (await core.call('plans.list', {})) as { ok: true; value: { id: number }[] };
    const planId = plans.value[0].id;
    const sheet = (await core.call('entry.sheet', { planId, period: '2022-09' })) as {
      ok: true;
      value: { table: { indicators: { id: number; frequency: string }[]; rows: { unit: { id: number } }[] } };
    };
    const indicator = sheet.value.table.indicators.find((i) => i.frequency === 'monthly')!;
    edit = { planId, indicatorId: indicator.id, unitId: sheet.value.table.rows[0].unit.id };
    atExit(() => core?.close());
  }
  return { core, edit: edit! };
}

export const saveOneCell: Benchmark = {
  name: "save one cell through the API (core.call 'entry.save', with history)",
  goalMs: 5,
  baseline: rawUpsertBaseline,
  run: async () => {
    const { core, edit } = await prepared();
    // Alternate values so every run really writes (a value equal to the stored one writes nothing).
    const r = await core.call('entry.save', {
      planId: edit.planId,
      edits: [{ indicatorId: edit.indicatorId, unitId: edit.unitId, period: '2022-09', value: 1 + (++counter % 2) }],
    });
    if (!r.ok) throw new Error(r.error.message);
  },
};

// ---- At the scale issue 4 promises: 2,000 units × 40 indicators, Aug and Sep filled (160,000 figures). ----

let large: { core: Core; planId: number; unitIds: number[]; indicatorIds: number[] } | null = null;
const sizes = { grid: 0, sheet: 0, raw: 0, patch: 0 };
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

function largeCore(): NonNullable<typeof large> {
  if (!large) {
    const dbPath = path.join(dir, 'large.db');
    const plan = buildLargePlan(dbPath, { filledPeriods: ['2022-08', '2022-09'] });
    const { db } = openDb(dbPath);
    setSetting(db, OPERATOR_KEY, '基准测试');
    db.close();
    const core = openCore({ dbPath, seedIfNew: false });
    large = { core, ...plan };
    atExit(() => core.close());
  }
  return large;
}

async function value<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

/** Baseline: the least any load can do — read the plan's figures raw and serialise them. */
const rawFigures: Benchmark = {
  get name() {
    return `raw figures of the 2,000 × 40 plan: SELECT + JSON.stringify (${kb(sizes.raw)})`;
  },
  // Untimed: the database built once (seconds), before the first timed run.
  setup: () => largeCore(),
  run: () => {
    const db = new Database(path.join(dir, 'large.db'), { readonly: true });
    try {
      sizes.raw = JSON.stringify(db.prepare('SELECT * FROM figures').all()).length;
    } finally {
      db.close();
    }
  },
};

export const loadGridAtScale: Benchmark = {
  get name() {
    return `load the 2,000 × 40 grid through the API (entry.grid + JSON: ${kb(sizes.grid)}; the full entry.sheet is ${kb(sizes.sheet)})`;
  },
  goalMs: 500,
  baseline: rawFigures,
  // Untimed: the full entry.sheet's size, for the name (it is not what the window loads).
  setup: async () => {
    const { core, planId } = largeCore();
    if (!sizes.sheet) sizes.sheet = JSON.stringify(await value(core.call('entry.sheet', { planId, period: '2022-09' }))).length;
  },
  run: async () => {
    const { core, planId } = largeCore();
    sizes.grid = JSON.stringify(await value(core.call('entry.grid', { planId, period: '2022-09' }))).length;
  },
};

let largeCounter = 0;
const oneCell = () => {
  const { planId, unitIds, indicatorIds } = largeCore();
  largeCounter++;
  // Walk over units so ranks really move; alternate values so every run writes.
  return { planId, edits: [{ indicatorId: indicatorIds[5], unitId: unitIds[(largeCounter * 37) % unitIds.length], period: '2022-09', value: 20 + (largeCounter % 7) }] };
};

export const saveOneCellAtScale: Benchmark = {
  name: "save one cell at 2,000 × 40 (entry.save without a view: rules, locks, figure + history)",
  goalMs: 5,
  baseline: rawUpsertBaseline,
  run: async () => {
    await value(largeCore().core.call('entry.save', oneCell()));
  },
};

export const saveOneCellWithPatch: Benchmark = {
  get name() {
    return `save one cell at 2,000 × 40 as the grid does (entry.save with its view, answer = changed cells + rank column, JSON ${kb(sizes.patch)}) vs reloading the grid`;
  },
  baseline: loadGridAtScale,
  run: async () => {
    const r = await value(largeCore().core.call('entry.save', { ...oneCell(), view: { kind: 'units', period: '2022-09' } }));
    sizes.patch = JSON.stringify(r).length;
  },
};

export const entryBenchmarks = [saveOneCell, saveOneCellAtScale, saveOneCellWithPatch, loadGridAtScale];
