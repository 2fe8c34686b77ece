/**
 * 审核 states (figure_reviews) and their steps (figure_review_events). SQL
 * only; when a state changes is decided in core/review/.
 */
import type { ReviewAction, ReviewEvent, ReviewMark, ReviewState } from '../../../../shared/review/states';
import type { Db } from '../open';
import type { FigureReviewsTable } from '../../store/schema';
import { all, get, query, run, runSync, type Op } from '../../store/query';

export interface StoredReview extends ReviewMark {
  by: string;
  at: string;
}

/** A row of figure_reviews as read, without its plan (columns declared once, in store/schema.ts). */
type ReviewDbRow = Omit<FigureReviewsTable, 'plan_id'>;

const toReview = (r: ReviewDbRow): StoredReview => ({ unitId: r.unit_id, period: r.period, state: r.state, reason: r.reason, by: r.by_name, at: r.at });

const REVIEW = query<ReviewDbRow & { plan_id: number }, { planId: number; unitId: number; period: string }>((qb, p) =>
  qb.selectFrom('figure_reviews').selectAll().where('plan_id', '=', p('planId')).where('unit_id', '=', p('unitId')).where('period', '=', p('period')),
);
const PUT_REVIEW = query<never, { planId: number; unitId: number; period: string; state: ReviewState; reason: string | null; by: string; at: string }>((qb, p) =>
  qb
    .insertInto('figure_reviews')
    .values({ plan_id: p('planId'), unit_id: p('unitId'), period: p('period'), state: p('state'), reason: p('reason'), by_name: p('by'), at: p('at') })
    .onConflict((oc) =>
      oc.columns(['plan_id', 'unit_id', 'period']).doUpdateSet((eb) => ({
        state: eb.ref('excluded.state'),
        reason: eb.ref('excluded.reason'),
        by_name: eb.ref('excluded.by_name'),
        at: eb.ref('excluded.at'),
      })),
    ),
);
const ADD_REVIEW_EVENT = query<
  never,
  { planId: number; unitId: number; period: string; action: ReviewAction; reason: string | null; source: string | null; by: string; at: string }
>((qb, p) =>
  qb.insertInto('figure_review_events').values({
    plan_id: p('planId'),
    unit_id: p('unitId'),
    period: p('period'),
    action: p('action'),
    reason: p('reason'),
    source: p('source'),
    by_name: p('by'),
    at: p('at'),
  }),
);

export function* getReviewOp(planId: number, unitId: number, period: string): Op<StoredReview | undefined> {
  const row = yield* get(REVIEW, { planId, unitId, period });
  return row && toReview(row);
}

export function getReview(db: Db, planId: number, unitId: number, period: string): StoredReview | undefined {
  return runSync(db, getReviewOp(planId, unitId, period));
}

type ReviewPut = { unitId: number; period: string; state: ReviewState; reason: string | null; by: string; at: string };

export function* putReviewOp(planId: number, r: ReviewPut): Op<void> {
  yield* run(PUT_REVIEW, { planId, unitId: r.unitId, period: r.period, state: r.state, reason: r.reason, by: r.by, at: r.at });
}

export function putReview(db: Db, planId: number, r: ReviewPut): void {
  runSync(db, putReviewOp(planId, r));
}

type ReviewEventPut = { unitId: number; period: string; action: ReviewAction; reason?: string | null; source?: string | null; by: string; at: string };

export function* insertReviewEventOp(planId: number, e: ReviewEventPut): Op<void> {
  yield* run(ADD_REVIEW_EVENT, {
    planId,
    unitId: e.unitId,
    period: e.period,
    action: e.action,
    reason: e.reason ?? null,
    source: e.source ?? null,
    by: e.by,
    at: e.at,
  });
}

