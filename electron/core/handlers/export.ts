/** Handlers of shared/api/methods/export.ts. */
import { XLSX_MIME, type ExcelExport, type exportMethods } from '../../../shared/api/methods/export';
import { buildExcelFile, type ExcelRequest } from '../export/excel';
import type { ExcelFile } from '../export/excel/sheetModel';
import type { HandlersOf } from './types';

/** export.excel's answer for a workbook (the PostgreSQL core answers with it too). */
export function excelAnswer(req: ExcelRequest, file: ExcelFile): ExcelExport {
  return {
    sheet: req.sheet,
    fileName: file.fileName,
    title: file.title,
    mimeType: XLSX_MIME,
    byteLength: file.bytes.byteLength,
    base64: file.bytes.toString('base64'),
  };
}

export const exportHandlers: HandlersOf<typeof exportMethods> = {
  'export.excel': async (ctx, req) => excelAnswer(req, await buildExcelFile(ctx, req)),
};
