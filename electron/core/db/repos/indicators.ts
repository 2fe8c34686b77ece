/** Indicators (指标) and their targets by unit (指导性任务分解). */
import type { Indicator, NewIndicator } from '../../../../shared/model/indicator';
import { newCode } from './units';
import { indexTargetColumns, type TargetIndex } from '../../../../shared/figures/targetIndex';
import type { Target } from '../../../../shared/model/target';
import type { Db } from '../open';

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

export function insertIndicator(db: Db, i: NewIndicator): number {
  return Number(
    db
      .prepare(
        `INSERT INTO indicators (plan_id, name, measure_unit, aggregation, frequency, decimals, sort_order,
                                 wording_text, wording_json, baseline, decomposed, code, issued_header)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        i.planId,
        i.name,
        i.measureUnit,
        i.aggregation,
        i.frequency,
        i.decimals,
        i.sortOrder,
        i.wordingText,
        i.wording ? JSON.stringify(i.wording) : null,
        i.baseline,
        i.decomposed ? 1 : 0,
        i.code ?? newCode('I'),
        i.issuedHeader ?? null,
      ).lastInsertRowid,
  );
}

export function setDecomposed(db: Db, indicatorId: number, decomposed: boolean): void {
  db.prepare('UPDATE indicators SET decomposed = ? WHERE id = ?').run(decomposed ? 1 : 0, indicatorId);
}

/** Records the column header an issued 附件2 printed for the indicator (seed or import). */
export function setIssuedHeader(db: Db, indicatorId: number, header: string | null): void {
  db.prepare('UPDATE indicators SET issued_header = ? WHERE id = ?').run(header, indicatorId);
}

export function listIndicators(db: Db, planId: number): Indicator[] {
  return (
    db.prepare('SELECT * FROM indicators WHERE plan_id = ? ORDER BY sort_order, id').all(planId) as IndicatorRow[]
  ).map(toIndicator);
}

export function upsertTarget(db: Db, t: Target): void {
  db.prepare(
    `INSERT INTO targets (indicator_id, unit_id, value, value_max) VALUES (?, ?, ?, ?)
     ON CONFLICT (indicator_id, unit_id) DO UPDATE SET value = excluded.value, value_max = excluded.value_max`,
  ).run(t.indicatorId, t.unitId, t.value, t.valueMax);
}

/** A plan's targets indexed straight from the rows (no Target objects: 80,000 at 2,000 × 40). */
/** A plan's targets, indexed: 80,000 at 2,000 × 40, handed over as one JSON array per column (as repos/figures.ts figureIndexOf). */
export function targetIndexOf(db: Db, planId: number): TargetIndex {
  const [indicatorIds, unitIds, values, valueMaxes] = db
    .prepare(
      `SELECT json_group_array(t.indicator_id), json_group_array(t.unit_id), json_group_array(t.value), json_group_array(t.value_max)
       FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ?`,
    )
    .raw()
    .get(planId) as string[];
  return indexTargetColumns({ indicatorIds: JSON.parse(indicatorIds), unitIds: JSON.parse(unitIds), values: JSON.parse(values), valueMaxes: JSON.parse(valueMaxes) });
}

export function listTargets(db: Db, planId: number): Target[] {
  return (
    db
      .prepare(
        `SELECT t.indicator_id, t.unit_id, t.value, t.value_max FROM targets t
         JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ?`,
      )
      .all(planId) as { indicator_id: number; unit_id: number; value: number; value_max: number | null }[]
  ).map((r) => ({ indicatorId: r.indicator_id, unitId: r.unit_id, value: r.value, valueMax: r.value_max }));
}
