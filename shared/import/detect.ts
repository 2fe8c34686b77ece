/**
 * Recognising a sheet: where its header is (title rows such as "附件1" and a
 * merged title come first; a header may span two rows), what kind of table it
 * is, and what each column means. Everything here can be overridden by the
 * user's mapping (SheetOptions).
 */
import { categoryTitle, leadingSeq } from './cells';
import { indicatorNameOfHeader, normaliseHeader, roleOfHeader } from './headers';
import { splitResponsibleList } from './unitLists';
import { columnLetter, type ColumnRole, type ColumnView, type ImportKind, type SheetGrid, type SheetOptions } from './types';

export interface DetectedSheet {
  kind: ImportKind | null;
  /** 0-based header rows (empty for the list layout). */
  headerRows: number[];
  /** 0-based first data row. */
  dataStart: number;
  columns: ColumnView[];
  /** Paragraph layout (seed 000/002 text): one cell per row, "1.…〔责任单位:…〕". */
  listLayout: boolean;
  note: string | null;
}

const SCAN_ROWS = 25;

const isNumeric = (s: string) => /^[-+]?[0-9０-９.,，]+$/.test(s.replace(/\s+/g, ''));

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
  score: number;
  roles: (ColumnRole | null)[];
}

function scoreRow(grid: SheetGrid, r: number): Candidate | null {
  const row = grid.rows[r] ?? [];
  const texts = row.map((t) => t.trim());
  const nonEmpty = texts.filter(Boolean);
  if (nonEmpty.length < 2) return null;
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
      return { row: r, kind: 'targets', score: others.length + 1, roles: targetRoles };
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
export function detectSheet(grid: SheetGrid, options: SheetOptions = {}): DetectedSheet {
  const w = width(grid);
  let best: Candidate | null = null;
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  if (options.headerRow) {
    best = scoreRow(grid, options.headerRow - 1) ?? {
      row: options.headerRow - 1,
      kind: options.kind ?? 'tasks',
      score: 0,
      roles: [],
    };
  } else {
    for (let r = 0; r < limit; r++) {
      const c = scoreRow(grid, r);
      if (c && (!best || c.score > best.score)) best = c;
    }
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
      note: '没有找到表头（如“序号/工作内容/牵头单位/责任单位”或“单位/指标”）。请确认这是任务分解表或指标分解表；也可以在上方选择表格类型并填写表头所在行。',
    };
  }

  const kind = options.kind ?? best.kind;
  const headerRows = [best.row];
  let dataStart = best.row + 1;
  // A second header row: its unit/seq cell is empty (merged from above) and its other cells are words.
  const next = grid.rows[best.row + 1];
  if (next) {
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
    if (kind === 'targets') {
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
  return { kind, headerRows, dataStart, columns, listLayout: false, note: null };
}
