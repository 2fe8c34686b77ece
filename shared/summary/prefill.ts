/**
 * The first draft of the written sections, for the user to edit:
 * - 亮点工作: per action line, what its tasks achieved (task progress), as
 *   seed 001 writes it: "1.科技创新平台增量升级行动稳步推进。一是…；二是…。"
 * - 存在的主要问题: the indicators not met, then the tasks that are late or
 *   not started, phrased as problems ("区科工局牵头的“…”任务进展滞后。") —
 *   never a task whose indicator section 一 reports as met, so the draft
 *   cannot contradict the figures;
 * - 下一年工作思路: the next year's plan when there is one (its goals and
 *   action lines), else what is unfinished (indicators not met, tasks not done).
 */
import type { ProgressTable } from '../figures/progressTable';
import type { Indicator } from '../model/indicator';
import type { ActionLine, Progress, Task } from '../model/task';
import { taskStateOf } from '../dashboard/build';
import type { TaskState } from '../dashboard/view';
import { formatNumber } from '../numbers';
import { periodEndDate, requirePeriod, scheduleProgress } from '../periods';
import { chineseNumeral } from './numerals';
import type { SummaryParagraph, SummarySections } from './outline';
import { amountText } from './phrasing';
import { indicatorSection, periodLead, scopeOf, summaryIndicators, targetText, type Outcome } from './sentences';

/** A plan that follows the summary's year (next year's 工作要点), as far as the pre-fill needs it. */
export interface NextPlan {
  title: string;
  /** Its goals as worded ("技术合同成交额突破8亿元"), or for a sub-unit its own targets ("科技型中小企业25家"). */
  goals: string[];
  actionLines: { title: string; tasks: string[] }[];
}

export interface PrefillInput {
  actionLines: readonly ActionLine[];
  tasks: readonly Task[];
  /** Progress rows of the year (any periods up to the summary's; the latest per task and unit is used). */
  progress: readonly Progress[];
  /** Whose summary: its own progress only, unless it is the plan's unit (then every unit's). */
  unitId: number;
  isPlanUnit: boolean;
  unitName(id: number): string;
  /** The figures of the summary's period (whole district table, as the document uses). */
  table: ProgressTable;
  /** Next year's plan, for 下一年工作思路 (year-end summaries only). */
  nextPlan?: NextPlan | null;
}

const trimEnd = (t: string) => t.trim().replace(/[。；;，,、：:\s]+$/u, '');
const sentence = (t: string) => {
  const s = t.trim();
  return s === '' ? '' : /[。！？]$/u.test(s) ? s : `${s}。`;
};
/** Quotes inside a quoted phrase become single quotes: “推进数字经济‘一号发展工程’”. */
const quoted = (t: string) => `“${t.replace(/“/g, '‘').replace(/”/g, '’')}”`;
const squash = (t: string) => t.replace(/\s+/g, '');

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

/**
 * A task's content as a short phrase a sentence can carry: the first clause
 * ("大力宣传《…暂行办法》"), a long list of documents shortened to what they
 * are ("大力宣传《…》和《…》等人才引育政策" → "大力宣传人才引育政策").
 */
export function taskPhrase(content: string): string {
  let t = trimEnd(content.replace(/\s+(?=[\d\u3400-\u9fff])|(?<=[\d\u3400-\u9fff])\s+/g, ''))
    // "力争2022年底，培育…" names the year's goal; as a phrase the goal itself is enough.
    .replace(/^力争\d{4}年(?:底|末)?[，,]?/, '');
  const firstClause = /^(.*?)[；;。]/.exec(t);
  if (firstClause && firstClause[1].length >= 6) t = firstClause[1];
  if (t.length > 40) {
    const list = /^(.{2,8}?)《.*》.*等(.{2,20})$/.exec(t);
    if (list) t = `${list[1]}${list[2]}`;
    else {
      const comma = t.indexOf('，');
      if (comma >= 8) t = t.slice(0, comma);
    }
  }
  return trimEnd(t);
}

export type { TaskState };

/**
 * The units whose entries decide a task's state, as the dashboard counts them
 * (its responsible units; a task that names only a lead, its lead): in a
 * sub-unit's summary only the unit itself.
 */
