/**
 * Import speed (issue 3): a target sheet of 2,000 units × 40 indicators is
 * read, checked and committed through the API (goal: under 2 s), next to
 * exceljs alone reading the same workbook — the ratio says what our checking
 * and writing add on top of reading the file at all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openCore } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { loadPlanSeed } from '../../electron/core/seed/loadPlan';
import { OPERATOR_KEY, setSetting } from '../../electron/core/db/repos/settings';
import { planSnapshot } from '../../electron/core/import/snapshot';
import { analyseImport, type PlanSnapshot } from '../../shared/import/analyse';
import { parseCsv } from '../../shared/import/text';
import type { Benchmark } from '../harness';
import { atExit } from '../atExit';

const UNITS = 2000;
const INDICATORS = 40;

interface Prepared {
  dir: string;
  template: string;
  workbook: Buffer;
}

let shared: Prepared | null = null;

/** One workbook and one template database for every run (built once, not timed). */
async function prepare(): Promise<Prepared> {
  if (shared) return shared;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-import-'));
  const names = Array.from({ length: UNITS }, (_, i) => `第${i + 1}街道`);
  const template = path.join(dir, 'template.db');
  const { db } = openDb(template);
  loadPlanSeed(
    db,
    {
      source: 'bench',
      unit: { name: '基准区', kind: 'district', children: names.map((name) => ({ name, kind: 'street' })), departments: [] },
      groups: [],
      plan: { title: '基准计划', yearStart: 2022, yearEnd: 2022 },
      goals: [],
      actionLines: [],
    },
    'bench',
  );
  setSetting(db, OPERATOR_KEY, '基准'); // a commit records its operator (target_history)
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标分解');
  ws.addRow(['附件2']);
  ws.addRow(['基准区指导性任务分解表']);
  ws.mergeCells(1, 1, 1, INDICATORS + 1);
  ws.addRow(['单位', ...Array.from({ length: INDICATORS }, (_, j) => `指标${j + 1}（${j % 2 ? '亿元' : '家'}）`)]);
  const values = names.map((_, i) => Array.from({ length: INDICATORS }, (_, j) => (j % 2 ? ((i + j) % 50) / 100 : (i * j) % 97)));
  ws.addRow(['基准区', ...Array.from({ length: INDICATORS }, (_, j) => values.reduce((s, row) => s + row[j], 0))]);
  names.forEach((n, i) => ws.addRow([n, ...values[i]]));
  shared = { dir, template, workbook: Buffer.from(await wb.xlsx.writeBuffer()) };
  atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  return shared;
}

await prepare();

export const exceljsRead: Benchmark = {
  name: `exceljs alone: load a ${UNITS} × ${INDICATORS} target workbook`,
  run: async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(shared!.workbook as unknown as ArrayBuffer);
  },
};

export const importTargetSheet: Benchmark = {
  name: `import: ${UNITS} units × ${INDICATORS} indicators — read, check, commit (import.commit)`,
  goalMs: 2000,
  maxRatio: 2.5,
  baseline: exceljsRead,
  setup: () => {
    const db = path.join(shared!.dir, `run-${process.hrtime.bigint()}.db`);
    fs.copyFileSync(shared!.template, db);
    return openCore({ dbPath: db, seedIfNew: false });
  },
  run: async (core) => {
    const c = core as ReturnType<typeof openCore>;
    const r = await c.call('import.commit', { fileName: 'bench.xlsx', dataBase64: shared!.workbook.toString('base64') });
    if (!r.ok) throw new Error(r.error.message);
    const out = r.value as { committed: boolean; counts: { targets: number }; problems: { message: string }[] };
    if (!out.committed || out.counts.targets !== (UNITS + 1) * INDICATORS) {
      throw new Error(`import failed: ${out.problems.slice(0, 3).map((p) => p.message).join('；')}`);
    }
  },
  teardown: (core) => {
    const c = core as ReturnType<typeof openCore>;
    c.close();
    fs.rmSync(c.dbPath, { force: true });
    fs.rmSync(`${c.dbPath}-wal`, { force: true });
    fs.rmSync(`${c.dbPath}-shm`, { force: true });
  },
};

/**
 * Issue 11: unknown-unit bookkeeping was quadratic in the rows (20,000 rows
 * 6.4 s, 50,000 rows 40 s). A sheet of 50,000 rows, every one naming a unit
 * the tree does not know (2,000 different names, 25 rows each), analysed
 * against the 2,000-unit plan — next to a tenth of it (5,000 rows, 200 names):
 * linear bookkeeping keeps the ratio near 10, quadratic would make it 100.
 */
const ROWS = 50_000;
type Grid = ReturnType<typeof parseCsv>;
let unknownSetup: { snapshot: PlanSnapshot; rows: Map<number, Grid> } | null = null;
function unknownRows(rows: number): { snapshot: PlanSnapshot; grid: Grid } {
  if (!unknownSetup) {
    const { db } = openDb(shared!.template);
    unknownSetup = { snapshot: planSnapshot(db), rows: new Map() };
    db.close();
  }
  let grid = unknownSetup.rows.get(rows);
  if (!grid) {
    const lines = Array.from({ length: rows }, (_, i) => `未列入第${i % (rows / 25)}片区,${i % 90},${(i % 7) / 10}`);
    grid = parseCsv(['单位,科技型中小企业（家）,技术合同成交额（亿元）', ...lines].join('\n'), '目标');
    unknownSetup.rows.set(rows, grid);
  }
  return { snapshot: unknownSetup.snapshot, grid };
}

function analyseUnknown(rows: number): Benchmark {
  return {
    name: `analyse: ${rows} rows naming ${rows / 25} units the plan does not have, 25 rows each`,
    setup: () => unknownRows(rows),
    run: (prepared) => {
      const { snapshot, grid } = prepared as ReturnType<typeof unknownRows>;
      const { preview } = analyseImport([grid], snapshot, {}, { fileName: 'unknown.csv', format: 'csv' });
      if (preview.unknownUnits.length !== rows / 25 || preview.unknownUnits[0].count !== 25) throw new Error('unknown units miscounted');
    },
  };
}

export const analyseUnknownUnits: Benchmark = { ...analyseUnknown(ROWS), goalMs: 2000, baseline: analyseUnknown(ROWS / 10) };

export const importBenchmarks = [importTargetSheet, analyseUnknownUnits];
