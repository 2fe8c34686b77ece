/**
 * The summary as a list of blocks, independent of any output format: the
 * core lays it out as a PDF (electron/core/export/pdf) and writes it as a
 * Word document (electron/core/export/word), the app shows it as a preview. Pure: built from the plan, the ProgressTable, the task states
 * and the written sections.
 *
 * The structure is seed 001's:
 *   一、2022年工作情况
 *       (an opening paragraph from the figures: indicators met, tasks done)
 *     （一）主要指标完成情况   1. … per indicator, the conclusion, tables, charts
 *     （二）亮点工作           written (pre-filled from task progress)
 *     （三）存在的主要问题     written
 *   二、2023年工作思路         written (pre-filled from next year's plan or what is unfinished)
 * A section with nothing written is left out — never a placeholder — unless
 * the user prints a draft (征求意见稿 / 草稿): then it is printed, marked.
 */
import type { ProgressTable } from '../figures/progressTable';
import { describePointChange, describeYoy } from '../figures/growth';
import { formatNumber, formatRate } from '../numbers';
import type { Plan } from '../model/plan';
import type { Unit } from '../model/units';
import { scheduleProgress } from '../periods';
import {
  numberParagraphs,
  outlineNumber,
  SECTION_KEYS,
  sectionLevel,
  sectionParagraphs,
  sectionTitle,
  stripLeadingNumber,
  unwrittenSections,
  type OutlineLevel,
  type SectionKey,
  type SummarySections,
} from './outline';
import type { TaskState } from './prefill';
import { indicatorSection, periodLead, summaryIndicators, targetText, type Outcome } from './sentences';

export type Align = 'left' | 'center' | 'right';

/** The marks a draft may carry, printed under the title. */
export const DRAFT_MARKS = ['征求意见稿', '草稿'] as const;
export type DraftMark = (typeof DRAFT_MARKS)[number];

export type SummaryBlock =
  | { kind: 'title'; text: string }
  /** A line under the title: the sample-data notice, or the draft mark "（征求意见稿）". */
  | { kind: 'notice'; text: string; role?: 'sample' | 'draft' }
  /**
   * A paragraph. `lead` is printed in the style of its level (1 黑体, 2 楷体,
   * 3 仿宋 bold, 0/4 仿宋), `text` in body 仿宋; the first line is indented two characters.
   */
  | { kind: 'paragraph'; level: OutlineLevel; lead: string; text: string }
  /** In a draft only: where an unwritten section goes ("（本部分尚未填写，待补充。）"). */
  | { kind: 'pending'; text: string }
  | {
      kind: 'table';
      caption: string;
      /** An optional first header row of grouped columns ("科技型中小企业（家）" over 目标/完成数/完成率). */
      groups?: { text: string; span: number }[];
      header: string[];
      rows: string[][];
      align: Align[];
      /** Column widths in points; 0 takes the rest of the line. */
      widths: number[];
      note?: string;
    }
  | { kind: 'chart'; caption: string; chart: BarChartSpec }
  /** 落款: issuer and date, right-aligned at the end. */
  | { kind: 'signature'; lines: string[] };

export interface BarChartSpec {
  /** Category labels along the x axis (indicators or units). */
  categories: string[];
  /** One series per indicator (per-unit chart) or a single one; values are 完成率 in percent, null = no data. */
  series: { name: string; values: (number | null)[] }[];
  /** A dashed reference line (100% = target; or 时序进度). */
  markLine: { value: number; label: string };
}

export interface SummaryDocument {
  title: string;
  issuer: string;
  /** ISO date of the 落款 (成文日期). */
  datedOn: string;
  year: number;
  /** The figures' period: "2022" (year end), "2022Q2" (上半年)… */
  period: string;
  unitName: string;
  /** The figures include generated sample data: every page says 示例数据. */
  sampleData: boolean;
  noFigures: boolean;
  /** Sections with nothing written: left out, or printed marked in a draft. */
  unwritten: SectionKey[];
  /** Printed as a draft with this mark, or null for the final document. */
  draft: DraftMark | null;
  blocks: SummaryBlock[];
  /** Every sentence written from the figures (tests look for each one in the PDF text). */
  sentences: string[];
  fileName: string;
}

export interface SummaryMeta {
  title: string;
  issuer: string;
  datedOn: string;
}

export interface DocumentInput {
  plan: Plan;
  /** Whose summary (the plan's unit or one of its sub-units). */
  unit: Unit;
  year: number;
  table: ProgressTable;
  sections: SummarySections;
  meta: SummaryMeta;
  sampleData: boolean;
  /** The state of each task the unit works on (prefill.ts taskStates), for the opening paragraph. */
  taskStates: readonly TaskState[];
  draft?: DraftMark | null;
}