export function insertReviewEvent(db: Db, planId: number, e: ReviewEventPut): void {
  runSync(db, insertReviewEventOp(planId, e));
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

const REVIEW_EVENTS = query<
  { id: number; unit_id: number; period: string; action: ReviewAction; reason: string | null; source: string | null; by_name: string; at: string },
  { planId: number; unitId: number; period: string }
>((qb, p) =>
  qb
    .selectFrom('figure_review_events')
    .select(['id', 'unit_id', 'period', 'action', 'reason', 'source', 'by_name', 'at'])
    .where('plan_id', '=', p('planId'))
    .where('unit_id', '=', p('unitId'))
    .where('period', '=', p('period'))
    .orderBy('id'),
);

export function* listReviewEventsOp(planId: number, unitId: number, period: string): Op<ReviewEvent[]> {
  return (yield* all(REVIEW_EVENTS, { planId, unitId, period })).map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    period: r.period,
    action: r.action,
    reason: r.reason,
    source: r.source,
    by: r.by_name,
    at: r.at,
  }));
}

export function listReviewEvents(db: Db, planId: number, unitId: number, period: string): ReviewEvent[] {
  return runSync(db, listReviewEventsOp(planId, unitId, period));
}

const FIGURES_REVISION_OF = query<{ revision: number }, { planId: number; unitId: number; period: string }>((qb, p) =>
  qb
    .selectFrom('figure_history as h')
    .select((eb) => eb.fn.coalesce(eb.fn.max('h.id'), eb.lit(0)).as('revision'))
    .where('h.unit_id', '=', p('unitId'))
    .where('h.period', '=', p('period'))
    .where('h.indicator_id', 'in', (eb) => eb.selectFrom('indicators').select('id').where('plan_id', '=', p('planId'))),
);

/** The last change of a unit's figures for a period (the figure history's id): what an approval saw. */
export function* figuresRevisionOfOp(planId: number, unitId: number, period: string): Op<number> {
  return (yield* get(FIGURES_REVISION_OF, { planId, unitId, period }))?.revision ?? 0;
}

export function figuresRevisionOf(db: Db, planId: number, unitId: number, period: string): number {
  return runSync(db, figuresRevisionOfOp(planId, unitId, period));
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

const REVIEWED_FIGURES = query<
  {
    unit_id: number;
    period: string;
    indicator_id: number;
    name: string;
    measure_unit: string;
    decimals: number;
    value: number;
    target: number | null;
    entered_by: string;
    entered_at: string;
  },
  { planId: number }
>((qb, p) =>
  qb
    .selectFrom('figure_reviews as r')
    .innerJoin('indicators as i', 'i.plan_id', 'r.plan_id')
    .innerJoin('figures as f', (j) => j.onRef('f.indicator_id', '=', 'i.id').onRef('f.unit_id', '=', 'r.unit_id').onRef('f.period', '=', 'r.period'))
    .leftJoin('targets as t', (j) => j.onRef('t.indicator_id', '=', 'i.id').onRef('t.unit_id', '=', 'r.unit_id'))
    .select(['r.unit_id', 'r.period', 'i.id as indicator_id', 'i.name', 'i.measure_unit', 'i.decimals', 'f.value', 't.value as target', 'f.entered_by', 'f.entered_at'])
    .where('r.plan_id', '=', p('planId'))
    .orderBy('i.sort_order')
    .orderBy('i.id'),
);

/** The figures of every unit and period under review in a plan, in indicator order. */
export function* reviewedFiguresOp(planId: number): Op<ReviewedFigureRow[]> {
  return (yield* all(REVIEWED_FIGURES, { planId })).map((r) => ({
    unitId: r.unit_id,
    period: r.period,
    indicatorId: r.indicator_id,
    indicatorName: r.name,
    measureUnit: r.measure_unit,
    decimals: r.decimals,
    value: r.value,
    target: r.target,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
  }));
}

export function reviewedFigures(db: Db, planId: number): ReviewedFigureRow[] {
  return runSync(db, reviewedFiguresOp(planId));
}
