/**
 * The dashboard (态势总览) from what the core read: the period's ProgressTable
 * (完成率 and status exactly as the grid, the Excel 完成情况 and the PDF show
 * them), the trend lines, task progress and the 催报 list. Pure.
 */
import type { ReminderList } from '../entry/views';
import type { ProgressCell, ProgressTable } from '../figures/progressTable';
import type { Status } from '../figures/status';
import { periodEndDate, periodLabel, scheduleProgress } from '../periods';
import type { ActionLine, Progress, Task } from '../model/task';
import type { Unit } from '../model/units';
import type { ReviewMark } from '../review/states';
import type {
  DashboardCell,
  DashboardTasks,
  DashboardTiles,
  DashboardView,
  IndicatorTrend,
  PeriodDays,
  TaskCounts,
  TaskState,
} from './view';

export const packDashboardCell = (c: ProgressCell): DashboardCell => [c.status, c.rate, c.actual, c.target, c.rank];

const emptyStatusCounts = (): Record<Status, number> => ({ green: 0, amber: 0, red: 0, partial: 0, none: 0 });
export const emptyTaskCounts = (): TaskCounts => ({ not_started: 0, in_progress: 0, done: 0, late: 0, unreported: 0 });

const DAY_MS = 86_400_000;
const utcDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The reporting deadline of a period: the 5th of the month after it ends
 * (次月5日前报送, the usual rule of district statistics), unless one is given.
 */
export function defaultDeadline(period: string): string {
  const end = utcDay(periodEndDate(period));
  return isoOf(end + 5 * DAY_MS);
}

export function periodDays(period: string, today: string, deadline = defaultDeadline(period)): PeriodDays {
  const periodEnd = periodEndDate(period);
  const t = utcDay(today);
  return {
    periodEnd,
    deadline,
    leftInPeriod: Math.max(0, Math.round((utcDay(periodEnd) - t) / DAY_MS)),
    toDeadline: Math.round((utcDay(deadline) - t) / DAY_MS),
  };
}

/**
 * One state per task from its responsible units' entries: 滞后 when any unit
 * reports it late; 已完成 when every unit has finished; 推进中 when work has
 * started somewhere; 未启动 when those who reported have not started; 未填报
 * when nobody has reported on it for the period.
 */
export function taskStateOf(entries: readonly (Progress | undefined)[]): TaskState {
  const reported = entries.filter((e): e is Progress => e != null);
  if (reported.length === 0) return 'unreported';
  if (reported.some((e) => e.status === 'late')) return 'late';
  if (reported.length === entries.length && reported.every((e) => e.status === 'done')) return 'done';
  if (reported.some((e) => e.status === 'in_progress' || e.status === 'done')) return 'in_progress';
  return 'not_started';
}

export interface TasksInput {
  actionLines: ActionLine[];
  tasks: Task[];
  progress: Progress[];
  units: Unit[];
  /** Only this unit's entries (a sub-unit's view); all responsible units when null. */
  onlyUnitId: number | null;
}

export function summariseTasks(input: TasksInput): DashboardTasks {
  const entryOf = new Map(input.progress.map((p) => [`${p.taskId}|${p.unitId}`, p]));
  const unitOf = new Map(input.units.map((u) => [u.id, u]));
  const lineOf = new Map(input.actionLines.map((a) => [a.id, a]));
  const total = emptyTaskCounts();
  const byLine = new Map(input.actionLines.map((a) => [a.id, emptyTaskCounts()]));
  const byUnit = new Map<number, TaskCounts>();
  const late: DashboardTasks['late'] = [];
  for (const task of input.tasks) {
    const links = task.units.filter((l) => l.role === 'responsible' && (input.onlyUnitId == null || l.unitId === input.onlyUnitId));
    if (links.length === 0) continue;
    const entries = links.map((l) => entryOf.get(`${task.id}|${l.unitId}`));
    const state = taskStateOf(entries);
    total[state]++;
    const lineCounts = byLine.get(task.actionLineId);
    if (lineCounts) lineCounts[state]++;
    links.forEach((l, k) => {
      const e = entries[k];
      const counts = byUnit.get(l.unitId) ?? emptyTaskCounts();
      counts[e?.status ?? 'unreported']++;
      byUnit.set(l.unitId, counts);
      if (e?.status === 'late') {
        const line = lineOf.get(task.actionLineId);
        late.push({
          taskId: task.id,
          taskSeq: task.seq,
          content: task.content,
          actionLineSeq: line?.seq ?? 0,
          actionLineTitle: line?.title ?? '',
          unitId: l.unitId,
          unitName: unitOf.get(l.unitId)?.name ?? `单位${l.unitId}`,
          text: e.text,
          reportedOn: e.reportedOn,
        });
      }
    });
  }
  const units = [...byUnit.entries()].map(([unitId, counts]) => {
    const u = unitOf.get(unitId);
    return { unitId, unitName: u?.name ?? `单位${unitId}`, isDepartment: u?.kind === 'department', sort: u?.sortOrder ?? 0, counts };
  });
  units.sort((a, b) => Number(b.isDepartment) - Number(a.isDepartment) || a.sort - b.sort || a.unitId - b.unitId);
  return {
    total,
    byActionLine: input.actionLines
      .filter((a) => Object.values(byLine.get(a.id)!).some((n) => n > 0))
      .map((a) => ({ seq: a.seq, title: a.title, counts: byLine.get(a.id)! })),
    byUnit: units.map(({ sort: _sort, ...u }) => u),
    late,
  };
}

