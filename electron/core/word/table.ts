/**
 * A Word table (w:tbl) → a grid of cell text with its merged areas, the way
 * a merged range of a worksheet reads: a cell spanning columns (w:gridSpan,
 * or the older w:hMerge) or rows (w:vMerge restart … continue) keeps its text
 * in its top-left slot; the slots it covers are empty. Rows that start or end
 * short of the grid (w:gridBefore, w:gridAfter) are placed where Word draws
 * them, so a merge below still lines up. A cell's paragraphs are joined like
 * a workbook cell broken over lines; a table inside a cell gives its text.
 * Rows marked to repeat at the top of every page (w:tblHeader) are counted.
 *
 * Bounded: at most DOCUMENT_MAX_TABLES tables, TABLE_MAX_COLUMNS grid
 * columns, SHEET_MAX_CELLS cells a table and WORKBOOK_MAX_CELLS in all,
 * SHEET_MAX_MERGES merged areas a table — past any, a Chinese refusal that
 * names the table and row.
 */
import { joinBrokenLines } from '../../../shared/import/cells';
import {
  countLabel,
  DOCUMENT_MAX_TABLES,
  SHEET_MAX_CELLS,
  SHEET_MAX_MERGES,
  TABLE_MAX_COLUMNS,
  WORKBOOK_MAX_CELLS,
} from '../../../shared/import/limits';
import { tableName } from '../../../shared/import/notice/sheets';
import type { WordTable } from '../../../shared/import/notice/word';
import type { MergeRange } from '../../../shared/import/types';
import { fileLabel, RESAVE_DOCX, WorkbookRefusal } from '../workbook/refusal';
import { attr, child, elements, isOn, type Element } from './dom';
import { paragraphText, type BodyContext } from './body';

/** What all tables of one document have used so far. */
export interface TableBudget {
  fileName: string;
  tables: number;
  cells: number;
}

/** Children of this name (a table's rows, a row's cells), looking through content controls and custom XML around them. */
function through(el: Element, name: 'tr' | 'tc'): Element[] {
  const found: Element[] = [];
  for (const c of elements(el)) {
    if (c.localName === name) found.push(c);
    else if (c.localName === 'sdt' || c.localName === 'sdtContent' || c.localName === 'customXml') found.push(...through(c, name));
  }
  return found;
}
const rowsOf = (tbl: Element) => through(tbl, 'tr');
const cellsOf = (tr: Element) => through(tr, 'tc');

/** A cell's text: its paragraphs as lines, a nested table's rows as lines with its cells side by side. */
function cellText(tc: Element, ctx: BodyContext): string {
  const lines: string[] = [];
  const walk = (el: Element) => {
    for (const c of elements(el)) {
      if (c.localName === 'p') {
        const { text, boxes } = paragraphText(c, ctx);
        lines.push(text);
        for (const b of boxes) walk(b);
      } else if (c.localName === 'tbl') {
        for (const tr of rowsOf(c)) lines.push(cellsOf(tr).map((inner) => cellText(inner, ctx)).filter(Boolean).join(' '));
      } else if (c.localName === 'sdt' || c.localName === 'sdtContent' || c.localName === 'customXml') walk(c);
    }
  };
  walk(tc);
  return joinBrokenLines(lines.join('\n'));
}

const intOf = (v: string | null) => {
  const n = v === null ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

export function readTable(tbl: Element, ctx: BodyContext): WordTable {
  const budget = ctx.tables;
  budget.tables += 1;
  const no = budget.tables;
  const name = tableName(null, [no]);
  const refuse = (what: string, row = 0) =>
    new WorkbookRefusal(`${fileLabel(budget.fileName)}的${name}${what}${RESAVE_DOCX.replace(/^请/, '请检查该表格，或')}`, { sheet: name, row, column: '' });
  if (no > DOCUMENT_MAX_TABLES) {
    throw new WorkbookRefusal(
      `${fileLabel(budget.fileName)}有超过 ${DOCUMENT_MAX_TABLES} 个表格，超过了导入上限；请只保留通知正文和附件的表格，另存为 .docx 后再导入。`,
    );
  }

  const rows: string[][] = [];
  const merges: MergeRange[] = [];
  /** The vertical merge still open in each grid column (a w:vMerge restart above, continued since). */
  const open: (MergeRange | null)[] = [];
  let headerRows = 0;
  let inHeader = true;
  let width = 0;
  rowsOf(tbl).forEach((tr, r) => {
    const trPr = child(tr, 'trPr');
    if (inHeader && isOn(child(trPr, 'tblHeader'))) headerRows++;
    else inHeader = false;
    const row: string[] = [];
    let col = intOf(attr(child(trPr, 'gridBefore'), 'val'));
    const touched = new Set<number>();
    let hMergeOpen: MergeRange | null = null;
    for (const tc of cellsOf(tr)) {
      const tcPr = child(tc, 'tcPr');
      const span = Math.max(1, intOf(attr(child(tcPr, 'gridSpan'), 'val')));
      if (col + span > TABLE_MAX_COLUMNS) throw refuse(`第${r + 1}行超过 ${TABLE_MAX_COLUMNS} 列，不像是通知中的表格。`, r + 1);
      const vMerge = child(tcPr, 'vMerge');
      const vState = vMerge ? (attr(vMerge, 'val') === 'restart' ? 'restart' : 'continue') : null;
      const hMerge = child(tcPr, 'hMerge');
      const hContinue = hMerge && attr(hMerge, 'val') !== 'restart' && hMergeOpen !== null;
      for (let c = col; c < col + span; c++) {
        row[c] = '';
        touched.add(c);
      }
      const above = open[col];
      if (vState === 'continue' && above && above.left === col) {
        // Covered by the cell above: that merge grows down to this row.
        above.bottom = r;
        above.right = Math.max(above.right, col + span - 1);
      } else if (hContinue) {
        hMergeOpen!.right = col + span - 1;
      } else {
        row[col] = cellText(tc, ctx);
        const area: MergeRange = { top: r, left: col, bottom: r, right: col + span - 1 };
        if (span > 1 || vState) merges.push(area);
        for (let c = col; c < col + span; c++) open[c] = vState ? area : null;
        hMergeOpen = hMerge ? area : null;
        if (hMerge && !merges.includes(area)) merges.push(area);
      }
      col += span;
    }
    // A column this row does not reach (gridAfter, a short row) ends the merges open there.
    for (let c = 0; c < open.length; c++) if (!touched.has(c)) open[c] = null;
    for (let c = 0; c < row.length; c++) row[c] ??= '';
    width = Math.max(width, row.length);
    rows.push(row);
    budget.cells += row.length;
    if (rows.length * width > SHEET_MAX_CELLS) throw refuse(`有 ${countLabel(rows.length * width, '个单元格')}，超过了导入上限 ${countLabel(SHEET_MAX_CELLS)}。`, r + 1);
    if (budget.cells > WORKBOOK_MAX_CELLS) throw refuse(`读到第${r + 1}行时，各表格共有超过 ${countLabel(WORKBOOK_MAX_CELLS, '个单元格')}，超过了导入上限。`, r + 1);
  });
  const real = merges.filter((m) => m.bottom > m.top || m.right > m.left);
  if (real.length > SHEET_MAX_MERGES) throw refuse(`有 ${real.length} 个合并单元格，超过了导入上限 ${SHEET_MAX_MERGES} 个。`);
  return { kind: 'table', rows, merges: real, headerRows };
}
