/**
 * Figures looked up by (indicator, unit, period) with numeric keys. At 2,000
 * units × 40 indicators a table reads 160,000 figures; building a string key
 * for each ("12|345|2022-09") and hashing it was most of the time a grid took
 * to load. Periods are few per table, so each gets a small number; a figure
 * sits in the map of its (period, indicator) — key period · 2^20 + indicator —
 * under its unit id. Both keys stay small integers (V8's Smis): one number
 * for all three, beyond 2^30, was a heap-allocated double per figure and
 * made indexing last year's figures several times slower.
 */
import type { Figure } from '../model/target';

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
  const values = new Map<number, Map<number, number>>();
  const notes = new Map<number, Map<number, string>>();
  const periodNo = (period: string) => {
    let no = periods.get(period);
    if (no === undefined) periods.set(period, (no = periods.size));
    return no;
  };
  const slot = (indicatorId: number, period: string | null) => {
    if (period == null) return undefined;
    const no = periods.get(period);
    return no === undefined ? undefined : no * INDICATOR_SPAN + indicatorId;
  };
  const index: FigureIndex = {
    value(indicatorId, unitId, period) {
      const at = slot(indicatorId, period);
      return at === undefined ? null : (values.get(at)?.get(unitId) ?? null);
    },
    note(indicatorId, unitId, period) {
      const at = slot(indicatorId, period);
      return at === undefined ? null : (notes.get(at)?.get(unitId) ?? null);
    },
  };
  const mapAt = <T,>(maps: Map<number, Map<number, T>>, at: number) => {
    let m = maps.get(at);
    if (!m) maps.set(at, (m = new Map()));
    return m;
  };
  return {
    add(indicatorId: number, unitId: number, periodNumber: number, value: number, note: string | null) {
      const at = periodNumber * INDICATOR_SPAN + indicatorId;
      mapAt(values, at).set(unitId, value);
      if (note) mapAt(notes, at).set(unitId, note);
    },
    periodNo,
    index,
  };
}

export function indexFigures(figures: readonly Figure[]): FigureIndex {
  const b = indexBuilder();
  for (const f of figures) b.add(f.indicatorId, f.unitId, b.periodNo(f.period), f.value, f.note ?? null);
  return b.index;
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
