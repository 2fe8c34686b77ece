/**
 * Plans that flow between levels (issue 20), at a city with 200 sub-units:
 * the 下达 packages for all 200 exported through the API ('exchange.issue':
 * each sub-unit's identification, targets, the tasks naming it) — goal 2 s —
 * next to serialising the same 200 packages alone; and one of them received
 * as 上级下达 ('exchange.receive' with commit: the checked copy of the
 * database, the analysis, the writes) into the 青云谱区 example's database and
 * into an empty one — goal 2 s each — next to parsing the package and checking
 * its checksum alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { checksumMatches } from '../../electron/core/exchange/checksum';
import type { ExchangeIdentity } from '../../shared/exchange/identity';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import type { Benchmark } from '../harness';
import { atExit } from '../atExit';

const SUB_UNITS = 200;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-levels-'));
atExit(() => fs.rmSync(dir, { recursive: true, force: true }));

const call = async <T>(core: Core, method: string, request: unknown): Promise<T> => {
  const r = await core.call(method as never, request as never, { kind: 'command', operator: '基准测试' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
};

let city: { core: Core; planId: number; unitIds: number[]; files: ExchangeExportFile[] } | null = null;

/** The 南昌市 example grown to 200 sub-units, each with a target for every split goal and named by the group-phrase tasks. */
async function bigCity(): Promise<NonNullable<typeof city>> {
  if (city) return city;
  const core = openCore({ dbPath: path.join(dir, 'city.db'), example: 'nanchang-2022', dailyBackup: false });
  const planId = 1;
  const db = (core as unknown as { dbPath: string }).dbPath;
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(db);
  const root = raw.prepare("SELECT id FROM units WHERE name = '南昌市'").pluck().get() as number;
  const split = raw.prepare('SELECT DISTINCT indicator_id FROM targets WHERE unit_id != ?').pluck().all(root) as number[];
  const groupTasks = raw.prepare("SELECT DISTINCT task_id FROM task_units WHERE via_phrase = '各县区、开发区、湾里管理局'").pluck().all() as number[];
  const have = raw.prepare("SELECT count(*) FROM units WHERE parent_id = ? AND kind != 'department'").pluck().get(root) as number;
  raw.transaction(() => {
    for (let i = have; i < SUB_UNITS; i++) {
      const id = Number(raw.prepare("INSERT INTO units (name, kind, parent_id, sort_order, code) VALUES (?, 'district', ?, ?, ?)").run(`示例县${i}`, root, i + 1, `U${String(i).padStart(10, '0')}`).lastInsertRowid);
      for (const ind of split) raw.prepare('INSERT INTO targets (indicator_id, unit_id, value) VALUES (?, ?, ?)').run(ind, id, 1 + (i % 7));
      for (const t of groupTasks) raw.prepare("INSERT INTO task_units (task_id, unit_id, role, via_phrase) VALUES (?, ?, 'responsible', '各县区、开发区、湾里管理局')").run(t, id);
    }
  })();
  raw.close();
  const units = await call<{ units: { id: number; role: string }[] }>(core, 'plan.units', { planId });
  const unitIds = units.units.filter((u) => u.role === 'sub').map((u) => u.id);
  if (unitIds.length !== SUB_UNITS) throw new Error(`expected ${SUB_UNITS} sub-units, got ${unitIds.length}`);
  const { files } = await call<{ files: ExchangeExportFile[] }>(core, 'exchange.issue', { planId, unitIds });
  city = { core, planId, unitIds, files };
  atExit(() => core.close());
  return city;
}

/** Baseline: the same 200 packages (already built) serialised and encoded, nothing read from the database. */
const serialiseAlone: Benchmark = {
  name: `JSON.stringify + base64 of the ${SUB_UNITS} 下达 packages alone`,
  setup: async () => (await bigCity()).files.map((f) => JSON.parse(Buffer.from(f.base64, 'base64').toString('utf8'))),
  run: (pkgs) => {
    for (const p of pkgs as unknown[]) Buffer.from(JSON.stringify(p), 'utf8').toString('base64');
  },
};

export const issueAll: Benchmark = {
  name: `下达: the plan packages of a city for ${SUB_UNITS} sub-units through the API ('exchange.issue')`,
  goalMs: 2000,
  baseline: serialiseAlone,
  setup: () => bigCity(),
  run: async (c) => {
    const { core, planId, unitIds } = c as NonNullable<typeof city>;
    const { files } = await call<{ files: ExchangeExportFile[] }>(core, 'exchange.issue', { planId, unitIds });
    if (files.length !== SUB_UNITS) throw new Error('not every package was made');
  },
};

const packageOf = async () => (await bigCity()).files.find((f) => f.unitName === '青云谱区')!;

/** Baseline: the package read and its identification's checksum checked, nothing compared or written. */
const parseAlone: Benchmark = {
  name: 'JSON.parse + sha256 check of one 下达 package alone',
  setup: () => packageOf(),
  run: (f) => {
    const pkg = JSON.parse(Buffer.from((f as ExchangeExportFile).base64, 'base64').toString('utf8'));
    if (!checksumMatches(pkg.identity as ExchangeIdentity)) throw new Error('checksum');
  },
};

let n = 0;
function receiveInto(kind: 'example' | 'empty'): Benchmark {
  return {
    name: `接收上级下达: one package of the ${SUB_UNITS}-sub-unit city received ('exchange.receive', backup + writes) into ${kind === 'example' ? 'the 青云谱区 example' : 'an empty database'}`,
    goalMs: 2000,
    baseline: parseAlone,
    setup: async () => {
      const f = await packageOf();
      n++;
      const core = openCore({ dbPath: path.join(dir, `district-${kind}-${n}.db`), seedIfNew: kind === 'example', dailyBackup: false });
      return { core, f };
    },
    run: async (prepared) => {
      const { core, f } = prepared as { core: Core; f: ExchangeExportFile };
      const r = await call<{ committed: boolean; refusal: string | null }>(core, 'exchange.receive', { fileName: f.fileName, dataBase64: f.base64, commit: true, adopt: false });
      if (!r.committed) throw new Error(r.refusal ?? 'not received');
    },
    teardown: (prepared) => (prepared as { core: Core }).core.close(),
  };
}

export const levelsBenchmarks: Benchmark[] = [issueAll, receiveInto('example'), receiveInto('empty')];
