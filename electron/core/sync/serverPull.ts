/**
 * The server's side of a pull (`sync.pull`, a 填报员 account): the plans its
 * unit reports in, as a data package carries them (electron/core/exchange/
 * package.ts), plus the district's published figures and what the server holds
 * of the unit's own figures, progress, 审核 states and conflicts (figures'
 * and progress'). Reads only.
 * Other units' targets and figures are never in it.
 */
import { ApiError } from '../../../shared/api/errors';
import type { AccountRef } from '../../../shared/accounts/roles';
import { SYNC_PROTOCOL, type PullAnswer, type PulledPlan } from '../../../shared/sync/wire';
import type { Db } from '../db/open';
import { listIndicators, listTargets } from '../db/repos/indicators';
import { listPlans } from '../db/repos/plans';
import { listActionLines, listTasks } from '../db/repos/tasks';
import { getUnit } from '../db/repos/units';
import { listReviews } from '../db/repos/reviews';
import { databaseId } from '../exchange/identity';
import { planUnits } from '../plans/scope';
import { listConflictsOfUnit } from './conflicts';

/** The entry account's unit, or why this account cannot sync. */
export function syncUnitOf(db: Db, account: AccountRef | null) {
  if (!account) throw new ApiError('bad_request', '同步只能由台账电脑用填报员账户连接服务器后进行（本机版和命令行不提供同步服务）。');
  if (account.role !== 'entry' || account.unitId == null) {
    throw new ApiError('forbidden', `同步需要一个单位的填报员账户，而“${account.name}”不是。请在“设置 → 服务器”中填写本单位的填报员账户。`);
  }
  const unit = getUnit(db, account.unitId);
  if (!unit) throw new ApiError('not_found', `账户“${account.name}”绑定的单位已不存在，请联系区里的管理员。`);
  return unit;
}

export function pullFor(db: Db, account: AccountRef | null): PullAnswer {
  const unit = syncUnitOf(db, account);
  const plans: PulledPlan[] = [];
  for (const plan of listPlans(db)) {
    if (plan.archivedAt) continue;
    const { parent, subUnits } = planUnits(db, plan.id);
    if (!subUnits.some((u) => u.id === unit.id)) continue;
    plans.push(planFor(db, plan.id, parent.id, unit.id));
  }
  return {
    protocol: SYNC_PROTOCOL,
    serverId: databaseId(db),
    account: { name: account!.name, unitId: unit.id, unitName: unit.name, unitCode: unit.code ?? '' },
    plans,
  };
}

function planFor(db: Db, planId: number, districtId: number, unitId: number): PulledPlan {
  const { plan, units } = planUnits(db, planId);
  const mine = new Set([districtId, unitId]);
  const tree = units.filter((u) => mine.has(u.id));
  const indicators = listIndicators(db, planId);
  const indicatorIds = new Set(indicators.map((i) => i.id));
  const figures = (
    db
      .prepare(
        `SELECT f.indicator_id, f.unit_id, f.period, f.value, f.note FROM figures f
         WHERE f.unit_id IN (?, ?) AND f.indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?) ORDER BY f.indicator_id, f.unit_id, f.period`,
      )
      .raw()
      .all(districtId, unitId, planId) as [number, number, string, number, string | null][]
  ).map(([indicatorId, u, period, value, note]) => ({ indicatorId, unitId: u, period, value, note }));
  const progress = (
    db
      .prepare(
        `SELECT p.task_id, p.period, p.status, p.text, p.reported_on, p.entered_at FROM progress p
         JOIN tasks t ON t.id = p.task_id JOIN action_lines a ON a.id = t.action_line_id
         WHERE a.plan_id = ? AND p.unit_id = ? ORDER BY p.task_id, p.period`,
      )
      .raw()
      .all(planId, unitId) as [number, string, PulledPlan['progress'][number]['status'], string, string | null, string][]
  ).map(([taskId, period, status, text, reportedOn, enteredAt]) => ({ taskId, period, status, text, reportedOn, enteredAt }));
  const conflicts = listConflictsOfUnit(db, planId, unitId);
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
    targets: listTargets(db, planId)
      .filter((t) => mine.has(t.unitId) && indicatorIds.has(t.indicatorId))
      .map((t) => ({ indicatorId: t.indicatorId, unitId: t.unitId, value: t.value, valueMax: t.valueMax ?? null })),
    actionLines: listActionLines(db, planId).map((a) => ({ id: a.id, seq: a.seq, title: a.title })),
    tasks: listTasks(db, planId).map((t) => ({
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
    reviews: reviewsOf(db, planId, unitId),
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

export function reviewsOf(db: Db, planId: number, unitId: number) {
  return listReviews(db, planId)
    .filter((r) => r.unitId === unitId)
    .map((r) => ({ period: r.period, state: r.state, reason: r.reason, by: r.by, at: r.at }));
}
