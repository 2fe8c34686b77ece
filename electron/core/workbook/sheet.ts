/**
 * One worksheet's XML → the cells that hold values, and its merged areas
 * clipped to them. Bounded as it goes: cells with no value (styled empties
 * a spreadsheet program writes out to column XFD or row 1,048,576) cost
 * nothing; the used range is the rectangle of the cells with values, and a
 * sheet whose used range or count of value cells passes SHEET_MAX_CELLS is
 * refused with where its far content is; a cell longer than Excel allows is
 * refused at its address.
 */
import type JSZip from 'jszip';
import type { MergeRange } from '../../../shared/import/types';
import { CELL_MAX_CHARS, countLabel, SHEET_MAX_CELLS, SHEET_MAX_MERGES } from '../../../shared/import/limits';
import { cellName, fileLabel, RESAVE, sheetLabel, WorkbookRefusal } from './refusal';
import { isOverlong, type Overlong, unescapeOoxml } from './text';
import { readXml } from './xml';
import type { OpenedZip } from './zip';

/** An Excel error value ("#DIV/0!", "#N/A"): kept as its text so the analysis can say where it is. */
export interface CellError {
  error: string;
}

/**
 * A cell's value: text, a finite number, a truth value, a day (a date-styled
 * serial), or an error. A number cell whose text is not a finite number
 * ("NaN", "INF", "1e400") is its text, never an empty cell.
 */
export type CellValue = string | number | boolean | Date | CellError;

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetCells {
  name: string;
  /** 0-based position in the workbook's sheet list. */
  index: number;
  state: SheetState;
  /** rows[r][c], 0-based, sparse: only cells with values are set; rows.length is the used range's height. */
  rows: CellValue[][];
  /** Width of the used range (0 for an empty sheet). */
  width: number;
  /** Merged areas clipped to the used range (those wholly outside it dropped). */
  merges: MergeRange[];
}

export interface SheetContext {
  opened: OpenedZip;
  sharedStrings: (string | Overlong)[];
  dateStyles: boolean[];
  date1904: boolean;
}

const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

/** "AB12" → [11, 27]; null when it is not a cell reference inside Excel's grid. */
export function parseCellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]) - 1;
  col -= 1;
  return row >= 0 && row <= MAX_ROW && col <= MAX_COL ? [row, col] : null;
}

/** "A1:C3" (or "B2" for one cell) → a range; null when not a range inside Excel's grid. */
export function parseRangeRef(ref: string): MergeRange | null {
  const [a, b = a] = ref.trim().split(':');
  const from = parseCellRef(a);
  const to = parseCellRef(b);
  if (!from || !to) return null;
  return {
    top: Math.min(from[0], to[0]),
    left: Math.min(from[1], to[1]),
    bottom: Math.max(from[0], to[0]),
    right: Math.max(from[1], to[1]),
  };
}

