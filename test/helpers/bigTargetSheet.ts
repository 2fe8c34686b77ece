/**
 * A district of 2,000 streets and its 附件2 of 2,000 units × 40 indicators —
 * the size issue 3 set for an import (bench/cases/import.ts times it; the
 * responsiveness test reads it while the web host answers other calls).
 */
import ExcelJS from 'exceljs';
import { openDb } from '../../electron/core/db/open';
import { writeTxOp } from '../../electron/core/db/tx';
import { loadPlanSeedOp } from '../../electron/core/seed/loadPlan';
import { OPERATOR_KEY, setSetting } from '../../electron/core/db/repos/settings';

export const BIG_UNITS = 2000;
export const BIG_INDICATORS = 40;

export const bigUnitNames = () => Array.from({ length: BIG_UNITS }, (_, i) => `第${i + 1}街道`);

/** The operator the big plan's imports commit as (a commit records its operator: target_history). */
export const BIG_OPERATOR = '基准';

/** The district, its 2,000 streets and an empty plan, written by the query layer's Op (either engine: a TestStore's `store.write`). */
export const bigPlanOp = () =>
  loadPlanSeedOp(
    {
      source: 'bench',
      unit: { name: '基准区', kind: 'district', children: bigUnitNames().map((name) => ({ name, kind: 'street' })), departments: [] },
      groups: [],
      plan: { title: '基准计划', yearStart: 2022, yearEnd: 2022 },
      goals: [],
      actionLines: [],
    },
    'bench',
  );

/** A database file holding the big plan (bigPlanOp); the operator set. */
export function writeBigPlanDb(file: string): void {
  const { db } = openDb(file);
  writeTxOp(db, bigPlanOp());
  setSetting(db, OPERATOR_KEY, BIG_OPERATOR);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The 附件2 workbook: title rows, a merged title, a 基准区 total row, then one row per street (written by exceljs, as Excel would). */
export async function bigTargetWorkbook(): Promise<Buffer> {
  const names = bigUnitNames();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标分解');
  ws.addRow(['附件2']);
  ws.addRow(['基准区指导性任务分解表']);
  ws.mergeCells(1, 1, 1, BIG_INDICATORS + 1);
  ws.addRow(['单位', ...Array.from({ length: BIG_INDICATORS }, (_, j) => `指标${j + 1}（${j % 2 ? '亿元' : '家'}）`)]);
  const values = names.map((_, i) => Array.from({ length: BIG_INDICATORS }, (_, j) => (j % 2 ? ((i + j) % 50) / 100 : (i * j) % 97)));
  ws.addRow(['基准区', ...Array.from({ length: BIG_INDICATORS }, (_, j) => values.reduce((s, row) => s + row[j], 0))]);
  names.forEach((n, i) => ws.addRow([n, ...values[i]]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
