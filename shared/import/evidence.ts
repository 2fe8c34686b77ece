/**
 * Does a sheet's body fit a reading? A header only says what a bureau called
 * its columns ("2022年目标任务" over a row of numbers is not a task); the
 * cells below say what the table is. Each reading gets a fit from 0 to 1 and
 * a reason in Chinese for the preview. At most SAMPLE rows are looked at.
 */
import { categoryTitle, isNoteRow, parseNumberCell } from './cells';
import { isTotalLabel, normaliseHeader } from './headers';
import type { ColumnView, ImportKind, SheetGrid, TargetOrientation } from './types';

export interface Evidence {
  fit: number;
  reason: string;
}

const SAMPLE = 120;

const pct = (share: number) => (share >= 0.995 ? '全部' : `${Math.round(share * 100)}%`);

/** The data rows to look at: non-blank, before the notes under the table, not the header repeated after a page break. */
function sampleRows(grid: SheetGrid, start: number, headerRows: number[] = []): string[][] {
  const key = (row: string[]) => row.map(normaliseHeader).join('|').replace(/\|+$/, '');
  const headers = new Set(headerRows.map((r) => key(grid.rows[r] ?? [])).filter(Boolean));
  const out: string[][] = [];
  for (let r = start; r < grid.rows.length && out.length < SAMPLE; r++) {
    const row = grid.rows[r] ?? [];
    if (isNoteRow(row)) break;
    if (row.some((t) => t && t.trim()) && !headers.has(key(row))) out.push(row);
  }
  return out;
}

/** A cell that holds a figure — or a figure gone wrong (#DIV/0!, NaN), which is still a figure's place. */
function isFigure(text: string): boolean {
  const cell = parseNumberCell(text);
  return cell.kind === 'number' || cell.kind === 'none' || (cell.kind === 'invalid' && cell.reason !== undefined);
}

function numericShare(rows: string[][], cols: ColumnView[]): { share: number; cells: number } {
  let cells = 0;
  let numbers = 0;
  for (const row of rows) {
    for (const c of cols) {
      const t = (row[c.index] ?? '').trim();
      if (!t) continue;
      cells++;
      if (isFigure(t)) numbers++;
    }
  }
  return { share: cells ? numbers / cells : 0, cells };
}

const quote = (c: ColumnView) => `${c.letter}列“${c.header.split(' / ').pop()}”`;

export function readingEvidence(
  grid: SheetGrid,
  kind: ImportKind,
  orientation: TargetOrientation | undefined,
  layout: { dataStart: number; columns: ColumnView[]; headerRows?: number[] },
  isUnit: (text: string) => boolean,
): Evidence {
  const rows = sampleRows(grid, layout.dataStart, layout.headerRows);
  const col = (role: ColumnView['role']) => layout.columns.find((c) => c.role === role);
  const values = layout.columns.filter((c) => c.role === 'value');

  if (kind === 'tasks') {
    const content = col('content');
    if (!content) return { fit: 0, reason: '没有“工作内容”列' };
    const body = rows.filter((row) => !(row.filter((t) => t && t.trim()).length === 1 && categoryTitle(row.find((t) => t && t.trim())!) !== null));
    const { share, cells } = numericShare(body, [content]);
    if (cells === 0) return { fit: 0.5, reason: `${quote(content)}下没有文字` };
    if (share > 0.5) return { fit: 0, reason: `${quote(content)}下${pct(share)}是数字，不是工作内容` };
    const units = col('lead') ?? col('responsible');
    return { fit: 1 - share / 2, reason: `${quote(content)}是文字（${cells}行）${units ? `，${quote(units)}写单位` : ''}` };
  }

  if (kind === 'goals') {
    const name = col('indicator');
    const target = col('target') ?? col('wording');
    if (!name || !target) return { fit: 0, reason: '没有“指标”和“目标值”列' };
    let cells = 0;
    let figures = 0;
    for (const row of rows) {
      const t = (row[target.index] ?? '').trim();
      if (!t || !(row[name.index] ?? '').trim()) continue;
      cells++;
      if (isFigure(t) || /[0-9０-９]/.test(t)) figures++;
    }
    if (cells === 0) return { fit: 0.5, reason: `${quote(target)}下没有目标值` };
    const share = figures / cells;
    if (share < 0.5) return { fit: 0, reason: share < 0.005 ? `${quote(target)}下没有数值，不像目标值` : `${quote(target)}下只有${pct(share)}是数值，不像目标值` };
    return { fit: share, reason: `${quote(name)}是指标，${quote(target)}是目标值（${pct(share)}有数值）` };
  }

  if (values.length === 0) return { fit: 0, reason: orientation === 'indicatorRows' ? '表头中没有单位列' : '没有指标列' };
  const { share, cells } = numericShare(rows, values);
  if (cells === 0) return { fit: 0.5, reason: '表体还没有数值' };
  if (share < 0.5) return { fit: 0, reason: share < 0.005 ? '表体没有数字，不像各单位的目标值' : `表体只有${pct(share)}是数字，不像各单位的目标值` };
  if (orientation === 'indicatorRows') {
    const name = col('indicator');
    return { fit: share, reason: `${name ? `${quote(name)}是指标名称，` : ''}表头的${values.length}列是单位，表体${pct(share)}是数字` };
  }
  const unit = col('unit');
  let named = 0;
  let seen = 0;
  if (unit) {
    for (const row of rows) {
      const t = (row[unit.index] ?? '').trim();
      if (!t) continue;
      seen++;
      if (isTotalLabel(t) || isUnit(t)) named++;
    }
  }
  const unitShare = seen ? named / seen : 0;
  return {
    fit: share * (0.6 + 0.4 * unitShare),
    reason: `${unit ? `${quote(unit)}是单位名称，` : ''}其余${values.length}列是指标，表体${pct(share)}是数字`,
  };
}