function deciders(task: Task, unitId: number, isPlanUnit: boolean): number[] {
  const responsible = task.units.filter((u) => u.role === 'responsible').map((u) => u.unitId);
  const all = responsible.length ? responsible : task.units.map((u) => u.unitId);
  const ids = [...new Set(all)];
  return isPlanUnit ? ids : ids.filter((id) => id === unitId).concat(ids.includes(unitId) ? [] : [unitId]);
}

/** 示例数据 as generated progress texts carry it; the pre-fill says it once per paragraph, before its last 。. */
const SAMPLE_NOTE = /[（(]示例数据[）)]/gu;
const SAMPLE_SUFFIX = '（示例数据）';

/** Progress texts joined as one clause list: each text's mark and final 。 dropped, a text said once, joined with ；. */
function joinTexts(texts: readonly string[]): { body: string; sample: boolean } {
  let sample = false;
  const parts: string[] = [];
  for (const raw of texts) {
    if (SAMPLE_NOTE.test(raw)) sample = true;
    SAMPLE_NOTE.lastIndex = 0;
    const t = trimEnd(raw.replace(SAMPLE_NOTE, '')).replace(/。(?=[；;])/gu, '');
    if (t !== '' && !parts.includes(t)) parts.push(t);
  }
  return { body: parts.join('；'), sample };
}

/** A paragraph's last sentence closed, with the 示例数据 mark once when any text carried it. */
const closing = (text: string, sample: boolean) => `${trimEnd(text)}${sample ? SAMPLE_SUFFIX : ''}。`;

/**
 * The indicators a task is about: its text names the indicator
 * ("培育入库科技型中小企业140家") or quotes the unit's target with its measure
 * unit ("技术合同登记额突破7亿元" → 技术合同成交额, target 7亿元).
 */
export function taskIndicators(task: Task, indicators: readonly Indicator[], targetOf: (indicatorId: number) => number | null): Indicator[] {
  const text = squash(task.content);
  return indicators.filter((i) => {
    if (text.includes(i.name)) return true;
    const t = targetOf(i.id);
    return t != null && i.measureUnit !== '' && new RegExp(`(^|[^\\d.])${formatNumber(t).replace('.', '\\.')}${i.measureUnit}`).test(text);
  });
}

const MET: readonly Outcome[] = ['met', 'exceeded'];

/** What the pre-fill and the opening paragraph both read: the unit's tasks, their progress and their state. */
interface TaskView {
  ownTasks: Task[];
  rowsOf(task: Task): Progress[];
  /** The deciding units' latest entries, undefined where one has not reported (taskStateOf's input). */
  entriesOf(task: Task): (Progress | undefined)[];
  accomplished(task: Task): boolean;
  stateOf(task: Task): TaskState;
}

type TaskInput = Pick<PrefillInput, 'tasks' | 'progress' | 'unitId' | 'isPlanUnit' | 'table'>;

function taskView(input: TaskInput): TaskView {
  const { table } = input;
  const mine = latestProgress(input.progress).filter((p) => input.isPlanUnit || p.unitId === input.unitId);
  const rowsOf = (task: Task) => mine.filter((p) => p.taskId === task.id);
  const ownTasks = input.tasks.filter((t) => input.isPlanUnit || t.units.some((u) => u.unitId === input.unitId));
  const section = indicatorSection(table, input.unitId);
  const row = input.isPlanUnit ? table.parent : table.rows.find((r) => r.unit.id === input.unitId)!;
  const indicators = summaryIndicators(table, input.unitId);
  const outcomeOf = new Map(section.sentences.map((s) => [s.indicatorId, s.outcome]));
  const linked = (task: Task) => taskIndicators(task, indicators, (id) => row.cells[id]?.target ?? null);
  // A task whose indicators section 一 reports as met is accomplished, whatever its last progress note said.
  const accomplished = (task: Task) => {
    const inds = linked(task);
    return inds.length > 0 && inds.every((i) => MET.includes(outcomeOf.get(i.id) ?? 'unknown'));
  };
  const entriesOf = (task: Task) => {
    const rows = rowsOf(task);
    return deciders(task, input.unitId, input.isPlanUnit).map((id) => rows.find((r) => r.unitId === id));
  };
  // The dashboard's rule (taskStateOf), unless section 一 reports the task's indicators as met.
  const stateOf = (task: Task): TaskState => (accomplished(task) ? 'done' : taskStateOf(entriesOf(task)));
  return { ownTasks, rowsOf, entriesOf, accomplished, stateOf };
}

