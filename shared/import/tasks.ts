/**
 * A task table (附件1) → action lines and tasks. Category rows ("(一) …")
 * open an action line; a row with content is a task; a row with only unit
 * text continues the task above (a row broken over a page). A lead unit
 * merged down over several tasks leads each of them. With no lead column,
 * the first responsible unit leads (排名第一责任单位为牵头单位).
 */
import { categoryTitle, isNoteRow, leadingSeq, parseSeqCell, squeezeCjkSpaces } from './cells';
import type { DetectedSheet } from './detect';
import { echo } from './echo';
import { normaliseHeader } from './headers';
import { firstListedName, splitResponsibleList } from './unitLists';
import { columnLetter, type ColumnRole, type ImportProblem, type SheetGrid } from './types';

export interface ParsedTask {
  row: number;
  /** The number as written in the table, when it has one. */
  writtenSeq: number | null;
  content: string;
  leadText: string;
  responsibleText: string;
  leadFromFirst: boolean;
  deadline: string | null;
}

export interface ParsedActionLine {
  row: number;
  title: string;
  tasks: ParsedTask[];
}

export interface ParsedTasks {
  actionLines: ParsedActionLine[];
  problems: ImportProblem[];
}

export function parseTasks(grid: SheetGrid, detected: DetectedSheet): ParsedTasks {
  const problems: ImportProblem[] = [];
  const colOf = (role: ColumnRole) => detected.columns.find((c) => c.role === role)?.index ?? -1;
  const col = {
    seq: colOf('seq'),
    content: colOf('content'),
    lead: colOf('lead'),
    responsible: colOf('responsible'),
    deadline: colOf('deadline'),
  };
  const problem = (level: ImportProblem['level'], row: number, c: number, message: string) =>
    problems.push({ level, sheet: grid.name, row: row + 1, column: c >= 0 ? columnLetter(c) : '', message });

  if (col.content < 0) {
    problem('error', detected.headerRows[0] ?? 0, -1, '没有“工作内容”列：请在列对应关系中指定哪一列是工作内容。');
    return { actionLines: [], problems };
  }
  const headerTexts = detected.headerRows.length
    ? (grid.rows[detected.headerRows[detected.headerRows.length - 1]] ?? []).map(normaliseHeader).join('|')
    : null;

  const lines: ParsedActionLine[] = [];
  let current: ParsedActionLine | null = null;
  let last: ParsedTask | null = null;
  const cell = (row: string[], c: number) => (c >= 0 ? (row[c] ?? '').trim() : '');
  const mergedDown = mergedBelowTop(grid, [col.lead, col.responsible, col.deadline].filter((c) => c >= 0));

  for (let r = detected.dataStart; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    const filled = row.map((t) => t.trim()).filter(Boolean);
    if (filled.length === 0) continue;
    if (!detected.listLayout && isNoteRow(row)) break; // "备注：…", "填表人：…" under the table
    // A header repeated after a page break.
    if (headerTexts && row.map(normaliseHeader).join('|') === headerTexts) continue;

    let seqText = cell(row, col.seq);
    let content = cell(row, col.content);
    // Unit cells lose the spaces a PDF's line breaks left ("区 商务局"); content keeps its own.
    let lead = unitText(cell(row, col.lead));
    let responsible = unitText(cell(row, col.responsible));
    const ownDeadline = cell(row, col.deadline);

    // Category row: one text, numbered "(一)"/"一、", nothing in the unit columns.
    const only = filled.length === 1 ? filled[0] : null;
    const title = only !== null ? categoryTitle(only) : !lead && !responsible ? categoryTitle(seqText || content) : null;
    if (title !== null && !lead && !responsible) {
      current = { row: r + 1, title, tasks: [] };
      lines.push(current);
      last = null;
      continue;
    }

    let writtenSeq = seqText ? parseSeqCell(seqText) : null;
    if (detected.listLayout) {
      const para = only ?? content;
      const numbered = leadingSeq(para);
      if (!numbered) {
        // Text between tasks (a preamble, a stray line): not a task.
        continue;
      }
      writtenSeq = numbered.seq;
      content = numbered.rest;
      seqText = String(numbered.seq);
    }

    // Only unit text: the task above continues (its cells were cut by a page break).
    if (!seqText && !content && (lead || responsible) && last) {
      last.leadText = joinCont(last.leadText, lead);
      last.responsibleText = joinCont(last.responsibleText, responsible);
      continue;
    }
    // A lead unit merged down over several tasks (a Word table's w:vMerge, an Excel merge) leads each of them.
    if (!lead) lead = unitText(mergedDown.get(`${r}:${col.lead}`) ?? '');
    if (!responsible) responsible = unitText(mergedDown.get(`${r}:${col.responsible}`) ?? '');
    const deadline = ownDeadline || (mergedDown.get(`${r}:${col.deadline}`) ?? '');
    if (!content) {
      problem('warning', r, col.content, `第${r + 1}行没有工作内容，已跳过。`);
      continue;
    }
    if (seqText && writtenSeq === null) {
      problem('warning', r, col.seq, `序号“${echo(seqText)}”不是数字，已按出现顺序编号。`);
    }
    if (!responsible) {
      const split = splitResponsibleList(content);
      if (split.responsible) {
        content = split.content;
        responsible = unitText(split.responsible);
      }
    }
    let leadFromFirst = false;
    if (!lead && responsible) {
      lead = firstListedName(responsible);
      leadFromFirst = true;
    }
    if (!lead && !responsible) {
      problem('warning', r, col.responsible >= 0 ? col.responsible : col.lead, `第${r + 1}行的任务没有写牵头单位和责任单位。`);
    }
    if (!current) {
      current = { row: r + 1, title: '（未分组）', tasks: [] };
      lines.push(current);
      problem('warning', r, -1, '第一项任务前没有分组行（如“(一) …”），这些任务归入“（未分组）”。');
    }
    last = {
      row: r + 1,
      writtenSeq,
      content,
      leadText: lead,
      responsibleText: responsible,
      leadFromFirst,
      deadline: deadline || null,
    };
    current.tasks.push(last);
  }

  for (const l of lines) {
    for (const t of l.tasks) {
      t.leadText = dropTrailingSeparator(t.leadText);
      t.responsibleText = dropTrailingSeparator(t.responsibleText);
    }
  }
  const empty = lines.filter((l) => l.tasks.length === 0);
  for (const l of empty) problems.push({ level: 'warning', sheet: grid.name, row: l.row, column: '', message: `分组“${echo(l.title)}”下没有任务。` });
  // Written numbers should run 1, 2, 3 … (within the table or within each group).
  const all = lines.flatMap((l) => l.tasks);
  const seen = new Map<string, number>();
  for (const l of lines) {
    for (const t of l.tasks) {
      if (t.writtenSeq === null) continue;
      // Per group: many plans number tasks afresh in each group (seed 000).
      const key = `${l.row}:${t.writtenSeq}`;
      const before = seen.get(key);
      if (before !== undefined) {
        problems.push({
          level: 'warning',
          sheet: grid.name,
          row: t.row,
          column: col.seq >= 0 ? columnLetter(col.seq) : '',
          message: `序号 ${t.writtenSeq} 与第${before}行重复；导入时按出现顺序重新编号。`,
        });
      } else seen.set(key, t.row);
    }
  }
  if (all.length === 0) {
    problems.push({ level: 'error', sheet: grid.name, row: 0, column: '', message: '表中没有找到任何任务。' });
  }
  return { actionLines: lines.filter((l) => l.tasks.length > 0), problems };
}

/**
 * The cells a merged area spanning several rows covers (all but its top-left
 * one) in the given columns, with the area's text: "r:c" → text. A category
 * row merged across the table spans one row and is left alone.
 */
function mergedBelowTop(grid: SheetGrid, columns: number[]): Map<string, string> {
  const covered = new Map<string, string>();
  for (const m of grid.merges) {
    if (m.bottom === m.top) continue;
    const text = (grid.rows[m.top]?.[m.left] ?? '').trim();
    if (!text) continue;
    for (const c of columns) {
      if (c < m.left || c > m.right) continue;
      for (let r = m.top; r <= m.bottom; r++) if (r !== m.top || c !== m.left) covered.set(`${r}:${c}`, text);
    }
  }
  return covered;
}

/** A unit cell: no spaces next to Chinese (a PDF's line breaks). */
function unitText(text: string): string {
  return squeezeCjkSpaces(text);
}

/** No separator left dangling at the end ("区科工局、", cut at the page edge); only once the row is complete. */
const dropTrailingSeparator = (text: string) => text.replace(/[、，,；;]+$/, '');

/** Continuation text joins without a space (it is the rest of a broken cell). */
function joinCont(a: string, b: string): string {
  if (!b) return a;
  if (!a) return b;
  return a + b;
}
