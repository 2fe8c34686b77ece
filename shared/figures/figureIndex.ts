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

function build(count: number, at: (i: number) => FigureTuple): FigureIndex {
  const periods = new Map<string, number>();
  const values = new Map<number, number>();
  const notes = new Map<number, string>();
  const keyOf = (indicatorId: number, unitId: number, periodNo: number) => (periodNo * INDICATOR_SPAN + indicatorId) * UNIT_SPAN + unitId;
  for (let i = 0; i < count; i++) {
    const [indicatorId, unitId, period, value, note] = at(i);
    let no = periods.get(period);
    if (no === undefined) periods.set(period, (no = periods.size));
    const key = keyOf(indicatorId, unitId, no);
    values.set(key, value);
    if (note) notes.set(key, note);
  }
  const find = (indicatorId: number, unitId: number, period: string | null) => {
    if (period == null) return undefined;
    const no = periods.get(period);
    return no === undefined ? undefined : keyOf(indicatorId, unitId, no);
  };
  return {
    value(indicatorId, unitId, period) {
      const key = find(indicatorId, unitId, period);
      return key === undefined ? null : (values.get(key) ?? null);
    },
    note(indicatorId, unitId, period) {
      const key = find(indicatorId, unitId, period);
      return key === undefined ? null : (notes.get(key) ?? null);
    },
  };
}

export function indexFigures(figures: readonly Figure[]): FigureIndex {
  return build(figures.length, (i) => {
    const f = figures[i];
    return [f.indicatorId, f.unitId, f.period, f.value, f.note ?? null];
  });
}

export function indexFigureTuples(rows: readonly FigureTuple[]): FigureIndex {
  return build(rows.length, (i) => rows[i]);
}
