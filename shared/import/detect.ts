/**
 * Recognising a sheet: where its header is (title rows such as "附件1" and a
 * merged title come first; a header may span two rows), what kind of table it
 * is, and what each column means. Everything here can be overridden by the
 * user's mapping (SheetOptions).
 */
import { categoryTitle, leadingSeq } from './cells';
import { indicatorNameOfHeader, normaliseHeader, roleOfHeader } from './headers';
import { splitResponsibleList } from './unitLists';
import {
  columnLetter,
  type ColumnRole,
  type ColumnView,
  type ImportKind,
  type SheetGrid,
  type SheetOptions,
  type TargetOrientation,
} from './types';

export interface DetectedSheet {
  kind: ImportKind | null;
  /** Set for target breakdowns: units as rows, or indicators as rows and units as columns. */
  orientation?: TargetOrientation;
  /** 0-based header rows (empty for the list layout). */
  headerRows: number[];
  /** 0-based first data row. */
  dataStart: number;
  columns: ColumnView[];
  /** Paragraph layout (seed 000/002 text): one cell per row, "1.…〔责任单位:…〕". */
  listLayout: boolean;
  note: string | null;
}

/** What the caller knows that the sheet does not say: which words are unit names (the unit tree). */
export interface DetectHints {
  isUnitName?(text: string): boolean;
}

const SCAN_ROWS = 25;

const isNumeric = (s: string) => /^[-+]?[0-9０-９.,，]+$/.test(s.replace(/\s+/g, ''));

/** Without a unit tree: names that end the way unit names end (街道, 镇, 集聚区, 局 …). */
const UNIT_ENDING = /(?:街道|街办|镇|乡|区|县|市|局|委|办|管委会|园区|中心|公司)$/;
export const looksLikeUnitName = (text: string): boolean => UNIT_ENDING.test(normaliseHeader(text));

/** The cell's text, or the text of the merged cell it lies in. */
export function cellWithMerges(grid: SheetGrid, r: number, c: number): string {
  const own = grid.rows[r]?.[c] ?? '';
  if (own) return own;
  const m = grid.merges.find((g) => r >= g.top && r <= g.bottom && c >= g.left && c <= g.right);
  return m ? (grid.rows[m.top]?.[m.left] ?? '') : '';
}

function width(grid: SheetGrid): number {
  return grid.rows.reduce((w, row) => Math.max(w, row.length), 0);
}

interface Candidate {
  row: number;
  kind: ImportKind;
  orientation?: TargetOrientation;
  /** The unit names stand in the row below (a two-row header over an indicators-as-rows breakdown). */
  twoRows?: boolean;
  score: number;
  roles: (ColumnRole | null)[];
}

const isNoteHeader = (t: string) => /^(?:序号|备注|说明)$/.test(normaliseHeader(t));

/**
 * An indicators-as-rows breakdown: "指标 | 计量单位 | 青云谱区 | 三家店街道 | …".
 * The indicator column comes first (or after 序号); most other header cells
 * must be unit names — in this row, or in the row below when this one says
 * "2022年目标任务" over them.
 */
function indicatorRowsCandidate(grid: SheetGrid, r: number, isUnit: (t: string) => boolean): Candidate | null {
  const texts = (grid.rows[r] ?? []).map((t) => t.trim());
  const indicatorAt = texts.findIndex((t) => t && roleOfHeader(t, 'goals') === 'indicator');
  if (indicatorAt < 0 || indicatorAt > 1 || texts.slice(0, indicatorAt).some((t) => t && !isNoteHeader(t))) return null;
  for (const unitRow of [r, r + 1]) {
    const cells = (grid.rows[unitRow] ?? []).map((t) => t.trim());
    let units = 0;
    let others = 0;
    for (let c = indicatorAt + 1; c < cells.length; c++) {
      const t = cells[c];
      if (!t) continue;
      if (isNumeric(t)) return null;
      const role = roleOfHeader(cellWithMerges(grid, r, c), 'goals');
      if (role === 'measureUnit' || isNoteHeader(t)) continue;
      if (unitRow === r && role) others++;
      else if (isUnit(t)) units++;
      else others++;
    }
    if (units >= 2 && units >= 2 * others) {
      const roles = texts.map((t, c): ColumnRole | null => (c === indicatorAt ? 'indicator' : t || cells[c] ? 'value' : null));
      return { row: r, kind: 'targets', orientation: 'indicatorRows', twoRows: unitRow !== r, score: units + 3, roles };
    }
  }
  return null;
}

