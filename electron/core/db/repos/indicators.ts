/** Indicators (指标) and their targets by unit (指导性任务分解). */
import type { Indicator, NewIndicator } from '../../../../shared/model/indicator';
import { newCode } from './units';
import { indexTargetColumns, type TargetIndex } from '../../../../shared/figures/targetIndex';
import type { Target } from '../../../../shared/model/target';
import type { Db } from '../open';
import { jsonArray } from '../../store/dialect';
import { all, get, query, returnedId, run, runSync, type Op } from '../../store/query';
import { PUT_TARGETS } from './targetWrites';

interface IndicatorRow {
  id: number;
  plan_id: number;
  name: string;
  measure_unit: string;
  aggregation: Indicator['aggregation'];
  frequency: Indicator['frequency'];
  decimals: number;
  sort_order: number;
  wording_text: string | null;
  wording_json: string | null;
  baseline: number | null;
  decomposed: number;
  code: string;
  issued_header: string | null;
}

const toIndicator = (r: IndicatorRow): Indicator => ({
  id: r.id,
  planId: r.plan_id,
  name: r.name,
  measureUnit: r.measure_unit,
  aggregation: r.aggregation,
  frequency: r.frequency,
  decimals: r.decimals,
  sortOrder: r.sort_order,
  wordingText: r.wording_text,
  wording: r.wording_json ? JSON.parse(r.wording_json) : null,
  baseline: r.baseline,
  decomposed: r.decomposed === 1,
  code: r.code,
  issuedHeader: r.issued_header ?? null,
});

type IndicatorValues = Omit<IndicatorRow, 'id' | 'code'> & { code: string };
const INSERT_INDICATOR = query<{ id: number }, IndicatorValues>((qb, p) =>
  qb
    .insertInto('indicators')
    .values({
      plan_id: p('plan_id'),
      name: p('name'),
      measure_unit: p('measure_unit'),
      aggregation: p('aggregation'),
      frequency: p('frequency'),
      decimals: p('decimals'),
      sort_order: p('sort_order'),
      wording_text: p('wording_text'),
      wording_json: p('wording_json'),
      baseline: p('baseline'),
      decomposed: p('decomposed'),
      code: p('code'),
      issued_header: p('issued_header'),
    })
    .returning('id'),
);

export function* insertIndicatorOp(i: NewIndicator): Op<number> {
  return returnedId(
    yield* get(INSERT_INDICATOR, {
      plan_id: i.planId,
      name: i.name,
      measure_unit: i.measureUnit,
      aggregation: i.aggregation,
      frequency: i.frequency,
      decimals: i.decimals,
      sort_order: i.sortOrder,
      wording_text: i.wordingText,
      wording_json: i.wording ? JSON.stringify(i.wording) : null,
      baseline: i.baseline,
      decomposed: i.decomposed ? 1 : 0,
      code: i.code ?? newCode('I'),
      issued_header: i.issuedHeader ?? null,
    }),
  );
}

export function insertIndicator(db: Db, i: NewIndicator): number {
  return runSync(db, insertIndicatorOp(i));
}

const SET_DECOMPOSED = query<never, { id: number; decomposed: number }>((qb, p) =>
  qb.updateTable('indicators').set({ decomposed: p('decomposed') }).where('id', '=', p('id')),
);
const SET_ISSUED_HEADER = query<never, { id: number; header: string | null }>((qb, p) =>
  qb.updateTable('indicators').set({ issued_header: p('header') }).where('id', '=', p('id')),
);

export function* setDecomposedOp(indicatorId: number, decomposed: boolean): Op<void> {
  yield* run(SET_DECOMPOSED, { id: indicatorId, decomposed: decomposed ? 1 : 0 });
}

export function setDecomposed(db: Db, indicatorId: number, decomposed: boolean): void {
  runSync(db, setDecomposedOp(indicatorId, decomposed));
}

