/**
 * ECharts options of the dashboard's charts, pure, so the window (ECharts in
 * the browser) and the PDF/PNG export (ECharts server-side SVG in the core)
 * draw the same pictures. Readable in greyscale print: every series differs
 * by line style and mark, every bar carries its status symbol and value.
 */
import type { RankingEntry } from '../dashboard/build';
import type { DashboardIndicator, IndicatorTrend } from '../dashboard/view';
import { STATUS_COLOR, type Status } from '../figures/status';
import { displayRate, formatNumber } from '../numbers';

/** A symbol per status, so a cell or bar says its status without colour (greyscale print, colour blindness). */
export const STATUS_SYMBOL: Record<Status, string> = { green: '●', amber: '▲', red: '■', partial: '◆', none: '○' };

export interface ChartLook {
  fontFamily: string;
  /** Smaller type and no animation for print. */
  print?: boolean;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** 完成率 in percent with one decimal, as every table prints it (never 100.0% for a target not quite reached). */
export const ratePercent = (rate: number) => Math.round(displayRate(rate) * 1000) / 10;

export interface RankingChartInput {
  indicator: DashboardIndicator;
  entries: RankingEntry[];
  /** 时序进度 (fraction): the dashed line bars are judged against. */
  scheduleProgress: number;
  /** Unit whose bar is outlined (a sub-unit's own view). */
  highlightUnitId?: number | null;
  /** Show at most this many units (the best ones and, below a gap, the last ones). */
  limit?: number;
}

/** The entries a ranking draws: all of them, or the first and last few when there are too many. */
export function rankingShown(entries: RankingEntry[], limit: number | undefined): RankingEntry[] {
  if (!limit || entries.length <= limit) return entries;
  const head = Math.ceil(limit / 2);
  return [...entries.slice(0, head), ...entries.slice(entries.length - (limit - head))];
}

/** Horizontal bars of 完成率 per sub-unit (best at the top), a solid 100% target line and a dashed 时序进度 line. */
export function rankingOption(input: RankingChartInput, look: ChartLook): Record<string, unknown> {
  const shown = rankingShown(input.entries, input.limit);
  // ECharts draws the first category at the bottom; the best unit goes on top.
  const ordered = [...shown].reverse();
  const fontSize = look.print ? 9 : 12;
  const text = { fontFamily: look.fontFamily, fontSize, color: '#262626' };
  const schedule = ratePercent(input.scheduleProgress);
  return {
    animation: !look.print,
    textStyle: text,
    grid: { left: 8, right: look.print ? 58 : 72, top: 22, bottom: 20, containLabel: true },
    tooltip: look.print ? undefined : { trigger: 'item' },
    xAxis: {
      type: 'value',
      min: 0,
      max: (v: { max: number }) => Math.max(110, Math.ceil((v.max + 10) / 10) * 10),
      splitNumber: look.print ? 2 : 5,
      axisLabel: { ...text, formatter: '{value}%', hideOverlap: true },
      splitLine: { lineStyle: { color: '#E8E8E8' } },
    },
    yAxis: {
      type: 'category',
      data: ordered.map((e) => (e.rank ? `${e.rank}. ${e.unitName}` : e.unitName)),
      axisLabel: { ...text, width: look.print ? 90 : 120, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: '完成率',
        barMaxWidth: look.print ? 10 : 16,
        data: ordered.map((e) => ({
          value: e.rate == null ? 0 : ratePercent(e.rate),
          unitId: e.unitId,
          itemStyle: {
            color: STATUS_COLOR[e.status].color,
            ...(input.highlightUnitId === e.unitId ? { borderColor: '#000', borderWidth: 2 } : {}),
          },
          label: {
            show: true,
            position: 'right',
            ...text,
            formatter: e.rate == null ? `${STATUS_SYMBOL.none} 无数据` : `${STATUS_SYMBOL[e.status]} ${ratePercent(e.rate).toFixed(1)}%`,
          },
        })),
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            { xAxis: 100, lineStyle: { color: '#262626', type: 'solid', width: 1.2 }, label: { formatter: '目标 100%', ...text, color: '#262626' } },
            // Its value is named in the chart's caption: two labels a few points apart at the top would overlap.
            { xAxis: schedule, lineStyle: { color: '#C00000', type: 'dashed', width: 1.2 }, label: { show: false } },
          ],
        },
      },
    ],
  };
}

export interface TrendChartInput {
  indicator: DashboardIndicator;
  trend: IndicatorTrend;
  /** The month of the view period (1-12): a line marks it. */
  month: number;
}

/** Cumulative actual month by month (solid, round marks; hollow where 未报齐), target × 时序进度 (dashed) and last year (dotted, triangles). */
export function trendOption(input: TrendChartInput, look: ChartLook): Record<string, unknown> {
  const { indicator, trend } = input;
  const fontSize = look.print ? 9 : 12;
  const text = { fontFamily: look.fontFamily, fontSize, color: '#262626' };
  const fmt = (v: number | null) => (v == null ? '—' : formatNumber(v, indicator.decimals));
  const series: Record<string, unknown>[] = [
    {
      type: 'line',
      name: '累计完成',
      data: trend.actual.map((v, k) => (v == null ? null : { value: v, symbol: trend.partial[k] ? 'emptyCircle' : 'circle' })),
      connectNulls: true,
      symbolSize: look.print ? 5 : 7,
      lineStyle: { color: '#1F4E79', width: 2.2 },
      itemStyle: { color: '#1F4E79' },
      label: { show: !look.print, position: 'top', ...text, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : '') },
      markLine: {
        symbol: 'none',
        silent: true,
        lineStyle: { color: '#8C8C8C', type: 'dotted' },
        label: { formatter: '本期', ...text, color: '#8C8C8C' },
        data: [{ xAxis: MONTHS[input.month - 1] }],
      },
    },
  ];
  if (trend.plan.some((v) => v != null)) {
    series.push({
      type: 'line',
      name: indicator.aggregation === 'sum' ? '目标×时序进度' : '目标',
      data: trend.plan,
      connectNulls: true,
      symbol: 'none',
      lineStyle: { color: '#C00000', type: 'dashed', width: 1.5 },
      itemStyle: { color: '#C00000' },
    });
  }
  if (trend.lastYear) {
    series.push({
      type: 'line',
      name: '上年同期',
      data: trend.lastYear,
      connectNulls: true,
      symbol: 'triangle',
      symbolSize: look.print ? 5 : 6,
      lineStyle: { color: '#7F7F7F', type: 'dotted', width: 1.5 },
      itemStyle: { color: '#7F7F7F' },
    });
  }
  return {
    animation: !look.print,
    textStyle: text,
    legend: { top: 0, itemWidth: 18, itemHeight: 8, textStyle: text },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    tooltip: look.print ? undefined : { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '—') },
    xAxis: { type: 'category', data: MONTHS, axisLabel: { ...text, interval: look.print ? 1 : 0 }, boundaryGap: false },
    yAxis: {
      type: 'value',
      name: indicator.measureUnit || undefined,
      nameTextStyle: text,
      axisLabel: text,
      splitLine: { lineStyle: { color: '#E8E8E8' } },
    },
    series,
  };
}
