/**
 * The cumulative rule's neighbours within one batch of edits (a pasted block, a returned file):
 * when a batch sets both a period and the one before or after it, each is checked against the
 * other's value as the batch leaves it, not as it was stored. The grid (before asking for notes)
 * and the core (saveFigures, before writing) use the same two functions. Pure.
 */
import { parseNumber } from '../numbers';
import { cumulativePredecessor, cumulativeSuccessor } from './periods';

export interface BatchCell {
  indicatorId: number;
  unitId: number;
  period: string;
  /** null clears the cell. */
  value: number | null;
}

/** The batch's values by cell; a later edit of the same cell wins, as it would when written in order. */
export type BatchValues = ReadonlyMap<string, number | null>;

const keyOf = (indicatorId: number, unitId: number, period: string) => `${indicatorId}|${unitId}|${period}`;

export function batchValues(cells: readonly BatchCell[]): BatchValues {
  return new Map(cells.map((c) => [keyOf(c.indicatorId, c.unitId, c.period), c.value]));
}

/** The same from typed or pasted text: a text that is not a number is left out (it is refused on its own). */
export function pastedValues(cells: readonly (Omit<BatchCell, 'value'> & { text: string })[]): BatchValues {
  const out: BatchCell[] = [];
  for (const c of cells) {
    const t = c.text.trim();
    const value = t === '' ? null : parseNumber(t);
    if (t === '' || value !== null) out.push({ indicatorId: c.indicatorId, unitId: c.unitId, period: c.period, value });
  }
  return batchValues(out);
}

/**
 * The previous and next cumulative values a cell is checked against once the batch is written.
 * When the batch also sets the next period, the next value is not checked here: that cell's own
 * backward check judges the pair, so a drop inside a block asks one note, on the later period.
 */
export function neighboursAfterPaste(
  batch: BatchValues,
  indicatorId: number,
  unitId: number,
  period: string,
  stored: { previous: number | null; next: number | null },
): { previous: number | null; next: number | null } {
  const prev = cumulativePredecessor(period);
  const next = cumulativeSuccessor(period);
  const at = (p: string | null, fallback: number | null) => {
    if (!p) return null;
    const k = keyOf(indicatorId, unitId, p);
    return batch.has(k) ? (batch.get(k) ?? null) : fallback;
  };
  const nextInBatch = next !== null && batch.has(keyOf(indicatorId, unitId, next));
  return { previous: at(prev, stored.previous), next: nextInBatch ? null : at(next, stored.next) };
}
