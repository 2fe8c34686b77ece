/**
 * Plans that flow between levels (上级下达 / 承接): a city issues its plan to
 * a district as a package; the district receives it — into an empty database
 * (its plan and unit are created) or into its own plan for that year (linked,
 * indicator to indicator) — and reports its totals back up. Pure: the shapes
 * the core answers with, and the one rule that compares what was issued with
 * what the district holds (`compareIssued`).
 */

/** What happens to one issued indicator when the package is received. */
export type IssueItemKind =
  /** The district's plan has no such indicator: it is added, with the issued target as its own. */
  | 'new_indicator'
  /** The indicator is there without a target of the district's own: the issued one becomes it. */
  | 'new_target'
  /** The district's target equals the issued one. */
  | 'same'
  /** The district's own target differs: listed, kept unless the receiver chooses the issued value. */
  | 'different'
  /** In the previous version, no longer issued: listed; the district's indicator stays. */
  | 'removed';

export interface IssueItem {
  upperIndicatorId: number;
  code: string | null;
  name: string;
  measureUnit: string;
  /** The target issued to this unit (null for a removed one). */
  issued: number | null;
  issuedMax: number | null;
  /** The issuer's own target (全市), for context. */
  upperTarget: number | null;
  /** The value the previous version issued (null: first version, or new in this one). */
  previousIssued: number | null;
  /** The district's own target now (null: none). */
  local: number | null;
  localMax: number | null;
  /** The district's indicator it is (or will be) linked to. */
  linkedIndicatorId: number | null;
  linkedName: string | null;
  /** How the link was found: by stable code, by name, by the previous version's link, or a new indicator. */
  linkedBy: 'code' | 'name' | 'previous' | 'new' | null;
  kind: IssueItemKind;
  /** Whether receiving writes the issued value as the district's target (always for new ones; for 'different' only by choice). */
  taken: boolean;
}

export interface IssueTaskItem {
  upperTaskId: number;
  seq: number;
  actionLine: string;
  content: string;
  responsibleText: string;
  change: 'added' | 'changed' | 'same' | 'removed';
  /** For 'changed': the text the previous version issued. */
  previousContent: string | null;
  /** Whether receiving writes it (added always; changed only by choice). */
  taken: boolean;
}

export interface IssueReceipt {
  fileName: string;
  /**
   * 'issue': a city's plan received as 上级下达; 'package': a district's package opened as a plan (a
   * street's side); 'return': not a package at all but a return (载入回报 takes it); null: unreadable.
   */
  mode: 'issue' | 'package' | 'return' | null;
  /** Why the package is refused (then nothing is written). */
  refusal: string | null;
  upperUnitName: string | null;
  upperPlanTitle: string | null;
  unitName: string | null;
  year: number | null;
  /** The version this package is (or would be) here: 1 for the first one received for that upper plan. */
  version: number | null;
  previousVersion: number | null;
  /** The district's plan it goes into; `created` when it did not exist (an empty database). */
  planId: number | null;
  planTitle: string | null;
  created: boolean;
  /** The same package was received before: nothing to do. */
  alreadyReceived: boolean;
  sampleTargets: boolean;
  items: IssueItem[];
  tasks: IssueTaskItem[];
  /** Written (not a preview). */
  committed: boolean;
  backupId: string | null;
}

/** One row of the 上级下达 view: an issued target beside the district's own and its split among its sub-units. */
export interface IssuedTargetRow {
  upperIndicatorId: number;
  name: string;
  measureUnit: string;
  aggregation: 'sum' | 'none';
  issued: number;
  issuedMax: number | null;
  upperTarget: number | null;
  indicatorId: number | null;
  local: number | null;
  localMax: number | null;
  /** The district's target equals the issued one (承接). */
  adopted: boolean;
  /** Sum of the sub-units' targets (additive indicators that are split), else null. */
  split: number | null;
  splitUnits: number;
  /** split − issued (0 when it adds up); null when there is no split to check. */
  splitDifference: number | null;
}

export interface IssuedVersion {
  version: number;
  fileName: string;
  exportedAt: string;
  receivedAt: string;
  receivedBy: string;
}

export interface IssuedView {
  planId: number;
  /** No package from above was received for this plan. */
  issued: boolean;
  upperUnitName: string | null;
  upperPlanTitle: string | null;
  upperDocNumber: string | null;
  unitName: string | null;
  sampleTargets: boolean;
  versions: IssuedVersion[];
  targets: IssuedTargetRow[];
  tasks: { seq: number; actionLine: string; content: string; responsibleText: string; taskId: number | null }[];
  /** What changed from the previous version to the current one (empty for the first). */
  changes: IssuedChange[];
}

/** One issued target that changed between two versions (null: not issued in that version). */
export interface IssuedChange {
  name: string;
  measureUnit: string;
  previous: number | null;
  current: number | null;
}

/** Two targets are the same when both bounds are (to the precision figures are kept in). */
export function sameTarget(a: number | null, aMax: number | null, b: number | null, bMax: number | null): boolean {
  const eq = (x: number | null, y: number | null) => (x === null || y === null ? x === y : Math.abs(x - y) < 1e-9);
  return eq(a, b) && eq(aMax, bMax);
}

/**
 * What receiving does with one issued indicator: the one rule for preview, commit and the CLI.
 * `adopt`: the receiver chose the issued value over its own.
 */
export function compareIssued(input: {
  issued: number;
  issuedMax: number | null;
  linked: boolean;
  local: number | null;
  localMax: number | null;
  adopt: boolean;
}): { kind: IssueItemKind; taken: boolean } {
  if (!input.linked) return { kind: 'new_indicator', taken: true };
  if (input.local === null) return { kind: 'new_target', taken: true };
  if (sameTarget(input.issued, input.issuedMax, input.local, input.localMax)) return { kind: 'same', taken: false };
  return { kind: 'different', taken: input.adopt };
}

export const ISSUE_ITEM_LABEL: Record<IssueItemKind, string> = {
  new_indicator: '新增指标',
  new_target: '新增目标',
  same: '与本级目标一致',
  different: '与本级目标不同',
  removed: '本版已不再下达',
};