/** 填报率 from the 催报 list: a unit counts as reported when it owes nothing more for the period. */
export function reportingOf(reminders: ReminderList): DashboardTiles['reporting'] {
  const owing = reminders.rows.filter((r) => r.expectedFigures + r.expectedProgress > 0);
  const complete = owing.filter((r) => r.missingFigures.length + r.missingProgress.length === 0).length;
  const cellsExpected = reminders.rows.reduce((n, r) => n + r.expectedFigures, 0);
  const cellsEntered = reminders.rows.reduce((n, r) => n + r.expectedFigures - r.missingFigures.length, 0);
  return { complete, expected: owing.length, rate: owing.length ? complete / owing.length : null, cellsEntered, cellsExpected };
}

export interface DashboardInput {
  plan: { id: number; title: string };
  /** The district's ProgressTable of the period (plan unit with all its sub-units). */
  table: ProgressTable;
  /** The view's unit: the plan unit or one of the table's sub-units. */
  viewUnitId: number;
  trends: IndicatorTrend[];
  tasks: DashboardTasks;
  reminders: ReminderList;
  today: string;
  sampleData: boolean;
  /** 审核 states of the units and periods shown (none: nothing is under review). */
  reviews?: ReviewMark[];
}

export function buildDashboardView(input: DashboardInput): DashboardView {
  const { table } = input;
  const rows = [table.parent, ...table.rows];
  const row = rows.findIndex((r) => r.unit.id === input.viewUnitId);
  if (row < 0) throw new RangeError(`unit ${input.viewUnitId} is not in the table`);
  const indicators = table.indicators.map((i) => ({
    id: i.id,
    name: i.name,
    measureUnit: i.measureUnit,
    decimals: i.decimals,
    aggregation: i.aggregation,
    frequency: i.frequency,
    figurePeriod: rows[0].cells[i.id]?.figurePeriod ?? null,
  }));
  const cells = rows.map((r) => table.indicators.map((i) => packDashboardCell(r.cells[i.id])));
  const statuses = emptyStatusCounts();
  let notDue = 0;
  indicators.forEach((ind, col) => {
    if (ind.figurePeriod == null) notDue++;
    else statuses[cells[row][col][0]]++;
  });
  const viewUnit = rows[row].unit;
  return {
    planId: input.plan.id,
    plan: input.plan,
    period: table.period,
    periodLabel: periodLabel(table.period),
    scheduleProgress: scheduleProgress(table.period),
    today: input.today,
    sampleData: input.sampleData,
    unit: { id: viewUnit.id, name: viewUnit.name, isPlanUnit: row === 0, row },
    indicators,
    units: rows.map((r, k) => ({ id: r.unit.id, name: r.unit.name, isParent: k === 0 })),
    cells,
    trends: input.trends,
    tiles: {
      indicators: statuses,
      notDue,
      tasks: input.tasks.total,
      reporting: reportingOf(input.reminders),
      days: periodDays(table.period, input.today),
    },
    tasks: input.tasks,
    reminders: input.reminders,
    reviews: input.reviews ?? [],
  };
}

export interface RankingEntry {
  row: number;
  unitId: number;
  unitName: string;
  rate: number | null;
  actual: number | null;
  target: number | null;
  rank: number | null;
  status: Status;
}

/** The sub-units of one indicator by rank (best first; those without a rate last, in their usual order). */
export function rankingOf(view: Pick<DashboardView, 'units' | 'cells' | 'indicators'>, indicatorId: number): RankingEntry[] {
  const col = view.indicators.findIndex((i) => i.id === indicatorId);
  if (col < 0) return [];
  const entries: RankingEntry[] = [];
  view.units.forEach((u, row) => {
    if (u.isParent) return;
    const c = view.cells[row][col];
    entries.push({ row, unitId: u.id, unitName: u.name, status: c[0], rate: c[1], actual: c[2], target: c[3], rank: c[4] });
  });
  return entries.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.row - b.row);
}
