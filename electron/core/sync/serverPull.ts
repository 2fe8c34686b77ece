/**
 * The server's side of a pull (`sync.pull`, a 填报员 account): the plans its
 * unit reports in, as a data package carries them (electron/core/exchange/
 * package.ts), plus the district's published figures and what the server holds
 * of the unit's own figures, progress, 审核 states and conflicts (figures'
 * and progress'). Reads only (but for the store's exchange id, made once on
 * first use). Over the query layer: the same Ops on a SQLite file and a
 * PostgreSQL store (`pullOn`).
 * Other units' targets and figures are never in it.
 */
import { sql } from 'kysely';
import { ApiError } from '../../../shared/api/errors';
import type { AccountRef } from '../../../shared/accounts/roles';
import type { Unit } from '../../../shared/model/units';
import { SYNC_PROTOCOL, type PullAnswer, type PulledPlan } from '../../../shared/sync/wire';
import { listIndicatorsOp, listTargetsOp } from '../db/repos/indicators';
import { listPlansOp } from '../db/repos/plans';
import { listActionLinesOp, listTasksOp } from '../db/repos/tasks';
import { getUnitOp } from '../db/repos/units';
import { listReviewsOp } from '../db/repos/reviews';
import { databaseIdOn } from '../exchange/identity';
import { planUnitsOp } from '../plans/scope';
import { all, query, type Op, type OpStore } from '../store/query';
import { listConflictsOfUnitOp } from './conflicts';

/** The entry account's unit, or why this account cannot sync. */
export function* syncUnitOfOp(account: AccountRef | null): Op<Unit> {
  if (!account) throw new ApiError('bad_request', '同步只能由台账电脑用填报员账户连接服务器后进行（本机版和命令行不提供同步服务）。');
  if (account.role !== 'entry' || account.unitId == null) {
    throw new ApiError('forbidden', `同步需要一个单位的填报员账户，而“${account.name}”不是。请在“设置 → 服务器”中填写本单位的填报员账户。`);
  }
  const unit = yield* getUnitOp(account.unitId);
  if (!unit) throw new ApiError('not_found', `账户“${account.name}”绑定的单位已不存在，请联系区里的管理员。`);
  return unit;
}

/** A pull on either engine: the store's exchange id (made once, in its own write), then the answer read. */
export async function pullOn(store: OpStore, account: AccountRef | null): Promise<PullAnswer> {
  // Refused before anything is made or read for a caller that cannot sync.
  await store.read(syncUnitOfOp(account));
  return store.read(pullOp(account, await databaseIdOn(store)));
}

export function* pullOp(account: AccountRef | null, serverId: string): Op<PullAnswer> {
  const unit = yield* syncUnitOfOp(account);
  const plans: PulledPlan[] = [];
  for (const plan of yield* listPlansOp()) {
    if (plan.archivedAt) continue;
    const { parent, subUnits } = yield* planUnitsOp(plan.id);
    if (!subUnits.some((u) => u.id === unit.id)) continue;
    plans.push(yield* planForOp(plan.id, parent.id, unit.id));
  }
  return {
    protocol: SYNC_PROTOCOL,
    serverId,
    account: { name: account!.name, unitId: unit.id, unitName: unit.name, unitCode: unit.code ?? '' },
    plans,
  };
}

const PULLED_FIGURES = query<
  { indicator_id: number; unit_id: number; period: string; value: number; note: string | null },
  { districtId: number; unitId: number; planId: number }
>(
  (_qb, p) => sql`SELECT f.indicator_id, f.unit_id, f.period, f.value, f.note FROM figures f
    WHERE f.unit_id IN (${p('districtId')}, ${p('unitId')}) AND f.indicator_id IN (SELECT id FROM indicators WHERE plan_id = ${p('planId')})
    ORDER BY f.indicator_id, f.unit_id, f.period`,
);
const PULLED_PROGRESS = query<
  { task_id: number; period: string; status: PulledPlan['progress'][number]['status']; text: string; reported_on: string | null; entered_at: string },
  { planId: number; unitId: number }
