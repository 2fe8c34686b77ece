/**
 * What the analysis reads (a snapshot of the plan's data, supplied by the
 * core) and what it hands back to be written (the write plan). Pure shapes.
 */
import type { Indicator } from '../model/indicator';
import type { Plan } from '../model/plan';
import type { Target } from '../model/target';
import type { ActionLine, Task, TaskUnitLink } from '../model/task';
import type { Unit, UnitGroup } from '../model/units';
import type { TargetWording } from '../wording';
import type { ImportFormat, NoticeHead } from './types';

export interface PlanSnapshot {
  plan: Plan | null;
  units: Unit[];
  groups: UnitGroup[];
  indicators: Indicator[];
  targets: Target[];
  actionLines: ActionLine[];
  tasks: Task[];
  /** Task id → its progress entries (任务进展); tasks without any are absent. */
  progressByTask?: ReadonlyMap<number, number>;
  /** The plan's locked period keys (锁定): targets and baselines of a plan with any are not overwritten. */
  lockedPeriods?: readonly string[];
  /** "indicatorId:unitId" → figures (完成数) entered for it: what loses its target when the target goes. */
  figuresByTarget?: ReadonlyMap<string, number>;
  /** Other names of units remembered from earlier imports (别名, normalised). */
  aliases?: readonly { alias: string; unitId: number }[];
}

export type NewUnitKind = 'street' | 'town' | 'zone' | 'department';

export interface WriteTask {
  /** The existing task this row continues (matched by content, then position), keeping its progress; null: a new task. */
  oldId: number | null;
  content: string;
  leadText: string;
  responsibleText: string;
  deadline: string | null;
  units: TaskUnitLink[];
}

export interface WriteActionLine {
  /** The existing action line this one continues (matched by title, then position); null: a new line. */
  oldId: number | null;
  title: string;
  tasks: WriteTask[];
}

export interface WriteIndicator {
  /** Negative: created (ref used by targets below). */
  id: number;
  name: string;
  measureUnit: string;
  aggregation: 'sum' | 'none';
  decimals: number;
  decomposed: boolean;
  wording: TargetWording | null;
  wordingText: string | null;
  baseline: number | null;
  /** Update an existing one's wording/baseline (goal lists). */
  updateWording: boolean;
  /** The breakdown's column header as issued, kept for the exported 附件2 (issuedHeader.ts); absent: unchanged. */
  issuedHeader?: string | null;
}

/** What the core writes. Unit ids below zero are units to create (see newUnits). */
export interface WritePlan {
  /** NEW_PLAN_ID when createPlan says which plan to start first. */
  planId: number;
  /** Start this plan first (the database had none, or the file is another year's): with its district unit when unitId is null. */
  createPlan: null | {
    title: string;
    year: number;
    unitId: number | null;
    unitName: string;
    source: string;
    /** From a Word notice's head. */
    docNumber?: string | null;
    issuedOn?: string | null;
    issuer?: string | null;
  };
  /** A Word notice fills in what the plan does not say yet (its 文号, 发文机关, 印发日期); never overwrites. */
  planMeta?: { docNumber?: string; issuedOn?: string; issuer?: string };
  newUnits: { id: number; name: string; kind: NewUnitKind }[];
  tasks: null | {
    actionLines: WriteActionLine[];
    /** Existing tasks and lines the table no longer has: deleted (a task's progress with it). */
    removeTaskIds: number[];
    removeLineIds: number[];
  };
  indicators: WriteIndicator[];
  targets: { indicatorId: number; unitId: number; value: number; valueMax: number | null }[];
  removeTargets: { indicatorId: number; unitId: number }[];
  /** Names the user mapped to existing units: remembered as their aliases (unit_aliases). */
  aliases: { alias: string; unitId: number }[];
}

export interface SourceMeta {
  fileName: string;
  format: ImportFormat;
  /** A Word notice's head (title, 文号, issuer, date): the plan it belongs to or starts. */
  notice?: NoticeHead;
}