/** Records the column header an issued 附件2 printed for the indicator (seed or import). */
export function* setIssuedHeaderOp(indicatorId: number, header: string | null): Op<void> {
  yield* run(SET_ISSUED_HEADER, { id: indicatorId, header });
}

export function setIssuedHeader(db: Db, indicatorId: number, header: string | null): void {
  runSync(db, setIssuedHeaderOp(indicatorId, header));
}

const PLAN_INDICATORS = query<IndicatorRow, { planId: number }>((qb, p) =>
  qb.selectFrom('indicators').selectAll().where('plan_id', '=', p('planId')).orderBy('sort_order').orderBy('id'),
);

export function* listIndicatorsOp(planId: number): Op<Indicator[]> {
  return (yield* all(PLAN_INDICATORS, { planId })).map(toIndicator);
}

export function listIndicators(db: Db, planId: number): Indicator[] {
  return runSync(db, listIndicatorsOp(planId));
}

export function* upsertTargetOp(t: Target): Op<void> {
  // The one targets upsert (repos/targetWrites.ts), here for one row.
  yield* run(PUT_TARGETS, { indicatorId: t.indicatorId, unitId: t.unitId, value: t.value, valueMax: t.valueMax });
}

export function upsertTarget(db: Db, t: Target): void {
  runSync(db, upsertTargetOp(t));
}

/**
 * A plan's targets, indexed: 80,000 at 2,000 × 40, handed over as one JSON array per column
 * (store/dialect.ts jsonArray; as repos/figures.ts figureIndexOf) — no Target object per row.
 */
const TARGET_COLUMNS = query<{ indicatorIds: string; unitIds: string; values: string; valueMaxes: string }, { planId: number }>((qb, p, engine) =>
  qb
    .selectFrom('targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .where('i.plan_id', '=', p('planId'))
    .select((eb) => [
      jsonArray(engine, eb.ref('t.indicator_id')).as('indicatorIds'),
      jsonArray(engine, eb.ref('t.unit_id')).as('unitIds'),
      jsonArray(engine, eb.ref('t.value')).as('values'),
      jsonArray(engine, eb.ref('t.value_max')).as('valueMaxes'),
    ]),
);

/** A plan's targets as four parallel columns (an import compares its sheet with them). */
export function* targetColumnsOp(planId: number): Op<{ indicatorIds: number[]; unitIds: number[]; values: number[]; valueMaxes: (number | null)[] }> {
  const row = yield* get(TARGET_COLUMNS, { planId });
  if (!row) throw new Error('an aggregate answers one row');
  return {
    indicatorIds: JSON.parse(row.indicatorIds),
    unitIds: JSON.parse(row.unitIds),
    values: JSON.parse(row.values),
    valueMaxes: JSON.parse(row.valueMaxes),
  };
}

export function* targetIndexOfOp(planId: number): Op<TargetIndex> {
  return indexTargetColumns(yield* targetColumnsOp(planId));
}

export function targetIndexOf(db: Db, planId: number): TargetIndex {
  return runSync(db, targetIndexOfOp(planId));
}

// In the order SQLite's walk gives (the indicators_plan_code index, then each indicator's targets by unit), said
// so that PostgreSQL answers in the same order: an import's revision (import/revision.ts) hashes this list.
const PLAN_TARGETS = query<{ indicator_id: number; unit_id: number; value: number; value_max: number | null }, { planId: number }>((qb, p) =>
  qb
    .selectFrom('targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .select(['t.indicator_id', 't.unit_id', 't.value', 't.value_max'])
    .where('i.plan_id', '=', p('planId'))
    .orderBy('i.code')
    .orderBy('t.unit_id'),
);

export function* listTargetsOp(planId: number): Op<Target[]> {
  return (yield* all(PLAN_TARGETS, { planId })).map((r) => ({ indicatorId: r.indicator_id, unitId: r.unit_id, value: r.value, valueMax: r.value_max }));
}

export function listTargets(db: Db, planId: number): Target[] {
  return runSync(db, listTargetsOp(planId));
}
