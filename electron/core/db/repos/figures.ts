/**
 * Figures (完成数) and their history. Every change of a value writes the
 * figure and a history row in the same transaction; history is never deleted.
 */
import { indexFigureColumns, type FigureIndex } from '../../../../shared/figures/figureIndex';
import type { Figure } from '../../../../shared/model/target';
import type { Db } from '../open';
import type { FigureHistoryTable } from '../../store/schema';
import { writeTxOp } from '../tx';
import { jsonArray } from '../../store/dialect';
import { sql } from 'kysely';
import { all, get, query, run, runSync, type Op } from '../../store/query';
import type { HiddenFigures } from '../../access/scope';

type FigureRow = {
  indicator_id: number;
  unit_id: number;
  period: string;
  value: number;
  note: string | null;
  entered_by: string;
  entered_at: string;
};

const toFigure = (r: FigureRow): Figure => ({
  indicatorId: r.indicator_id,
  unitId: r.unit_id,
  period: r.period,
  value: r.value,
  note: r.note,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
});

export interface FigureWrite {
  indicatorId: number;
  unitId: number;
  period: string;
  /** null clears the cell (history keeps the old value). */
  value: number | null;
  note?: string | null;
  by: string;
  /** ISO timestamp; now when omitted. */
  at?: string;
  /** Where the value came from: 'entry', a file name, … */
  source?: string | null;
}

export interface FigureHistoryEntry {
  oldValue: number | null;
  newValue: number | null;
  note: string | null;
  changedBy: string;
  changedAt: string;
  source: string | null;
}

const FIGURE = query<FigureRow, { indicatorId: number; unitId: number; period: string }>((qb, p) =>
  qb.selectFrom('figures').selectAll().where('indicator_id', '=', p('indicatorId')).where('unit_id', '=', p('unitId')).where('period', '=', p('period')),
);
const DELETE_FIGURE = query<never, { indicatorId: number; unitId: number; period: string }>((qb, p) =>
  qb.deleteFrom('figures').where('indicator_id', '=', p('indicatorId')).where('unit_id', '=', p('unitId')).where('period', '=', p('period')),
);
const PUT_FIGURE = query<never, FigureRow>((qb, p) =>
  qb
    .insertInto('figures')
    .values({
      indicator_id: p('indicator_id'),
      unit_id: p('unit_id'),
      period: p('period'),
      value: p('value'),
      note: p('note'),
      entered_by: p('entered_by'),
      entered_at: p('entered_at'),
    })
    .onConflict((oc) =>
      oc.columns(['indicator_id', 'unit_id', 'period']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        note: eb.ref('excluded.note'),
        entered_by: eb.ref('excluded.entered_by'),
        entered_at: eb.ref('excluded.entered_at'),
      })),
    ),
);
const ADD_FIGURE_HISTORY = query<
  never,
  { indicatorId: number; unitId: number; period: string; oldValue: number | null; newValue: number | null; note: string | null; by: string; at: string; source: string | null }
>((qb, p) =>
  qb.insertInto('figure_history').values({
    indicator_id: p('indicatorId'),
    unit_id: p('unitId'),
    period: p('period'),
    old_value: p('oldValue'),
    new_value: p('newValue'),
    note: p('note'),
    changed_by: p('by'),
    changed_at: p('at'),
    source: p('source'),
  }),
);

export function* getFigureOp(indicatorId: number, unitId: number, period: string): Op<Figure | undefined> {
  const row = yield* get(FIGURE, { indicatorId, unitId, period });
  return row && toFigure(row);
}

export function getFigure(db: Db, indicatorId: number, unitId: number, period: string): Figure | undefined {
  return runSync(db, getFigureOp(indicatorId, unitId, period));
}

/** Writes one figure and its history row (inside a write transaction); false when nothing changed. */
export function* writeFigureOp(w: FigureWrite, stored?: { value: number; note: string | null } | null): Op<boolean> {
  const cell = { indicatorId: w.indicatorId, unitId: w.unitId, period: w.period };
  // `stored`: the cell as the caller read it in this same transaction (null: none), so it is not read twice.
  const old = stored !== undefined ? stored : yield* getFigureOp(w.indicatorId, w.unitId, w.period);
  const oldValue = old?.value ?? null;
  const note = w.note ?? null;
  if (oldValue === w.value && (old?.note ?? null) === note) return false;
  const at = w.at ?? new Date().toISOString();
  if (w.value === null) yield* run(DELETE_FIGURE, cell);
  else {
    yield* run(PUT_FIGURE, { indicator_id: w.indicatorId, unit_id: w.unitId, period: w.period, value: w.value, note, entered_by: w.by, entered_at: at });
  }
  yield* run(ADD_FIGURE_HISTORY, { ...cell, oldValue, newValue: w.value, note, by: w.by, at, source: w.source ?? null });
  return true;
}