function scoreRow(grid: SheetGrid, r: number, isUnit: (t: string) => boolean): Candidate | null {
  const row = grid.rows[r] ?? [];
  const texts = row.map((t) => t.trim());
  const nonEmpty = texts.filter(Boolean);
  if (nonEmpty.length < 2) return null;
  const transposed = indicatorRowsCandidate(grid, r, isUnit);
  if (transposed) return transposed;
  const roles = texts.map((t) => (t ? roleOfHeader(t) : null));
  const has = (role: ColumnRole) => roles.includes(role);
  if (has('content') && (has('responsible') || has('lead') || has('seq'))) {
    return { row: r, kind: 'tasks', score: roles.filter(Boolean).length + 2, roles };
  }
  if (has('indicator') && (has('target') || has('wording'))) {
    const goalRoles = texts.map((t) => (t ? roleOfHeader(t, 'goals') : null));
    return { row: r, kind: 'goals', score: goalRoles.filter(Boolean).length + 1, roles: goalRoles };
  }
  const unitAt = roles.findIndex((x) => x === 'unit');
  if (unitAt >= 0 && unitAt <= 1) {
    // Every other filled header cell is an indicator column.
    const others = texts.filter((t, i) => i !== unitAt && t && !/^(?:序号|备注)$/.test(normaliseHeader(t)));
    if (others.length >= 1 && others.every((t) => !isNumeric(t))) {
      const targetRoles = texts.map((t, i): ColumnRole | null =>
        i === unitAt ? 'unit' : normaliseHeader(t) === '序号' ? 'ignore' : t ? 'value' : null,
      );
      return { row: r, kind: 'targets', orientation: 'unitRows', score: others.length + 1, roles: targetRoles };
    }
  }
  return null;
}

/** The list layout: paragraphs "1.…" with 〔责任单位:…〕, category lines "一、…". */
function detectList(grid: SheetGrid): boolean {
  let tasks = 0;
  for (const row of grid.rows) {
    const filled = row.filter((t) => t.trim());
    if (filled.length !== 1) continue;
    const lead = leadingSeq(filled[0]);
    if (lead && splitResponsibleList(lead.rest).responsible) tasks++;
  }
  return tasks >= 2;
}

