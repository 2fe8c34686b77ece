/**
 * What a sheet builder hands to the writer: plain rows of typed cells. The
 * builders (annex1.ts, annex2.ts, progress.ts) decide what goes where; the
 * writer (writeXlsx.ts) alone knows exceljs, styling and print setup.
 */

/** What a cell is; the writer maps each kind to its font, alignment and border. */
export type CellKind =
  | 'label' // "附件1", top left, no border
  | 'title' // the table's title, merged across, no border
  | 'subtitle' // a line under the title (period, unit), no border
  | 'header' // column headers: 黑体, centred, bordered, shaded
  | 'section' // a merged group row such as "(一) 科技创新区域优化布局行动"
  | 'text' // body text, left, wrapped
  | 'textCenter' // body text centred (序号, 单位 names, status words)
  | 'number' // body number, right-aligned, with numFmt
  | 'note'; // notes under the table, no border

export interface SheetCell {
  value: string | number | null;
  kind: CellKind;
  /** Excel number format for numbers ("0", "0.00##", "0.0%"). */
  numFmt?: string;
  /** Columns this cell covers, merged to the right (default 1). */
  span?: number;
  /** Background colour "#RRGGBB" (status cells). */
  fill?: string;
  /** Font colour "#RRGGBB". */
  color?: string;
  bold?: boolean;
  /** Overrides the kind's horizontal alignment (a 序号 number centred). */
  align?: 'left' | 'center' | 'right';
}

export interface SheetRow {
  /** One entry per column; null leaves the column empty (or covered by a span). */
  cells: (SheetCell | null)[];
  /** Height in points; estimated from the wrapped text when omitted. */
  height?: number;
}

export interface SheetModel {
  /** Sheet tab name (the writer makes it valid: ≤ 31 characters, no []:*?/\). */
  name: string;
  /** Column widths in Excel units. */
  columns: number[];
  /**
   * The rows in order. An iterable may make them as the writer asks (the 完成情况统计表's 80,000
   * unit rows at 2,000 × 40): cells written at once are never kept all together. It must give the
   * same rows each time it is iterated.
   */
  rows: Iterable<SheetRow>;
  /** 1-based rows repeated at the top of every printed page (the column headers). */
  headerRows: { first: number; last: number };
  /**
   * The last 1-based row that prints; rows below it (the 合计校验 note) stay
   * in the sheet for whoever opens it but outside the print area. All rows when absent.
   */
  lastPrintedRow?: number;
}

export interface ExcelFile {
  fileName: string;
  /** Title of the table, for messages ("2022年工作要点任务分解表"). */
  title: string;
  bytes: Buffer;
}

/**
 * Every cell is made here with all its fields in one order (absent ones undefined), so the
 * 640,000 cells of a 2,000 × 40 table share one shape: cells spread from `extra` took V8
 * several times as long to read in the writer.
 */
function make(value: string | number | null, kind: CellKind, extra: Partial<SheetCell>, numFmt?: string): SheetCell {
  return {
    value,
    kind,
    numFmt: extra.numFmt ?? numFmt,
    span: extra.span,
    fill: extra.fill,
    color: extra.color,
    bold: extra.bold,
    align: extra.align,
  };
}

/** Appended to a table's title (and so its file name) when its figures or targets are generated sample data. */
export const SAMPLE_TITLE_MARK = '（示例数据）';

/**
 * A title as its merged cell shows it: the 示例数据 mark on a line of its own, so a title too long for
 * one line never leaves "据）" alone on the second (the cell wraps; its row holds two lines).
 */
export function titleCellText(title: string): string {
  return title.endsWith(SAMPLE_TITLE_MARK) ? `${title.slice(0, -SAMPLE_TITLE_MARK.length)}\n${SAMPLE_TITLE_MARK}` : title;
}

/** Shorthands used by the builders. */
export const cell = {
  text: (value: string | null, extra: Partial<SheetCell> = {}): SheetCell => make(value, 'text', extra),
  center: (value: string | number | null, extra: Partial<SheetCell> = {}): SheetCell => make(value, 'textCenter', extra),
  number: (value: number | null, numFmt: string, extra: Partial<SheetCell> = {}): SheetCell => make(value, 'number', extra, numFmt),
  header: (value: string, extra: Partial<SheetCell> = {}): SheetCell => make(value, 'header', extra),
};
