/**
 * Writes a fill-in workbook (填报表) for one sub-unit and period: the unit's
 * targets and its open cells only, everything else protected; data
 * validation on the open cells; instructions in Chinese at the top; the
 * identification (with base values and checksum) in a veryHidden sheet.
 * Styled like the other exports (公文 fonts from export/excel/style.ts).
 */
import dayjs from 'dayjs';
import type ExcelJS from 'exceljs';
import { decimalsRule } from '../../../shared/entry/validate';
import type { ExchangeIdentity } from '../../../shared/exchange/identity';
import { PROGRESS_STATUS_LABEL, type ProgressStatus } from '../../../shared/model/task';
import { formatNumber } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import { safeText, TEXT_FORMAT } from '../export/excel/safeText';
import { A4_PAPER_SIZE, ALIGN, decimalsFormat, FONT, HEADER_FILL, MARGINS, PAGE_FOOTER, solidFill, THIN_BORDER } from '../export/excel/style';
import {
  COL,
  FIGURE_FIRST_ROW,
  FIGURE_HEADER_ROW,
  FIGURE_SHEET,
  ID_CHUNK,
  ID_MARK,
  ID_SHEET,
  PCOL,
  PROGRESS_FIRST_ROW,
  PROGRESS_HEADER_ROW,
  PROGRESS_SHEET,
  SHEET_PASSWORD,
  UNIT_CELL,
} from './layout';

/** Light yellow: the cells to fill in, as bureaus mark them on paper forms. */
const INPUT_FILL = solidFill('#FFF7CC');
const STATUS_LIST = Object.values(PROGRESS_STATUS_LABEL);

const PROTECT_OPTIONS = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
} as const;

function targetText(c: ExchangeIdentity['cells'][number]): string {
  if (c.target === null) return '';
  const t = formatNumber(c.target, c.decimals);
  return c.targetMax !== null ? `${t}-${formatNumber(c.targetMax, c.decimals)}` : t;
}

function box(cell: ExcelJS.Cell, font: Partial<ExcelJS.Font>, alignment: Partial<ExcelJS.Alignment>) {
  cell.font = font;
  cell.alignment = alignment;
  cell.border = THIN_BORDER;
}

