/**
 * .xlsx → sheets of text cells, through the bounded reader
 * (electron/core/workbook/): visible sheets only; formulas give their cached
 * value, rich text its plain text, date-styled numbers an ISO day; text
 * broken over lines in a cell is joined without inventing spaces. Values
 * that are not numbers stay visible as written — an error value "#DIV/0!",
 * a number cell holding "NaN" or "INF" — so the analysis can say where they
 * are instead of reading an empty cell. Merged areas (already clipped to the
 * used range) are kept so a merged header or category row reads as one
 * cell; a merged area's other cells read as empty, as Excel shows them.
 */
import { joinBrokenLines } from '../../../shared/import/cells';
import type { SheetGrid } from '../../../shared/import/types';
import { readWorkbook, type CellValue, type SheetCells } from '../workbook';

export function cellText(value: CellValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return joinBrokenLines(value);
  if (typeof value === 'number') {
    // Float noise (0.1 + 0.2) is rounded away at 15 significant digits. A number whose shortest form has
    // 15 characters or fewer has at most 15 digits already, and rounding would give it back unchanged.
    const shortest = String(value);
    return shortest.length <= 15 ? shortest : String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value.error;
}

export function sheetGrid(sheet: SheetCells): SheetGrid {
  const rows: string[][] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const source = sheet.rows[r];
    const cells: string[] = [];
    if (source) for (let c = 0; c < source.length; c++) cells.push(cellText(source[c]));
    rows.push(cells);
  }
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const row = rows[r];
      for (let c = m.left; c <= Math.min(m.right, row.length - 1); c++) if (r !== m.top || c !== m.left) row[c] = '';
    }
  }
  return { name: sheet.name, rows, merges: sheet.merges };
}

/** Throws a WorkbookRefusal (a Chinese message with its place) for a file past a limit or damaged. */
export async function readXlsx(bytes: Buffer, fileName: string): Promise<SheetGrid[]> {
  const { sheets } = await readWorkbook(bytes, fileName);
  return sheets.map(sheetGrid);
}
