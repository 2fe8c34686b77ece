/** Shared by the export-excel tests: a fresh example database, exports read back with exceljs. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { openDb, type Db } from '../../electron/core/db/open';
import { writeFigure } from '../../electron/core/db/repos/figures';
import type { ApiRequest } from '../../shared/api/contract';
import type { ExcelExport } from '../../shared/api/methods/export';
import { tempDir } from '../helpers/tempDb';

export interface ExportFixture {
  dir: string;
  dbPath: string;
  db: Db;
  planId: number;
  unit: Record<string, number>;
  indicator: Record<string, number>;
  /** Calls export.excel on a fresh core, writes the file into dir, loads it with exceljs. */
  exportSheet(req: Omit<ApiRequest<'export.excel'>, 'planId'>): Promise<{ result: ExcelExport; file: string; wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }>;
  /** The raw result (ok or error) of export.excel. */
  call(req: Omit<ApiRequest<'export.excel'>, 'planId'> & { planId?: number }): ReturnType<Core['call']>;
  put(unit: string, indicator: string, period: string, value: number): void;
  close(): void;
}

export function exportFixture(): ExportFixture {
  const { dir, cleanup } = tempDir('taizhang-xlsx-');
  const dbPath = path.join(dir, 'taizhang.db');
  openCore({ dbPath }).close(); // created with the 青云谱区 example
  const db = openDb(dbPath).db;
  const unit = Object.fromEntries(db.prepare('SELECT name, id FROM units').raw().all() as [string, number][]);
  const indicator = Object.fromEntries(db.prepare('SELECT name, id FROM indicators').raw().all() as [string, number][]);
  const planId = db.prepare('SELECT id FROM plans').pluck().get() as number;
  let n = 0;
  const call: ExportFixture['call'] = async (req) => {
    const core = openCore({ dbPath });
    try {
      return await core.call('export.excel', { planId, ...req } as ApiRequest<'export.excel'>);
    } finally {
      core.close();
    }
  };
  return {
    dir,
    dbPath,
    db,
    planId,
    unit,
    indicator,
    call,
    async exportSheet(req) {
      const r = await call(req);
      if (!r.ok) throw new Error(r.error.message);
      const result = r.value as ExcelExport;
      const file = path.join(dir, `${++n}-${result.fileName}`);
      fs.writeFileSync(file, Buffer.from(result.base64, 'base64'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.worksheets).toHaveLength(1);
      return { result, file, wb, ws: wb.worksheets[0] };
    },
    put(unitName, indicatorName, period, value) {
      writeFigure(db, { indicatorId: indicator[indicatorName], unitId: unit[unitName], period, value, by: '测试员' });
    },
    close() {
      db.close();
      cleanup();
    },
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
