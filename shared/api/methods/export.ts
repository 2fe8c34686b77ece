/**
 * Exports (报表导出). The core builds the file and returns its bytes as
 * base64, so every door can hand it on its own way: the renderer turns it
 * into a Blob download (a browser's download, or Electron's save dialog), the
 * CLI writes it to --out FILE. No method writes to a path the caller names.
 */
import { z } from 'zod';
import { method } from '../method';
import { planId } from './plan';
import { periodSchema } from './figures';
import { EXCEL_SHEETS, type ExcelSheet } from '../../export/sheets';

export { EXCEL_SHEET_LABEL, EXCEL_SHEETS, type ExcelSheet } from '../../export/sheets';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExcelExport {
  sheet: ExcelSheet;
  /** Suggested file name, e.g. "附件1 2022年工作要点任务分解表.xlsx". */
  fileName: string;
  /** The table's title as printed on it. */
  title: string;
  mimeType: typeof XLSX_MIME;
  byteLength: number;
  /** The .xlsx file, base64. */
  base64: string;
}

export const exportMethods = {
  'export.excel': method<ExcelExport>()(
    z
      .object({
        planId,
        sheet: z.enum(EXCEL_SHEETS, { message: '报表应为 annex1（附件1）、annex2（附件2）或 progress（完成情况统计表）' }),
        /** The reporting period; required for the 完成情况统计表. */
        period: periodSchema.optional(),
        /** One unit only (a sub-unit; for 附件1 also a department); the whole plan when absent. */
        unitId: z.number().int().positive().optional(),
      })
      .strict()
      .refine((r) => r.sheet !== 'progress' || r.period != null, {
        message: '导出完成情况统计表需要选择报告期（如 2022-09、2022Q3 或 2022）',
        path: ['period'],
      }),
    'An Excel annex or table, print-ready (A4, fit to width, repeated headers), as base64: 附件1, 附件2 or the 完成情况统计表 of a period.',
  ),
} as const;
