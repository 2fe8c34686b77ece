/**
 * 审核 (approval) as the district does it: the list of units and periods
 * under review with their figures, 审核通过, 退回 with a reason, and the steps.
 * An approval or return names the revision the list showed: when a figure of
 * that unit and period changed since (the street saved meanwhile), it is
 * refused as a conflict, so nobody approves a value they have not seen.
 */
import { ApiError } from '../../../shared/api/errors';
import { REVIEW_STATES, type ReviewEvent, type ReviewList, type ReviewRow, type ReviewState } from '../../../shared/review/states';
import { periodLabel } from '../../../shared/periods';
import type { Db } from '../db/open';
import { writeTxOp } from '../db/tx';
import { figuresRevisionOfOp, getReviewOp, insertReviewEventOp, listReviewEventsOp, listReviewsOp, putReviewOp, reviewedFiguresOp } from '../db/repos/reviews';
import { planUnitsOp, requirePlanOp } from '../plans/scope';
import { runSync, type Op } from '../store/query';

const ORDER: Record<ReviewState, number> = { pending: 0, returned: 1, approved: 2 };

/** review.list (an Op of the query layer: either engine). */
export function* listReviewRowsOp(planId: number, state: ReviewState | 'all' = 'all'): Op<ReviewList> {
  const { units } = yield* planUnitsOp(planId);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const unitOrder = new Map(units.map((u, i) => [u.id, i]));
  const figures = new Map<string, ReviewRow['figures']>();
  for (const f of yield* reviewedFiguresOp(planId)) {
    const key = `${f.unitId}|${f.period}`;
    if (!figures.has(key)) figures.set(key, []);
    const { unitId: _u, period: _p, ...figure } = f;
    figures.get(key)!.push(figure);
  }
  const all = yield* listReviewsOp(planId);
  const counts = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as Record<ReviewState, number>;
  for (const r of all) counts[r.state]++;
  const shown = all.filter((r) => state === 'all' || r.state === state);
  const rows: ReviewRow[] = [];
  for (const r of shown) {
    rows.push({
      ...r,
      unitName: unitName.get(r.unitId) ?? `单位${r.unitId}`,
      periodLabel: periodLabel(r.period),
      figures: figures.get(`${r.unitId}|${r.period}`) ?? [],
      revision: yield* figuresRevisionOfOp(planId, r.unitId, r.period),
    });
  }
  // 待审核 first; within a state the latest period first, then the units in the plan's order.
  rows.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.period < b.period ? 1 : a.period > b.period ? -1 : 0) ||
      (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0),
  );
  return { planId, rows, counts };
}

export function listReviewRows(db: Db, planId: number, state: ReviewState | 'all' = 'all'): ReviewList {
  return runSync(db, listReviewRowsOp(planId, state));
}

interface Target {
  planId: number;
  unitId: number;
  period: string;
  revision?: number;
}

function* requireUnderReviewOp(t: Target) {
  const { units } = yield* planUnitsOp(t.planId);
  const unit = units.find((u) => u.id === t.unitId);
  const where = `${unit?.name ?? `单位${t.unitId}`}${periodLabel(t.period)}的完成数`;
  const current = yield* getReviewOp(t.planId, t.unitId, t.period);
  if (!current) throw new ApiError('not_found', `${where}不在审核中（由区里录入的完成数无需审核）。请刷新审核列表。`);
  if (t.revision != null && (yield* figuresRevisionOfOp(t.planId, t.unitId, t.period)) !== t.revision) {
    throw new ApiError('conflict', `${where}在您查看之后又被修改过，请刷新审核列表，看过新的数值后再审核。`);
  }
  return { current, where };
}

/** 审核通过: ONE write transaction (writeTxOp on SQLite, writeTxPgOp on PostgreSQL). */
export function* approveFiguresOp(t: Target, by: string): Op<void> {
  const { current, where } = yield* requireUnderReviewOp(t);
  if (current.state === 'approved') throw new ApiError('bad_request', `${where}已经审核通过。`);
  const at = new Date().toISOString();
  yield* putReviewOp(t.planId, { unitId: t.unitId, period: t.period, state: 'approved', reason: null, by, at });
  yield* insertReviewEventOp(t.planId, { unitId: t.unitId, period: t.period, action: 'approve', by, at });
}

export function approveFigures(db: Db, t: Target, by: string): void {
  writeTxOp(db, approveFiguresOp(t, by));
}

/** 退回 with a reason: ONE write transaction. */
export function* returnFiguresOp(t: Target & { reason: string }, by: string): Op<void> {
  const { current, where } = yield* requireUnderReviewOp(t);
  if (current.state === 'returned') throw new ApiError('bad_request', `${where}已经退回，等待填报单位修改。`);
  const at = new Date().toISOString();
  const reason = t.reason.trim();
  yield* putReviewOp(t.planId, { unitId: t.unitId, period: t.period, state: 'returned', reason, by, at });
  yield* insertReviewEventOp(t.planId, { unitId: t.unitId, period: t.period, action: 'return', reason, by, at });
}

export function returnFigures(db: Db, t: Target & { reason: string }, by: string): void {
  writeTxOp(db, returnFiguresOp(t, by));
}

/** review.history: the steps of one unit's figures for a period, oldest first. */
export function* reviewHistoryOp(planId: number, unitId: number, period: string): Op<{ events: ReviewEvent[] }> {
  yield* requirePlanOp(planId);
  return { events: yield* listReviewEventsOp(planId, unitId, period) };
}
