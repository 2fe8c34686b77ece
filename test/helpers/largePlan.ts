/**
 * A synthetic plan at the scale the entry grid promises (2,000 units × 40
 * indicators), written straight into a store. Not sample data shown to
 * users: it lives only in test and bench temp databases.
 *
 * Written once as an Op of the query layer (electron/core/store/query.ts):
 * `buildLargePlan` writes it into a SQLite file, `largePlanOp` in one write
 * transaction of a PostgreSQL store (the serve load bench on PostgreSQL).
 */
import { openDb } from '../../electron/core/db/open';
import { writeTxOp } from '../../electron/core/db/tx';
import { insertIndicatorOp, upsertTargetOp } from '../../electron/core/db/repos/indicators';
import { insertPlanOp } from '../../electron/core/db/repos/plans';
import { insertUnitOp } from '../../electron/core/db/repos/units';
import { sql } from 'kysely';
import { query, run, type Op } from '../../electron/core/store/query';

export interface LargePlan {
  planId: number;
  districtId: number;
  unitIds: number[];
  indicatorIds: number[];
}

export interface LargePlanOptions {
  units?: number;
  indicators?: number;
  /** Monthly periods of 2022 to fill with a figure for every unit × indicator (e.g. ['2022-08', '2022-09']). */
  filledPeriods?: string[];
}

/**
 * One indicator's figures of one month for every street at once (a row per figure would be 160,000
 * statements at 2,000 × 40 × 2 months). Values spread so rates and ranks differ between units (by the
 * street's place, sort_order - 1); later months are higher (cumulative).
 */
const FILL_FIGURES = query<never, { indicatorId: number; districtId: number; period: string; shift: number; month: number }>(
  (_qb, p) => sql`INSERT INTO figures (indicator_id, unit_id, period, value, note, entered_by, entered_at)
    SELECT CAST(${p('indicatorId')} AS INTEGER), id, CAST(${p('period')} AS TEXT),
           1 + ((sort_order - 1) * 7 + CAST(${p('shift')} AS INTEGER)) % 9 + CAST(${p('month')} AS INTEGER),
           NULL, '压力测试', '2022-10-01T00:00:00.000Z'
    FROM units WHERE parent_id = CAST(${p('districtId')} AS INTEGER) ORDER BY sort_order`,
);

/** The plan, its units, indicators, targets and figures; run it as ONE write transaction (writeTxOp, writeTxPgOp). */
export function* largePlanOp(options: LargePlanOptions = {}): Op<LargePlan> {
  const unitCount = options.units ?? 2000;
  const indicatorCount = options.indicators ?? 40;
  const districtId = yield* insertUnitOp({ name: '压力测试区', kind: 'district', parentId: null, sortOrder: 0 });
  const unitIds: number[] = [];
  for (let i = 0; i < unitCount; i++) {
    unitIds.push(yield* insertUnitOp({ name: `测试街道${String(i + 1).padStart(4, '0')}`, kind: 'street', parentId: districtId, sortOrder: i + 1 }));
  }
  const planId = yield* insertPlanOp({
    unitId: districtId,
    title: '压力测试工作要点',
    yearStart: 2022,
    yearEnd: 2022,
    docNumber: null,
    issuedOn: null,
    issuer: null,
    source: null,
  });
  const indicatorIds: number[] = [];
  for (let j = 0; j < indicatorCount; j++) {
    const id = yield* insertIndicatorOp({
      planId,
      name: `测试指标${String(j + 1).padStart(2, '0')}`,
      measureUnit: '家',
      aggregation: 'sum',
      frequency: 'monthly',
      decimals: 0,
      sortOrder: j,
      wording: null,
      wordingText: null,
      baseline: null,
      decomposed: true,
    });
    indicatorIds.push(id);
    for (const unitId of unitIds) yield* upsertTargetOp({ indicatorId: id, unitId, value: 10, valueMax: null });
  }
  const periods = options.filledPeriods ?? [];
  for (let month = 0; month < periods.length; month++) {
    for (let j = 0; j < indicatorIds.length; j++) {
      yield* run(FILL_FIGURES, { indicatorId: indicatorIds[j], districtId, period: periods[month], shift: j * 3, month });
    }
  }
  return { planId, districtId, unitIds, indicatorIds };
}

export function buildLargePlan(dbPath: string, options: LargePlanOptions = {}): LargePlan {
  const { db } = openDb(dbPath);
  try {
    return writeTxOp(db, largePlanOp(options));
  } finally {
    db.close();
  }
}
