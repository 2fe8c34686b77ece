/**
 * Writes sheet models to an .xlsx in memory with exceljs's streaming writer
 * (rows are committed as they are written, so a 2,000-unit × 40-indicator
 * table stays fast and small in memory). Styling and print setup live here:
 * A4, orientation by table width, one page wide, header rows repeated,
 * margins, centred between them, "第 N 页 共 M 页" in the footer. No formulas are written at all:
 * every sum is a plain value, so Excel, WPS and LibreOffice show the same
 * numbers without recalculating.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Style } from 'exceljs';
import { RowWriter, type RowCell } from './rowXml';
import { safeText, TEXT_FORMAT } from './safeText';
import type { CellKind, SheetCell, SheetModel } from './sheetModel';
import {
  A4_LANDSCAPE_UNITS,
  A4_PAPER_SIZE,
  A4_PORTRAIT_UNITS,
  ALIGN,
  argb,
  FONT,
  HEADER_FILL,
  heightForLines,
  MARGINS,
  orientationFor,
  PAGE_FOOTER,
  SIZE,
  solidFill,
  THIN_BORDER,
  wrappedLines,
} from './style';

const KIND_FONT: Record<CellKind, Partial<ExcelJS.Font>> = {
  label: FONT.label,
  title: FONT.title,
  subtitle: FONT.subtitle,
  header: FONT.header,
  section: FONT.section,
  text: FONT.body,
  textCenter: FONT.body,
  number: FONT.body,
  note: FONT.note,
};

const KIND_SIZE: Record<CellKind, number> = {
  label: SIZE.label,
  title: SIZE.title,
  subtitle: SIZE.subtitle,
  header: SIZE.header,
  section: SIZE.body,
  text: SIZE.body,
  textCenter: SIZE.body,
  number: SIZE.body,
  note: SIZE.note,
};

const BORDERED: ReadonlySet<CellKind> = new Set(['header', 'section', 'text', 'textCenter', 'number']);

function styleOf(c: SheetCell): Partial<Style> {
  const font: Partial<ExcelJS.Font> = { ...KIND_FONT[c.kind] };
  if (c.bold) font.bold = true;
  if (c.color) font.color = { argb: argb(c.color) };
  const style: Partial<Style> = { font };
  style.alignment =
    c.kind === 'number'
      ? ALIGN.right
      : c.kind === 'header' || c.kind === 'textCenter' || c.kind === 'title'
        ? ALIGN.center
        : c.kind === 'note' || c.kind === 'label'
          ? ALIGN.noteLeft
          : ALIGN.left;
  if (c.kind === 'label') style.alignment = { horizontal: 'left', vertical: 'middle' };
  if (c.align) style.alignment = { ...style.alignment, horizontal: c.align, indent: c.align === 'right' ? 1 : 0 };
  if (BORDERED.has(c.kind)) style.border = THIN_BORDER;
  if (c.kind === 'header') style.fill = HEADER_FILL;
  if (c.fill) style.fill = solidFill(c.fill);
  style.numFmt = c.kind === 'number' ? (c.numFmt ?? 'General') : TEXT_FORMAT;
  return style;
}

/**
 * Style objects are shared between cells with the same look (exceljs then writes one xf for them).
 * Found through one small map per property — kind, number format, fill, colour, bold and
 * alignment — so no key string is built per cell (a 2,000 × 40 table has 640,000 cells).
 */
class StyleCache {
  private readonly root: Level = new Map();
  private readonly plain: Level = new Map();
  get(c: SheetCell): Partial<Style> {
    // Most cells have no fill, colour, bold or alignment of their own: two lookups.
    if (c.fill === undefined && c.color === undefined && c.bold === undefined && c.align === undefined) {
      const byFormat = next(this.plain, c.kind);
      let s = byFormat.get(c.numFmt) as Partial<Style> | undefined;
      if (!s) byFormat.set(c.numFmt, (s = styleOf(c)));
      return s;
    }
    const leaf = next(next(next(next(next(this.root, c.kind), c.numFmt), c.fill), c.color), c.bold === true);
    let s = leaf.get(c.align) as Partial<Style> | undefined;
    if (!s) leaf.set(c.align, (s = styleOf(c)));
    return s;
  }
}
type Level = Map<unknown, unknown>;
function next(level: Level, key: unknown): Level {
  let m = level.get(key) as Level | undefined;
  if (!m) level.set(key, (m = new Map()));
  return m;
}

/**
 * How many lines a text wraps to, remembered: unit names and statuses repeat in every indicator's
 * block. Keyed by (size, width), then by the text itself (no key string built per cell: a 2,000 × 40
 * table asks 200,000 times).
 */
class LineCounter {
  private readonly known = new Map<number, Map<number, Map<string, number>>>();
  lines(text: string, size: number, width: number): number {
    let bySize = this.known.get(size);
    if (!bySize) this.known.set(size, (bySize = new Map()));
    let byText = bySize.get(width);
    if (!byText) bySize.set(width, (byText = new Map()));
    let n = byText.get(text);
    if (n === undefined) byText.set(text, (n = wrappedLines(text, size, width)));
    return n;
  }
}

