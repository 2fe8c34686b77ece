/**
 * Where something is in the file, as a sentence says it. A worksheet has
 * rows and column letters ("附件1 第5行 D列"); a Word notice has tables with
 * rows and columns ("附件1 第2个表格 第5行 第4列") and paragraphs
 * ("正文·重点工作 第12段"). Problems keep their sheet/row/column fields (the
 * column as a letter, A = a table's first column) for scripts; people read
 * this.
 */
import { echo } from './echo';
import type { SheetGrid, SheetOrigin } from './types';

export interface Place {
  sheet: string;
  row: number;
  column: string;
}

/** "D" → 4. */
export function columnNumber(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function placeText(p: Place, origin?: SheetOrigin): string {
  const sheet = echo(p.sheet, 20);
  if (origin?.kind === 'paragraphs') return p.row ? `${sheet} 第${p.row}段` : sheet;
  if (origin?.kind === 'table') {
    // A table continued after a page break is one sheet: say which of its tables, and the row in that table.
    let i = 0;
    while (p.row && i + 1 < origin.tables.length && origin.rowStarts[i + 1] <= p.row) i++;
    const table = `${origin.annex ? `${origin.annex} ` : ''}第${origin.tables[i]}个表格`;
    const row = p.row ? `第${p.row - origin.rowStarts[i] + 1}行` : '';
    return [p.row ? table : sheet, row, p.column ? `第${columnNumber(p.column)}列` : ''].filter(Boolean).join(' ');
  }
  return `${sheet} 第${p.row}行${p.column ? ` ${p.column}列` : ''}`;
}

/** The place text of each sheet's places, by sheet name (a Word notice's parts say 段 and 第N列). */
export function placeTextFor(sheets: Pick<SheetGrid, 'name' | 'origin'>[]): (p: Place) => string {
  const origins = new Map(sheets.map((s) => [s.name, s.origin]));
  return (p) => placeText(p, origins.get(p.sheet));
}

/** A reason or message about a Word table says "第2列" where a worksheet says "B列". */
export function tableColumnWords(text: string): string {
  return text.replace(/(?<![A-Za-z])([A-Z]{1,3})列/g, (_, letter: string) => `第${columnNumber(letter)}列`).replace(/第第/g, '第');
}
