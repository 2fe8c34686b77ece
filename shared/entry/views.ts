/**
 * Shapes the entry API returns (数据填报, 任务进展, 催报, 锁定). Pure types:
 * the core builds them, the grid shows them.
 */
import type { ProgressTable, ProgressCell } from '../figures/progressTable';
import type { Indicator } from '../model/indicator';
import type { ProgressStatus } from '../model/task';
import type { Unit } from '../model/units';

/** Key of one figure cell in maps: `${indicatorId}|${unitId}|${period}`. */
export const cellKey = (indicatorId: number, unitId: number, period: string) => `${indicatorId}|${unitId}|${period}`;

/** Units × indicators for one view period (the main grid). */
export interface EntrySheet {
  planId: number;
  period: string;
  periodLabel: string;
  scheduleProgress: number;
  /** The 完成情况 table of the period: target, actual, 完成率, status per unit and indicator. */
  table: ProgressTable;
  /** The indicator's own period shown at this view (null: not reported yet, e.g. a yearly one in September). */
  figurePeriods: Record<number, string | null>;
  /** Locked period keys among the view and the figure periods it shows. */
  locked: string[];
  /** Whether the view period itself is locked. */
  viewLocked: boolean;
  /** Previous cumulative values (monthly cumulative indicators), by cellKey of the current cell. */
  previous: Record<string, number>;
  /** Notes of the figures shown, by cellKey. */
  notes: Record<string, string>;
  operator: string | null;
}

/** One cell of the flipped grid (one unit: indicators × months). */
export interface UnitYearCell {
  figurePeriod: string;
  cell: ProgressCell;
  note: string | null;
  previous: number | null;
}

export interface UnitYearSheet {
  planId: number;
  unit: Unit;
  isPlanUnit: boolean;
  year: number;
  indicators: Indicator[];
  /** The twelve month keys, the columns. */
  months: string[];
  /** By `${indicatorId}|${monthKey}`; absent where the indicator has no period ending that month. */
  cells: Record<string, UnitYearCell>;
  locked: string[];
  operator: string | null;
}

export interface FigureEdit {
  indicatorId: number;
  unitId: number;
  /** The indicator's own period ("2022-09", "2022Q3", "2022"). */
  period: string;
  /** null clears the cell. */
  value: number | null;
  note?: string | null;
  /** The user confirmed a value far above target. */
  confirmed?: boolean;
}

export interface SaveResult {
  /** How many cells actually changed (unchanged values write nothing). */
  changed: number;
  by: string;
  at: string;
}

export interface ProgressEntryRow {
  taskId: number;
  taskSeq: number;
  taskContent: string;
  actionLineSeq: number;
  actionLineTitle: string;
  unitId: number;
  unitName: string;
  isLead: boolean;
  status: ProgressStatus | null;
  text: string;
  reportedOn: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
}

export interface ProgressSheet {
  planId: number;
  period: string;
  periodLabel: string;
  locked: boolean;
  rows: ProgressEntryRow[];
  operator: string | null;
}

export interface ReminderRow {
  unit: Unit;
  /** Indicators the unit owes a figure for at this period and has not entered. */
  missingFigures: string[];
  expectedFigures: number;
  /** Tasks the unit is responsible for with no progress entered for the period. */
  missingProgress: { taskSeq: number; content: string }[];
  expectedProgress: number;
}

export interface ReminderList {
  planId: number;
  period: string;
  periodLabel: string;
  /** Units with something missing first, then the complete ones. */
  rows: ReminderRow[];
}

export interface LockState {
  planId: number;
  locks: { period: string; label: string; lockedBy: string; lockedAt: string }[];
  events: { id: number; period: string; label: string; action: 'lock' | 'unlock'; reason: string | null; by: string; at: string }[];
}
