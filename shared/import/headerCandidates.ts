/**
 * Which kinds of table a row could head. A row may head several (a goal list
 * and a breakdown with indicators as rows share "指标 | 计量单位"); the body
 * under each decides (./evidence.ts). Scores count the header cells that mean
 * something for that kind, so readings of one row compare fairly.
 */
import { indicatorNameOfHeader, isTotalLabel, normaliseHeader, roleOfHeader } from './headers';
import type { ColumnRole, ImportKind, SheetGrid, TargetOrientation } from './types';

export interface Candidate {
  /** 0-based header row. */
  row: number;
  kind: ImportKind;
  orientation?: TargetOrientation;
  /** The unit names stand in the row below (a two-row header over an indicators-as-rows breakdown). */
  twoRows?: boolean;
  /** Units as rows without a 单位 header: the column whose cells are unit names. */
  unitColumn?: number;
  score: number;
  roles: (ColumnRole | null)[];
}

export const isNumeric = (s: string) => /^[-+]?[0-9０-９.,，]+$/.test(s.replace(/\s+/g, ''));

/** Without a unit tree: names that end the way unit names end (街道, 镇, 集聚区, 局 …). */
const UNIT_ENDING = /(?:街道|街办|镇|乡|区|县|市|局|委|办|管委会|园区|中心|公司)$/;
export const looksLikeUnitName = (text: string): boolean => UNIT_ENDING.test(normaliseHeader(text));

export const isNoteHeader = (t: string) => /^(?:序号|备注|说明|编号)$/.test(normaliseHeader(t));

/** The cell's text, or the text of the merged cell it lies in. */
export function cellWithMerges(grid: SheetGrid, r: number, c: number): string {
  const own = grid.rows[r]?.[c] ?? '';
  if (own) return own;
  const m = grid.merges.find((g) => r >= g.top && r <= g.bottom && c >= g.left && c <= g.right);
  return m ? (grid.rows[m.top]?.[m.left] ?? '') : '';
}

const TASK_ROLES: ColumnRole[] = ['seq', 'content', 'lead', 'responsible', 'deadline'];
/** Header words only a task table has. */
const TASK_COLUMNS: ColumnRole[] = ['content', 'lead', 'responsible', 'deadline'];
const GOAL_ROLES: ColumnRole[] = ['seq', 'indicator', 'target', 'measureUnit', 'wording', 'baseline'];

/**
 * An indicators-as-rows breakdown: "指标 | 计量单位 | 青云谱区 | 三家店街道 | …".
 * The indicator column comes first (or after 序号); most other header cells
 * must be unit names (or totals: 全区目标, 合计) — in this row, or in the row
 * below when this one says "2022年目标任务" over them.
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
      if (isTotalLabel(t) || isUnit(t)) units++;
      else if (unitRow === r && role) others++;
      else others++;
    }
    if (units >= 2 && units >= 2 * others) {
      const roles = texts.map((t, c): ColumnRole | null => (c === indicatorAt ? 'indicator' : t || cells[c] ? 'value' : null));
      return { row: r, kind: 'targets', orientation: 'indicatorRows', twoRows: unitRow !== r, score: units + 3, roles };
    }
  }
  return null;
}

/** Units as rows: a 单位 column near the left (or a column whose cells are unit names), every other header an indicator. */
function unitRowsCandidate(grid: SheetGrid, r: number, texts: string[], roles: (ColumnRole | null)[], isUnit: (t: string) => boolean): Candidate | null {
  let unitAt = roles.findIndex((x) => x === 'unit');
  let byBody = false;
  if (unitAt > 2) return null;
  if (unitAt < 0) {
    // No 单位 header ("名称", "街道（镇）名称" …): a column near the left whose cells below are unit names.
    unitAt = [0, 1, 2].find((c) => texts[c] && !isNoteHeader(texts[c]) && unitNameShare(grid, r, c, isUnit) >= 0.6) ?? -1;
    if (unitAt < 0) return null;
    byBody = true;
  }
  const others = texts.filter((t, i) => i !== unitAt && t && !isNoteHeader(t) && !isTotalLabel(t));
  if (others.length < 1 || others.some(isNumeric) || !others.some((t) => indicatorNameOfHeader(t))) return null;
  // A task table's header (工作内容, 牵头单位, 责任单位 …) heads tasks, whatever unit names stand below it.
  if (roles.some((r) => r && TASK_COLUMNS.includes(r))) return null;
  const targetRoles = texts.map((t, i): ColumnRole | null => (i === unitAt ? 'unit' : isNoteHeader(t) ? 'ignore' : t ? 'value' : null));
  return { row: r, kind: 'targets', orientation: 'unitRows', unitColumn: byBody ? unitAt : undefined, score: others.length + 1, roles: targetRoles };
}

/** Share of the next non-empty cells of column c that name units (or totals). */
function unitNameShare(grid: SheetGrid, r: number, c: number, isUnit: (t: string) => boolean): number {
  let seen = 0;
  let units = 0;
  for (let i = r + 1; i < grid.rows.length && seen < 30; i++) {
    const t = (grid.rows[i]?.[c] ?? '').trim();
    if (!t) continue;
    seen++;
    if (isTotalLabel(t) || isUnit(t)) units++;
  }
  return seen >= 2 ? units / seen : 0;
}

export function headerCandidates(grid: SheetGrid, r: number, isUnit: (t: string) => boolean): Candidate[] {
  const texts = (grid.rows[r] ?? []).map((t) => t.trim());
  if (texts.filter(Boolean).length < 2) return [];
  const out: Candidate[] = [];
  const transposed = indicatorRowsCandidate(grid, r, isUnit);
  if (transposed) out.push(transposed);

  const roles = texts.map((t) => (t ? roleOfHeader(t) : null));
  const has = (role: ColumnRole) => roles.includes(role);
  if (has('content') && (has('responsible') || has('lead') || has('seq'))) {
    out.push({ row: r, kind: 'tasks', score: roles.filter((x) => x && TASK_ROLES.includes(x)).length, roles });
  }

  const goalRoles = texts.map((t) => (t ? roleOfHeader(t, 'goals') : null));
  const goalScore = goalRoles.filter((x) => x && GOAL_ROLES.includes(x)).length;
  if (goalRoles.includes('indicator') && (goalRoles.includes('target') || goalRoles.includes('wording'))) {
    out.push({ row: r, kind: 'goals', score: goalScore, roles: goalRoles });
  } else if (goalRoles.includes('content') && goalRoles.includes('target')) {
    // "主要任务 | 年度目标": a goal list whose names stand under a content header, if the targets are figures.
    const asGoals = goalRoles.map((x) => (x === 'content' ? 'indicator' : x));
    out.push({ row: r, kind: 'goals', score: goalScore + 1, roles: asGoals });
  }

  if (!transposed) {
    const unitRows = unitRowsCandidate(grid, r, texts, roles, isUnit);
    if (unitRows) out.push(unitRows);
  }
  return out;
}