>(
  (_qb, p) => sql`SELECT p.task_id, p.period, p.status, p.text, p.reported_on, p.entered_at FROM progress p
    JOIN tasks t ON t.id = p.task_id JOIN action_lines a ON a.id = t.action_line_id
    WHERE a.plan_id = ${p('planId')} AND p.unit_id = ${p('unitId')} ORDER BY p.task_id, p.period`,
);

function* planForOp(planId: number, districtId: number, unitId: number): Op<PulledPlan> {
  const { plan, units } = yield* planUnitsOp(planId);
  const mine = new Set([districtId, unitId]);
  const tree = units.filter((u) => mine.has(u.id));
  const indicators = yield* listIndicatorsOp(planId);
  const indicatorIds = new Set(indicators.map((i) => i.id));
  const figures = (yield* all(PULLED_FIGURES, { districtId, unitId, planId })).map((f) => ({
    indicatorId: f.indicator_id,
    unitId: f.unit_id,
    period: f.period,
    value: f.value,
    note: f.note,
  }));
  const progress = (yield* all(PULLED_PROGRESS, { planId, unitId })).map((r) => ({
    taskId: r.task_id,
    period: r.period,
    status: r.status,
    text: r.text,
    reportedOn: r.reported_on,
    enteredAt: r.entered_at,
  }));
  const conflicts = yield* listConflictsOfUnitOp(planId, unitId);
  const targets = yield* listTargetsOp(planId);
  const actionLines = yield* listActionLinesOp(planId);
  const tasks = yield* listTasksOp(planId);
  return {
    serverPlanId: plan.id,
    plan: { title: plan.title, yearStart: plan.yearStart, yearEnd: plan.yearEnd, docNumber: plan.docNumber, issuedOn: plan.issuedOn, issuer: plan.issuer, example: Boolean(plan.example) },
    units: tree.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.id === districtId ? null : districtId, code: u.code ?? `u${u.id}`, fullName: u.fullName ?? null })),
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      code: i.code ?? `i${i.id}`,
      measureUnit: i.measureUnit,
      aggregation: i.aggregation,
      frequency: i.frequency,
      decimals: i.decimals,
      sortOrder: i.sortOrder,
      wordingText: i.wordingText,
      baseline: i.baseline,
      decomposed: i.decomposed,
    })),
    targets: targets
      .filter((t) => mine.has(t.unitId) && indicatorIds.has(t.indicatorId))
      .map((t) => ({ indicatorId: t.indicatorId, unitId: t.unitId, value: t.value, valueMax: t.valueMax ?? null })),
    actionLines: actionLines.map((a) => ({ id: a.id, seq: a.seq, title: a.title })),
    tasks: tasks.map((t) => ({
      id: t.id,
      actionLineId: t.actionLineId,
      seq: t.seq,
      content: t.content,
      leadText: t.leadText,
      responsibleText: t.responsibleText,
      deadline: t.deadline,
      units: t.units.filter((u) => mine.has(u.unitId)).map((u) => ({ unitId: u.unitId, role: u.role })),
    })),
    figures,
    progress,
    reviews: yield* reviewsOfOp(planId, unitId),
    conflicts: conflicts.flatMap((c) =>
      c.kind === 'figure'
        ? [{ id: c.id, indicatorId: c.indicatorId!, period: c.period, value: c.value as number | null, current: c.current as number | null, state: c.state, decidedBy: c.decidedBy }]
        : [],
    ),
    progressConflicts: conflicts.flatMap((c) => {
      if (c.kind !== 'progress' || !c.value || typeof c.value === 'number') return [];
      const current = c.current && typeof c.current === 'object' ? { status: c.current.status, text: c.current.text } : null;
      return [{ id: c.id, taskId: c.taskId!, period: c.period, value: { status: c.value.status, text: c.value.text }, current, state: c.state, decidedBy: c.decidedBy }];
    }),
  };
}

/** The unit's 审核 states of a plan, as a pull and a push answer them. */
export function* reviewsOfOp(planId: number, unitId: number) {
  return (yield* listReviewsOp(planId))
    .filter((r) => r.unitId === unitId)
    .map((r) => ({ period: r.period, state: r.state, reason: r.reason, by: r.by, at: r.at }));
}
