/**
 * A target breakdown (附件2): one row per unit, one column per indicator,
 * headers carrying the measure unit ("2022 年技术合同成交额 (亿元)").
 * Numbers are read against their column's unit; units are matched later.
 */
import { isCountUnit, parseNumberCell } from './cells';
import type { DetectedSheet } from './detect';
import { indicatorNameOfHeader, measureUnitOfHeader } from './headers';
import { columnLetter, type ImportProblem, type SheetGrid } from './types';

export interface ParsedIndicatorColumn {
  index: number;
  column: string;
  header: string;
  name: string;
  measureUnit: string;
}

export interface ParsedTargetRow {
  row: number;
  unitText: string;
  /** Per indicator column: the value, null where the cell is empty or says "—". */
  values: ({ value: number; valueMax: number | null } | null)[];
}

export interface ParsedTargets {
  indicators: ParsedIndicatorColumn[];
  rows: ParsedTargetRow[];
  problems: ImportProblem[];
}

export function parseTargets(grid: SheetGrid, detected: DetectedSheet): ParsedTargets {
  const problems: ImportProblem[] = [];
  const unitCol = detected.columns.find((c) => c.role === 'unit');
  const indicators: ParsedIndicatorColumn[] = detected.columns
    .filter((c) => c.role === 'value')
    .map((c) => {
      const parts = c.header.split(' / ');
      const own = parts[parts.length - 1];
      const unit = measureUnitOfHeader(own) || parts.map(measureUnitOfHeader).find(Boolean) || '';
      return { index: c.index, column: c.letter, header: c.header, name: indicatorNameOfHeader(own), measureUnit: unit };
    });
  if (!unitCol) {
    problems.push({ level: 'error', sheet: grid.name, row: 0, column: '', message: '没有“单位”列：请在列对应关系中指定哪一列是单位名称。' });
    return { indicators, rows: [], problems };
  }
  if (indicators.length === 0) {
    problems.push({ level: 'error', sheet: grid.name, row: 0, column: '', message: '没有指标列：表头中除单位外应有指标名称。' });
  }
  const names = new Map<string, string>();
  for (const ind of indicators) {
    if (!ind.name) {
      problems.push({ level: 'error', sheet: grid.name, row: detected.headerRows[0] + 1, column: ind.column, message: '指标列没有名称。' });
    }
    const dup = names.get(ind.name);
    if (dup) {
      problems.push({
        level: 'error',
        sheet: grid.name,
        row: detected.headerRows[0] + 1,
        column: ind.column,
        message: `指标“${ind.name}”与第${dup}列重复。`,
      });
    } else names.set(ind.name, ind.column);
  }

  const rows: ParsedTargetRow[] = [];
  for (let r = detected.dataStart; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    if (row.every((t) => !t.trim())) continue;
    const unitText = (row[unitCol.index] ?? '').trim();
    const where = (c: number) => ({ sheet: grid.name, row: r + 1, column: columnLetter(c) });
    const values = indicators.map((ind) => {
      const cell = parseNumberCell(row[ind.index] ?? '', ind.measureUnit);
      switch (cell.kind) {
        case 'empty':
        case 'none':
          return null;
        case 'invalid':
          problems.push({
            level: 'error',
            ...where(ind.index),
            message: `“${cell.text}”不是数字：${ind.name}应填${ind.measureUnit ? `以“${ind.measureUnit}”计的` : ''}数值。`,
          });
          return null;
        case 'number':
          if (cell.approximate) {
            problems.push({ level: 'warning', ...where(ind.index), message: `“${cell.text}”按 ${cell.value} 导入（约数）。` });
          }
          if (cell.value < 0 && (isCountUnit(ind.measureUnit) || !ind.measureUnit)) {
            problems.push({ level: 'warning', ...where(ind.index), message: `${ind.name}的目标为负数（${cell.value}），请核对。` });
          }
          return { value: cell.value, valueMax: cell.valueMax };
      }
    });
    if (!unitText) {
      if (values.some((v) => v !== null)) {
        problems.push({ level: 'error', ...where(unitCol.index), message: `第${r + 1}行有数值但没有单位名称。` });
      }
      continue;
    }
    rows.push({ row: r + 1, unitText, values });
  }
  if (rows.length === 0) {
    problems.push({ level: 'error', sheet: grid.name, row: 0, column: '', message: '表中没有找到任何单位的目标。' });
  }
  return { indicators, rows, problems };
}