/** Excel's day numbers: 1900 system (with its phantom 29 Feb 1900) or 1904. Days outside 1900–9999 stay numbers. */
function serialToDate(serial: number, date1904: boolean): Date | null {
  if (serial < 0 || serial > 2_958_465) return null;
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function readSheet(ctx: SheetContext, file: JSZip.JSZipObject, index: number, name: string, state: SheetState): Promise<SheetCells> {
  const { opened } = ctx;
  const label = sheetLabel(index, name);
  const where = (row: number, col: number) => ({ sheet: name, row: row + 1, column: cellName(row, col).replace(/\d+$/, '') });
  const rows: CellValue[][] = [];
  const mergeRefs: string[] = [];
  let count = 0;
  let height = 0;
  let width = 0;
  let lowest: [number, number] = [0, 0];
  let rightmost: [number, number] = [0, 0];

  // The cell being read.
  let rowIndex = -1;
  let colIndex = -1;
  let type = 'n';
  let style = 0;
  let inValue = false;
  let inInline = false;
  let inText = false;
  let phonetic = 0;
  let pieces: string[] = [];
  let length = 0;

  const overlong = (row: number, col: number, chars: number) =>
    new WorkbookRefusal(
      `${fileLabel(opened.fileName)}${label}的 ${cellName(row, col)} 单元格有 ${countLabel(chars, '个字符')}，` +
        `超过 Excel 单元格的上限 ${CELL_MAX_CHARS} 个字符（文件不是 Excel 或 WPS 正常保存的）。请检查该单元格，只保留需要的文字后再导入。`,
      where(row, col),
    );

  const cellValue = (): CellValue | null => {
    if (length > CELL_MAX_CHARS) throw overlong(rowIndex, colIndex, length);
    const raw = pieces.join('');
    switch (type) {
      case 's': {
        const s = ctx.sharedStrings[Number(raw.trim())];
        if (s === undefined) return null;
        if (isOverlong(s)) throw overlong(rowIndex, colIndex, s.overlong);
        return s;
      }
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(raw);
      case 'b':
        return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
      case 'e':
        return raw.trim() ? { error: raw.trim() } : null;
      case 'd': {
        const d = new Date(raw.trim());
        return Number.isNaN(d.getTime()) ? raw.trim() : d;
      }
      default: {
        const text = raw.trim();
        if (!text) return null;
        const n = Number(text);
        if (!Number.isFinite(n)) return text; // "NaN", "INF", "1e400": shown as written, for the analysis to refuse
        if (ctx.dateStyles[style]) return serialToDate(n, ctx.date1904) ?? n;
        return n;
      }
    }
  };

  const store = (value: CellValue) => {
    if (typeof value === 'string' && !value.trim()) return;
    const row = (rows[rowIndex] ??= []);
    if (row[colIndex] === undefined && ++count > SHEET_MAX_CELLS) {
      throw new WorkbookRefusal(
        `${fileLabel(opened.fileName)}${label}有超过 ${countLabel(SHEET_MAX_CELLS, '个')}有内容的单元格，超过了导入上限 ${countLabel(SHEET_MAX_CELLS)}；请只保留需要导入的表格，另存后再导入。`,
        { sheet: name, row: 0, column: '' },
      );
    }
    row[colIndex] = value;
    if (rowIndex + 1 > height) {
      height = rowIndex + 1;
      lowest = [rowIndex, colIndex];
    }
    if (colIndex + 1 > width) {
      width = colIndex + 1;
      rightmost = [rowIndex, colIndex];
    }
  };

  const badRef = (ref: string) =>
    new WorkbookRefusal(`${fileLabel(opened.fileName)}${label}中有超出 Excel 范围的单元格位置“${ref.slice(0, 20)}”，文件已损坏。${RESAVE}`, {
      sheet: name,
      row: 0,
      column: '',
    });

  await readXml(opened, file, label, {
    open(tag, a) {
      switch (tag) {
        case 'row': {
          const r = a.r === undefined ? rowIndex + 1 : Number(a.r) - 1;
          if (!Number.isInteger(r) || r < 0 || r > MAX_ROW) throw badRef(`第${a.r}行`);
          rowIndex = r;
          colIndex = -1;
          break;
        }
        case 'c': {
          if (a.r !== undefined) {
            const at = parseCellRef(a.r);
            if (!at) throw badRef(a.r);
            [rowIndex, colIndex] = at;
          } else {
            if (rowIndex < 0) rowIndex = 0;
            if (++colIndex > MAX_COL) throw badRef(`第${rowIndex + 1}行第${colIndex + 1}列`);
          }
          type = a.t ?? 'n';
          style = a.s === undefined ? 0 : Number(a.s);
          pieces = [];
          length = 0;
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          inText = inInline;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell':
          if (mergeRefs.length >= SHEET_MAX_MERGES) {
            throw new WorkbookRefusal(
              `${fileLabel(opened.fileName)}${label}有超过 ${SHEET_MAX_MERGES} 个合并区域，超过导入上限。请取消不需要的合并单元格，或只保留需要导入的表格后再导入。`,
              { sheet: name, row: 0, column: '' },
            );
          }
          if (a.ref) mergeRefs.push(a.ref);
          break;
      }
    },
    text(t) {
      if (!(inValue || (inText && phonetic === 0))) return;
      length += t.length;
      if (length <= CELL_MAX_CHARS) pieces.push(t);
    },
    close(tag) {
      switch (tag) {
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 't':
          inText = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          const value = cellValue();
          if (value !== null) store(value);
          break;
        }
      }
    },
  }, { sheet: name, row: 0, column: '' });

  const area = height * width;
  if (area > SHEET_MAX_CELLS) {
    const corner = cellName(height - 1, width - 1);
    throw new WorkbookRefusal(
      `${fileLabel(opened.fileName)}${label}的内容范围是 A1:${corner}（${height} 行 × ${width} 列，共 ${countLabel(area, '个单元格')}），` +
        `超过了导入上限 ${countLabel(SHEET_MAX_CELLS)}。最右边的内容在 ${cellName(...rightmost)} 单元格，最下边的内容在 ${cellName(...lowest)} 单元格；` +
        '如果是表格以外误填的内容，请删除；否则请只保留需要导入的表格，另存后再导入。',
      { sheet: name, row: 0, column: '' },
    );
  }
  return { name, index, state, rows, width, merges: clipMerges(mergeRefs, height, width, () => overlapping(opened.fileName, label, name)) };
}

const overlapping = (fileName: string, label: string, sheet: string) =>
  new WorkbookRefusal(`${fileLabel(fileName)}${label}的合并区域互相重叠，文件已损坏。${RESAVE}`, { sheet, row: 0, column: '' });

/**
 * Merged areas cut to the used range: a title merged across the whole row
 * (A1:XFD1) becomes A1 to the last used column; areas wholly outside, and
 * those left one cell, are dropped. Areas that do not overlap cover at most
 * the used range, so a larger total means overlapping areas (a damaged file).
 */
function clipMerges(refs: string[], height: number, width: number, overlap: () => Error): MergeRange[] {
  const out: MergeRange[] = [];
  let covered = 0;
  for (const ref of refs) {
    const m = parseRangeRef(ref);
    if (!m || m.top >= height || m.left >= width) continue;
    const clipped = { top: m.top, left: m.left, bottom: Math.min(m.bottom, height - 1), right: Math.min(m.right, width - 1) };
    const cells = (clipped.bottom - clipped.top + 1) * (clipped.right - clipped.left + 1);
    if (cells <= 1) continue;
    covered += cells;
    if (covered > height * width) throw overlap();
    out.push(clipped);
  }
  return out;
}
