/**
 * What a plan received from above (上级下达), as the window and the CLI show
 * it: the current version's targets beside the district's own and its split
 * among its sub-units (合计校验 against the issued value), the issued tasks,
 * the versions received and what changed in the last one. Taking an issued
 * value later (采用下达目标) is the explicit choice the receive left open.
 * Written once over the query layer (issue 22): the same Ops on a SQLite file
 * and a PostgreSQL store.
 */
import { ApiError } from '../../../shared/api/errors';
import { sameTarget, type IssuedChange, type IssuedTargetRow, type IssuedView } from '../../../shared/exchange/issue';
import { formatNumber } from '../../../shared/numbers';
import { takeCopyOp, type BackedOp } from '../backup/service';
import { sql } from 'kysely';
import { all, get, query, type Op } from '../store/query';
import { listTargetsOp } from '../db/repos/indicators';
import { writeTargetOp } from '../db/repos/targetWrites';
import { planUnitsOp, requirePlanOp } from '../plans/scope';

export interface CurrentIssue {
  id: number;
  version: number;
  upper_unit_name: string;
  upper_plan_title: string;
  upper_doc_number: string | null;
  upper_database_id: string;
  upper_plan_id: number;
  unit_upper_id: number;
  unit_code: string | null;
  unit_name: string;
  file_name: string;
  exported_at: string;
  received_at: string;
  received_by: string;
  sample_targets: number;
  package: string;
}

export interface IssuedIndicator {
  upper_indicator_id: number;
  code: string | null;
  name: string;
  measure_unit: string;
  aggregation: 'sum' | 'none';
  frequency: 'monthly' | 'quarterly' | 'yearly';
  upper_value: number | null;
  value: number;
  value_max: number | null;
  indicator_id: number | null;
}

const CURRENT_ISSUE = query<CurrentIssue, { planId: number }>(
  (_qb, p) => sql`SELECT * FROM upper_issues WHERE plan_id = ${p('planId')} ORDER BY version DESC LIMIT 1`,
);

export function* currentIssueOp(planId: number): Op<CurrentIssue | undefined> {
  return yield* get(CURRENT_ISSUE, { planId });
}

const ISSUED_INDICATORS = query<IssuedIndicator, { issueId: number }>(
  (_qb, p) => sql`SELECT * FROM upper_issue_indicators WHERE issue_id = ${p('issueId')} ORDER BY sort_order`,
);

export function* issuedIndicatorsOp(issueId: number): Op<IssuedIndicator[]> {
  return yield* all(ISSUED_INDICATORS, { issueId });
}

/**
 * The district's own target of an indicator it holds as 上级下达 cannot be edited in the window:
 * a refusal that says by whom and what to do; null when the indicator is the district's own.
 */
const ISSUED_TARGET = query<{ value: number; value_max: number | null }, { issueId: number; indicatorId: number }>(
  (_qb, p) => sql`SELECT value, value_max FROM upper_issue_indicators WHERE issue_id = ${p('issueId')} AND indicator_id = ${p('indicatorId')}`,
);

export function* issuedTargetRefusalOp(planId: number, indicatorId: number, name: string): Op<string | null> {
  const issue = yield* currentIssueOp(planId);
  if (!issue) return null;
  const row = yield* get(ISSUED_TARGET, { issueId: issue.id, indicatorId });
  if (!row) return null;
  const issued = `${formatNumber(row.value)}${row.value_max !== null ? `-${formatNumber(row.value_max)}` : ''}`;
  return `“${name}”的目标由${issue.upper_unit_name}下达（第${issue.version}版：${issued}），不能在本级修改。可在“数据交换 → 上级下达”中采用下达目标；如需调整下达值，请联系${issue.upper_unit_name}重新下达。`;
}

const VERSIONS = query<{ version: number; file_name: string; exported_at: string; received_at: string; received_by: string }, { planId: number }>(
  (_qb, p) => sql`SELECT version, file_name, exported_at, received_at, received_by FROM upper_issues WHERE plan_id = ${p('planId')} ORDER BY version`,
);
const VERSION_ID = query<{ id: number }, { planId: number; version: number }>(
  (_qb, p) => sql`SELECT id FROM upper_issues WHERE plan_id = ${p('planId')} AND version = ${p('version')}`,
);
const ISSUED_TASKS = query<{ seq: number; action_line: string; content: string; responsible_text: string; task_id: number | null }, { issueId: number }>(
  (_qb, p) => sql`SELECT seq, action_line, content, responsible_text, task_id FROM upper_issue_tasks WHERE issue_id = ${p('issueId')} ORDER BY seq`,
);

