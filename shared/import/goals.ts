/**
 * A goal list (工作目标): one indicator per row with its target, measure unit
 * and, where the table has it, the wording ("技术合同成交额突破7亿元").
 * A notice's goal paragraphs are read by ./goalParagraphs.ts.
 */
import { parseTargetWording, targetBounds } from '../wording';
import type { TargetWording } from '../wording';
import { isNoteRow, leadingSeq, notANumberMessage, parseNumberCell } from './cells';
import { echo } from './echo';
import { parseGoalParagraphs } from './goalParagraphs';
import type { DetectedSheet } from './detect';
import { measureUnitOfHeader } from './headers';
import { columnLetter, type ColumnRole, type ImportProblem, type SheetGrid } from './types';

export interface ParsedGoal {
  row: number;
  name: string;
  measureUnit: string;
  wordingText: string | null;
  wording: TargetWording | null;
  value: number | null;
  valueMax: number | null;
  baseline: number | null;
}

export interface ParsedGoals {
  goals: ParsedGoal[];
  problems: ImportProblem[];
}

export function parseGoals(grid: SheetGrid, detected: DetectedSheet): ParsedGoals {
  // A notice's goal paragraphs: one or more goals per paragraph, through the wording parser.
  if (detected.listLayout) return parseGoalParagraphs(grid);
  const problems: ImportProblem[] = [];
  const colOf = (role: ColumnRole) => detected.columns.find((c) => c.role === role);
  const nameCol = colOf('indicator');
  const targetCol = colOf('target');
  const unitCol = colOf('measureUnit');
  const wordingCol = colOf('wording');
  const baselineCol = colOf('baseline');
  if (!nameCol) {
    problems.push({ level: 'error', sheet: grid.name, row: 0, column: '', message: '没有“指标”列：请指定哪一列是指标名称。' });
    return { goals: [], problems };
  }
  const goals: ParsedGoal[] = [];
  const seen = new Map<string, number>();
  for (let r = detected.dataStart; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    if (isNoteRow(row)) break; // "注：…" under the table
    const get = (c: { index: number } | undefined) => (c ? (row[c.index] ?? '').trim() : '');
    const rawName = get(nameCol);
    if (!rawName) continue;
    const name = (leadingSeq(rawName)?.rest ?? rawName).replace(/\s+/g, '');
    const headerUnit = targetCol ? measureUnitOfHeader(targetCol.header) : '';
    // "10家", "7亿元": without a 计量单位 column the target names its own unit.
    const ownUnit = /^[-+]?[0-9０-９.,，]+(?:\s*[-~～至]\s*[0-9０-９.,，]+)?\s*([^\s0-9０-９.,，%％]{1,4}|[%％])$/.exec(get(targetCol))?.[1] ?? '';
    const measureUnit = get(unitCol) || headerUnit || ownUnit;
    const targetText = get(targetCol);
    const where = (c: { index: number } | undefined) => ({ sheet: grid.name, row: r + 1, column: c ? columnLetter(c.index) : '' });
    const before = seen.get(name);
    if (before) {
      problems.push({ level: 'error', ...where(nameCol), message: `指标“${echo(name)}”与第${before}行重复。` });
      continue;
    }
    seen.set(name, r + 1);

    let wordingText = get(wordingCol) || null;
    let value: number | null = null;
    let valueMax: number | null = null;
    const cell = parseNumberCell(targetText, measureUnit);
    if (cell.kind === 'number') {
      value = cell.value;
      valueMax = cell.valueMax;
      if (cell.approximate) problems.push({ level: 'warning', ...where(targetCol), message: `“${cell.text}”按 ${cell.value} 导入（约数）。` });
    } else if (cell.kind === 'invalid' && cell.reason) {
      // #DIV/0!, NaN, a 400-digit number: never read as words, never as "no target".
      problems.push({ level: 'error', ...where(targetCol), message: notANumberMessage(cell, `指标“${echo(name)}”的目标值`, measureUnit) });
      continue;
    } else if (cell.kind === 'invalid') {
      // "突破7亿元": the target is written as words; read it as a wording.
      wordingText = wordingText ?? `${name}${targetText}`;
    }
    if (!wordingText && value !== null) {
      const num = valueMax === null ? String(value) : `${value}-${valueMax}`;
      wordingText = `${name}${num}${measureUnit}`;
    }
    const wording = wordingText ? parseTargetWording(wordingText) : null;
    if (wordingText && !wording) {
      problems.push({ level: 'warning', ...where(wordingCol ?? targetCol), message: `目标表述“${wordingText}”无法识别，只导入数值。` });
    }
    if (wording && value === null && wording.quantity.kind !== 'growth') {
      const b = targetBounds(wording);
      value = b.value;
      valueMax = b.valueMax;
    }
    if (value === null && !(wording && wording.quantity.kind === 'growth')) {
      problems.push({ level: 'error', ...where(targetCol), message: `指标“${name}”没有可识别的目标值。` });
      continue;
    }
    const baselineCell = parseNumberCell(get(baselineCol), measureUnit);
    if (baselineCell.kind === 'invalid') {
      problems.push({ level: 'error', ...where(baselineCol), message: notANumberMessage(baselineCell, `指标“${echo(name)}”的基数（上年完成）`, measureUnit) });
      continue;
    }
    goals.push({
      row: r + 1,
      name,
      measureUnit: measureUnit || wording?.measureUnit || '',
      wordingText,
      wording,
      value,
      valueMax,
      baseline: baselineCell.kind === 'number' ? baselineCell.value : null,
    });
  }
  if (goals.length === 0) problems.push({ level: 'error', sheet: grid.name, row: 0, column: '', message: '表中没有找到任何指标。' });
  return { goals, problems };
}
