/**
 * The reads the entry grid needs, narrowed to what a view shows: figures of a
 * few periods (not the plan's whole history), targets of a few indicators,
 * and the figures' revision. At 2,000 units × 40 indicators loading every
 * figure of the plan for each view was most of the time. Ops of the query
 * layer (store/query.ts); a list of indicators or periods is bound as one
 * JSON parameter (store/dialect.ts jsonList), so each statement is compiled once.
 */
import { sql } from 'kysely';
import { cumulativePredecessor, cumulativeSuccessor } from '../../../shared/entry/periods';
import type { Figure, Target } from '../../../shared/model/target';
import { samePeriodLastYear } from '../../../shared/periods';
import type { Db } from '../db/open';
import type { HiddenFigures } from '../access/scope';
import { jsonList } from '../store/dialect';
import { all, get, query, runSync, type Op } from '../store/query';

/** Rows a caller may see (access/scope.ts): all of them unless some are hidden from it. */
const visible = (rows: FigureRow[], hidden?: HiddenFigures | null) => (hidden ? rows.filter((r) => !hidden.has(r.unit_id, r.period)) : rows);

type FigureRow = { indicator_id: number; unit_id: number; period: string; value: number; note: string | null };

/** Who entered a figure is not shown in the grid (the cell history says it). */
const toFigure = (r: FigureRow): Figure => ({
  indicatorId: r.indicator_id,
  unitId: r.unit_id,
  period: r.period,
  value: r.value,
  note: r.note,
  enteredBy: '',
  enteredAt: '',
});

/** The periods a figure period's cells read: itself, its cumulative predecessor and successor, the same period last year. */
export function periodsRead(figurePeriod: string): string[] {
  const prev = cumulativePredecessor(figurePeriod);
  const next = cumulativeSuccessor(figurePeriod);
  return [figurePeriod, samePeriodLastYear(figurePeriod), ...(prev ? [prev] : []), ...(next ? [next] : [])];
}

const FIGURES_OF_INDICATORS_IN = query<FigureRow, { indicatorIds: string; periods: string }>((qb, p, engine) =>
  qb
    .selectFrom('figures')
    .select(['indicator_id', 'unit_id', 'period', 'value', 'note'])
    .where('indicator_id', 'in', jsonList(engine, p('indicatorIds'), 'integer'))
    .where('period', 'in', jsonList(engine, p('periods'), 'text')),
);
const FIGURES_OF_PLAN_IN = query<FigureRow, { planId: number; periods: string }>((qb, p, engine) =>
  qb
    .selectFrom('figures as f')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
    .select(['f.indicator_id', 'f.unit_id', 'f.period', 'f.value', 'f.note'])
    .where('i.plan_id', '=', p('planId'))
    .where('f.period', 'in', jsonList(engine, p('periods'), 'text')),
);

/** Figures of a plan in the given periods; only of the given indicators when named. */
export function* figuresInOp(
  planId: number,
  periods: readonly string[],
  indicatorIds?: readonly number[],
  hidden?: HiddenFigures | null,
): Op<Figure[]> {
  if (periods.length === 0 || indicatorIds?.length === 0) return [];
  const periodList = JSON.stringify([...new Set(periods)]);
  const rows = indicatorIds
    ? yield* all(FIGURES_OF_INDICATORS_IN, { indicatorIds: JSON.stringify(indicatorIds), periods: periodList })
    : yield* all(FIGURES_OF_PLAN_IN, { planId, periods: periodList });
  return visible(rows, hidden).map(toFigure);
}

const FIGURES_OF_YEARS = query<FigureRow, { indicatorIds: string; year: string; yearBefore: string }>((qb, p, engine) =>
  qb
    .selectFrom('figures')
    .select(['indicator_id', 'unit_id', 'period', 'value', 'note'])
    .where('indicator_id', 'in', jsonList(engine, p('indicatorIds'), 'integer'))
    .where(sql`substr(period, 1, 4)`, 'in', [p('year'), p('yearBefore')]),
);

/** Figures of some indicators in a year and the year before (the flipped grid, 同比). */
export function* figuresOfYearsOp(indicatorIds: readonly number[], year: number): Op<Figure[]> {
  if (indicatorIds.length === 0) return [];
  return (yield* all(FIGURES_OF_YEARS, { indicatorIds: JSON.stringify(indicatorIds), year: String(year), yearBefore: String(year - 1) })).map(toFigure);
}

const TARGETS_OF = query<{ indicator_id: number; unit_id: number; value: number; value_max: number | null }, { indicatorIds: string }>((qb, p, engine) =>
  qb
    .selectFrom('targets')
    .select(['indicator_id', 'unit_id', 'value', 'value_max'])
    .where('indicator_id', 'in', jsonList(engine, p('indicatorIds'), 'integer')),
);

export function* targetsOfOp(indicatorIds: readonly number[]): Op<Target[]> {
  if (indicatorIds.length === 0) return [];
  return (yield* all(TARGETS_OF, { indicatorIds: JSON.stringify(indicatorIds) })).map((r) => ({
    indicatorId: r.indicator_id,
    unitId: r.unit_id,
    value: r.value,
    valueMax: r.value_max,
  }));
}

const REVISION = query<{ revision: number }>((qb) =>
  qb.selectFrom('figure_history').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('revision')),
);

/**
 * The figures' revision: the id of the last history row. Every change of a
 * figure writes one (repos/figures.ts writeFigure), so equal revisions mean
 * no figure changed in between. Global rather than per plan: cheap and safe
 * (a change in another plan only costs a needless reload).
 */
export function* figureRevisionOp(): Op<number> {
  return (yield* get(REVISION))?.revision ?? 0;
}

export function figureRevision(db: Db): number {
  return runSync(db, figureRevisionOp());
}