/**
 * Writes one figure and its history row. Call inside a transaction when
 * writing several; on its own it runs in one. Returns false when nothing changed.
 */
export function writeFigure(db: Db, w: FigureWrite): boolean {
  return writeTxOp(db, writeFigureOp(w));
}

/**
 * A plan's figures at one period as columns, each one JSON array (store/dialect.ts jsonArray):
 * both aggregates see the rows in the same order, and both engines write floating-point values so
 * that they read back exactly; building 160,000 row objects cost three to four times as much.
 * Without notes the figures_by_period index alone answers, never the table.
 */
type FigureColumnsRow = { indicatorIds: string; unitIds: string; values: string; notes?: string };
const figureColumns = (notes: boolean) =>
  query<FigureColumnsRow, { planId: number; period: string }>((qb, p, engine) =>
    qb
      .selectFrom('indicators as i')
      .innerJoin('figures as f', 'f.indicator_id', 'i.id')
      .where('i.plan_id', '=', p('planId'))
      .where('f.period', '=', p('period'))
      .select((eb) => [
        jsonArray(engine, eb.ref('f.indicator_id')).as('indicatorIds'),
        jsonArray(engine, eb.ref('f.unit_id')).as('unitIds'),
        jsonArray(engine, eb.ref('f.value')).as('values'),
        ...(notes ? [jsonArray(engine, eb.ref('f.note')).as('notes')] : []),
      ]),
  );
const FIGURE_COLUMNS = figureColumns(false);
const FIGURE_COLUMNS_WITH_NOTES = figureColumns(true);

/**
 * A plan's figures at some periods, indexed — what a ProgressTable (values)
 * and the entry grid (with `notes`) read: 160,000 figures at 2,000 × 40.
 */
export function* figureIndexOfOp(
  planId: number,
  periods: readonly string[],
  options: { notes?: boolean; hidden?: HiddenFigures | null } = {},
): Op<FigureIndex> {
  const batches = [];
  for (const period of new Set(periods)) {
    const row = yield* get(options.notes ? FIGURE_COLUMNS_WITH_NOTES : FIGURE_COLUMNS, { planId, period });
    if (!row) throw new Error('an aggregate answers one row');
    batches.push({ period, indicatorIds: JSON.parse(row.indicatorIds), unitIds: JSON.parse(row.unitIds), values: JSON.parse(row.values), notes: row.notes ? JSON.parse(row.notes) : null });
  }
  const hidden = options.hidden;
  return indexFigureColumns(batches, hidden && hidden.size > 0 ? (unitId, period) => hidden.has(unitId, period) : null);
}

export function figureIndexOf(
  db: Db,
  planId: number,
  periods: readonly string[],
  options: { notes?: boolean; hidden?: HiddenFigures | null } = {},
): FigureIndex {
  return runSync(db, figureIndexOfOp(planId, periods, options));
}

/** Every figure of a plan for the given periods (all periods when omitted). */
const PLAN_FIGURES = query<FigureRow, { planId: number }>(
  (_qb, p) => sql`SELECT f.* FROM figures f JOIN indicators i ON i.id = f.indicator_id WHERE i.plan_id = ${p('planId')}
       ORDER BY f.indicator_id, f.unit_id, f.period`,
);

export function* listFiguresOp(planId: number, periods?: string[]): Op<Figure[]> {
  const rows = yield* all(PLAN_FIGURES, { planId });
  const wanted = periods && new Set(periods);
  return rows.filter((r) => !wanted || wanted.has(r.period)).map(toFigure);
}

export function listFigures(db: Db, planId: number, periods?: string[]): Figure[] {
  return runSync(db, listFiguresOp(planId, periods));
}

const FIGURE_HISTORY = query<
  Pick<FigureHistoryTable, 'old_value' | 'new_value' | 'note' | 'changed_by' | 'changed_at' | 'source'>,
  { indicatorId: number; unitId: number; period: string }
>((qb, p) =>
  qb
    .selectFrom('figure_history')
    .select(['old_value', 'new_value', 'note', 'changed_by', 'changed_at', 'source'])
    .where('indicator_id', '=', p('indicatorId'))
    .where('unit_id', '=', p('unitId'))
    .where('period', '=', p('period'))
    .orderBy('id'),
);

export function* figureHistoryOp(indicatorId: number, unitId: number, period: string): Op<FigureHistoryEntry[]> {
  return (yield* all(FIGURE_HISTORY, { indicatorId, unitId, period })).map((r) => ({
    oldValue: r.old_value,
    newValue: r.new_value,
    note: r.note,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
    source: r.source,
  }));
}

export function figureHistory(db: Db, indicatorId: number, unitId: number, period: string): FigureHistoryEntry[] {
  return runSync(db, figureHistoryOp(indicatorId, unitId, period));
}
