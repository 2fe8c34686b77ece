/** Shared by the export-excel tests: exports of a test's example store (either engine, testStore.ts) read back with exceljs. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Core } from '../../electron/core';
import { writeFigureOp } from '../../electron/core/db/repos/figures';
import type { ApiRequest } from '../../shared/api/contract';
import type { ExcelExport } from '../../shared/api/methods/export';
import { exampleIdsOp } from '../helpers/summaryFixtures';
import { TEST_OPERATOR, type TestStore } from '../helpers/testStore';

export interface ExportFixture {
  /** The store: its core, `--db`, and plain SQL on it (`rows`, `run`). */
  s: TestStore;
  /** The test's folder for the exported files. */
  dir: string;
  planId: number;
  unit: Record<string, number>;
  indicator: Record<string, number>;
  /** Calls export.excel, writes the file into dir, loads it with exceljs. */
  exportSheet(req: Omit<ApiRequest<'export.excel'>, 'planId'>): Promise<{ result: ExcelExport; file: string; wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }>;
  /** The raw result (ok or error) of export.excel. */
  call(req: Omit<ApiRequest<'export.excel'>, 'planId'> & { planId?: number }): ReturnType<Core['call']>;
  /** One figure, written by the figures repo (with its history) in one write transaction. */
  put(unit: string, indicator: string, period: string, value: number): Promise<void>;
  close(): Promise<void>;
}

/** The fixture over `s`, a new store holding the example (`testStore('example')`); closing it closes the store. */
export async function exportFixture(s: TestStore): Promise<ExportFixture> {
  const { plan: planId, unit, indicator } = await s.store.read(exampleIdsOp());
  let n = 0;
  const call: ExportFixture['call'] = (req) => s.core.call('export.excel', { planId, ...req } as ApiRequest<'export.excel'>);
  return {
    s,
    dir: s.dir,
    planId,
    unit,
    indicator,
    call,
    async exportSheet(req) {
      const r = await call(req);
      if (!r.ok) throw new Error(r.error.message);
      const result = r.value as ExcelExport;
      const file = path.join(s.dir, `${++n}-${result.fileName}`);
      fs.writeFileSync(file, Buffer.from(result.base64, 'base64'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.worksheets).toHaveLength(1);
      return { result, file, wb, ws: wb.worksheets[0] };
    },
    async put(unitName, indicatorName, period, value) {
      await s.store.write(writeFigureOp({ indicatorId: indicator[indicatorName], unitId: unit[unitName], period, value, by: TEST_OPERATOR }));
    },
    close: () => s.close(),
  };
}

/** Every row's cell values, as exceljs reads them (1-based rows, 1-based columns dropped to 0-based arrays). */
export function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  const row = ws.getRow(r);
  return Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value);
}

/** The 1-based row whose first cell is exactly `text` (a string, or a number such as a 序号). */
export function findRow(ws: ExcelJS.Worksheet, text: string | number, column = 1): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(column).value === text) return r;
  return -1;
}

export function mergesOf(ws: ExcelJS.Worksheet): string[] {
  return ((ws.model as { merges?: string[] }).merges ?? []).slice().sort();
}
