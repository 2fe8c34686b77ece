/** Handlers of shared/api/methods/export.ts. */
import { XLSX_MIME, type exportMethods } from '../../../shared/api/methods/export';
import { buildExcelFile } from '../export/excel';
import type { HandlersOf } from './types';

export const exportHandlers: HandlersOf<typeof exportMethods> = {
  'export.excel': async (ctx, req) => {
    const file = await buildExcelFile(ctx, req);
    return {
      sheet: req.sheet,
      fileName: file.fileName,
      title: file.title,
      mimeType: XLSX_MIME,
      byteLength: file.bytes.byteLength,
      base64: file.bytes.toString('base64'),
    };
  },
};
