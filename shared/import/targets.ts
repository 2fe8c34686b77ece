/**
 * A target breakdown (附件2), in either layout a bureau keeps it:
 * - units as rows, indicators as columns, headers carrying the measure unit
 *   ("2022 年技术合同成交额 (亿元)") — 003's own layout;
 * - indicators as rows, units as columns ("科技型中小企业 | 家 | 140 | 21 …"),
 *   the measure unit in a 计量单位 column or in the name ("技术合同成交额（亿元）").
 * Both become the same units × indicators frame; every problem keeps the
 * sheet, row and column of the real cell. Units are matched later.
 */
import { categoryTitle, isNoteRow, leadingSeq, notANumberMessage, parseNumberCell } from './cells';
import { echo } from './echo';
import type { DetectedSheet } from './detect';
import { indicatorNameOfHeader, measureUnitOfHeader, normaliseHeader } from './headers';
import { columnLetter, type ImportProblem, type SheetGrid, type TargetOrientation } from './types';

/** A cell of the file: 1-based row, column letter. */
export interface CellAt {
  row: number;
  column: string;
}

export interface ParsedIndicatorColumn {
  /** Column index (units as rows) or 0-based row index (indicators as rows). */
  index: number;
  /** Where the indicator's name stands. */
  at: CellAt;
  column: string;
  header: string;
  name: string;
  measureUnit: string;
}

export interface ParsedTargetRow {
  /** Where the unit's name stands (row of the unit cell; for indicators as rows, the header row). */
  row: number;
  column: string;
  unitText: string;
  /** Per indicator: the value, null where the cell is empty, says "—" or cannot be read. */
  values: ({ value: number; valueMax: number | null } | null)[];
  /** Indicators (by index) whose cell holds something that is not a number: an error, never "no target". */
  unreadable: number[];
}

export interface ParsedTargets {
  orientation: TargetOrientation;
  indicators: ParsedIndicatorColumn[];
  rows: ParsedTargetRow[];
  problems: ImportProblem[];
}

/** One unit of the frame: its name cell, and the cell holding its value for indicator i. */
interface UnitLine {
  text: string;
  at: CellAt;
  cell(indicator: ParsedIndicatorColumn): { text: string; r: number; c: number };
}

interface Frame {
  indicators: ParsedIndicatorColumn[];
  units: UnitLine[];
  problems: ImportProblem[];
  /** "第3列" or "第5行": how a duplicate indicator's first place is named. */
  placeOf(ind: ParsedIndicatorColumn): string;
}

const isBlank = (row: string[] | undefined) => !row || row.every((t) => !t.trim());

/**
 * The header rows as keys: a data row equal to one is the header repeated
 * after a page break (typed again, or a Word table continued as a new one), not data.
 */
function repeatedHeader(grid: SheetGrid, detected: DetectedSheet): (row: string[]) => boolean {
  const key = (row: string[]) => row.map(normaliseHeader).join('|').replace(/\|+$/, '');
  const keys = new Set(detected.headerRows.map((r) => key(grid.rows[r] ?? [])).filter(Boolean));
  // A row whose first cell is no header row's first cell cannot be one: most rows are settled by one
  // cell, not all of theirs (a 2,000 × 40 sheet has 82,000 cells to normalise).
  const firsts = new Set(detected.headerRows.map((r) => normaliseHeader(grid.rows[r]?.[0] ?? '')));
  return (row) => keys.size > 0 && firsts.has(normaliseHeader(row[0] ?? '')) && keys.has(key(row));
}

/** Units as rows: one indicator per value column, one unit per data row. */
function unitRowsFrame(grid: SheetGrid, detected: DetectedSheet): Frame | ImportProblem {
  const unitCol = detected.columns.find((c) => c.role === 'unit');
  const headerRow = detected.headerRows[detected.headerRows.length - 1] + 1;
  const indicators = detected.columns
    .filter((c) => c.role === 'value')
    .map((c) => {
      const parts = c.header.split(' / ');
      const own = parts[parts.length - 1];
      const unit = measureUnitOfHeader(own) || parts.map(measureUnitOfHeader).find(Boolean) || '';
      return { index: c.index, at: { row: headerRow, column: c.letter }, column: c.letter, header: c.header, name: indicatorNameOfHeader(own), measureUnit: unit };
    });
  if (!unitCol) return { level: 'error', sheet: grid.name, row: 0, column: '', message: '没有“单位”列：请在列对应关系中指定哪一列是单位名称。' };
  const problems: ImportProblem[] = [];
  const units: UnitLine[] = [];
  const isHeader = repeatedHeader(grid, detected);
  for (let r = detected.dataStart; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlank(row) || isHeader(row)) continue;
    if (isNoteRow(row)) break; // "注：…", "填表人：…" under the table
    const text = (row[unitCol.index] ?? '').trim();
    const cell = (ind: ParsedIndicatorColumn) => ({ text: row[ind.index] ?? '', r, c: ind.index });
    if (!text) {
      if (indicators.some((ind) => cell(ind).text.trim())) {
        problems.push({ level: 'error', sheet: grid.name, row: r + 1, column: unitCol.letter, message: `第${r + 1}行有数值但没有单位名称。` });
      }
      continue;
    }
    units.push({ text, at: { row: r + 1, column: unitCol.letter }, cell });
  }
  return { indicators, units, problems, placeOf: (ind) => `第${ind.column}列` };
}

