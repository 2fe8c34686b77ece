/**
 * A task table (附件1) against the plan: units of every row resolved, rows
 * paired with the plan's tasks (by content, then by position — taskMatch.ts)
 * so progress (任务进展) stays with the task it was written for.
 *
 * - A task left out is deleted; one with progress only when the user allows it.
 * - A row paired by position whose text changed is a rewrite (改写): listed
 *   with old → new text and the progress that follows it.
 * - When fewer than half of the file's tasks match the plan's by content, the
 *   file is a different task table: importing it replaces the plan's table,
 *   which needs the explicit choice (options.replace; CLI --replace), and
 *   then rows are paired by content only.
 */
import type { TaskUnitLink } from '../model/task';
import { normaliseUnitName } from '../units/normalise';
import type { AnalysisContext } from './context';
import type { DetectedSheet } from './detect';
import { contentKey, matchByContent, matchTaskRows } from './taskMatch';
import { parseTasks } from './tasks';
import type { SheetGrid, SheetPreview } from './types';
import type { WritePlan } from './writePlan';

type Tasks = NonNullable<WritePlan['tasks']>;

/** "任务5（推进数字经济“一号发展工程”…）": a task as the preview names it. */
export function taskPhrase(t: { seq: number; content: string }): string {
  const chars = [...t.content.slice(0, 40)];
  return `任务${t.seq}（${chars.slice(0, 20).join('')}${t.content.length > 20 ? '…' : ''}）`;
}

/** `linkedUnits` collects the units the tasks name (ImportCounts.units). */
export function analyseTaskSheet(ctx: AnalysisContext, grid: SheetGrid, detected: DetectedSheet, view: SheetPreview, linkedUnits: Set<number>): void {
  const { snapshot, resolver, problems } = ctx;
  const parsed = parseTasks(grid, detected);
  problems.push(...parsed.problems);
  view.actionLines = [];
  const lines: Tasks['actionLines'] = [];
  const responsibleColumn = detected.columns.find((c) => c.role === 'responsible')?.letter ?? '';
  let seq = 0;
  for (const line of parsed.actionLines) {
    const lineView: NonNullable<SheetPreview['actionLines']>[number] = { row: line.row, title: line.title, tasks: [] };
    const lineWrite: Tasks['actionLines'][number] = { oldId: null, title: line.title, tasks: [] };
    for (const t of line.tasks) {
      seq += 1;
      const place = { sheet: grid.name, row: t.row, column: '' };
      const lead = resolver.list(t.leadText, place);
      const resp = resolver.list(t.responsibleText, place);
      // "排名第一责任单位为牵头单位": the first unit the list names, a group's first member included.
      const leadUnits = t.leadFromFirst ? resp.units.slice(0, 1).map((u) => ({ ...u, viaPhrase: null })) : lead.units;
      const links: TaskUnitLink[] = [
        ...leadUnits.map((u) => ({ ...u, role: 'lead' as const })),
        ...resp.units.map((u) => ({ ...u, role: 'responsible' as const })),
      ];
      links.forEach((l) => linkedUnits.add(l.unitId));
      // "区直相关部门" means the departments the task's own text names; a table alone cannot say which.
      for (const phrase of new Set(resp.units.map((u) => u.viaPhrase).filter((p): p is string => !!p))) {
        const members = resp.units.filter((u) => u.viaPhrase === phrase);
        if (members.length > 1 && members.every((u) => resolver.kindOf(u.unitId) === 'department')) {
          problems.push({
            level: 'warning',
            sheet: grid.name,
            row: t.row,
            column: responsibleColumn,
            message: `“${phrase}”按全部 ${members.length} 个部门导入；如只指其中几个部门，请在表中写明部门名称。`,
          });
        }
      }
      lineView.tasks.push({
        row: t.row,
        seq,
        content: t.content,
        leadText: t.leadText,
        responsibleText: t.responsibleText,
        leadFromFirst: t.leadFromFirst,
        deadline: t.deadline,
        leadNames: leadUnits.map((u) => resolver.nameOf(u.unitId)),
        responsibleNames: resp.names,
      });
      lineWrite.tasks.push({ oldId: null, content: t.content, leadText: t.leadText, responsibleText: t.responsibleText, deadline: t.deadline, units: links });
    }
    view.actionLines.push(lineView);
    lines.push(lineWrite);
  }
  const tasks: Tasks = { actionLines: lines, removeTaskIds: [], removeLineIds: [] };
  ctx.write.tasks = tasks;
  ctx.preview.counts.actionLines += lines.length;
  ctx.preview.counts.tasks += seq;
  matchTasks(ctx, grid.name, tasks);

  const oldById = new Map(snapshot.tasks.map((t) => [t.id, t]));
  for (const id of tasks.removeTaskIds) {
    const entries = snapshot.progressByTask?.get(id) ?? 0;
    if (entries === 0) continue;
    const old = oldById.get(id)!;
    ctx.preview.progressLoss.push({ seq: old.seq, content: old.content, entries });
    if (!ctx.options.allowDeleteProgress) {
      problems.push({
        level: 'error',
        sheet: grid.name,
        row: 0,
        column: '',
        message: `${taskPhrase(old)}已有 ${entries} 条任务进展，本表中没有这项任务，导入会删除它和这些进展记录。如确需删除，请勾选“同时删除这些任务的进展记录”（命令行加 --allow-delete-progress）；否则请在表中保留这项任务。`,
      });
    }
  }
}

