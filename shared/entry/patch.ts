/**
 * Applying a save's answer to the grid the client holds, instead of loading
 * the whole sheet again. Pure and immutable: only the rows that changed are
 * copied, so React sees a new sheet and the other 2,000 rows stay shared.
 */
import type { EntryGridSheet, SheetPatch, UnitYearPatch, UnitYearSheet } from './views';
import { reviewKey, type ReviewMark } from '../review/states';

/** The sheet's 审核 marks with the patch's in place of the same unit and period. */
function mergeReviews(held: readonly ReviewMark[], fresh: readonly ReviewMark[] | undefined): ReviewMark[] {
  if (!fresh?.length) return held as ReviewMark[];
  const replaced = new Set(fresh.map((m) => reviewKey(m.unitId, m.period)));
  return [...held.filter((m) => !replaced.has(reviewKey(m.unitId, m.period))), ...fresh];
}

export function applySheetPatch(sheet: EntryGridSheet, patch: SheetPatch, revision: number): EntryGridSheet {
  if (patch.period !== sheet.period) return { ...sheet, revision };
  const rowOf = new Map(sheet.units.map((u, i) => [u.id, i]));
  const colOf = new Map(sheet.indicators.map((ind, i) => [ind.id, i]));
  const cells = sheet.cells.slice();
  const copied = new Set<number>();
  for (const [unitId, indicatorId, packed] of patch.cells) {
    const row = rowOf.get(unitId);
    const col = colOf.get(indicatorId);
    if (row === undefined || col === undefined) continue;
    if (!copied.has(row)) {
      cells[row] = cells[row].slice();
      copied.add(row);
    }
    cells[row][col] = packed;
  }
  return { ...sheet, cells, ranks: { ...sheet.ranks, ...patch.ranks }, reviews: mergeReviews(sheet.reviews ?? [], patch.reviews), revision };
}

export function applyUnitYearPatch(sheet: UnitYearSheet, patch: UnitYearPatch, revision: number): UnitYearSheet {
  if (patch.unitId !== sheet.unit.id || patch.year !== sheet.year) return { ...sheet, revision };
  return { ...sheet, cells: { ...sheet.cells, ...patch.cells }, reviews: mergeReviews(sheet.reviews ?? [], patch.reviews), revision };
}
