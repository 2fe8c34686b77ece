/**
 * The reads the entry grid needs, narrowed to what a view shows: figures of a
 * few periods (not the plan's whole history), targets of a few indicators,
 * and the figures' revision. At 2,000 units × 40 indicators loading every
 * figure of the plan for each view was most of the time. Ops of the query
 * layer (store/query.ts); a list of indicators or periods is bound as one
 * JSON parameter (store/dialect.ts jsonList), so each statement is compiled once.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import { cumulativePredecessor, cumulativeSuccessor } from '../../../shared/entry/periods';
import type { Figure, Target } from '../../../shared/model/target';
import { samePeriodLastYear } from '../../../shared/periods';
import type { Db } from '../db/open';
import type { HiddenFigures } from '../access/scope';
import { jsonArray, jsonList } from '../store/dialect';
import { get, query, runSync, type Engine, type Op } from '../store/query';
import type { FiguresTable } from '../store/schema';

/**
 * Figures as columns, each one JSON array (store/dialect.ts jsonArray; all of one query see the rows
 * in the same order): the flipped grid reads every unit's figures of a year and the year before, and
 * a row object each would cost several times the reading (as repos/figures.ts figureIndexOf says).
 */
type FigureColumns = { indicatorIds: string; unitIds: string; periods: string; values: string; notes: string };

/** Who entered a figure is not shown in the grid (the cell history says it); rows a caller may not see (access/scope.ts) left out. */
function figuresOfColumns(row: FigureColumns | undefined, hidden?: HiddenFigures | null): Figure[] {
  if (!row) return [];
  const [indicatorIds, unitIds, periods, values, notes] = [row.indicatorIds, row.unitIds, row.periods, row.values, row.notes].map((c) => JSON.parse(c)) as [
    number[],
    number[],
    string[],
    number[],
    (string | null)[],
  ];
  const out: Figure[] = [];
  for (let k = 0; k < indicatorIds.length; k++) {
    if (hidden?.has(unitIds[k], periods[k])) continue;
    out.push({ indicatorId: indicatorIds[k], unitId: unitIds[k], period: periods[k], value: values[k], note: notes[k], enteredBy: '', enteredAt: '' });
  }
  return out;
}

/** The periods a figure period's cells read: itself, its cumulative predecessor and successor, the same period last year. */
export function periodsRead(figurePeriod: string): string[] {
  const prev = cumulativePredecessor(figurePeriod);
  const next = cumulativeSuccessor(figurePeriod);
  return [figurePeriod, samePeriodLastYear(figurePeriod), ...(prev ? [prev] : []), ...(next ? [next] : [])];
}

/** The five columns of FigureColumns, over `figures as f`. */
const figureColumnsOf = (engine: Engine, eb: ExpressionBuilder<{ f: FiguresTable }, 'f'>) => [
  jsonArray(engine, eb.ref('f.indicator_id')).as('indicatorIds'),
  jsonArray(engine, eb.ref('f.unit_id')).as('unitIds'),
  jsonArray(engine, eb.ref('f.period')).as('periods'),
  jsonArray(engine, eb.ref('f.value')).as('values'),
  jsonArray(engine, eb.ref('f.note')).as('notes'),
];

const FIGURES_IN = query<FigureColumns, { indicatorIds: string; periods: string }>((qb, p, engine) =>
  qb
    .selectFrom('figures as f')
    .select((eb) => figureColumnsOf(engine, eb))
    .where('f.indicator_id', 'in', jsonList(engine, p('indicatorIds'), 'integer'))
    .where('f.period', 'in', jsonList(engine, p('periods'), 'text')),
);

/** Figures of the given indicators in the given periods, but those `hidden` from the caller. */
export function* figuresInOp(indicatorIds: readonly number[], periods: readonly string[], hidden?: HiddenFigures | null): Op<Figure[]> {
  if (periods.length === 0 || indicatorIds.length === 0) return [];
  const row = yield* get(FIGURES_IN, { indicatorIds: JSON.stringify(indicatorIds), periods: JSON.stringify([...new Set(periods)]) });
  return figuresOfColumns(row, hidden);
}

const FIGURES_OF_YEARS = query<FigureColumns, { indicatorIds: string; year: string; yearBefore: string }>((qb, p, engine) =>
  qb
    .selectFrom('figures as f')
    .select((eb) => figureColumnsOf(engine, eb))
    .where('f.indicator_id', 'in', jsonList(engine, p('indicatorIds'), 'integer'))
    .where(sql`substr(f.period, 1, 4)`, 'in', [p('year'), p('yearBefore')]),
);

/** Figures of some indicators in a year and the year before (the flipped grid, 同比). */
export function* figuresOfYearsOp(indicatorIds: readonly number[], year: number): Op<Figure[]> {
  if (indicatorIds.length === 0) return [];
  return figuresOfColumns(yield* get(FIGURES_OF_YEARS, { indicatorIds: JSON.stringify(indicatorIds), year: String(year), yearBefore: String(year - 1) }));
}

const TARGETS_OF = query<{ indicatorIds: string; unitIds: string; values: string; valueMaxes: string }, { indicatorIds: string }>((qb, p, engine) =>
  qb
    .selectFrom('targets as t')
    .select((eb) => [
      jsonArray(engine, eb.ref('t.indicator_id')).as('indicatorIds'),
      jsonArray(engine, eb.ref('t.unit_id')).as('unitIds'),
      jsonArray(engine, eb.ref('t.value')).as('values'),
      jsonArray(engine, eb.ref('t.value_max')).as('valueMaxes'),
    ])
    .where('t.indicator_id', 'in', jsonList(engine, p('indicatorIds'), 'integer')),
);

/** Targets of some indicators (as columns, like the figures above). */
export function* targetsOfOp(indicatorIds: readonly number[]): Op<Target[]> {
  if (indicatorIds.length === 0) return [];
  const row = yield* get(TARGETS_OF, { indicatorIds: JSON.stringify(indicatorIds) });
  if (!row) return [];
  const [ids, unitIds, values, valueMaxes] = [row.indicatorIds, row.unitIds, row.values, row.valueMaxes].map((c) => JSON.parse(c)) as [
    number[],
    number[],
    number[],
    (number | null)[],
  ];
  return ids.map((indicatorId, k) => ({ indicatorId, unitId: unitIds[k], value: values[k], valueMax: valueMaxes[k] }));
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