function pageSetup(ws: ExcelJS.Worksheet, headerRow: number) {
  ws.pageSetup = {
    paperSize: A4_PAPER_SIZE,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: MARGINS,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  ws.headerFooter = { oddFooter: PAGE_FOOTER };
}

function instructions(identity: ExchangeIdentity): string {
  const lines = [
    '填报说明：',
    `1. 本表是${identity.plan.unitName}下发给${identity.unit.name}的${periodLabel(identity.period)}填报表，只需在黄色单元格中填写“完成数”（需要时填写“说明”）；其他单元格已保护，不能修改。`,
    '2. 完成数填写数字，不能为负数，小数位数见“填写要求”；月度指标填写1月至本月的累计数，累计数小于上期时请在“说明”中写明原因。',
  ];
  if (identity.tasks.length > 0) lines.push('3. 请在“任务进展”工作表中为每项任务选择状态并简要填写进展情况。');
  lines.push(`${identity.tasks.length > 0 ? 4 : 3}. 请勿增删行列、勿改工作表名称；用 Excel 或 WPS 保存后，将本文件原样发回${identity.plan.unitName}。`);
  return lines.join('\n');
}

/**
 * Values written into the open cells instead of the base values: a district's workbook for its
 * city (上报) carries the totals it reports, while the identification keeps what the city holds.
 */
export interface WorkbookFill {
  /** `${indicatorId}|${period}` → value. */
  figures: Map<string, number>;
  /** taskId → progress. */
  progress: Map<number, { status: string; text: string }>;
}

function figureSheet(wb: ExcelJS.Workbook, identity: ExchangeIdentity, fill?: WorkbookFill) {
  const ws = wb.addWorksheet(FIGURE_SHEET, { views: [{ state: 'frozen', ySplit: FIGURE_HEADER_ROW }] });
  ws.columns = [
    { key: 'seq', width: 10 }, // wide enough for the label 填报单位 in A3
    { key: 'name', width: 30 },
    { key: 'measure', width: 10 },
    { key: 'target', width: 12 },
    { key: 'period', width: 16 },
    { key: 'value', width: 16 },
    { key: 'rule', width: 22 },
    { key: 'note', width: 34 },
  ];
  const last = 'H';
  ws.mergeCells(`A1:${last}1`);
  const title = ws.getCell('A1');
  title.value = safeText(`${identity.unit.name}${periodLabel(identity.period)}科技创新指标填报表`);
  title.font = { ...FONT.title, size: 18 };
  title.alignment = ALIGN.titleCenter;
  ws.getRow(1).height = 36;

  ws.mergeCells(`A2:${last}2`);
  const plan = ws.getCell('A2');
  plan.value = safeText(`依据：${identity.plan.title}${identity.plan.docNumber ? `（${identity.plan.docNumber}）` : ''}`);
  plan.font = FONT.subtitle;
  plan.alignment = ALIGN.titleCenter;

  ws.getCell('A3').value = '填报单位';
  ws.getCell(UNIT_CELL).value = safeText(identity.unit.name);
  ws.getCell('C3').value = '报告期';
  ws.mergeCells('D3:E3');
  ws.getCell('D3').value = periodLabel(identity.period);
  ws.getCell('F3').value = '下发时间';
  ws.mergeCells(`G3:${last}3`);
  // Shown in the PC's own time, as staff read a clock; the identification keeps the exact UTC instant.
  ws.getCell('G3').value = dayjs(identity.exportedAt).format('YYYY-MM-DD HH:mm');
  for (const ref of ['A3', UNIT_CELL, 'C3', 'D3', 'F3', 'G3']) {
    const c = ws.getCell(ref);
    c.font = ref === 'A3' || ref === 'C3' || ref === 'F3' ? FONT.header : FONT.body;
    c.alignment = ALIGN.left;
    c.numFmt = TEXT_FORMAT;
  }
  ws.getRow(3).height = 22;

  ws.mergeCells(`A4:${last}4`);
  const help = ws.getCell('A4');
  help.value = instructions(identity);
  help.font = FONT.note;
  help.alignment = ALIGN.noteLeft;
  ws.getRow(4).height = 96;

  const header = ['序号', '指标名称', '计量单位', '年度目标', '指标报告期', '完成数（请填写）', '填写要求', '说明'];
  header.forEach((text, i) => {
    const c = ws.getRow(FIGURE_HEADER_ROW).getCell(i + 1);
    c.value = text;
    box(c, FONT.header, ALIGN.center);
    c.fill = HEADER_FILL;
  });
  ws.getRow(FIGURE_HEADER_ROW).height = 24;

  identity.cells.forEach((cell, i) => {
    const row = ws.getRow(FIGURE_FIRST_ROW + i);
    const rule = `不小于0，${decimalsRule(cell.decimals)}`;
    row.getCell(COL.seq).value = i + 1;
    row.getCell(COL.name).value = safeText(cell.indicatorName);
    row.getCell(COL.measure).value = safeText(cell.measureUnit);
    row.getCell(COL.target).value = targetText(cell);
    row.getCell(COL.period).value = periodLabel(cell.period);
    row.getCell(COL.rule).value = rule + (cell.previous !== null ? `；上期累计 ${formatNumber(cell.previous, cell.decimals)}` : '');
    for (const col of [COL.seq, COL.name, COL.measure, COL.target, COL.period, COL.rule]) {
      box(row.getCell(col), FONT.body, col === COL.name || col === COL.rule ? ALIGN.left : ALIGN.center);
    }
    for (const col of [COL.measure, COL.target, COL.period, COL.name, COL.rule]) row.getCell(col).numFmt = TEXT_FORMAT;

    const input = row.getCell(COL.value);
    const shown = fill ? (fill.figures.get(`${cell.indicatorId}|${cell.period}`) ?? null) : cell.base;
    if (shown !== null) input.value = shown;
    box(input, FONT.body, ALIGN.right);
    input.numFmt = decimalsFormat(cell.decimals);
    input.fill = INPUT_FILL;
    input.protection = { locked: false };
    input.dataValidation = {
      type: cell.decimals === 0 ? 'whole' : 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: '填写完成数',
      prompt: `${cell.indicatorName}（${cell.measureUnit || '无单位'}），${periodLabel(cell.period)}：${rule}。`.slice(0, 250),
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '数值不正确',
      error: `请填写不小于0的${cell.decimals === 0 ? '整数' : `数字（${decimalsRule(cell.decimals)}）`}。`,
    };
    const note = row.getCell(COL.note);
    box(note, FONT.body, ALIGN.left);
    note.numFmt = TEXT_FORMAT;
    note.fill = INPUT_FILL;
    note.protection = { locked: false };
    note.dataValidation = {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      formulae: [500],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '说明过长',
      error: '说明不能超过500字。',
    };
    row.height = 26;
  });
  pageSetup(ws, FIGURE_HEADER_ROW);
  return ws;
}

function progressSheet(wb: ExcelJS.Workbook, identity: ExchangeIdentity, fill?: WorkbookFill) {
  const ws = wb.addWorksheet(PROGRESS_SHEET, { views: [{ state: 'frozen', ySplit: PROGRESS_HEADER_ROW }] });
  ws.columns = [{ width: 6 }, { width: 52 }, { width: 16 }, { width: 14 }, { width: 52 }];
  ws.mergeCells('A1:E1');
  const title = ws.getCell('A1');
  title.value = safeText(`${identity.unit.name}${periodLabel(identity.period)}重点任务进展`);
  title.font = { ...FONT.title, size: 18 };
  title.alignment = ALIGN.titleCenter;
  ws.getRow(1).height = 36;
  ws.mergeCells('A2:E2');
  const help = ws.getCell('A2');
  help.value = `请在黄色单元格中选择状态（${STATUS_LIST.join('、')}）并填写进展情况（不超过1000字）。`;
  help.font = FONT.note;
  help.alignment = ALIGN.noteLeft;
  ['序号', '工作内容', '牵头单位', '状态（请选择）', '进展情况（请填写）'].forEach((text, i) => {
    const c = ws.getRow(PROGRESS_HEADER_ROW).getCell(i + 1);
    c.value = text;
    box(c, FONT.header, ALIGN.center);
    c.fill = HEADER_FILL;
  });
  identity.tasks.forEach((task, i) => {
    const row = ws.getRow(PROGRESS_FIRST_ROW + i);
    row.getCell(PCOL.seq).value = task.seq;
    row.getCell(PCOL.content).value = safeText(task.content);
    row.getCell(PCOL.lead).value = safeText(task.leadText);
    for (const col of [PCOL.seq, PCOL.content, PCOL.lead]) box(row.getCell(col), FONT.body, col === PCOL.seq ? ALIGN.center : ALIGN.left);
    row.getCell(PCOL.content).numFmt = TEXT_FORMAT;
    row.getCell(PCOL.lead).numFmt = TEXT_FORMAT;
    const status = row.getCell(PCOL.status);
    const given = fill ? (fill.progress.get(task.taskId) ?? null) : task.base;
    if (given) status.value = PROGRESS_STATUS_LABEL[given.status as ProgressStatus] ?? '';
    box(status, FONT.body, ALIGN.center);
    status.fill = INPUT_FILL;
    status.protection = { locked: false };
    status.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${STATUS_LIST.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '状态不正确',
      error: `请从列表中选择：${STATUS_LIST.join('、')}。`,
    };
    const text = row.getCell(PCOL.text);
    if (given) text.value = safeText(given.text);
    box(text, FONT.body, ALIGN.left);
    text.numFmt = TEXT_FORMAT;
    text.fill = INPUT_FILL;
    text.protection = { locked: false };
    // Rough height for the wrapped task text (about 24 characters a line at this width).
    row.height = Math.max(30, Math.ceil(task.content.length / 24) * 17 + 8);
  });
  pageSetup(ws, PROGRESS_HEADER_ROW);
  return ws;
}

function idSheet(wb: ExcelJS.Workbook, identity: ExchangeIdentity) {
  const ws = wb.addWorksheet(ID_SHEET, { state: 'veryHidden' });
  ws.getCell('A1').value = ID_MARK;
  const json = JSON.stringify(identity);
  for (let i = 0, r = 2; i < json.length; i += ID_CHUNK, r++) {
    const c = ws.getCell(`A${r}`);
    c.value = json.slice(i, i + ID_CHUNK);
    c.numFmt = TEXT_FORMAT;
  }
  return ws;
}

export async function writeFillInWorkbook(identity: ExchangeIdentity, fill?: WorkbookFill): Promise<Buffer> {
  // Loaded when a workbook is written, not when the core starts.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Taizhang 科创台账';
  wb.title = `${identity.unit.name}${periodLabel(identity.period)}填报表`;
  wb.subject = identity.plan.title;
  // A second copy of the checksum where document properties survive a re-save, for people who look.
  wb.keywords = `taizhang ${identity.checksum}`;
  const sheets = [figureSheet(wb, identity, fill)];
  if (identity.tasks.length > 0) sheets.push(progressSheet(wb, identity, fill));
  sheets.push(idSheet(wb, identity));
  for (const ws of sheets) await ws.protect(SHEET_PASSWORD, PROTECT_OPTIONS);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
