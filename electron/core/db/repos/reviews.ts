/**
 * 审核 states (figure_reviews) and their steps (figure_review_events). SQL
 * only; when a state changes is decided in core/review/.
 */
import type { ReviewAction, ReviewEvent, ReviewMark, ReviewState } from '../../../../shared/review/states';
import type { Db } from '../open';
import type { FigureReviewsTable } from '../../store/schema';
import { all, query, runSync, type Op } from '../../store/query';

export interface StoredReview extends ReviewMark {
  by: string;
  at: string;
}

/** A row of figure_reviews as read, without its plan (columns declared once, in store/schema.ts). */
type ReviewDbRow = Omit<FigureReviewsTable, 'plan_id'>;

const toReview = (r: ReviewDbRow): StoredReview => ({ unitId: r.unit_id, period: r.period, state: r.state, reason: r.reason, by: r.by_name, at: r.at });

export function getReview(db: Db, planId: number, unitId: number, period: string): StoredReview | undefined {
  const row = db.prepare('SELECT * FROM figure_reviews WHERE plan_id = ? AND unit_id = ? AND period = ?').get(planId, unitId, period) as ReviewDbRow | undefined;
  return row && toReview(row);
}

export function putReview(db: Db, planId: number, r: { unitId: number; period: string; state: ReviewState; reason: string | null; by: string; at: string }): void {
  db.prepare(
    `INSERT INTO figure_reviews (plan_id, unit_id, period, state, reason, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id, unit_id, period) DO UPDATE SET state = excluded.state, reason = excluded.reason, by_name = excluded.by_name, at = excluded.at`,
  ).run(planId, r.unitId, r.period, r.state, r.reason, r.by, r.at);
}

export function insertReviewEvent(
  db: Db,
  planId: number,
  e: { unitId: number; period: string; action: ReviewAction; reason?: string | null; source?: string | null; by: string; at: string },
): void {
  db.prepare('INSERT INTO figure_review_events (plan_id, unit_id, period, action, reason, source, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    planId,
    e.unitId,
    e.period,
    e.action,
    e.reason ?? null,
    e.source ?? null,
    e.by,
    e.at,
  );
}

const PLAN_REVIEWS = query<ReviewDbRow, { planId: number }>((qb, p) =>
  qb.selectFrom('figure_reviews').selectAll().where('plan_id', '=', p('planId')).orderBy('unit_id').orderBy('period'),
);
const PLAN_REVIEWS_AT = query<ReviewDbRow, { planId: number; period: string }>((qb, p) =>
  qb.selectFrom('figure_reviews').selectAll().where('plan_id', '=', p('planId')).where('period', '=', p('period')).orderBy('unit_id'),
);

/**
 * Every review state of a plan; only of these periods when given (a view has a handful: one query
 * each, compiled once). By unit, then period, on both engines.
 */
export function* listReviewsOp(planId: number, periods?: readonly string[]): Op<StoredReview[]> {
  if (!periods) return (yield* all(PLAN_REVIEWS, { planId })).map(toReview);
  const rows: ReviewDbRow[] = [];
  for (const period of new Set(periods)) rows.push(...(yield* all(PLAN_REVIEWS_AT, { planId, period })));
  rows.sort((a, b) => a.unit_id - b.unit_id || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return rows.map(toReview);
}

export function listReviews(db: Db, planId: number, periods?: readonly string[]): StoredReview[] {
  return runSync(db, listReviewsOp(planId, periods));
}

export function listReviewEvents(db: Db, planId: number, unitId: number, period: string): ReviewEvent[] {
  return (
    db
      .prepare('SELECT * FROM figure_review_events WHERE plan_id = ? AND unit_id = ? AND period = ? ORDER BY id')
      .all(planId, unitId, period) as { id: number; unit_id: number; period: string; action: ReviewAction; reason: string | null; source: string | null; by_name: string; at: string }[]
  ).map((r) => ({ id: r.id, unitId: r.unit_id, period: r.period, action: r.action, reason: r.reason, source: r.source, by: r.by_name, at: r.at }));
}

/** The last change of a unit's figures for a period (the figure history's id): what an approval saw. */
export function figuresRevisionOf(db: Db, planId: number, unitId: number, period: string): number {
  return (
    (db
      .prepare(
        `SELECT ifnull(max(h.id), 0) FROM figure_history h WHERE h.unit_id = ? AND h.period = ?
         AND h.indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?)`,
      )
      .pluck()
      .get(unitId, period, planId) as number) ?? 0
  );
}

export interface ReviewedFigureRow {
  unitId: number;
  period: string;
  indicatorId: number;
  indicatorName: string;
  measureUnit: string;
  decimals: number;
  value: number;
  target: number | null;
  enteredBy: string;
  enteredAt: string;
}

/** The figures of every unit and period under review in a plan, in indicator order. */
export function reviewedFigures(db: Db, planId: number): ReviewedFigureRow[] {
  return (
    db
      .prepare(
        `SELECT r.unit_id, r.period, i.id, i.name, i.measure_unit, i.decimals, f.value, t.value, f.entered_by, f.entered_at
         FROM figure_reviews r
         JOIN indicators i ON i.plan_id = r.plan_id
         JOIN figures f ON f.indicator_id = i.id AND f.unit_id = r.unit_id AND f.period = r.period
         LEFT JOIN targets t ON t.indicator_id = i.id AND t.unit_id = r.unit_id
         WHERE r.plan_id = ? ORDER BY i.sort_order, i.id`,
      )
      .raw()
      .all(planId) as [number, string, number, string, string, number, number, number | null, string, string][]
  ).map(([unitId, period, indicatorId, indicatorName, measureUnit, decimals, value, target, enteredBy, enteredAt]) => ({
    unitId,
    period,
    indicatorId,
    indicatorName,
    measureUnit,
    decimals,
    value,
    target,
    enteredBy,
    enteredAt,
  }));
}