const OUTCOME_LABEL: Record<Outcome, string> = {
  exceeded: '超额完成',
  met: '完成',
  not_met: '未完成',
  no_figure: '暂无数据',
  not_due: '年终报送',
  no_target: '未设目标',
  unknown: '暂不评价',
};
const MID_YEAR_LABEL: Partial<Record<Outcome, string>> = { exceeded: '提前完成', met: '符合进度', not_met: '进度滞后' };

const DASH = '—';

const TASK_STATE_WORDS: Record<TaskState, string> = {
  done: '已完成',
  in_progress: '正在推进',
  late: '进展滞后',
  not_started: '尚未启动',
  unreported: '尚未报送进展',
};

/** "2023年1月10日" */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Default title: "青云谱区2022年科技创新工作总结", "洪都街道2022年上半年科技创新工作总结". */
export function defaultTitle(unitName: string, period: string): string {
  return `${unitName}${periodLead(period)}科技创新工作总结`;
}

/** How the document refers to its own unit in the opening: 我区, 我市, 本街道… */
function selfName(unit: Unit): string {
  switch (unit.kind) {
    case 'city':
      return '我市';
    case 'district':
      return unit.name.endsWith('县') ? '我县' : '我区';
    case 'town':
      return unit.name.endsWith('乡') ? '我乡' : '我镇';
    case 'street':
      return '本街道';
    default:
      return unit.name;
  }
}

/**
 * The opening 总体情况 paragraph, from the figures: "2022年，我区紧紧围绕《…》确定
 * 的目标任务，推进科技创新各项工作。6项主要指标中，5项完成年度目标；16项重点任务中，
 * 已完成12项，3项正在推进，1项进展滞后。"
 */
export function overviewParagraph(input: {
  unit: Unit;
  plan: Plan;
  period: string;
  outcomes: readonly Outcome[];
  taskStates: readonly TaskState[];
}): string {
  const { outcomes, taskStates } = input;
  const midYear = scheduleProgress(input.period) < 1;
  // Counted among the indicators with a target (a street's share of a district-only goal has none).
  const n = outcomes.filter((x) => x !== 'no_target').length;
  const count = (...o: Outcome[]) => outcomes.filter((x) => o.includes(x)).length;
  const done = count('met', 'exceeded');
  const notMet = count('not_met');
  const goal = midYear ? '达到时序进度' : '完成年度目标';
  const miss = midYear ? '慢于时序进度' : '未完成年度目标';
  const parts: string[] = [];
  if (n && done + notMet) {
    if (done === n) parts.push(`${n}项主要指标均${goal}`);
    else if (notMet === n) parts.push(`${n}项主要指标均${miss}`);
    else parts.push(`${n}项主要指标中，${[done ? `${done}项${goal}` : '', notMet ? `${notMet}项${midYear ? miss : '未完成'}` : ''].filter(Boolean).join('，')}`);
  }
  const t = taskStates.length;
  if (t) {
    const c = (s: TaskState) => taskStates.filter((x) => x === s).length;
    const items = [
      c('done') ? `已完成${c('done')}项` : '',
      c('in_progress') ? `${c('in_progress')}项正在推进` : '',
      c('late') ? `${c('late')}项进展滞后` : '',
      c('not_started') ? `${c('not_started')}项尚未启动` : '',
      c('unreported') ? `${c('unreported')}项尚未报送进展` : '',
    ].filter(Boolean);
    const whole = (['done', 'in_progress', 'late', 'not_started', 'unreported'] as const).find((st) => c(st) === t);
    parts.push(whole ? `${t}项重点任务均${TASK_STATE_WORDS[whole]}` : `${t}项重点任务中，${items.join('，')}`);
  }
  const opening = `${periodLead(input.period)}，${selfName(input.unit)}紧紧围绕《${input.plan.title}》确定的目标任务，推进科技创新各项工作。`;
  return parts.length ? `${opening}${parts.join('；')}。` : opening;
}

