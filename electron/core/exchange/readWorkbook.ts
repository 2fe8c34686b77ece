/**
 * Reads a returned fill-in workbook: the identification from the hidden
 * sheet, the visible protected part checked against it (unit, indicators,
 * periods, targets), and what the sub-unit typed into the open cells —
 * numbers, or text such as "3.2" when the cell was formatted as text.
 */
import { asIdentity, type ExchangeIdentity } from '../../../shared/exchange/identity';
import type { ReturnedProgress } from '../../../shared/exchange/diff';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { formatNumber } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import { readWorkbook, WorkbookRefusal, type CellValue, type SheetCells } from '../workbook';
import { parseCellRef } from '../workbook/sheet';
import { COL, FIGURE_FIRST_ROW, FIGURE_SHEET, ID_MARK, ID_SHEET, PCOL, PROGRESS_FIRST_ROW, PROGRESS_SHEET, UNIT_CELL } from './layout';
import { NotAnExchangeFile, type ParsedReturn } from './parsed';

/** A cell (1-based row and column, as the layout names them). */
type Cell = CellValue | undefined;
const at = (ws: SheetCells, row: number, col: number): Cell => ws.rows[row - 1]?.[col - 1];
const atRef = (ws: SheetCells, ref: string): Cell => {
  const rc = parseCellRef(ref);
  return rc ? ws.rows[rc[0]]?.[rc[1]] : undefined;
};

/**
 * A cell as a number, text, or null; formulas by their cached result. A
 * number cell holding "NaN" or "INF" is that text (the diff refuses it at
 * its cell), an error value its text ("#DIV/0!").
 */
export function cellRaw(v: Cell): number | string | null {
  if (v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  return v.error;
}

const text = (cell: Cell) => {
  const r = cellRaw(cell);
  return r === null ? '' : String(r).trim();
};

function readIdentity(ws: SheetCells | undefined): ExchangeIdentity | null {
  if (!ws || text(atRef(ws, 'A1')) !== ID_MARK) return null;
  let json = '';
  for (let r = 2; r < 200; r++) {
    const part = cellRaw(at(ws, r, 1));
    if (part === null || part === '') break;
    json += String(part);
  }
  try {
    return asIdentity(JSON.parse(json));
  } catch {
    return null;
  }
}

function targetText(c: ExchangeIdentity['cells'][number]): string {
  if (c.target === null) return '';
  const t = formatNumber(c.target, c.decimals);
  return c.targetMax !== null ? `${t}-${formatNumber(c.targetMax, c.decimals)}` : t;
}

/** The visible number, however the spreadsheet stored it (a number or its text). */
const sameNumberText = (cell: Cell, expected: string) => {
  const raw = cellRaw(cell);
  if (raw === null) return expected === '';
  return typeof raw === 'number' ? formatNumber(raw, 6) === expected : raw.trim() === expected;
};

export async function readReturnWorkbook(bytes: Buffer, fileName: string): Promise<ParsedReturn> {
  const wanted = new Set([ID_SHEET, FIGURE_SHEET, PROGRESS_SHEET]);
  let sheets: Map<string, SheetCells>;
  try {
    // Bounded like an import (electron/core/workbook/): only the three sheets of a 填报表 are read.
    const wb = await readWorkbook(bytes, fileName, { include: (s) => wanted.has(s.name) });
    sheets = new Map(wb.sheets.map((s) => [s.name, s]));
  } catch (err) {
    if (err instanceof WorkbookRefusal) throw new NotAnExchangeFile(err.message);
    throw new NotAnExchangeFile(`“${fileName}”无法作为 Excel 文件读取。请确认它是 .xlsx 格式的填报表。`);
  }
  const identity = readIdentity(sheets.get(ID_SHEET));
  if (!identity) {
    throw new NotAnExchangeFile(
      `“${fileName}”不是台账导出的填报表：找不到隐藏的识别信息。请使用“数据交换 → 导出填报表”生成的文件填写后发回；其他表格请用“导入”。`,
    );
  }
  const parsed: ParsedReturn = { kind: 'workbook', identity, figures: [], progress: [], returnedBy: null, refusal: null, problems: [] };
  const ws = sheets.get(FIGURE_SHEET);
  if (!ws) {
    parsed.refusal = `找不到工作表“${FIGURE_SHEET}”：工作表被删除或改名，受保护部分已被改动。请重新导出填报表并发给${identity.unit.name}。`;
    return parsed;
  }
  const shownUnit = text(atRef(ws, UNIT_CELL));
  if (normaliseUnitName(shownUnit) !== normaliseUnitName(identity.unit.name)) {
    parsed.refusal = `表内填报单位为“${shownUnit || '（空）'}”，而识别信息属于“${identity.unit.name}”：这不是${identity.unit.name}的填报表（可能从别的单位的文件复制而来）。请核实后让该单位用自己的填报表重新填报。`;
    return parsed;
  }
  const where = (row: number, col: string, sheet = FIGURE_SHEET) => `工作表“${sheet}” 第${row}行 ${col}列`;
  for (let i = 0; i < identity.cells.length; i++) {
    const cell = identity.cells[i];
    const r = FIGURE_FIRST_ROW + i;
    const name = text(at(ws, r, COL.name));
    const period = text(at(ws, r, COL.period));
    if (name !== cell.indicatorName || period !== periodLabel(cell.period) || !sameNumberText(at(ws, r, COL.target), targetText(cell))) {
      parsed.refusal = `${where(r, 'B-E')}：指标、报告期或目标与下发时不同（表中为“${name}”“${period}”），受保护部分已被改动。请重新导出填报表。`;
      return parsed;
    }
    const note = text(at(ws, r, COL.note));
    parsed.figures.push({ cell, raw: cellRaw(at(ws, r, COL.value)), note: note || null, where: where(r, 'F') });
  }
  if (identity.tasks.length > 0) {
    const ps = sheets.get(PROGRESS_SHEET);
    if (!ps) {
      parsed.problems.push({ level: 'warning', where: '', message: `找不到工作表“${PROGRESS_SHEET}”，任务进展未读取。` });
    } else {
      for (let i = 0; i < identity.tasks.length; i++) {
        const task = identity.tasks[i];
        const r = PROGRESS_FIRST_ROW + i;
        if (text(at(ps, r, PCOL.seq)) !== String(task.seq)) {
          parsed.refusal = `${where(r, 'A', PROGRESS_SHEET)}：任务序号与下发时不同，受保护部分已被改动。请重新导出填报表。`;
          return parsed;
        }
        const progress: ReturnedProgress = {
          task,
          status: text(at(ps, r, PCOL.status)),
          text: text(at(ps, r, PCOL.text)),
          where: where(r, 'D-E', PROGRESS_SHEET),
        };
        parsed.progress.push(progress);
      }
    }
  }
  return parsed;
}