/** The state of each task the unit works on (all of them for the plan unit), as the opening paragraph counts them. */
export function taskStates(input: TaskInput): TaskState[] {
  const v = taskView(input);
  return v.ownTasks.map(v.stateOf);
}

export function prefillSections(input: PrefillInput): SummarySections {
  const { table } = input;
  const { ownTasks, entriesOf, accomplished, stateOf } = taskView(input);
  const section = indicatorSection(table, input.unitId);
  const row = input.isPlanUnit ? table.parent : table.rows.find((r) => r.unit.id === input.unitId)!;
  const indicators = summaryIndicators(table, input.unitId);
  const reported = (task: Task) => entriesOf(task).filter((e): e is Progress => e != null);
  // One status per task: a task any of whose units reports 滞后 or 未启动 is never a 亮点; it is a problem
  // unless section 一 reports its indicators as met (then section 一 says what it achieved, and it is neither).
  const anyBehind = (task: Task) => reported(task).some((e) => e.status === 'late' || e.status === 'not_started');
  const behind = (task: Task) => !accomplished(task) && anyBehind(task);

  // 亮点工作: one numbered paragraph per action line with something to show.
  const highlights: SummaryParagraph[] = [];
  for (const line of [...input.actionLines].sort((a, b) => a.seq - b.seq)) {
    const lineTasks = ownTasks.filter((t) => t.actionLineId === line.id).sort((a, b) => a.seq - b.seq);
    const items: string[] = [];
    let allDone = lineTasks.length > 0;
    let sample = false;
    for (const task of lineTasks) {
      if (stateOf(task) !== 'done') allDone = false;
      if (anyBehind(task)) continue;
      const rows = reported(task).filter((p) => (p.status === 'done' || p.status === 'in_progress') && p.text.trim() !== '');
      if (!rows.length) continue;
      const leads = new Set(task.units.filter((u) => u.role === 'lead').map((u) => u.unitId));
      const best = rows.find((p) => leads.has(p.unitId)) ?? rows[0];
      const joined = joinTexts([best.text]);
      if (joined.body === '') continue;
      sample ||= joined.sample;
      items.push(`${taskPhrase(task.content)}，${joined.body}`);
    }
    if (!items.length) continue;
    const body = items.length === 1 ? items[0] : items.map((t, k) => `${chineseNumeral(k + 1)}是${t}`).join('；');
    highlights.push({ level: 3, text: `${line.title}${allDone ? '成效明显' : '稳步推进'}。${closing(body, sample)}` });
  }

  // 存在的主要问题: indicators not met, then late or unstarted tasks — phrased as problems.
  const problems: SummaryParagraph[] = [];
  const lead = periodLead(table.period);
  const midYear = scheduleProgress(table.period) < 1;
  for (const s of section.sentences) {
    if (s.outcome !== 'not_met') continue;
    const indicator = indicators.find((i) => i.id === s.indicatorId)!;
    const cell = row.cells[indicator.id];
    const target = targetText(indicator, cell);
    const gap = cell.target != null && cell.actual != null ? amountText(Math.max(0, cell.target - cell.actual), indicator) : null;
    const what = midYear ? `${indicator.name}进度偏慢` : `${indicator.name}未完成年度目标`;
    const detail = `${lead}${scopeOf(row.unit)}${indicator.name}${cell.actual != null ? amountText(cell.actual, indicator, cell.target) : ''}，${midYear ? `慢于时序进度` : `距${target}的目标尚差${gap ?? ''}`}。`;
    problems.push({ level: 3, text: `${what}。${detail}` });
  }
  for (const task of ownTasks) {
    if (!behind(task)) continue;
    const state = stateOf(task);
    const rows = reported(task).filter((p) => p.status === (state === 'late' ? 'late' : 'not_started'));
    const label = state === 'late' ? '进展滞后' : '尚未启动';
    const phrase = quoted(taskPhrase(task.content));
    // A task under way elsewhere is not "尚未启动" as a whole: the units that have not started are named.
    const head =
      state === 'in_progress'
        ? `${phrase}任务中，${[...new Set(rows.map((r) => input.unitName(r.unitId)))].join('、')}承担的部分${label}`
        : `${input.isPlanUnit ? ownerPhrase(task, rows, input.unitName) : ''}${phrase}任务${label}`;
    const { body, sample } = joinTexts(rows.map((p) => p.text));
    // "尚未启动，拟于下季度启动" continues the heading instead of saying 尚未启动 twice.
    const text = body === '' ? head : body.startsWith(label) ? `${head}${body.slice(label.length)}` : `${head}。${body}`;
    problems.push({ level: 3, text: closing(text, sample) });
  }

  return { highlights, problems, nextYear: nextSteps(input, ownTasks, stateOf, section.sentences, indicators, row) };
}