/**
 * Pairs the table's lines and tasks with the plan's, records the pairing in
 * the write plan, and what it adds, changes, rewrites and removes in the preview.
 */
function matchTasks(ctx: AnalysisContext, sheet: string, tasks: Tasks): void {
  const { snapshot, options, problems } = ctx;
  const lines = tasks.actionLines;
  const oldLines = [...snapshot.actionLines].sort((a, b) => a.seq - b.seq);
  const lineMatch = matchByContent(oldLines.map((l) => contentKey(l.title)), lines.map((l) => contentKey(l.title)));
  lines.forEach((l, i) => {
    const m = lineMatch[i];
    const old = m === null ? null : oldLines[m];
    l.oldId = old?.id ?? null;
    if (!old) ctx.note('added', () => ({ what: 'actionLine', label: `行动“${l.title}”` }));
    else if (old.title !== l.title) ctx.note('changed', () => ({ what: 'actionLine', label: `第${i + 1}项行动`, before: old.title, after: l.title }));
  });
  const keptLines = new Set(lines.map((l) => l.oldId));
  for (const l of oldLines) {
    if (keptLines.has(l.id)) continue;
    tasks.removeLineIds.push(l.id);
    ctx.note('removed', () => ({ what: 'actionLine', label: `行动“${l.title}”` }));
  }

  const oldTasks = [...snapshot.tasks].sort((a, b) => a.seq - b.seq);
  const newTasks = lines.flatMap((l) => l.tasks);
  const oldKeys = oldTasks.map((t) => contentKey(t.content));
  const newKeys = newTasks.map((t) => contentKey(t.content));
  // A different table (fewer than half of its tasks are the plan's): a replacement, paired by content only.
  const contentMatched = matchTaskRows(oldKeys, newKeys, false).contentMatched;
  const replacing = oldTasks.length > 0 && newTasks.length > 0 && contentMatched * 2 < newTasks.length;
  if (replacing) {
    const replace = (ctx.preview.replace ??= { targetsNotInFile: 0, tasks: null, chosen: options.replace === true });
    replace.tasks = { matched: contentMatched, total: newTasks.length, existing: oldTasks.length };
    if (!options.replace) {
      problems.push({
        level: 'error',
        sheet,
        row: 0,
        column: '',
        message: `本表的 ${newTasks.length} 项任务中只有 ${contentMatched} 项与工作要点现有的 ${oldTasks.length} 项任务内容相同，不像同一张任务分解表：导入会替换整个任务分解表。如确要替换，请勾选“以本表为准，替换现有的任务分解表”（命令行加 --replace）；如本表属于另一年度，请为该年度新建工作要点。`,
      });
    }
  }
  const { match, byContent } = matchTaskRows(oldKeys, newKeys, !replacing);
  const brief = (t: { content: string; leadText: string; responsibleText: string }) => `${t.content}｜牵头：${t.leadText}｜责任：${t.responsibleText}`;
  // Spaces and full/half-width punctuation are spelling, not change ("，" vs ",").
  const same = (a: string, b: string) => normaliseUnitName(a) === normaliseUnitName(b);
  newTasks.forEach((t, i) => {
    const m = match[i];
    const old = m === null ? null : oldTasks[m];
    t.oldId = old?.id ?? null;
    const phrase = taskPhrase({ seq: i + 1, content: t.content });
    if (!old) {
      ctx.note('added', () => ({ what: 'task', label: `任务 ${i + 1}`, task: phrase, after: brief(t) }));
      return;
    }
    if (!byContent[i] && !same(old.content, t.content)) {
      // Paired by position only: the same task reworded, or a different one in its place — the user should see which.
      const progress = snapshot.progressByTask?.get(old.id) ?? 0;
      ctx.preview.rewrites.push({ seq: i + 1, oldSeq: old.seq, before: old.content, after: t.content, progress });
      ctx.note('changed', () => ({
        what: 'task',
        label: `改写 任务 ${i + 1}${old.seq !== i + 1 ? `（原任务 ${old.seq}）` : ''}${progress ? `，${progress} 条任务进展随之保留` : ''}`,
        task: phrase,
        before: old.content,
        after: t.content,
        rewrite: true,
      }));
      return;
    }
    if (!same(old.content, t.content) || !same(old.leadText, t.leadText) || !same(old.responsibleText, t.responsibleText)) {
      const moved = old.seq !== i + 1 ? `（原任务 ${old.seq}）` : '';
      ctx.note('changed', () => ({ what: 'task', label: `任务 ${i + 1}${moved}`, task: phrase, before: brief(old), after: brief(t) }));
    }
  });
  const kept = new Set(newTasks.map((t) => t.oldId));
  for (const t of oldTasks) {
    if (kept.has(t.id)) continue;
    tasks.removeTaskIds.push(t.id);
    const entries = snapshot.progressByTask?.get(t.id) ?? 0;
    ctx.note('removed', () =>
      entries
        ? { what: 'task', label: `${taskPhrase(t)}的${entries}条任务进展将被删除`, task: taskPhrase(t), before: brief(t) }
        : { what: 'task', label: `任务 ${t.seq}`, task: taskPhrase(t), before: brief(t) },
    );
  }
}