/** Indicators as rows: one indicator per data row, one unit per value column (its name in the last header row). */
function indicatorRowsFrame(grid: SheetGrid, detected: DetectedSheet): Frame | ImportProblem {
  const nameCol = detected.columns.find((c) => c.role === 'indicator');
  const measureCol = detected.columns.find((c) => c.role === 'measureUnit');
  const unitCols = detected.columns.filter((c) => c.role === 'value');
  const lastHeader = detected.headerRows[detected.headerRows.length - 1];
  if (!nameCol) return { level: 'error', sheet: grid.name, row: lastHeader + 1, column: '', message: '没有“指标名称”列：请在列对应关系中指定哪一列是指标名称。' };
  const problems: ImportProblem[] = [];
  const indicators: ParsedIndicatorColumn[] = [];
  const isHeader = repeatedHeader(grid, detected);
  for (let r = detected.dataStart; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlank(row) || isHeader(row)) continue;
    if (isNoteRow(row)) break; // "注：…", "填表人：…" under the table
    const raw = (row[nameCol.index] ?? '').trim();
    const hasValues = unitCols.some((u) => (row[u.index] ?? '').trim());
    if (!raw) {
      if (hasValues) problems.push({ level: 'error', sheet: grid.name, row: r + 1, column: nameCol.letter, message: `第${r + 1}行有数值但没有指标名称。` });
      continue;
    }
    // "一、科技企业": a group row between indicators, not an indicator.
    if (!hasValues && categoryTitle(raw) !== null) continue;
    const text = leadingSeq(raw)?.rest ?? raw;
    const measure = measureCol ? normaliseHeader(row[measureCol.index] ?? '').replace(/^[(（](.*)[)）]$/, '$1') : '';
    indicators.push({
      index: r,
      at: { row: r + 1, column: nameCol.letter },
      column: nameCol.letter,
      header: raw,
      name: indicatorNameOfHeader(text),
      measureUnit: measure || measureUnitOfHeader(text),
    });
  }
  const units: UnitLine[] = unitCols.map((u) => {
    const own = (grid.rows[lastHeader]?.[u.index] ?? '').trim();
    const parts = u.header.split(' / ');
    return {
      text: own || parts[parts.length - 1],
      at: { row: lastHeader + 1, column: u.letter },
      cell: (ind) => ({ text: grid.rows[ind.index]?.[u.index] ?? '', r: ind.index, c: u.index }),
    };
  });
  return { indicators, units, problems, placeOf: (ind) => `第${ind.at.row}行` };
}

export function parseTargets(grid: SheetGrid, detected: DetectedSheet): ParsedTargets {
  const orientation: TargetOrientation = detected.orientation ?? 'unitRows';
  const frame = orientation === 'indicatorRows' ? indicatorRowsFrame(grid, detected) : unitRowsFrame(grid, detected);
  if (!('indicators' in frame)) return { orientation, indicators: [], rows: [], problems: [frame] };
  const { indicators, units } = frame;
  const problems = frame.problems;
  if (indicators.length === 0) {
    problems.push({
      level: 'error',
      sheet: grid.name,
      row: 0,
      column: '',
      message: orientation === 'indicatorRows' ? '表中没有指标行：指标名称列下应逐行写指标。' : '没有指标列：表头中除单位外应有指标名称。',
    });
  }
  const names = new Map<string, ParsedIndicatorColumn>();
  for (const ind of indicators) {
    if (!ind.name) {
      problems.push({ level: 'error', sheet: grid.name, ...ind.at, message: '指标没有名称。' });
      continue;
    }
    const dup = names.get(ind.name);
    if (dup) {
      problems.push({ level: 'error', sheet: grid.name, ...ind.at, message: `指标“${echo(ind.name)}”与${frame.placeOf(dup)}重复。` });
    } else names.set(ind.name, ind);
  }

  const rows: ParsedTargetRow[] = units.map((unit) => {
    const unreadable: number[] = [];
    const values = indicators.map((ind, i) => {
      const { text, r, c } = unit.cell(ind);
      const where = { sheet: grid.name, row: r + 1, column: columnLetter(c) };
      const cell = parseNumberCell(text, ind.measureUnit);
      switch (cell.kind) {
        case 'empty':
        case 'none':
          return null;
        case 'invalid':
          // Never an empty value: an unreadable cell that became "no target" could remove one.
          problems.push({ level: 'error', ...where, message: notANumberMessage(cell, `${echo(unit.text)}的${echo(ind.name)}`, ind.measureUnit) });
          unreadable.push(i);
          return null;
      }
      // A number (the switch returned for every other kind).
      if (cell.approximate) {
        problems.push({ level: 'warning', ...where, message: `“${echo(cell.text)}”按 ${cell.value} 导入（约数）。` });
      }
      return { value: cell.value, valueMax: cell.valueMax };
    });
    return { row: unit.at.row, column: unit.at.column, unitText: unit.text, values, unreadable };
  });
  if (rows.length === 0) {
    problems.push({
      level: 'error',
      sheet: grid.name,
      row: 0,
      column: '',
      message: orientation === 'indicatorRows' ? '表头中没有找到任何单位：指标名称右边各列的表头应是单位名称。' : '表中没有找到任何单位的目标。',
    });
  }
  return { orientation, indicators, rows, problems };
}
