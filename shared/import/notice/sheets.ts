/**
 * A Word notice → the sheets the import reads, and its head (./head.ts).
 *
 *   - 正文·工作目标: the paragraphs of the goal section ("一、工作目标"),
 *     read through the target-wording parser (../goalParagraphs.ts);
 *   - each table, named by the annex above it ("附件1（第2个表格）"), read
 *     like a worksheet: its merged cells are merged areas; a table that goes
 *     on as a new table after a page break (only empty paragraphs between,
 *     the same width) is joined to it, its repeated header skipped later;
 *   - 正文·重点工作: the paragraphs of the task section ("二、重点工作":
 *     "（一）…行动", "1. …（责任单位：…）"), used when no table gives the
 *     tasks (../analyse.ts).
 *
 * Rows of a body section are paragraphs: row N is 第N段, counted over the
 * body's non-empty paragraphs (text inside tables not counted).
 */
import { categoryTitle, leadingSeq } from '../cells';
import type { NoticeHead, SheetGrid } from '../types';
import { splitResponsibleList } from '../unitLists';
import { readNoticeHead, TOP_HEADING, type NumberedParagraph } from './head';
import type { WordDocument, WordTable } from './word';

export interface NoticeSheets {
  head: NoticeHead;
  sheets: SheetGrid[];
}

const ANNEX = /^\s*附\s*件\s*([0-9０-９一二三四五六七八九十]{1,3})\s*[:：]?\s*$/;
/** "附件：1. …任务分解表": the list of annexes that ends the body. */
const ANNEX_LIST = /^\s*附\s*件\s*[:：]/;
const GOAL_HEADING = /目标/;
/** "…主要预期目标是：", "力争实现以下目标：": goals follow, without a heading. */
const GOAL_INTRO = /目标(?:是|为|如下)?\s*[:：]\s*$/;
const TASK_HEADING = /重点工作|主要任务|重点任务|工作任务|主要措施|工作措施|具体任务|任务分工|重点项目/;
/** "（一）…": a second-level heading. */
const SUB_HEADING = /^\s*[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]/;

const level = (text: string): 1 | 2 | null => (TOP_HEADING.test(text) ? 1 : SUB_HEADING.test(text) ? 2 : null);
/** A task paragraph is complete once it names its units and closes the list ("…（责任单位：…）。"). */
const endsWithList = (text: string) => splitResponsibleList(text).responsible !== null && /[〕】\])）]\s*[。.；;]?\s*$/.test(text);

interface Section {
  /** Indexes into the numbered paragraphs: the heading (-1 when none) and the paragraphs under it. */
  heading: number;
  from: number;
  to: number;
}

export function noticeSheets(doc: WordDocument): NoticeSheets {
  const paragraphs: NumberedParagraph[] = [];
  let firstTable = Number.POSITIVE_INFINITY;
  doc.blocks.forEach((b, block) => {
    if (b.kind === 'table') firstTable = Math.min(firstTable, block);
    else if (b.text.trim()) paragraphs.push({ no: paragraphs.length + 1, text: b.text.trim(), centered: b.centered, block });
  });
  const head = readNoticeHead(paragraphs, firstTable);

  // The body: from its first heading to the annexes (the list of annexes, a 附件 line, or the first table).
  const start = paragraphs.findIndex((p) => TOP_HEADING.test(p.text));
  const bodyFrom = start < 0 ? 0 : start;
  let bodyTo = paragraphs.findIndex((p, i) => i > bodyFrom && (ANNEX_LIST.test(p.text) || ANNEX.test(p.text) || p.block > firstTable));
  if (bodyTo < 0) bodyTo = paragraphs.length;

  const goals =
    sectionOf(paragraphs, bodyFrom, bodyTo, (t, l) => GOAL_HEADING.test(t) && l !== null && !TASK_HEADING.test(t)) ?? introducedGoals(paragraphs, bodyTo);
  const tasks = sectionOf(paragraphs, bodyFrom, bodyTo, (t, l) => l === 1 && TASK_HEADING.test(t)) ?? listedTasks(paragraphs, bodyFrom, bodyTo, goals);

  const sheets: SheetGrid[] = [];
  if (goals) sheets.push(goalSheet(paragraphs, goals));
  sheets.push(...tableSheets(doc, paragraphs));
  if (tasks) sheets.push(taskSheet(paragraphs, tasks));
  return { head, sheets };
}

