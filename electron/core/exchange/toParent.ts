/**
 * 上报: the lower level's totals and task progress for a period, returned to
 * the level that issued its plan, as a return package or a fill-in workbook
 * that the upper level reviews like a street's return (old → new, conflicts,
 * refusals: exchange/review.ts on its side). The identification is the
 * issuer's — its database, plan, this unit's id and code there, its
 * indicator and task ids — so the upper level recognises it; the totals are
 * this plan's own unit's figures by the one rule (shared/figures/aggregate.ts
 * through the ProgressTable: the sum of the streets, or the figure entered).
 * Each cell's base is what this unit last reported for it (upper_sent): a
 * corrected figure is a change there, and a figure the upper level edited
 * itself since is a conflict it decides.
 *
 * Written once over the query layer (issue 22): the return is read by one Op,
 * what was sent recorded by another in one write transaction, on a SQLite
 * file and a PostgreSQL store alike.
 */
import type { ExchangeExportFile } from '../../../shared/api/methods/exchange';
import { ApiError } from '../../../shared/api/errors';
import { cumulativePredecessor } from '../../../shared/entry/periods';
import { figurePeriodFor, type ProgressTable } from '../../../shared/figures/progressTable';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeCell, type ExchangeIdentity, type ExchangeTask } from '../../../shared/exchange/identity';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import { sql } from 'kysely';
import { listProgressOp } from '../db/repos/progress';
import { loadProgressTableOp } from '../figures/loadProgressTable';
import { planUnitsOp, requireYearInPlan } from '../plans/scope';
import { all, query, run, type Op, type OpStore } from '../store/query';
import { newExportId, seal } from './checksum';
import { currentIssueOp, issuedIndicatorsOp } from './issued';
import { PACKAGE_EXTENSION, PACKAGE_FORMAT, type PackageFile } from './packageFormat';
import { writeFillInWorkbook } from './workbook';

type Returned = NonNullable<PackageFile['returned']>;

const sentKey = {
  figure: (upperIndicatorId: number, period: string) => `f|${upperIndicatorId}|${period}`,
  progress: (upperTaskId: number, period: string) => `p|${upperTaskId}|${period}`,
};

export interface ParentReturn {
  identity: ExchangeIdentity;
  returned: Returned;
  pkg: PackageFile;
}

const SENT = query<{ key: string; value: string }, { planId: number }>((_qb, p) => sql`SELECT key, value FROM upper_sent WHERE plan_id = ${p('planId')}`);
const ISSUED_TASKS = query<{ upper_task_id: number; seq: number; content: string; lead_text: string; task_id: number | null }, { issueId: number }>(
  (_qb, p) => sql`SELECT upper_task_id, seq, content, lead_text, task_id FROM upper_issue_tasks WHERE issue_id = ${p('issueId')} ORDER BY seq`,
);
const PUT_SENT = query<never, { planId: number; key: string; value: string; at: string }>(
  (_qb, p) => sql`INSERT INTO upper_sent (plan_id, key, value, sent_at) VALUES (${p('planId')}, ${p('key')}, ${p('value')}, ${p('at')})
    ON CONFLICT (plan_id, key) DO UPDATE SET value = excluded.value, sent_at = excluded.sent_at`,
);

