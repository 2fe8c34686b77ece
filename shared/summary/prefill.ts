/**
 * The first draft of the written sections, from the task progress texts of
 * the year (任务进展), grouped by action line, for the user to edit:
 * 亮点工作 gets what was done or is under way, 存在的主要问题 what is late or
 * not started. 下一年工作思路 is left to the user.
 */
import type { ActionLine, Progress, Task } from '../model/task';
import { periodEndDate } from '../periods';
import type { SummaryParagraph, SummarySections } from './outline';

export interface PrefillInput {
  actionLines: readonly ActionLine[];
  tasks: readonly Task[];
  /** Progress rows of the year (any periods; the latest per task and unit is used). */
  progress: readonly Progress[];
  /** Whose summary: its own progress only, unless it is the plan's unit (then every unit's). */
  unitId: number;
  isPlanUnit: boolean;
  unitName(id: number): string;
}

const trimEnd = (t: string) => t.trim().replace(/[。；;，,、\s]+$/u, '');
const sentence = (t: string) => {
  const s = t.trim();
  return s === '' ? '' : /[。！？]$/u.test(s) ? s : `${s}。`;
};

/** The latest progress of each task × unit (by period end date). */
export function latestProgress(progress: readonly Progress[]): Progress[] {
  const latest = new Map<string, Progress>();
  for (const p of progress) {
    const key = `${p.taskId}|${p.unitId}`;
    const prev = latest.get(key);
    if (!prev || periodEndDate(p.period) > periodEndDate(prev.period) || (periodEndDate(p.period) === periodEndDate(prev.period) && p.period > prev.period)) {
      latest.set(key, p);
    }
  }
  return [...latest.values()];
}

export function prefillSections(input: PrefillInput): SummarySections {
  const mine = latestProgress(input.progress).filter((p) => input.isPlanUnit || p.unitId === input.unitId);
  const highlights: SummaryParagraph[] = [];
  const problems: SummaryParagraph[] = [];
  for (const line of [...input.actionLines].sort((a, b) => a.seq - b.seq)) {
    const lineTasks = input.tasks.filter((t) => t.actionLineId === line.id).sort((a, b) => a.seq - b.seq);
    const good: SummaryParagraph[] = [];
    for (const task of lineTasks) {
      const rows = mine.filter((p) => p.taskId === task.id);
      const texts = (statuses: Progress['status'][]) =>
        rows
          .filter((p) => statuses.includes(p.status) && p.text.trim() !== '')
          .map((p) => (input.isPlanUnit && rows.length > 1 ? `${input.unitName(p.unitId)}：${sentence(p.text)}` : sentence(p.text)));
      const done = texts(['done', 'in_progress']);
      if (done.length) good.push({ level: 3, text: `${trimEnd(task.content)}。${done.join('')}` });
      const late = rows.filter((p) => p.status === 'late' || p.status === 'not_started');
      if (late.length) {
        const what = late.some((p) => p.status === 'late') ? '进展滞后' : '尚未启动';
        const who = input.isPlanUnit ? `（${late.map((p) => input.unitName(p.unitId)).join('、')}）` : '';
        problems.push({ level: 3, text: `${trimEnd(task.content)}${what}${who}。${texts(['late', 'not_started']).join('')}` });
      }
    }
    if (good.length) highlights.push({ level: 2, text: line.title }, ...good);
  }
  return { highlights, problems, nextYear: [] };
}