/** "区科工局牵头的" when the lead is behind, else "洪都街道、岱山街道承担的". */
function ownerPhrase(task: Task, rows: readonly Progress[], unitName: (id: number) => string): string {
  const leads = task.units.filter((u) => u.role === 'lead').map((u) => u.unitId);
  const leadRows = rows.filter((r) => leads.includes(r.unitId));
  if (leadRows.length) return `${task.leadText || leadRows.map((r) => unitName(r.unitId)).join('、')}牵头的`;
  return `${[...new Set(rows.map((r) => unitName(r.unitId)))].join('、')}承担的`;
}

const VERB_START = /^(推进|推动|加大|加强|强化|打造|培育|扩大|引导|组织|大力|深化|落实|实施|优化|做好|开展|完善|提升|建设|加快)/;

function nextSteps(
  input: PrefillInput,
  ownTasks: readonly Task[],
  stateOf: (t: Task) => TaskState,
  sentences: ReturnType<typeof indicatorSection>['sentences'],
  indicators: readonly Indicator[],
  row: ProgressTable['parent'],
): SummaryParagraph[] {
  const p = requirePeriod(input.table.period);
  const yearEnd = scheduleProgress(input.table.period) === 1;
  const next = input.nextPlan;
  if (yearEnd && next && (next.goals.length || next.actionLines.length)) {
    const out: SummaryParagraph[] = [{ level: 0, text: `${p.year + 1}年，将按照《${next.title}》的部署，重点抓好以下工作。` }];
    if (next.goals.length) {
      out.push({ level: 2, text: `${p.year + 1}年工作目标` });
      for (const g of next.goals) out.push({ level: 3, text: sentence(/^(力争|确保|实现)/.test(g) ? g : `力争${g}`) });
    }
    if (next.actionLines.length) {
      out.push({ level: 2, text: '重点工作' });
      for (const line of next.actionLines) {
        const tasks = line.tasks.map(taskPhrase).filter(Boolean);
        out.push({ level: 3, text: `${trimEnd(line.title)}。${tasks.length ? sentence(tasks.join('；')) : ''}` });
      }
    }
    return out;
  }
  // No plan for what follows yet: carry over what is unfinished.
  const when = yearEnd ? `${p.year + 1}年` : scheduleProgress(input.table.period) === 0.5 ? '下半年' : '下一步';
  const items: string[] = [];
  for (const s of sentences) {
    if (s.outcome !== 'not_met') continue;
    const indicator = indicators.find((i) => i.id === s.indicatorId)!;
    const cell = row.cells[indicator.id];
    const target = targetText(indicator, cell);
    items.push(`聚焦${indicator.name}指标，对照${target}的年度目标补齐差距。`);
  }
  for (const task of [...ownTasks].sort((a, b) => a.seq - b.seq)) {
    const state = stateOf(task);
    if (state === 'done') continue;
    const phrase = taskPhrase(task.content);
    items.push(sentence(`${VERB_START.test(phrase) ? '继续' : '继续推进'}${phrase}`));
  }
  if (!items.length) return [];
  return [
    { level: 0, text: `${when}，将对照${yearEnd ? '本年度' : '年度'}尚未完成的目标任务，重点抓好以下工作。` },
    ...items.map((text) => ({ level: 3 as const, text })),
  ];
}
