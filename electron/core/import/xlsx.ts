/**
 * .xlsx → sheets of text cells with exceljs. Formulas give their cached
 * value, rich text its plain text, dates an ISO day; text broken over lines
 * in a cell is joined without inventing spaces; merged ranges are kept so a
 * merged header or category row reads as one cell.
 */
import ExcelJS from 'exceljs';
import { joinBrokenLines } from '../../../shared/import/cells';
import type { MergeRange, SheetGrid } from '../../../shared/import/types';

type CellValue = ExcelJS.CellValue;

function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return joinBrokenLines(value);
  // NaN and ±Infinity (a 400-digit number overflows to it) stay visible, so the analysis says so at the cell.
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return joinBrokenLines(value.richText.map((r) => r.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: CellValue }).result;
      if (result && typeof result === 'object' && 'error' in result) return String(result.error); // "#DIV/0!": an error at its cell, not an empty one
      return textOf(result as CellValue);
    }
    if ('text' in value && 'hyperlink' in value) return textOf((value as { text: CellValue }).text);
    if ('error' in value) return String(value.error);
  }
  return '';
}

function parseRange(range: string): MergeRange | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(range);
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4]) - 1, right: col(m[3]) };
}

export async function readXlsx(bytes: Buffer): Promise<SheetGrid[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((ws) => {
    if (ws.state && ws.state !== 'visible') return; // hidden sheets are working material, not the table
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        // A merged cell other than the top-left reads as empty; the merge list says where it belongs.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        cells[colNumber - 1] = textOf(cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= '';
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    const merges = ((ws.model as { merges?: string[] }).merges ?? [])
      .map(parseRange)
      .filter((m): m is MergeRange => m !== null);
    sheets.push({ name: ws.name, rows, merges });
  });
  return sheets;
}
