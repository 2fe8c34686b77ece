/**
 * 态势总览 (dashboard): the shape `dashboard.get` answers with. Pure types;
 * the core fills them from the ProgressTable (shared/figures/progressTable.ts),
 * the task progress and the 催报 list, and the window, the CLI (`taizhang
 * status`) and the PDF/PNG export all read this one view.
 */
import type { Status } from '../figures/status';
import type { ReminderList } from '../entry/views';
import type { Aggregation, Frequency } from '../model/indicator';
import type { ProgressStatus } from '../model/task';
import type { ReviewMark } from '../review/states';

export interface DashboardIndicator {
  id: number;
  name: string;
  measureUnit: string;
  decimals: number;
  aggregation: Aggregation;
  frequency: Frequency;
  /** The indicator's own period shown at this view period (null: nothing due yet, e.g. a yearly one in September). */
  figurePeriod: string | null;
}

export interface DashboardUnit {
  id: number;
  name: string;
  /** The plan's own unit (the district): its row is the total. */
  isParent: boolean;
}

/**
 * One heatmap cell, packed (2,000 units × 40 indicators is 80,000 of them):
 * [status, 完成率 (fraction) | null, actual | null, target | null, rank among the sub-units | null].
 */
export type DashboardCell = [Status, number | null, number | null, number | null, number | null];

export const cellStatus = (c: DashboardCell): Status => c[0];
export const cellRate = (c: DashboardCell): number | null => c[1];
export const cellActual = (c: DashboardCell): number | null => c[2];
export const cellTarget = (c: DashboardCell): number | null => c[3];
export const cellRank = (c: DashboardCell): number | null => c[4];

/** Month-by-month (1-12月) line of one indicator for the view's unit; index 0 is January. */
export interface IndicatorTrend {
  indicatorId: number;
  /** Cumulative actual at the end of each month where the indicator has a period ending then; null elsewhere and after the view period. */
  actual: (number | null)[];
  /** A month whose district total was summed while some sub-units had not reported (未报齐). */
  partial: boolean[];
  /** Target × 时序进度 (additive indicators), or the target itself (ratios); null without a target. */
  plan: (number | null)[];
  /** Last year's values at the same months, or null when there are none at all. */
  lastYear: (number | null)[] | null;
}

export type TaskState = ProgressStatus | 'unreported';

export type TaskCounts = Record<TaskState, number>;

export interface LateTask {
  taskId: number;
  taskSeq: number;
  content: string;
  actionLineSeq: number;
  actionLineTitle: string;
  unitId: number;
  unitName: string;
  /** The latest progress text of that unit for the period. */
  text: string;
  reportedOn: string | null;
}

export interface DashboardTasks {
  /** Per task (one state each, see taskStateOf). */
  total: TaskCounts;
  byActionLine: { seq: number; title: string; counts: TaskCounts }[];
  /** Per responsible unit: its own entries' states (departments first, then sub-units). */
  byUnit: { unitId: number; unitName: string; isDepartment: boolean; counts: TaskCounts }[];
  late: LateTask[];
}

export interface DashboardTiles {
  /** Indicators of the view's unit by status (the total row of the heatmap). */
  indicators: Record<Status, number>;
  /** Indicators with nothing due at this period (a yearly one before December): not judged, not counted above. */
  notDue: number;
  /** Tasks by state. */
  tasks: TaskCounts;
  /** 填报率: units that have reported everything they owe for the period, of those that owe something. */
  reporting: { complete: number; expected: number; rate: number | null; cellsEntered: number; cellsExpected: number };
  days: PeriodDays;
}

export interface PeriodDays {
  /** Last day of the period (ISO). */
  periodEnd: string;
  /** The reporting deadline (次月5日 by default), ISO. */
  deadline: string;
  /** Days from today to the end of the period (0 when it has ended). */
  leftInPeriod: number;
  /** Days from today to the deadline; negative once it has passed. */
  toDeadline: number;
}

export interface DashboardView {
  planId: number;
  plan: { id: number; title: string };
  period: string;
  periodLabel: string;
  /** 时序进度 of the period (0.75 at the end of September). */
  scheduleProgress: number;
  /** The day the view was computed for (ISO, local). */
  today: string;
  /** Some figures shown are generated sample data (示例数据): say so wherever this view is shown or printed. */
  sampleData: boolean;
  /**
   * The view's unit: the plan's unit (whole district) or one sub-unit. Tiles,
   * trends, tasks and 催报 are that unit's; the heatmap and the rankings always
   * hold the whole district (a street's rank needs its siblings), and a
   * sub-unit's view shows its own row (`row`).
   */
  unit: { id: number; name: string; isPlanUnit: boolean; row: number };
  indicators: DashboardIndicator[];
  /** Heatmap rows: the district first (the total row), then its sub-units. */
  units: DashboardUnit[];
  /** cells[row][col], rows as `units`, columns as `indicators`. */
  cells: DashboardCell[][];
  trends: IndicatorTrend[];
  tiles: DashboardTiles;
  tasks: DashboardTasks;
  reminders: ReminderList;
  /** 审核 states of the figures shown (by unit and the indicator's period): the heatmap marks 待审 / 退回. */
  reviews: ReviewMark[];
}