/** Estimated height of a row: its tallest wrapped cell. */
function estimateHeight(cells: (SheetCell | null)[], widths: number[], counter: LineCounter): number {
  let height = heightForLines(1, SIZE.body);
  cells.forEach((c, i) => {
    if (!c || c.value == null) return;
    const size = KIND_SIZE[c.kind];
    if (c.kind === 'number') {
      height = Math.max(height, heightForLines(1, size));
      return;
    }
    const span = Math.max(1, c.span ?? 1);
    const width = widths.slice(i, i + span).reduce((a, b) => a + b, 0);
    height = Math.max(height, heightForLines(counter.lines(String(c.value), size, width), size));
  });
  return height;
}

/** Excel's rules for sheet names: ≤ 31 characters, none of []:*?/\, not starting or ending with '. */
export function validSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim();
  return (cleaned || 'Sheet1').slice(0, 31);
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Widens a narrow table to the printable width, as issued annexes span the
 * page's text width (and printing centres it, see centreHorizontally).
 */
export function pageWidths(columns: number[]): { widths: number[]; orientation: 'portrait' | 'landscape' } {
  const total = columns.reduce((a, b) => a + b, 0);
  const orientation = orientationFor(total);
  const page = orientation === 'portrait' ? A4_PORTRAIT_UNITS : A4_LANDSCAPE_UNITS;
  const factor = total > 0 && total < page * 0.97 ? (page * 0.97) / total : 1;
  return { widths: columns.map((w) => Math.round(w * factor * 10) / 10), orientation };
}

/**
 * Centres the table between the page's margins when printed. The streaming
 * writer keeps pageSetup.horizontalCentered but never writes the
 * <printOptions> element that carries it, so it is written here, where the
 * schema wants it: just before <pageMargins>. (Checked on the file and in a
 * LibreOffice render by test/integration/export-excel-render.test.ts.)
 */
function centreHorizontally(ws: ExcelJS.Worksheet): void {
  const sheet = ws as unknown as { _writePageMargins(): void; stream: { write(xml: string): void } };
  const writeMargins = sheet._writePageMargins.bind(sheet);
  sheet._writePageMargins = () => {
    sheet.stream.write('<printOptions horizontalCentered="1"/>');
    writeMargins();
  };
}

/** Writes a sheet's rows: `RowWriter` (rowXml.ts); a test passes exceljs's own cells to compare the files with. */
export interface SheetRows {
  write(number: number, height: number | undefined, cells: RowCell[]): void;
  merge(number: number, from: number, to: number): void;
}
export type SheetRowsFactory = (wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet) => SheetRows;
const rowXml: SheetRowsFactory = (wb, ws) => new RowWriter(wb, ws);

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: SheetModel, styles: StyleCache, makeRows: SheetRowsFactory): void {
  const { widths, orientation } = pageWidths(model.columns);
  // exceljs writes "$" + what it is given: "A$1" becomes the absolute "$A$1" that Excel, WPS and LibreOffice all read.
  const printArea = model.lastPrintedRow ? `A$1:${columnLetter(model.columns.length)}$${model.lastPrintedRow}` : undefined;
  const ws = wb.addWorksheet(validSheetName(model.name), {
    pageSetup: {
      paperSize: A4_PAPER_SIZE,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: MARGINS,
      printTitlesRow: `${model.headerRows.first}:${model.headerRows.last}`,
      ...(printArea ? { printArea } : {}),
    },
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', xSplit: 0, ySplit: model.headerRows.last, showGridLines: false }],
    properties: { defaultRowHeight: 20 },
  });
  ws.columns = widths.map((width) => ({ width }));
  centreHorizontally(ws);
  const counter = new LineCounter();

  const rows = makeRows(wb, ws);
  let rowNumber = 0;
  for (const row of model.rows) {
    rowNumber++;
    const cells: RowCell[] = [];
    // A cell inside an earlier cell's merged range is that range (as exceljs's merge made it).
    let mergedTo = 0;
    row.cells.forEach((c, i) => {
      if (!c || i + 1 <= mergedTo) return;
      const style = styles.get(c);
      cells.push(
        c.kind === 'number'
          ? { col: i + 1, style, kind: 'number', value: typeof c.value === 'number' && Number.isFinite(c.value) ? c.value : null }
          : { col: i + 1, style, kind: 'text', value: safeText(c.value == null ? '' : String(c.value)) },
      );
      const span = Math.max(1, c.span ?? 1);
      if (span > 1) {
        // Every cell of a merged range carries the style, so its borders print in Excel, WPS and LibreOffice.
        for (let k = 1; k < span; k++) cells.push({ col: i + 1 + k, style, kind: 'merged' });
        rows.merge(rowNumber, i + 1, i + span);
        mergedTo = i + span;
      }
    });
    rows.write(rowNumber, row.height ?? estimateHeight(row.cells, widths, counter), cells);
  }
  ws.commit();
}

/** Writes the sheets into one workbook and returns its bytes. */
export async function writeXlsx(models: SheetModel[], meta: { title: string }, makeRows: SheetRowsFactory = rowXml): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  // exceljs is loaded when a workbook is written, not when the core starts (it costs a fifth of a second).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  // Document properties (文件 → 属性) name the table and the program; exceljs's types omit them on the writer.
  Object.assign(wb, { creator: '科创台账', lastModifiedBy: '科创台账', title: safeText(meta.title), created: new Date() });
  const styles = new StyleCache();
  for (const model of models) writeSheet(wb, model, styles, makeRows);
  await wb.commit();
  return Buffer.concat(chunks);
}

export { columnLetter };
