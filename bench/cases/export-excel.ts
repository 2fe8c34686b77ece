/**
 * 完成情况统计表 for 2,000 units × 40 indicators (示例数据, generated in
 * memory: never shown, never mixed with real data): from the figures to the
 * .xlsx bytes, beside exceljs alone writing the same cells without styles.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Indicator } from '../../shared/model/indicator';
import type { Figure, Target } from '../../shared/model/target';
import type { Unit } from '../../shared/model/units';
import { buildProgressTable, type ProgressInput } from '../../shared/figures/progressTable';
import { buildProgress } from '../../electron/core/export/excel/progress';
import type { SheetModel, SheetRow } from '../../electron/core/export/excel/sheetModel';
import { writeXlsx } from '../../electron/core/export/excel/writeXlsx';
import type { Benchmark } from '../harness';

const UNITS = 2000;
const INDICATORS = 40;
const PERIOD = '2022-09';

/** Deterministic pseudo-random numbers, so every run writes the same workbook. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sampleInput(): ProgressInput {
  const rand = rng(2022);
  const parent: Unit = { id: 1, name: '示例区（示例数据）', kind: 'district', parentId: null, sortOrder: 0 };
  const subUnits: Unit[] = Array.from({ length: UNITS }, (_, i) => ({
    id: i + 2,
    name: `示例单位${String(i + 1).padStart(4, '0')}`,
    kind: 'street',
    parentId: 1,
    sortOrder: i + 1,
  }));
  const indicators: Indicator[] = Array.from({ length: INDICATORS }, (_, k) => ({
    id: k + 1,
    planId: 1,
    name: `示例指标${k + 1}`,
    measureUnit: k % 4 === 0 ? '亿元' : k % 4 === 1 ? '%' : '家',
    aggregation: k % 4 === 1 ? 'none' : 'sum',
    frequency: 'monthly',
    decimals: k % 4 === 0 ? 4 : k % 4 === 1 ? 2 : 0,
    sortOrder: k,
    wording: null,
    wordingText: null,
    baseline: null,
    decomposed: true,
  }));
  const targets: Target[] = [];
  const figures: Figure[] = [];
  for (const i of indicators) {
    let total = 0;
    for (const u of subUnits) {
      const target = Math.round(rand() * 100) + 1;
      total += target;
      targets.push({ indicatorId: i.id, unitId: u.id, value: target, valueMax: null });
      // Whole literals, as the core's repos make Figure objects (objects spread from a base are
      // several times slower to read in V8, which measured the sample's shape, not the export).
      const figure = (period: string, value: number): Figure => ({ indicatorId: i.id, unitId: u.id, period, value, note: null, enteredBy: '示例', enteredAt: '2022-10-01T00:00:00Z' });
      if (rand() < 0.9) figures.push(figure(PERIOD, Math.round(target * rand() * 120) / 100));
      if (rand() < 0.7) figures.push(figure('2021-09', Math.round(target * rand() * 100) / 100));
    }
    targets.push({ indicatorId: i.id, unitId: parent.id, value: total, valueMax: null });
  }
  return { period: PERIOD, parent, subUnits, indicators, targets, figures };
}

let input: ProgressInput | null = null;
const sample = () => (input ??= sampleInput());

let model: (SheetModel & { rows: SheetRow[] }) | null = null;
/** The sheet our export writes, built once, so the baseline writes exactly its cells. */
const sampleModel = () => {
  if (!model) {
    const built = buildProgress({ table: buildProgressTable(sample()) }).model;
    // Every row made up front (the export makes them as it writes): the baseline only writes.
    model = { ...built, rows: [...built.rows] };
  }
  return model;
};

/** Baseline: exceljs's streaming writer alone, the same rows and values, no styles, no merges, no print setup. */
export const exceljsBaseline: Benchmark = {
  name: `exceljs alone: the same ${UNITS + 1} units × ${INDICATORS} indicators' cells, values only`,
  setup: sampleModel,
  run: async (m) => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
    const ws = wb.addWorksheet('完成情况统计表');
    (m as SheetModel & { rows: SheetRow[] }).rows.forEach((row, r) => {
      const x = ws.getRow(r + 1);
      row.cells.forEach((c, i) => {
        if (c) x.getCell(i + 1).value = c.value;
      });
      x.commit();
    });
    ws.commit();
    await wb.commit();
    return Buffer.concat(chunks).byteLength;
  },
};

export const progressSheetBenchmark: Benchmark = {
  name: `完成情况统计表 (示例数据): ${UNITS} units × ${INDICATORS} indicators, figures → ProgressTable → styled, print-ready .xlsx`,
  goalMs: 3000,
  maxRatio: 1.5,
  setup: sample,
  run: async (prepared) => {
    const built = buildProgress({ table: buildProgressTable(prepared as ProgressInput) });
    const bytes = await writeXlsx([built.model], { title: built.title });
    return bytes.byteLength;
  },
  baseline: exceljsBaseline,
};

export const exportExcelBenchmarks = [progressSheetBenchmark];