/** Builds the return to the upper level (writes nothing). */
export function* buildParentReturnOp(planId: number, period: string, by: string): Op<ParentReturn> {
  const { plan, units } = yield* planUnitsOp(planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  const issue = yield* currentIssueOp(planId);
  if (!issue) {
    throw new ApiError(
      'bad_request',
      `“${plan.title}”没有上级下达的计划，不知道向谁上报。请先在“数据交换 → 上级下达”中接收上级的数据包（.tzpkg）。`,
    );
  }
  const pkg = JSON.parse(issue.package) as PackageFile;
  const issued = pkg.identity as ExchangeIdentity;
  const sent = new Map((yield* all(SENT, { planId })).map((r) => [r.key, JSON.parse(r.value)]));
  const upperInd = new Map(pkg.indicators.map((i) => [i.id, i]));
  const tables = new Map<string, ProgressTable>();
  function* tableAt(p: string): Op<ProgressTable> {
    let t = tables.get(p);
    if (!t) tables.set(p, (t = yield* loadProgressTableOp(plan, units, p)));
    return t;
  }
  const cells: ExchangeCell[] = [];
  const figures: Returned['figures'] = [];
  for (const row of yield* issuedIndicatorsOp(issue.id)) {
    const ind = upperInd.get(row.upper_indicator_id);
    if (!ind || row.indicator_id === null) continue; // unlinked (its indicator removed here): nothing to report
    const fp = figurePeriodFor(ind.frequency, period);
    if (!fp) continue; // not due at this period (a yearly one before December)
    const prev = cumulativePredecessor(fp);
    const atIssue = issued.cells.find((c) => c.indicatorId === ind.id && c.period === fp)?.base ?? null;
    cells.push({
      indicatorId: ind.id,
      indicatorName: ind.name,
      indicatorCode: ind.code,
      measureUnit: ind.measureUnit,
      decimals: ind.decimals,
      frequency: ind.frequency,
      aggregation: ind.aggregation,
      period: fp,
      target: row.value,
      targetMax: row.value_max,
      base: (sent.get(sentKey.figure(ind.id, fp)) as number | undefined) ?? atIssue,
      previous: prev ? ((sent.get(sentKey.figure(ind.id, prev)) as number | undefined) ?? null) : null,
    });
    const cell = (yield* tableAt(fp)).parent.cells[row.indicator_id];
    if (!cell || cell.figurePeriod !== fp || cell.actual === null) continue;
    const note =
      cell.actualSource === 'partial_sum' && cell.reported
        ? `下级单位未报齐（${cell.reported.count}/${cell.reported.of}），为已报单位合计`
        : null;
    figures.push({ indicatorId: ind.id, unitId: issued.unit.id, period: fp, value: cell.actual, note });
  }
  const entered = new Map((yield* listProgressOp(planId, period)).filter((p) => p.unitId === plan.unitId).map((p) => [p.taskId, p]));
  const tasks: ExchangeTask[] = [];
  const progress: Returned['progress'] = [];
  for (const t of yield* all(ISSUED_TASKS, { issueId: issue.id })) {
    if (t.task_id === null) continue;
    const base = (sent.get(sentKey.progress(t.upper_task_id, period)) as { status: string; text: string } | undefined) ?? null;
    tasks.push({ taskId: t.upper_task_id, seq: t.seq, content: t.content, leadText: t.lead_text, base });
    const p = entered.get(t.task_id);
    if (p) progress.push({ taskId: t.upper_task_id, unitId: issued.unit.id, status: p.status, text: p.text, reportedOn: p.reportedOn });
  }
  if (cells.length === 0 && tasks.length === 0) {
    throw new ApiError('bad_request', `${periodLabel(period)}没有${issue.upper_unit_name}要求上报的指标或任务，无需上报。`);
  }
  const identity = seal({
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    plan: issued.plan,
    unit: issued.unit,
    period,
    exportedAt: new Date().toISOString(),
    exportId: newExportId(),
    cells,
    tasks,
  });
  const returned: Returned = { by, at: identity.exportedAt, figures, progress };
  return {
    identity,
    returned,
    pkg: { format: PACKAGE_FORMAT, version: 1, kind: 'return', identity, plan: pkg.plan, units: [], indicators: [], targets: [], actionLines: [], tasks: [], returned },
  };
}

/** Remembers what was reported (one write transaction), so the next return's bases are what the upper level holds from us. */
function* recordSentOp(planId: number, r: ParentReturn): Op<void> {
  const at = r.returned.at;
  for (const f of r.returned.figures) yield* run(PUT_SENT, { planId, key: sentKey.figure(f.indicatorId, f.period), value: JSON.stringify(f.value), at });
  for (const p of r.returned.progress) {
    yield* run(PUT_SENT, { planId, key: sentKey.progress(p.taskId, r.identity.period), value: JSON.stringify({ status: p.status, text: p.text }), at });
  }
}

export async function exportToParent(
  store: OpStore,
  planId: number,
  period: string,
  format: 'package' | 'xlsx',
  by: string,
): Promise<ExchangeExportFile & { figures: number; progress: number; upperUnitName: string }> {
  const r = await store.read(buildParentReturnOp(planId, period, by));
  const bytes =
    format === 'package'
      ? Buffer.from(JSON.stringify(r.pkg), 'utf8')
      : await writeFillInWorkbook(r.identity, {
          figures: new Map(r.returned.figures.map((f) => [`${f.indicatorId}|${f.period}`, f.value])),
          progress: new Map(r.returned.progress.map((p) => [p.taskId, { status: p.status, text: p.text }])),
        });
  await store.write(recordSentOp(planId, r));
  const name = `${r.identity.unit.name}_${periodLabel(period)}_上报${format === 'package' ? PACKAGE_EXTENSION : '.xlsx'}`.replace(/[\\/:*?"<>|\r\n\t]/g, '_');
  return {
    fileName: name,
    mimeType: format === 'package' ? 'application/json' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    unitId: r.identity.unit.id,
    unitName: r.identity.unit.name,
    byteLength: bytes.byteLength,
    base64: bytes.toString('base64'),
    figures: r.returned.figures.length,
    progress: r.returned.progress.length,
    upperUnitName: r.identity.plan.unitName,
  };
}
