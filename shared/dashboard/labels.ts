/**
 * The dashboard's words, written once for the window (renderer/src/dashboard/)
 * and its PDF/PNG pages (electron/core/dashboard/pages.ts): the tiles' titles,
 * values and notes, and the heading of the late-task list.
 */
import { chineseDateOf } from '../dates';
import { STATUS_HINT, STATUS_LABEL, type Status } from '../figures/status';
import { formatPercent } from '../numbers';
import type { DashboardView } from './view';

export interface TileText {
  key: Status | 'tasks' | 'reporting' | 'days';
  /** For an indicator tile, its status (the colour and symbol). */
  status?: Status;
  title: string;
  /** The figure, and what follows it ("项", "/ 16 项", "天"). */
  value: string | number;
  suffix?: string;
  note: string;
}

export function tileTexts(view: DashboardView): TileText[] {
  const t = view.tiles;
  // Counted on the view unit's own row (the district's total, or the chosen unit's): a sub-unit's red cell in
  // the heatmap is not a red district indicator, so each indicator tile says whose figures it counts.
  const whose = `按${view.unit.name}${view.unit.isPlanUnit ? '合计' : ''}：`;
  const indicatorTiles = (['green', 'amber', 'red', 'none'] as const).map((s): TileText => {
    const none = s === 'none';
    const extra = none
      ? [t.indicators.partial ? `其中未报齐 ${t.indicators.partial} 项` : '', t.notDue ? `另有 ${t.notDue} 项本期不考核` : ''].filter(Boolean).join('；')
      : '';
    return {
      key: s,
      status: s,
      title: `指标${STATUS_LABEL[s]}`,
      value: t.indicators[s] + (none ? t.indicators.partial : 0),
      suffix: '项',
      note: whose + (extra || STATUS_HINT[s]),
    };
  });
  const totalTasks = Object.values(t.tasks).reduce((a, b) => a + b, 0);
  const days = t.days;
  return [
    ...indicatorTiles,
    {
      key: 'tasks',
      title: '任务滞后',
      value: t.tasks.late,
      suffix: `/ ${totalTasks} 项`,
      note: `未启动 ${t.tasks.not_started} · 推进中 ${t.tasks.in_progress} · 已完成 ${t.tasks.done} · 未填报 ${t.tasks.unreported}`,
    },
    {
      key: 'reporting',
      title: '填报率',
      value: t.reporting.rate == null ? '—' : formatPercent(t.reporting.rate, 0),
      note: `${t.reporting.complete}/${t.reporting.expected} 个单位已报齐 · 完成数 ${t.reporting.cellsEntered}/${t.reporting.cellsExpected} 项`,
    },
    days.leftInPeriod > 0
      ? { key: 'days', title: '本期剩余', value: days.leftInPeriod, suffix: '天', note: `报告期止 ${chineseDateOf(days.periodEnd)}，截止报送 ${chineseDateOf(days.deadline)}` }
      : {
          key: 'days',
          title: '距报送截止',
          value: days.toDeadline >= 0 ? days.toDeadline : '已截止',
          suffix: days.toDeadline >= 0 ? '天' : undefined,
          note: `截止报送 ${chineseDateOf(days.deadline)}${days.toDeadline < 0 ? `（已过 ${-days.toDeadline} 天）` : ''}`,
        },
  ];
}

/**
 * The late list's heading. The tile counts tasks; the list has one entry per unit that reports a
 * task late (a task two units lag on is listed twice), so the heading gives both numbers.
 */
export function lateTasksHeading(view: DashboardView): string {
  const late = view.tasks.late;
  return `滞后任务（${new Set(late.map((t) => t.taskSeq)).size} 项任务，${late.length} 条单位报告，附最新进展）`;
}
