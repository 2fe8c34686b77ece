/**
 * A sheet's rows written as SpreadsheetML straight into exceljs's streaming
 * worksheet, instead of through its Row and Cell objects.
 *
 * Why: for each cell exceljs builds a Cell with its address, value object and
 * model, then an XmlStream per row that is joined into a string — at 2,000
 * units × 40 indicators (80,000 rows of 完成情况统计表) that was ~1.4 s and
 * most of the garbage collector's work, against ~0.8 s for exceljs writing the
 * same values unstyled (issue 13 asks within 1.5×). Here a row is one string.
 *
 * What stays exceljs's own: the workbook's style registry (`styles.addStyleModel`,
 * the same call its cells make, so the same xf ids), the shared strings
 * (`sharedStrings.add`), the sheet's head, merges, print setup and the zip.
 * The XML is exactly what exceljs writes for the same cells: a test writes
 * every sheet of the example both ways and compares the files byte for byte
 * (test/integration/export-excel-rows.test.ts), so an exceljs upgrade that
 * moves these internals fails there, not in a bureau's hands.
 */
import type ExcelJS from 'exceljs';
import type { Style } from 'exceljs';

/** The parts of exceljs's WorksheetWriter this file writes through (lib/stream/xlsx/worksheet-writer.js). */
interface WorksheetWriterInternals {
  startedData: boolean;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  stream: { write(text: string): void };
  /** Merged ranges, written as <mergeCell ref="…"/> at commit by their string form. */
  _merges: { toString(): string }[];
}

/** The parts of exceljs's WorkbookWriter: its style registry and shared strings. */
interface WorkbookWriterInternals {
  styles: { addStyleModel(style: Partial<Style>, cellType?: number): number };
  sharedStrings: { add(text: string): number };
}

// exceljs's ValueType numbers (its enum is a runtime object of the package; these are its values).
const VALUE_NULL = 0;
const VALUE_MERGE = 1;
const VALUE_NUMBER = 2;
const VALUE_STRING = 3;

/** One cell as the sheet holds it: a number, a text, or nothing (a styled blank, or a merged range's other cells). */
export type RowCell = { col: number; style: Partial<Style> } & ({ kind: 'number'; value: number | null } | { kind: 'text'; value: string } | { kind: 'merged' });

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export class RowWriter {
  private readonly ws: WorksheetWriterInternals;
  private readonly wb: WorkbookWriterInternals;
  private readonly columns: string[] = [];

  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet) {
    this.wb = wb as unknown as WorkbookWriterInternals;
    this.ws = ws as unknown as WorksheetWriterInternals;
  }

  private column(n: number): string {
    return (this.columns[n] ??= columnName(n));
  }

  /** Writes row `number` with `cells` in column order; `height` in points, as exceljs's row.height. */
  write(number: number, height: number | undefined, cells: RowCell[]): void {
    const ws = this.ws;
    if (!ws.startedData) {
      ws._writeColumns();
      ws._writeOpenSheetData();
      ws.startedData = true;
    }
    let body = '';
    let min = 0;
    let max = 0;
    for (const c of cells) {
      const type = c.kind === 'merged' ? VALUE_MERGE : c.kind === 'text' ? VALUE_STRING : c.value == null ? VALUE_NULL : VALUE_NUMBER;
      const styleId = this.wb.styles.addStyleModel(c.style, type);
      if (!min || min > c.col) min = c.col;
      if (max < c.col) max = c.col;
      if (type === VALUE_NULL && !styleId) continue;
      const s = styleId ? ` s="${styleId}"` : '';
      const ref = `${this.column(c.col)}${number}`;
      if (c.kind === 'text') body += `<c r="${ref}"${s} t="s"><v>${this.wb.sharedStrings.add(c.value)}</v></c>`;
      else if (c.kind === 'number' && c.value != null) body += `<c r="${ref}"${s}><v>${c.value}</v></c>`;
      else body += `<c r="${ref}"${s}/>`;
    }
    if (!height && !cells.length) return;
    const ht = height ? ` ht="${height}" customHeight="1"` : '';
    const spans = min > 0 && max > 0 && min <= max ? ` spans="${min}:${max}"` : '';
    const open = `<row r="${number}"${ht}${spans} x14ac:dyDescent="0.25"`;
    ws.stream.write(body ? `${open}>${body}</row>` : `${open}/>`);
  }

  /** Merges columns `from`…`to` of row `number` (written at commit, with exceljs's other merges). */
  merge(number: number, from: number, to: number): void {
    const ref = `${this.column(from)}${number}:${this.column(to)}${number}`;
    this.ws._merges.push({ toString: () => ref });
  }
}