/** Recognises a sheet; `options` (the user's mapping) wins over what is recognised. */
export function detectSheet(grid: SheetGrid, options: SheetOptions = {}, hints: DetectHints = {}): DetectedSheet {
  const w = width(grid);
  const isUnit = hints.isUnitName ?? looksLikeUnitName;
  let best: Candidate | null = null;
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  if (options.headerRow) {
    best = scoreRow(grid, options.headerRow - 1, isUnit) ?? {
      row: options.headerRow - 1,
      kind: options.kind ?? 'tasks',
      orientation: options.orientation,
      score: 0,
      roles: [],
    };
  } else {
    const candidates: Candidate[] = [];
    for (let r = 0; r < limit; r++) {
      const c = scoreRow(grid, r, isUnit);
      if (c) candidates.push(c);
    }
    // The user's choice of kind and orientation picks among the header rows found.
    const fits = candidates.filter(
      (c) => (!options.kind || c.kind === options.kind) && (!options.orientation || c.orientation === options.orientation),
    );
    for (const c of fits.length ? fits : candidates) if (!best || c.score > best.score) best = c;
  }

  if (!best) {
    if (detectList(grid) || options.kind === 'tasks') {
      const kind: ImportKind = 'tasks';
      return {
        kind: options.kind ?? kind,
        headerRows: [],
        dataStart: 0,
        columns: [{ index: 0, letter: 'A', header: '（正文）', role: 'content' }],
        listLayout: true,
        note: null,
      };
    }
    return {
      kind: null,
      headerRows: [],
      dataStart: 0,
      columns: [],
      listLayout: false,
      note: '没有找到表头（如“序号/工作内容/牵头单位/责任单位”“单位/指标”或“指标/计量单位/各单位”）。请确认这是任务分解表或指标分解表；也可以在上方选择表格类型并填写表头所在行。',
    };
  }

  const kind = options.kind ?? best.kind;
  const orientation: TargetOrientation | undefined =
    kind === 'targets' ? (options.orientation ?? (best.kind === 'targets' ? best.orientation : undefined) ?? 'unitRows') : undefined;
  const transposed = orientation === 'indicatorRows';
  const headerRows = [best.row];
  let dataStart = best.row + 1;
  const next = grid.rows[best.row + 1];
  if (best.twoRows && best.orientation === orientation) {
    headerRows.push(best.row + 1);
    dataStart = best.row + 2;
  } else if (next) {
    // A second header row: its unit/seq cell is empty (merged from above) and its other cells are words.
    const firstRoleCol = best.roles.findIndex((x) => x === 'unit' || x === 'seq' || x === 'indicator');
    const texts = next.map((t) => t.trim());
    const filled = texts.filter(Boolean);
    const spansAbove = grid.merges.some((m) => m.top === best!.row && m.right > m.left);
    const keyEmpty = firstRoleCol >= 0 ? !texts[firstRoleCol] : false;
    const looksHeader =
      filled.length > 0 &&
      filled.every((t) => !isNumeric(t)) &&
      !filled.some((t) => categoryTitle(t) !== null) &&
      (kind === 'targets' || filled.every((t) => roleOfHeader(t) !== null));
    if (looksHeader && (keyEmpty || spansAbove)) {
      headerRows.push(best.row + 1);
      dataStart = best.row + 2;
    }
  }

  const columns: ColumnView[] = [];
  for (let c = 0; c < w; c++) {
    const parts = headerRows.map((r) => cellWithMerges(grid, r, c).trim()).filter(Boolean);
    const unique = parts.filter((p, i) => parts.indexOf(p) === i);
    const header = unique.join(' / ');
    let role: ColumnRole = 'ignore';
    if (transposed) {
      const goalRoles = unique.map((p) => roleOfHeader(p, 'goals'));
      const own = (grid.rows[headerRows[headerRows.length - 1]]?.[c] ?? '').trim();
      if (goalRoles.includes('indicator') && !columns.some((x) => x.role === 'indicator')) role = 'indicator';
      else if (goalRoles.includes('measureUnit') && !columns.some((x) => x.role === 'measureUnit')) role = 'measureUnit';
      else if (unique.some(isNoteHeader)) role = 'ignore';
      // A unit's column: its own name in the last header row (the row above may say "2022年目标任务").
      else if (own) role = 'value';
    } else if (kind === 'targets') {
      const own = unique.length ? roleOfHeader(unique[unique.length - 1]) : null;
      if (own === 'unit' || unique.some((p) => roleOfHeader(p) === 'unit')) role = 'unit';
      else if (unique.some((p) => normaliseHeader(p) === '序号' || normaliseHeader(p) === '备注')) role = 'ignore';
      else if (header && indicatorNameOfHeader(unique[unique.length - 1])) role = 'value';
      // Only the first unit column counts.
      if (role === 'unit' && columns.some((x) => x.role === 'unit')) role = 'ignore';
    } else {
      const found = unique.map((p) => roleOfHeader(p, kind === 'goals' ? 'goals' : undefined)).find(Boolean) ?? null;
      role = found && !columns.some((x) => x.role === found) ? found : 'ignore';
    }
    const chosen = options.columns?.[String(c)];
    if (chosen) role = chosen;
    if (header || chosen) columns.push({ index: c, letter: columnLetter(c), header, role });
  }
  // Indicators as rows, chosen by hand over a header without an 指标 column: the first column names them.
  if (transposed && !columns.some((x) => x.role === 'indicator')) {
    const first = columns.find((x) => !options.columns?.[String(x.index)]);
    if (first) first.role = 'indicator';
  }
  return { kind, orientation, headerRows, dataStart, columns, listLayout: false, note: null };
}