/** The section under the first heading that `matches`, to the next heading of its level or above. */
function sectionOf(paragraphs: NumberedParagraph[], from: number, to: number, matches: (title: string, level: 1 | 2 | null) => boolean): Section | null {
  for (let i = from; i < to; i++) {
    const l = level(paragraphs[i].text);
    if (!l || !matches(paragraphs[i].text, l)) continue;
    let end = i + 1;
    while (end < to) {
      const next = level(paragraphs[end].text);
      if (next !== null && next <= l) break;
      end++;
    }
    return { heading: i, from: i + 1, to: end };
  }
  return null;
}

/**
 * Goals without a heading of their own, after a line that announces them
 * ("今年全市科技创新的主要预期目标是：", seed 000): the paragraphs up to the
 * next heading.
 */
function introducedGoals(paragraphs: NumberedParagraph[], to: number): Section | null {
  const intro = paragraphs.findIndex((p, i) => i < to && p.text.length <= 60 && GOAL_INTRO.test(p.text));
  if (intro < 0) return null;
  let end = intro + 1;
  while (end < to && level(paragraphs[end].text) === null) end++;
  return end > intro + 1 ? { heading: intro, from: intro + 1, to: end } : null;
}

/**
 * No heading names the tasks: the numbered paragraphs that name their units
 * ("1. …（责任单位：…）"), with the "（一）…" lines above them — when there are
 * at least two, as for a list of tasks in a worksheet.
 */
function listedTasks(paragraphs: NumberedParagraph[], from: number, to: number, goals: Section | null): Section | null {
  const listed: number[] = [];
  for (let i = from; i < to; i++) {
    if (goals && i >= goals.from - 1 && i < goals.to) continue;
    const seq = leadingSeq(paragraphs[i].text);
    if (seq && (endsWithList(seq.rest) || (i + 1 < to && endsWithList(`${seq.rest}${paragraphs[i + 1].text}`)))) listed.push(i);
  }
  if (listed.length < 2) return null;
  let first = listed[0];
  const inGoals = (i: number) => goals !== null && i >= goals.from - 1 && i < goals.to;
  while (first > from && !inGoals(first - 1) && level(paragraphs[first - 1].text) !== 1) first--;
  // The groups may be the top headings themselves ("一、重大创新布局优化行动", seed 000) — when no "（一）" stands between.
  const subGroups = paragraphs.slice(first, listed[0]).some((p) => level(p.text) === 2);
  if (first > 0 && !subGroups && level(paragraphs[first - 1].text) === 1 && !inGoals(first - 1)) first--;
  // The last task's units may stand in the paragraph after it ("…7亿元。" / "（责任单位：…）").
  const last = listed[listed.length - 1];
  const continues = !endsWithList(paragraphs[last].text) && last + 1 < to && level(paragraphs[last + 1].text) === null && !leadingSeq(paragraphs[last + 1].text);
  return { heading: -1, from: first, to: last + (continues ? 2 : 1) };
}

/** Rows numbered by paragraph: row N - 1 holds 第N段 when it belongs to the section, else nothing. */
function paragraphRows(paragraphs: NumberedParagraph[], section: Section): string[][] {
  const last = paragraphs[section.to - 1]?.no ?? 0;
  return Array.from({ length: last }, () => [] as string[]);
}

/** "正文·工作目标": the section's heading without its number; a lead-in line ("…目标是：") is not a name. */
const headingTitle = (paragraphs: NumberedParagraph[], s: Section, fallback: string) =>
  s.heading >= 0 && level(paragraphs[s.heading].text) !== null ? (categoryTitle(paragraphs[s.heading].text) ?? paragraphs[s.heading].text).replace(/\s+/g, '') : fallback;

