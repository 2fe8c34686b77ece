/**
 * Reads a returned fill-in workbook: the identification from the hidden
 * sheet, the visible protected part checked against it (unit, indicators,
 * periods, targets), and what the sub-unit typed into the open cells —
 * numbers, or text such as "3.2" when the cell was formatted as text.
 */
import ExcelJS from 'exceljs';
import { asIdentity, type ExchangeIdentity } from '../../../shared/exchange/identity';
import type { ReturnedProgress } from '../../../shared/exchange/diff';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { formatNumber } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import { COL, FIGURE_FIRST_ROW, FIGURE_SHEET, ID_MARK, ID_SHEET, PCOL, PROGRESS_FIRST_ROW, PROGRESS_SHEET, UNIT_CELL } from './layout';
import { NotAnExchangeFile, type ParsedReturn } from './parsed';

/** A cell as a number, text, or null; formulas by their cached result. */
export function cellRaw(cell: ExcelJS.Cell): number | string | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return typeof o.result === 'number' || typeof o.result === 'string' ? o.result : null;
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

const text = (cell: ExcelJS.Cell) => {
  const r = cellRaw(cell);
  return r === null ? '' : String(r).trim();
};

function readIdentity(wb: ExcelJS.Workbook): ExchangeIdentity | null {
  const ws = wb.getWorksheet(ID_SHEET);
  if (!ws || text(ws.getCell('A1')) !== ID_MARK) return null;
  let json = '';
  for (let r = 2; r < 200; r++) {
    const part = cellRaw(ws.getCell(`A${r}`));
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
const sameNumberText = (cell: ExcelJS.Cell, expected: string) => {
  const raw = cellRaw(cell);
  if (raw === null) return expected === '';
  return typeof raw === 'number' ? formatNumber(raw, 6) === expected : raw.trim() === expected;
};

export async function readReturnWorkbook(bytes: Buffer, fileName: string): Promise<ParsedReturn> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new NotAnExchangeFile(`“${fileName}”无法作为 Excel 文件读取（${(err as Error).message}）。请确认它是 .xlsx 格式的填报表。`);
  }
  const identity = readIdentity(wb);
  if (!identity) {
    throw new NotAnExchangeFile(
      `“${fileName}”不是台账导出的填报表：找不到隐藏的识别信息。请使用“数据交换 → 导出填报表”生成的文件填写后发回；其他表格请用“导入”。`,
    );
  }
  const parsed: ParsedReturn = { kind: 'workbook', identity, figures: [], progress: [], returnedBy: null, refusal: null, problems: [] };
  const ws = wb.getWorksheet(FIGURE_SHEET);
  if (!ws) {
    parsed.refusal = `找不到工作表“${FIGURE_SHEET}”：工作表被删除或改名，受保护部分已被改动。请重新导出填报表并发给${identity.unit.name}。`;
    return parsed;
  }
  const shownUnit = text(ws.getCell(UNIT_CELL));
  if (normaliseUnitName(shownUnit) !== normaliseUnitName(identity.unit.name)) {
    parsed.refusal = `表内填报单位为“${shownUnit || '（空）'}”，而识别信息属于“${identity.unit.name}”：这不是${identity.unit.name}的填报表（可能从别的单位的文件复制而来）。请核实后让该单位用自己的填报表重新填报。`;
    return parsed;
  }
  const where = (row: number, col: string, sheet = FIGURE_SHEET) => `工作表“${sheet}” 第${row}行 ${col}列`;
  for (let i = 0; i < identity.cells.length; i++) {
    const cell = identity.cells[i];
    const r = FIGURE_FIRST_ROW + i;
    const row = ws.getRow(r);
    const name = text(row.getCell(COL.name));
    const period = text(row.getCell(COL.period));
    if (name !== cell.indicatorName || period !== periodLabel(cell.period) || !sameNumberText(row.getCell(COL.target), targetText(cell))) {
      parsed.refusal = `${where(r, 'B-E')}：指标、报告期或目标与下发时不同（表中为“${name}”“${period}”），受保护部分已被改动。请重新导出填报表。`;
      return parsed;
    }
    const note = text(row.getCell(COL.note));
    parsed.figures.push({ cell, raw: cellRaw(row.getCell(COL.value)), note: note || null, where: where(r, 'F') });
  }
  if (identity.tasks.length > 0) {
    const ps = wb.getWorksheet(PROGRESS_SHEET);
    if (!ps) {
      parsed.problems.push({ level: 'warning', where: '', message: `找不到工作表“${PROGRESS_SHEET}”，任务进展未读取。` });
    } else {
      for (let i = 0; i < identity.tasks.length; i++) {
        const task = identity.tasks[i];
        const r = PROGRESS_FIRST_ROW + i;
        const row = ps.getRow(r);
        if (text(row.getCell(PCOL.seq)) !== String(task.seq)) {
          parsed.refusal = `${where(r, 'A', PROGRESS_SHEET)}：任务序号与下发时不同，受保护部分已被改动。请重新导出填报表。`;
          return parsed;
        }
        const progress: ReturnedProgress = {
          task,
          status: text(row.getCell(PCOL.status)),
          text: text(row.getCell(PCOL.text)),
          where: where(r, 'D-E', PROGRESS_SHEET),
        };
        parsed.progress.push(progress);
      }
    }
  }
  return parsed;
}

