/**
 * Figures looked up by (indicator, unit, period) with numeric keys. At 2,000
 * units × 40 indicators a table reads 160,000 figures; building a string key
 * for each ("12|345|2022-09") and hashing it was most of the time a grid took
 * to load. Periods are few per table, so each gets a small number, and the
 * key is one number: (period · 2^20 + indicator) · 2^22 + unit — exact while
 * ids stay below a million indicators and four million units.
 */
import type { Figure } from '../model/target';

const UNIT_SPAN = 2 ** 22;
const INDICATOR_SPAN = 2 ** 20;

export interface FigureIndex {
  /** The value entered, or null. */
  value(indicatorId: number, unitId: number, period: string | null): number | null;
  /** The note entered with it, or null. */
  note(indicatorId: number, unitId: number, period: string | null): string | null;
}

/** A figure as read raw from the database: indicator_id, unit_id, period, value, note. */
export type FigureTuple = readonly [number, number, string, number, string | null];

/**
 * One period's figures as parallel columns — as the core reads them (one JSON
 * array per column from SQLite: no row objects or arrays at 160,000 figures).
 */
export interface FigureColumns {
  period: string;
  indicatorIds: readonly number[];
  unitIds: readonly number[];
  values: readonly number[];
  /** Null when the notes were not read. */
  notes: readonly (string | null)[] | null;
}

/** Builds the index figure by figure (`add`), then answers lookups. */
function indexBuilder() {
  const periods = new Map<string, number>();
  const values = new Map<number, number>();
  const notes = new Map<number, string>();
  const keyOf = (indicatorId: number, unitId: number, periodNo: number) => (periodNo * INDICATOR_SPAN + indicatorId) * UNIT_SPAN + unitId;
  const periodNo = (period: string) => {
    let no = periods.get(period);
    if (no === undefined) periods.set(period, (no = periods.size));
    return no;
  };
  const find = (indicatorId: number, unitId: number, period: string | null) => {
    if (period == null) return undefined;
    const no = periods.get(period);
    return no === undefined ? undefined : keyOf(indicatorId, unitId, no);
  };
  const index: FigureIndex = {
    value(indicatorId, unitId, period) {
      const key = find(indicatorId, unitId, period);
      return key === undefined ? null : (values.get(key) ?? null);
    },
    note(indicatorId, unitId, period) {
      const key = find(indicatorId, unitId, period);
      return key === undefined ? null : (notes.get(key) ?? null);
    },
  };
  return {
    add(indicatorId: number, unitId: number, periodNumber: number, value: number, note: string | null) {
      const key = keyOf(indicatorId, unitId, periodNumber);
      values.set(key, value);
      if (note) notes.set(key, note);
    },
    periodNo,
    index,
  };
}

export function indexFigures(figures: readonly Figure[]): FigureIndex {
  return indexFigureTuples(figures.map((f) => [f.indicatorId, f.unitId, f.period, f.value, f.note ?? null] as const));
}

export function indexFigureTuples(rows: readonly FigureTuple[]): FigureIndex {
  const b = indexBuilder();
  for (const [indicatorId, unitId, period, value, note] of rows) b.add(indicatorId, unitId, b.periodNo(period), value, note);
  return b.index;
}

/** `skip(unitId, period)`: figures left out (those the caller may not see). */
export function indexFigureColumns(batches: readonly FigureColumns[], skip?: ((unitId: number, period: string) => boolean) | null): FigureIndex {
  const b = indexBuilder();
  for (const { period, indicatorIds, unitIds, values, notes } of batches) {
    const no = b.periodNo(period);
    for (let i = 0; i < indicatorIds.length; i++) {
      if (skip?.(unitIds[i], period)) continue;
      b.add(indicatorIds[i], unitIds[i], no, values[i], notes ? notes[i] : null);
    }
  }
  return b.index;
}