export function* issuedViewOp(planId: number): Op<IssuedView> {
  const plan = yield* requirePlanOp(planId);
  const issue = yield* currentIssueOp(planId);
  const empty: IssuedView = {
    planId,
    issued: false,
    upperUnitName: null,
    upperPlanTitle: null,
    upperDocNumber: null,
    unitName: null,
    sampleTargets: false,
    versions: [],
    targets: [],
    tasks: [],
    changes: [],
  };
  if (!issue) return empty;
  const { subUnits } = yield* planUnitsOp(planId);
  const subIds = new Set(subUnits.map((u) => u.id));
  const targets = yield* listTargetsOp(planId);
  const own = new Map(targets.filter((t) => t.unitId === plan.unitId).map((t) => [t.indicatorId, t]));
  const split = new Map<number, { sum: number; n: number }>();
  for (const t of targets) {
    if (!subIds.has(t.unitId)) continue;
    const s = split.get(t.indicatorId) ?? { sum: 0, n: 0 };
    s.sum += t.value;
    s.n += 1;
    split.set(t.indicatorId, s);
  }
  const rows: IssuedTargetRow[] = (yield* issuedIndicatorsOp(issue.id)).map((r) => {
    const mine = r.indicator_id !== null ? own.get(r.indicator_id) : undefined;
    const s = r.indicator_id !== null && r.aggregation === 'sum' ? split.get(r.indicator_id) : undefined;
    // Sums of decimals (0.05 + 0.15 …) are compared at the precision figures are kept in.
    const diff = s ? Math.round((s.sum - r.value) * 1e6) / 1e6 : null;
    return {
      upperIndicatorId: r.upper_indicator_id,
      name: r.name,
      measureUnit: r.measure_unit,
      aggregation: r.aggregation,
      issued: r.value,
      issuedMax: r.value_max,
      upperTarget: r.upper_value,
      indicatorId: r.indicator_id,
      local: mine?.value ?? null,
      localMax: mine?.valueMax ?? null,
      adopted: mine !== undefined && sameTarget(mine.value, mine.valueMax, r.value, r.value_max),
      split: s ? Math.round(s.sum * 1e6) / 1e6 : null,
      splitUnits: s?.n ?? 0,
      splitDifference: diff,
    };
  });
  const versions = (yield* all(VERSIONS, { planId })).map((v) => ({ version: v.version, fileName: v.file_name, exportedAt: v.exported_at, receivedAt: v.received_at, receivedBy: v.received_by }));
  const changes: IssuedChange[] = [];
  if (issue.version > 1) {
    const prev = (yield* get(VERSION_ID, { planId, version: issue.version - 1 }))!.id;
    const before = new Map((yield* issuedIndicatorsOp(prev)).map((r) => [r.upper_indicator_id, r]));
    const now = yield* issuedIndicatorsOp(issue.id);
    for (const r of now) {
      const b = before.get(r.upper_indicator_id);
      if (!b || !sameTarget(b.value, b.value_max, r.value, r.value_max)) changes.push({ name: r.name, measureUnit: r.measure_unit, previous: b?.value ?? null, current: r.value });
    }
    for (const b of before.values()) {
      if (!now.some((r) => r.upper_indicator_id === b.upper_indicator_id)) changes.push({ name: b.name, measureUnit: b.measure_unit, previous: b.value, current: null });
    }
  }
  const tasks = (yield* all(ISSUED_TASKS, { issueId: issue.id })).map((t) => ({ seq: t.seq, actionLine: t.action_line, content: t.content, responsibleText: t.responsible_text, taskId: t.task_id }));
  return {
    planId,
    issued: true,
    upperUnitName: issue.upper_unit_name,
    upperPlanTitle: issue.upper_plan_title,
    upperDocNumber: issue.upper_doc_number,
    unitName: issue.unit_name,
    sampleTargets: issue.sample_targets === 1,
    versions,
    targets: rows,
    tasks,
    changes,
  };
}

/**
 * 采用下达目标: the district's own target of each named issued indicator (all when `upperIndicatorIds`
 * is null) becomes the issued value. It replaces what the district had, so a copy is taken first:
 * checked, copied and written in ONE write transaction (runWithBackupOp / runWithBackupPg).
 */
export function adoptIssuedBacked(by: string, planId: number, upperIndicatorIds: number[] | null): BackedOp<number> {
  return { spec: { operation: 'exchange.receive', reason: '采用下达目标', by, what: '采用下达目标' }, op: adoptIssuedOp(by, planId, upperIndicatorIds) };
}

function* adoptIssuedOp(by: string, planId: number, upperIndicatorIds: number[] | null): Op<number> {
  const plan = yield* requirePlanOp(planId);
  const issue = yield* currentIssueOp(planId);
  if (!issue) throw new ApiError('bad_request', `“${plan.title}”没有上级下达的目标，无需采用。`);
  const rows = (yield* issuedIndicatorsOp(issue.id)).filter(
    (r) => r.indicator_id !== null && (upperIndicatorIds === null || upperIndicatorIds.includes(r.upper_indicator_id)),
  );
  if (upperIndicatorIds && rows.length < upperIndicatorIds.length) {
    throw new ApiError('bad_request', '所选指标不在当前版本的上级下达目标中，请刷新页面后重试。');
  }
  yield* takeCopyOp(`采用${issue.upper_unit_name}下达目标（第${issue.version}版）`);
  const audit = { planId, by, at: new Date().toISOString(), source: `采用上级下达（${issue.file_name}，第${issue.version}版）` };
  let n = 0;
  for (const r of rows) if (yield* writeTargetOp(audit, r.indicator_id!, plan.unitId, r.value, r.value_max)) n += 1;
  return n;
}
