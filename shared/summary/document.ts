/**
 * The year-end summary as a list of blocks, independent of any output
 * format: the core lays it out as a PDF (electron/core/export/pdf), the app
 * shows it as a preview. Pure: built from the plan, the ProgressTable and
 * the written sections.
 */
import type { ProgressTable } from '../figures/progressTable';
import { formatNumber, formatPercent, formatRate } from '../numbers';
import type { Plan } from '../model/plan';
import type { Unit } from '../model/units';
import { describePointChange, describeYoy } from '../figures/growth';
import { indicatorSection, type Outcome, targetText } from './sentences';
import { numberParagraphs, outlineNumber, SECTION_KEYS, sectionTitle, stripLeadingNumber, type OutlineLevel, type SummarySections } from './outline';

export type Align = 'left' | 'center' | 'right';

export type SummaryBlock =
  | { kind: 'title'; text: string }
  /** A line under the title: the sample-data notice. */
  | { kind: 'notice'; text: string }
  /**
   * A paragraph. `lead` is printed in the style of its level (1 黑体, 2 楷体,
   * 3 仿宋 bold, 0/4 仿宋), `text` in body 仿宋; the first line is indented two characters.
   */
  | { kind: 'paragraph'; level: OutlineLevel; lead: string; text: string }
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
  /** ISO date of the 落款. */
  datedOn: string;
  year: number;
  unitName: string;
  /** The figures include generated sample data: every page says 示例数据. */
  sampleData: boolean;
  noFigures: boolean;
  blocks: SummaryBlock[];
  /** Every sentence the indicator section prints (tests look for each one in the PDF text). */
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
}

const OUTCOME_LABEL: Record<Outcome, string> = {
  exceeded: '超额完成',
  met: '完成',
  not_met: '未完成',
  no_figure: '暂无数据',
  no_target: '未设目标',
  unknown: '无法计算',
};

const DASH = '—';

/** "2023年1月10日" */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Default title: "青云谱区科工局2022年科技创新工作总结". */
export function defaultTitle(issuer: string, year: number): string {
  return `${issuer}${year}年科技创新工作总结`;
}