export function buildSummaryDocument(input: DocumentInput): SummaryDocument {
  const { unit, year, plan, table } = input;
  const period = table.period;
  const midYear = scheduleProgress(period) < 1;
  const draft = input.draft ?? null;
  const isPlanUnit = table.parent.unit.id === unit.id;
  const section = indicatorSection(table, unit.id);
  const row = isPlanUnit ? table.parent : table.rows.find((r) => r.unit.id === unit.id)!;
  const sentenceOf = new Map(section.sentences.map((s) => [s.indicatorId, s]));
  const indicators = summaryIndicators(table, unit.id);
  const unwritten = unwrittenSections(input.sections);
  const blocks: SummaryBlock[] = [{ kind: 'title', text: input.meta.title }];
  if (draft) blocks.push({ kind: 'notice', text: `（${draft}）`, role: 'draft' });
  if (input.sampleData) blocks.push({ kind: 'notice', text: '（本文所用完成数为示例数据，仅供演示）', role: 'sample' });

  let top = 0;
  let sub = 0;
  const h1 = (text: string) => {
    sub = 0;
    blocks.push({ kind: 'paragraph', level: 1, lead: `${outlineNumber(1, ++top)}${text}`, text: '' });
  };
  const h2 = (text: string) => blocks.push({ kind: 'paragraph', level: 2, lead: `${outlineNumber(2, ++sub)}${text}`, text: '' });
  const body = (text: string) => blocks.push({ kind: 'paragraph', level: 0, lead: '', text });

  h1(`${periodLead(period)}工作情况`);
  body(
    overviewParagraph({
      unit,
      plan,
      period,
      outcomes: section.sentences.map((s) => s.outcome),
      taskStates: input.taskStates,
    }),
  );

  h2('主要指标完成情况');
  if (!indicators.length) body(`《${plan.title}》尚未设置指标。`);
  for (const s of section.sentences) blocks.push({ kind: 'paragraph', level: 3, lead: s.lead, text: s.body });

  let tableNo = 0;
  let chartNo = 0;
  const rated = indicators.filter((i) => row.cells[i.id].rate != null && i.measureUnit !== '%');
  const decomposed = table.indicators.filter((i) => i.decomposed);
  const unitTable = isPlanUnit && table.rows.length > 0 && decomposed.length > 0;
  const unitChart = unitTable && decomposed.some((i) => table.rows.some((r) => r.cells[i.id].rate != null));
  // The conclusion points to the tables and charts that follow, as seed 001's "具体数据情况详见附表".
  const refs = [
    indicators.length ? `表1${unitTable ? '、表2' : ''}` : '',
    rated.length || unitChart ? `图1${rated.length && unitChart ? '、图2' : ''}` : '',
  ].filter(Boolean);
  const conclusion = `${section.conclusion}${!section.noFigures && refs.length ? `具体数据见${refs.join('和')}。` : ''}`;
  if (indicators.length) body(conclusion);

  if (indicators.length) {
    blocks.push({
      kind: 'table',
      caption: `表${++tableNo}  ${unit.name}${periodLead(period)}主要指标完成情况`,
      header: ['序号', '指标', '单位', '年度目标', '完成数', '完成率', '同比', '完成情况'],
      align: ['center', 'left', 'center', 'center', 'right', 'right', 'center', 'center'],
      widths: [24, 0, 30, 44, 46, 44, 68, 46],
      rows: indicators.map((indicator, k) => {
        const cell = row.cells[indicator.id];
        const growth = isPlanUnit && indicator.wording?.quantity.kind === 'growth';
        const ratio = indicator.measureUnit === '%';
        const yoy = ratio ? describePointChange(cell.pointChange, indicator.decimals) : describeYoy(cell.yoy);
        const outcome = sentenceOf.get(indicator.id)!.outcome;
        return [
          String(k + 1),
          indicator.name,
          indicator.measureUnit || DASH,
          growth
            ? targetText(indicator, cell, true)
            : cell.target == null
              ? DASH
              : cell.targetMax != null
                ? `${formatNumber(cell.target, indicator.decimals)}-${formatNumber(cell.targetMax, indicator.decimals)}`
                : formatNumber(cell.target, indicator.decimals),
          cell.actual == null ? DASH : formatNumber(cell.actual, indicator.decimals),
          // A percentage is judged in 个百分点 (the sentence says by how much), not by a 完成率 of itself.
          cell.rate == null || ratio ? DASH : formatRate(cell.rate),
          yoy.replace(/^同比/, '').replace(/^比上年/, '').replace(/^与上年持平$/, '持平') || DASH,
          (midYear ? MID_YEAR_LABEL[outcome] : undefined) ?? OUTCOME_LABEL[outcome],
        ];
      }),
    });
  }

  // The district's own table and chart of its sub-units (附件2 indicators).
  if (unitTable) {
    const cellsOf = (r: typeof row) =>
      decomposed.flatMap((i) => {
        const c = r.cells[i.id];
        return [
          c.target == null ? DASH : formatNumber(c.target, i.decimals),
          c.actual == null ? DASH : formatNumber(c.actual, i.decimals),
          c.rate == null ? DASH : formatRate(c.rate),
        ];
      });
    blocks.push({
      kind: 'table',
      caption: `表${++tableNo}  各单位${periodLead(period)}指标完成情况`,
      groups: [{ text: '单位', span: 1 }, ...decomposed.map((i) => ({ text: `${i.name}${i.measureUnit ? `（${i.measureUnit}）` : ''}`, span: 3 }))],
      header: ['单位', ...decomposed.flatMap(() => ['目标', '完成数', '完成率'])],
      align: ['left', ...decomposed.flatMap(() => ['right', 'right', 'right'] as Align[])],
      widths: [78, ...decomposed.flatMap(() => [0, 0, 0])],
      rows: [...table.rows.map((r) => [r.unit.name, ...cellsOf(r)]), [`${table.parent.unit.name}合计`, ...cellsOf(table.parent)]],
      note: '注：完成率=完成数÷年度目标；区合计为各单位之和。',
    });
  }

  if (rated.length) {
    blocks.push({
      kind: 'chart',
      caption: `图${++chartNo}  ${unit.name}${periodLead(period)}各指标完成率`,
      chart: {
        categories: rated.map((i) => i.name),
        series: [{ name: '完成率', values: rated.map((i) => pct(row.cells[i.id].rate)) }],
        markLine: midYear ? { value: Math.round(table.scheduleProgress * 1000) / 10, label: '时序进度' } : { value: 100, label: '目标100%' },
      },
    });
  }
  if (unitChart) {
    blocks.push({
      kind: 'chart',
      caption: `图${++chartNo}  各单位${periodLead(period)}指标完成率`,
      chart: {
        categories: table.rows.map((r) => r.unit.name),
        series: decomposed.map((i) => ({ name: i.name, values: table.rows.map((r) => pct(r.cells[i.id].rate)) })),
        markLine: midYear ? { value: Math.round(table.scheduleProgress * 1000) / 10, label: '时序进度' } : { value: 100, label: '目标100%' },
      },
    });
  }

  for (const key of SECTION_KEYS) {
    const written = !unwritten.includes(key);
    if (!written && !draft) continue;
    const title = sectionTitle(key, period);
    if (sectionLevel(key) === 1) h1(title);
    else h2(title);
    if (!written) {
      blocks.push({ kind: 'pending', text: '（本部分尚未填写，待补充。）' });
      continue;
    }
    const paragraphs = sectionParagraphs(
      key,
      input.sections[key].filter((p) => p.text.trim() !== ''),
    );
    const numbers = numberParagraphs(paragraphs);
    paragraphs.forEach((p, k) => blocks.push(writtenParagraph(p.level, numbers[k], stripLeadingNumber(p.text.trim()))));
  }

  blocks.push({ kind: 'signature', lines: [input.meta.issuer, chineseDate(input.meta.datedOn)] });
  const sentences = [...section.sentences.map((s) => s.text), ...(indicators.length ? [conclusion] : [])];
  return {
    title: input.meta.title,
    issuer: input.meta.issuer,
    datedOn: input.meta.datedOn,
    year,
    period,
    unitName: unit.name,
    sampleData: input.sampleData,
    noFigures: section.noFigures,
    unwritten,
    draft,
    blocks,
    sentences,
    fileName: `${input.meta.title}${draft ? `（${draft}）` : ''}${input.sampleData ? '（示例数据）' : ''}.pdf`,
  };
}

