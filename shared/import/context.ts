/**
 * What every sheet's analysis shares: the snapshot it reads, the options the
 * user gave, the unit resolver, and the preview and write plan it fills in.
 */
import type { Indicator } from '../model/indicator';
import type { Plan } from '../model/plan';
import type { Target } from '../model/target';
import type { UnitResolver } from './resolver';
import { DIFF_LIST_LIMIT, noteDiff, type DiffItem, type ImportOptions, type ImportPreview, type ImportProblem } from './types';
import type { PlanSnapshot, WritePlan } from './writePlan';

export interface AnalysisContext {
  snapshot: PlanSnapshot;
  plan: Plan;
  options: ImportOptions;
  resolver: UnitResolver;
  write: WritePlan;
  preview: ImportPreview;
  problems: ImportProblem[];
  /** The plan's targets by "indicatorId:unitId". */
  oldTargets: Map<string, Target>;
  /** Records a diff item (the list keeps DIFF_LIST_LIMIT of each kind unless the full diff was asked for). */
  note(kind: 'added' | 'changed' | 'removed', item: () => DiffItem): void;
  /** A fresh negative id for an indicator to create. */
  newIndicatorRef(): number;
  /**
   * Indicators this import creates (negative ids), so a later part of the same
   * file finds them: a notice's 附件2 column "科技型中小企业" is the goal its
   * body set, not a second indicator.
   */
  created: Indicator[];
  /** The district targets goals set in this import, by "indicatorId:unitId": a breakdown's district line is checked against them. */
  goalTargets: Map<string, { value: number; valueMax: number | null; wordingText: string | null; place: { sheet: string; row: number } }>;
  /** What the file holds, over all its parts (ImportCounts.indicators, targets, units are these sets' sizes). */
  counted: { indicators: Set<number>; targets: Set<string>; units: Set<number> };
}

export const targetKey = (indicatorId: number, unitId: number) => `${indicatorId}:${unitId}`;

export function makeContext(snapshot: PlanSnapshot, options: ImportOptions, resolver: UnitResolver, write: WritePlan, preview: ImportPreview): AnalysisContext {
  const limit = options.fullDiff ? Number.POSITIVE_INFINITY : DIFF_LIST_LIMIT;
  let ref = -1;
  return {
    snapshot,
    plan: snapshot.plan!,
    options,
    resolver,
    write,
    preview,
    problems: preview.problems,
    oldTargets: new Map(snapshot.targets.map((t) => [targetKey(t.indicatorId, t.unitId), t])),
    note: (kind, item) => noteDiff(preview.diff, kind, item, limit),
    newIndicatorRef: () => ref--,
    created: [],
    goalTargets: new Map(),
    counted: { indicators: new Set(), targets: new Set(), units: new Set() },
  };
}