export function buildSummaryDocument(input: DocumentInput): SummaryDocument {
  const { unit, year, plan } = input;
  const table = input.table;
  const isPlanUnit = table.parent.unit.id === unit.id;
  const section = indicatorSection(table, unit.id);
  const row = isPlanUnit ? table.parent : table.rows.find((r) => r.unit.id === unit.id)!;
  const sentenceOf = new Map(section.sentences.map((s) => [s.indicatorId, s]));
  const indicators = table.indicators.filter((i) => sentenceOf.has(i.id));
  const blocks: SummaryBlock[] = [{ kind: 'title', text: input.meta.title }];
  if (input.sampleData) blocks.push({ kind: 'notice', text: '（本文所用完成数为示例数据，仅供演示）' });

  let top = 0;
  const h1 = (text: string) => blocks.push({ kind: 'paragraph', level: 1, lead: `${outlineNumber(1, ++top)}${text}`, text: '' });
  const body = (text: string) => blocks.push({ kind: 'paragraph', level: 0, lead: '', text });

  h1('主要指标完成情况');
  body(
    indicators.length
      ? `对照《${plan.title}》确定的${indicators.length}项指标，${section.sentences.length && !section.noFigures ? '完成情况如下。' : '目标与完成情况如下。'}`
      : `《${plan.title}》尚未设置指标。`,
  );
  for (const s of section.sentences) blocks.push({ kind: 'paragraph', level: 3, lead: s.lead, text: s.body });
  blocks.push({ kind: 'paragraph', level: 0, lead: '', text: section.conclusion });

  let tableNo = 0;
  let chartNo = 0;
  if (indicators.length) {
    blocks.push({
      kind: 'table',
      caption: `表${++tableNo}  ${unit.name}${year}年主要指标完成情况`,
      header: ['序号', '指标', '年度目标', '完成数', '完成率', '同比', '完成情况'],
      align: ['center', 'left', 'right', 'right', 'right', 'right', 'center'],
      widths: [24, 0, 50, 50, 46, 66, 48],
      rows: indicators.map((indicator, k) => {
        const cell = row.cells[indicator.id];
        const growth = isPlanUnit && indicator.wording?.quantity.kind === 'growth';
        const yoy = indicator.measureUnit === '%' ? describePointChange(cell.pointChange, indicator.decimals) : describeYoy(cell.yoy);
        return [
          String(k + 1),
          `${indicator.name}${indicator.measureUnit && indicator.measureUnit !== '%' ? `（${indicator.measureUnit}）` : indicator.measureUnit === '%' ? '（%）' : ''}`,
          growth
            ? targetText(indicator, cell, true)
            : cell.target == null
              ? DASH
              : cell.targetMax != null
                ? `${formatNumber(cell.target, indicator.decimals)}-${formatNumber(cell.targetMax, indicator.decimals)}`
                : formatNumber(cell.target, indicator.decimals),
          cell.actual == null ? DASH : formatNumber(cell.actual, indicator.decimals),
          cell.rate == null ? DASH : formatRate(cell.rate),
          yoy.replace('同比', '').replace('比上年', '') || DASH,
          OUTCOME_LABEL[sentenceOf.get(indicator.id)!.outcome],
        ];
      }),
    });
  }

  // The district's own table and chart of its sub-units (附件2 indicators).
  const decomposed = table.indicators.filter((i) => i.decomposed);
  if (isPlanUnit && table.rows.length && decomposed.length) {
    const header = ['单位', ...decomposed.flatMap(() => ['目标', '完成数', '完成率'])];
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
      caption: `表${++tableNo}  各单位${year}年指标完成情况`,
      groups: [{ text: '单位', span: 1 }, ...decomposed.map((i) => ({ text: `${i.name}${i.measureUnit ? `（${i.measureUnit}）` : ''}`, span: 3 }))],
      header,
      align: ['left', ...decomposed.flatMap(() => ['right', 'right', 'right'] as Align[])],
      widths: [78, ...decomposed.flatMap(() => [0, 0, 0])],
      rows: [...table.rows.map((r) => [r.unit.name, ...cellsOf(r)]), [`${table.parent.unit.name}合计`, ...cellsOf(table.parent)]],
      note: '完成率=完成数÷年度目标；区合计为各单位之和（可加总指标）。',
    });
  }

  const rated = indicators.filter((i) => row.cells[i.id].rate != null);
  if (rated.length) {
    blocks.push({
      kind: 'chart',
      caption: `图${++chartNo}  ${unit.name}${year}年各指标完成率`,
      chart: {
        categories: rated.map((i) => i.name),
        series: [{ name: '完成率', values: rated.map((i) => pct(row.cells[i.id].rate)) }],
        markLine: { value: 100, label: '目标100%' },
      },
    });
  }
  if (isPlanUnit && table.rows.length && decomposed.some((i) => table.rows.some((r) => r.cells[i.id].rate != null))) {
    blocks.push({
      kind: 'chart',
      caption: `图${++chartNo}  各单位${year}年指标完成率`,
      chart: {
        categories: table.rows.map((r) => r.unit.name),
        series: decomposed.map((i) => ({ name: i.name, values: table.rows.map((r) => pct(r.cells[i.id].rate)) })),
        markLine: { value: 100, label: '目标100%' },
      },
    });
  }
  if (!rated.length) body('因暂无完成数据，本总结不绘制完成率图表。');

  for (const key of SECTION_KEYS) {
    h1(sectionTitle(key, year));
    // Sections sit under the document's own 一、二、, so a written level 1 counts as （一）.
    const paragraphs = input.sections[key]
      .filter((p) => p.text.trim() !== '')
      .map((p) => (p.level === 1 ? { ...p, level: 2 as OutlineLevel } : p));
    if (!paragraphs.length) {
      body('（本部分尚未填写。）');
      continue;
    }
    const numbers = numberParagraphs(paragraphs);
    paragraphs.forEach((p, k) => blocks.push(writtenParagraph(p.level, numbers[k], stripLeadingNumber(p.text.trim()))));
  }

  blocks.push({ kind: 'signature', lines: [input.meta.issuer, chineseDate(input.meta.datedOn)] });
  const sentences = [...section.sentences.map((s) => s.text), section.conclusion];
  return {
    title: input.meta.title,
    issuer: input.meta.issuer,
    datedOn: input.meta.datedOn,
    year,
    unitName: unit.name,
    sampleData: input.sampleData,
    noFigures: section.noFigures,
    blocks,
    sentences,
    fileName: `${input.meta.title}${input.sampleData ? '（示例数据）' : ''}.pdf`,
  };
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
