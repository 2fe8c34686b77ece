/**
 * Shapes the entry API returns (数据填报, 任务进展, 催报, 锁定). Pure types:
 * the core builds them, the grid shows them.
 */
import type { ProgressCell, ProgressTable } from '../figures/progressTable';
import type { Indicator } from '../model/indicator';
import type { ProgressStatus } from '../model/task';
import type { Unit } from '../model/units';
import type { PackedCell } from './packedCell';
import type { ReviewMark } from '../review/states';

/**
 * What every figure sheet carries about 审核 (shared/review/states.ts): the
 * review states of the units and periods shown (a figure with none is approved
 * or the district's own), and whether approved figures are read-only to the
 * caller (an entry account's).
 */
export interface SheetReview {
  reviews: ReviewMark[];
  approvedReadOnly: boolean;
}

/** Key of one figure cell in maps: `${indicatorId}|${unitId}|${period}`. */
export const cellKey = (indicatorId: number, unitId: number, period: string) => `${indicatorId}|${unitId}|${period}`;

/** A row of the main grid: the unit's id and name (the whole Unit is not needed 2,000 times). */
export interface EntryRowUnit {
  id: number;
  name: string;
}

/**
 * Units × indicators for one view period, complete: the 完成情况 table with
 * every field per cell (for API users, tests, other screens). The grid loads
 * the compact EntryGridSheet instead.
 */
export interface EntrySheet extends SheetReview {
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
  /** Who locked each of those periods and when (ISO time), shown on the locked cells. */
  lockInfo: Record<string, { by: string; at: string }>;
  /** Whether the view period itself is locked. */
  viewLocked: boolean;
  /** Previous cumulative values (monthly cumulative indicators), by cellKey of the current cell. */
  previous: Record<string, number>;
  /** Notes of the figures shown, by cellKey. */
  notes: Record<string, string>;
  operator: string | null;
}

/**
 * Units × indicators for one view period as the grid loads it, compact: cells
 * are packed arrays (see packedCell.ts), row by row, in the order of `units`
 * and `indicators`. At 2,000 × 40 this is a tenth of EntrySheet's JSON.
 */
export interface EntryGridSheet extends SheetReview {
  planId: number;
  period: string;
  periodLabel: string;
  scheduleProgress: number;
  indicators: Indicator[];
  /** The rows: the plan unit first, then its sub-units. */
  units: EntryRowUnit[];
  /** The indicator's own period shown at this view (null: not reported yet, e.g. a yearly one in September). */
  figurePeriods: Record<number, string | null>;
  /** cells[row][col]: target, figure, 完成率, status, note, previous cumulative value. */
  cells: PackedCell[][];
  /** 排名 among the sub-units by 完成率, per indicator, one entry per row (null: the plan unit, or no rate). */
  ranks: Record<number, (number | null)[]>;
  /** Locked period keys among the view and the figure periods it shows. */
  locked: string[];
  /** Who locked each of those periods and when (ISO time), shown on the locked cells. */
  lockInfo: Record<string, { by: string; at: string }>;
  /** Whether the view period itself is locked. */
  viewLocked: boolean;
  operator: string | null;
  /** The figures' revision this sheet was built at (see FigureSaveResult). */
  revision: number;
}

/** One cell of the flipped grid (one unit: indicators × months). */
export interface UnitYearCell {
  figurePeriod: string;
  cell: ProgressCell;
  note: string | null;
  previous: number | null;
  /** The cumulative value of the period after, when entered. */
  next: number | null;
}

export interface UnitYearSheet extends SheetReview {
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
  /** Who locked each of those periods and when (ISO time), shown on the locked cells. */
  lockInfo: Record<string, { by: string; at: string }>;
  operator: string | null;
  revision: number;
}

/** Which grid the client shows, so a save can answer with just the cells of that grid that changed. */
export type FigureView = { kind: 'units'; period: string } | { kind: 'unit'; unitId: number; year: number };

/** The changed cells of the main grid: [unitId, indicatorId, cell], and the rank columns of the indicators touched. */
export interface SheetPatch {
  kind: 'units';
  period: string;
  cells: [number, number, PackedCell][];
  ranks: Record<number, (number | null)[]>;
  /** 审核 marks of the units and periods the save touched, as they are now (taizhang serve). */
  reviews?: ReviewMark[];
}

/** The changed cells of the flipped grid, by `${indicatorId}|${monthKey}` (whole indicator rows). */
export interface UnitYearPatch {
  kind: 'unit';
  unitId: number;
  year: number;
  cells: Record<string, UnitYearCell>;
  reviews?: ReviewMark[];
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

/**
 * What entry.save answers: the saved count and, when the request named its
 * view, the cells of that view that changed (the saved cells, the district
 * total, ranks that moved). `revisionBefore` is the figures' revision just
 * before this save: when it is not the revision the client's grid was built
 * at, someone else saved in between and the client reloads.
 */
export interface FigureSaveResult extends SaveResult {
  revisionBefore: number;
  revision: number;
  patch: SheetPatch | UnitYearPatch | null;
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

/** One change of a progress entry (修改记录), oldest first. */
export interface ProgressHistoryEntry {
  oldStatus: ProgressStatus | null;
  newStatus: ProgressStatus;
  oldText: string | null;
  newText: string;
  reportedOn: string | null;
  changedBy: string;
  changedAt: string;
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
  /** When this unit was last reminded for the period (复制催报通知 or 导出名单), by whom; null when never. */
  lastReminder: { at: string; by: string; channel: 'notice' | 'list' } | null;
}

export interface ReminderList {
  planId: number;
  period: string;
  periodLabel: string;
  /** What the 催报通知 (shared/entry/reminderNotice.ts) names: the plan, who sends it, the deadline (次月5日). */
  notice: { planTitle: string; docNumber: string | null; issuer: string; deadline: string };
  /** Units with something missing first, then the complete ones. */
  rows: ReminderRow[];
}

export interface LockState {
  planId: number;
  locks: { period: string; label: string; lockedBy: string; lockedAt: string }[];
  events: { id: number; period: string; label: string; action: 'lock' | 'unlock'; reason: string | null; by: string; at: string }[];
}