/** The file name of the same document in another format: "….pdf" → "….docx". */
export function withExtension(fileName: string, extension: 'pdf' | 'docx'): string {
  return `${fileName.replace(/\.pdf$/i, '')}.${extension}`;
}

/** The sections' names as the window lists the unwritten ones: "亮点工作", "2023年工作思路". */
export function sectionLabels(period: string): Record<SectionKey, string> {
  return { highlights: sectionTitle('highlights', period), problems: sectionTitle('problems', period), nextYear: sectionTitle('nextYear', period) };
}

const pct = (rate: number | null) => (rate == null ? null : Math.round(rate * 1000) / 10);

/**
 * A written paragraph: levels 1 and 2 are headings (all lead); a level-3
 * paragraph's lead is its number and first short sentence ("1.研发投入攻坚行动成效明显。"),
 * as the seed summaries write it; levels 0 and 4 are plain text.
 */
function writtenParagraph(level: OutlineLevel, number: string, text: string): SummaryBlock {
  if (level === 1 || level === 2) return { kind: 'paragraph', level: 2, lead: number + text, text: '' };
  if (level === 3) {
    const stop = text.indexOf('。');
    if (stop > 0 && stop <= 30 && stop < text.length - 1) return { kind: 'paragraph', level: 3, lead: number + text.slice(0, stop + 1), text: text.slice(stop + 1) };
    return { kind: 'paragraph', level: 3, lead: number, text };
  }
  return { kind: 'paragraph', level, lead: number, text };
}
