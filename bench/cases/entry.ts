/**
 * Saving one cell through the API (core.call 'entry.save': schema check,
 * rules, lock check, figure + history in one transaction) against a raw
 * better-sqlite3 single-row upsert in the same process. Goal: < 5 ms median.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../../electron/core';
import type { Benchmark } from '../harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-entry-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

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
    process.on('exit', () => core?.close());
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

export const entryBenchmarks = [saveOneCell];