function goalSheet(paragraphs: NumberedParagraph[], s: Section): SheetGrid {
  const rows = paragraphRows(paragraphs, s);
  for (let i = s.from; i < s.to; i++) rows[paragraphs[i].no - 1] = [paragraphs[i].text];
  const heading = s.heading >= 0 ? paragraphs[s.heading].text : null;
  return { name: `正文·${headingTitle(paragraphs, s, '工作目标')}`, rows, merges: [], origin: { kind: 'paragraphs', section: 'goals', heading } };
}

/**
 * Task paragraphs; a paragraph that neither starts a task ("2. …") nor a
 * group ("（二）…") continues the task above while that has not named its
 * units yet — "…突破7亿元。" followed by "（责任单位：区科工局，…）".
 */
function taskSheet(paragraphs: NumberedParagraph[], s: Section): SheetGrid {
  const rows = paragraphRows(paragraphs, s);
  let open: string[] | null = null;
  for (let i = s.from; i < s.to; i++) {
    const p = paragraphs[i];
    const starts = leadingSeq(p.text) !== null || categoryTitle(p.text) !== null || level(p.text) !== null;
    if (!starts && open && !endsWithList(open[0])) {
      open[0] += p.text;
      continue;
    }
    const row = [p.text];
    rows[p.no - 1] = row;
    open = leadingSeq(p.text) ? row : null;
  }
  const heading = s.heading >= 0 ? paragraphs[s.heading].text : null;
  return { name: `正文·${headingTitle(paragraphs, s, '任务')}`, rows, merges: [], origin: { kind: 'paragraphs', section: 'tasks', heading } };
}

const hasText = (t: WordTable) => t.rows.some((r) => r.some((c) => c.trim()));
const widthOf = (t: WordTable) => t.rows.reduce((m, r) => Math.max(m, r.length), 0);

/** Each table with text, named by the annex above it; a table continued after a page break joins the one before. */
function tableSheets(doc: WordDocument, paragraphs: NumberedParagraph[]): SheetGrid[] {
  const sheets: SheetGrid[] = [];
  let tableNo = 0;
  let previous: { grid: SheetGrid; width: number; block: number } | null = null;
  doc.blocks.forEach((b, block) => {
    if (b.kind !== 'table') return;
    tableNo++;
    if (!hasText(b)) return;
    const between = paragraphs.filter((p) => p.block < block && p.block > (previous?.block ?? -1));
    const width = widthOf(b);
    const origin = previous?.grid.origin;
    if (previous && between.length === 0 && width === previous.width && origin?.kind === 'table') {
      // The same table, continued on the next page as a new one (a PDF converted to Word does this).
      const top = previous.grid.rows.length;
      previous.grid.rows.push(...b.rows.map((r) => [...r]));
      previous.grid.merges.push(...b.merges.map((m) => ({ ...m, top: m.top + top, bottom: m.bottom + top })));
      origin.tables.push(tableNo);
      origin.rowStarts.push(top + 1);
      previous.grid.name = tableName(origin.annex, origin.tables);
      previous.block = block;
      return;
    }
    const annexAt = between.map((p) => ANNEX.exec(p.text)).reduce<number>((at, m, i) => (m ? i : at), -1);
    const annex = annexAt >= 0 ? `附件${ANNEX.exec(between[annexAt].text)![1]}` : null;
    const titleLine = between.length && !ANNEX.test(between[between.length - 1].text) ? between[between.length - 1].text : null;
    const title = titleLine && titleLine.length <= 80 && !/[。；;：:]$/.test(titleLine) ? titleLine.replace(/\s+/g, '') : null;
    const grid: SheetGrid = {
      name: tableName(annex, [tableNo]),
      rows: b.rows.map((r) => [...r]),
      merges: b.merges.map((m) => ({ ...m })),
      origin: { kind: 'table', tables: [tableNo], rowStarts: [1], annex, title },
    };
    sheets.push(grid);
    previous = { grid, width, block };
  });
  return sheets;
}

/** "附件1（第2个表格）", "第3个表格", "附件1（第2、3个表格）". */
export function tableName(annex: string | null, tables: number[]): string {
  const which = `第${tables.join('、')}个表格`;
  return annex ? `${annex}（${which}）` : which;
}
