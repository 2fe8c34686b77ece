/**
 * The grid's copy and paste, pure: a selection becomes a tab-separated block
 * Excel and WPS paste cell by cell; a block pasted from them lands from the
 * selection's top-left cell (one value pasted over a selection fills it, as
 * in Excel), skipping read-only cells and what falls outside the grid, and
 * leaving cells whose text would not change. The tab-separated format itself
 * is shared/entry/tsv.ts.
 */
import { formatTsv, parseTsv } from '../../../shared/entry/tsv';
import type { Pos } from './keymap';

export interface Range {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const rangeOf = (a: Pos, b: Pos): Range => ({
  top: Math.min(a.row, b.row),
  bottom: Math.max(a.row, b.row),
  left: Math.min(a.col, b.col),
  right: Math.max(a.col, b.col),
});

/** The selection as a block: `textAt` is the text a cell shows ('' for none). */
export function copyBlock(range: Range, textAt: (row: number, col: number) => string): { text: string; rows: number; cols: number } {
  const out: string[][] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const line: string[] = [];
    for (let c = range.left; c <= range.right; c++) line.push(textAt(r, c));
    out.push(line);
  }
  return { text: formatTsv(out), rows: out.length, cols: range.right - range.left + 1 };
}

/** What the grid knows of a cell a paste would write into. */
export interface PasteTarget {
  /** False: read-only or nothing there. */
  writable: boolean;
  /** The text it shows now. */
  current: string;
}

export interface PastePlan {
  /** Cells to write, with the text pasted into each. */
  writes: { row: number; col: number; text: string }[];
  /** Non-empty values that fell on read-only cells or outside the grid. */
  skipped: number;
  /** The selection after the paste: the block's area. */
  anchor: Pos;
  active: Pos;
  rows: number;
  cols: number;
}

/** Where a pasted block goes; null when the clipboard holds nothing. */
export function planPaste(
  clipboardText: string,
  range: Range,
  grid: { rowCount: number; colCount: number },
  target: (row: number, col: number) => PasteTarget,
): PastePlan | null {
  const block = parseTsv(clipboardText);
  if (block.length === 0) return null;
  const fill = block.length === 1 && block[0].length === 1;
  const rows = fill ? range.bottom - range.top + 1 : block.length;
  const cols = fill ? range.right - range.left + 1 : Math.max(...block.map((r) => r.length));
  const writes: PastePlan['writes'] = [];
  let skipped = 0;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const row = range.top + i;
      const col = range.left + j;
      const text = fill ? block[0][0] : (block[i]?.[j] ?? '');
      if (row >= grid.rowCount || col >= grid.colCount) {
        if (text.trim() !== '') skipped++;
        continue;
      }
      const cell = target(row, col);
      if (!cell.writable) {
        if (text.trim() !== '') skipped++;
        continue;
      }
      if (text.trim() === cell.current) continue;
      writes.push({ row, col, text });
    }
  return {
    writes,
    skipped,
    anchor: { row: range.top, col: range.left },
    active: { row: Math.min(grid.rowCount - 1, range.top + rows - 1), col: Math.min(grid.colCount - 1, range.left + cols - 1) },
    rows,
    cols,
  };
}
