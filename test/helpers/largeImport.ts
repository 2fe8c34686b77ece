/**
 * A district of 2,000 streets with an empty plan, and target workbooks for it
 * (2,000 units × 40 indicators) — the scale import promises. Not sample data
 * shown to users: it lives only in test and bench temp folders.
 */
import ExcelJS from 'exceljs';
import { openDb } from '../../electron/core/db/open';
import { OPERATOR_KEY, setSetting } from '../../electron/core/db/repos/settings';
import { loadPlanSeed } from '../../electron/core/seed/loadPlan';

export const LARGE_UNITS = 2000;
export const LARGE_INDICATORS = 40;

export const streetNames = (units = LARGE_UNITS) => Array.from({ length: units }, (_, i) => `第${i + 1}街道`);

/** The district, its streets and an empty plan, with an operator set; checkpointed so it copies as one file. */
export function writeLargeTemplate(dbPath: string, units = LARGE_UNITS): void {
  const { db } = openDb(dbPath);
  loadPlanSeed(
    db,
    {
      source: 'test',
      unit: { name: '基准区', kind: 'district', children: streetNames(units).map((name) => ({ name, kind: 'street' })), departments: [] },
      groups: [],
      plan: { title: '基准计划', yearStart: 2022, yearEnd: 2022 },
      goals: [],
      actionLines: [],
    },
    'test',
  );
  setSetting(db, OPERATOR_KEY, '基准');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A units × indicators target sheet with a title, a header with measure units and the district's row; `variant` shifts every value. */
export async function largeTargetWorkbook(variant = 0, units = LARGE_UNITS, indicators = LARGE_INDICATORS): Promise<Buffer> {
  const names = streetNames(units);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标分解');
  ws.addRow(['附件2']);
  ws.addRow(['基准区指导性任务分解表']);
  ws.mergeCells(1, 1, 1, indicators + 1);
  ws.addRow(['单位', ...Array.from({ length: indicators }, (_, j) => `指标${j + 1}（${j % 2 ? '亿元' : '家'}）`)]);
  const values = names.map((_, i) =>
    Array.from({ length: indicators }, (_, j) => (j % 2 ? ((i + j + variant) % 50) / 100 : ((i * j + variant) % 97) + 1)),
  );
  const round = (n: number) => Math.round(n * 10000) / 10000;
  ws.addRow(['基准区', ...Array.from({ length: indicators }, (_, j) => round(values.reduce((s, row) => s + row[j], 0)))]);
  names.forEach((n, i) => ws.addRow([n, ...values[i]]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
