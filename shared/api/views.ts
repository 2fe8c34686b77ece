/**
 * Shapes the API returns: domain rows joined the way screens, exports and the
 * CLI need them. Pure types; the core builds them, the renderer shows them.
 */
import type { Indicator } from '../model/indicator';
import type { Plan } from '../model/plan';
import type { ActionLine, Task } from '../model/task';
import type { Unit, UnitGroup } from '../model/units';
import type { SumCheck } from '../figures/sumCheck';

export interface Counts {
  plans: number;
  /** Units of the tree (district, streets, towns, zones). */
  units: number;
  departments: number;
  unitGroups: number;
  indicators: number;
  /** Targets by unit, the district's own goals included. */
  targets: number;
  actionLines: number;
  tasks: number;
  figures: number;
}

export interface AppInfo {
  appName: string;
  appVersion: string;
  schemaVersion: number;
  dbPath: string;
  counts: Counts;
  plans: Plan[];
}

/** One 工作目标 line: the indicator, its wording, and the parsed target of the plan's own unit. */
export interface GoalRow {
  indicator: Indicator;
  /** The wording re-generated from its structure (equals wordingText when parsing is lossless). */
  wordingFormatted: string | null;
  targetValue: number | null;
  targetValueMax: number | null;
}

export interface PlanOverview {
  plan: Plan;
  unit: Unit;
  goals: GoalRow[];
  counts: Counts;
  /** Sum checks of every decomposed indicator (附件2). */
  sumChecks: SumCheck[];
}

export interface TaskView extends Task {
  leadUnitNames: string[];
  /** Every unit the task reaches, group phrases expanded. */
  responsibleUnitNames: string[];
}

export interface ActionLineView extends ActionLine {
  tasks: TaskView[];
}

export interface TaskTable {
  planId: number;
  actionLines: ActionLineView[];
  taskCount: number;
}

export interface BreakdownRow {
  unit: Unit;
  /** Target per indicator id; null where the table has no figure for this unit. */
  values: Record<number, number | null>;
  /** The upper bound of a range target ("1-3个"), per indicator id; absent or null for a single value. */
  maxValues?: Record<number, number | null>;
}

/** 附件2: the parent unit first, then each sub-unit, one column per decomposed indicator. */
export interface TargetBreakdown {
  planId: number;
  indicators: Indicator[];
  parent: BreakdownRow;
  rows: BreakdownRow[];
  checks: SumCheck[];
}

export interface UnitDirectory {
  units: Unit[];
  groups: UnitGroup[];
}

/** A plan's units as every screen and the CLI list them: the plan's unit, its sub-units in their order, its departments. */
export interface PlanUnitsView {
  units: PlanUnitEntry[];
}

export interface PlanUnitEntry {
  id: number;
  name: string;
  code: string;
  kind: Unit['kind'];
  parentId: number | null;
  /** 'plan': the plan's own unit (reports its totals); 'sub': a street, town or zone; 'department': a department (owns tasks). */
  role: 'plan' | 'sub' | 'department';
}

/** One change of a target (目标值) or baseline (基数), as the import recorded it. */
export interface TargetHistoryEntry {
  indicatorId: number;
  unitId: number;
  indicatorName: string;
  unitName: string;
  /** The indicator's decimals, to show the values as entered. */
  decimals: number;
  kind: 'target' | 'baseline';
  /** null: added (old) or removed (new). */
  oldValue: number | null;
  oldValueMax: number | null;
  newValue: number | null;
  newValueMax: number | null;
  changedBy: string;
  changedAt: string;
  /** The imported file's name. */
  source: string;
}
