/**
 * Applying a save's answer to the grid the client holds, instead of loading
 * the whole sheet again. Pure and immutable: only the rows that changed are
 * copied, so React sees a new sheet and the other 2,000 rows stay shared.
 */
import type { EntryGridSheet, SheetPatch, UnitYearPatch, UnitYearSheet } from './views';

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
  return { ...sheet, cells, ranks: { ...sheet.ranks, ...patch.ranks }, revision };
}

export function applyUnitYearPatch(sheet: UnitYearSheet, patch: UnitYearPatch, revision: number): UnitYearSheet {
  if (patch.unitId !== sheet.unit.id || patch.year !== sheet.year) return { ...sheet, revision };
  return { ...sheet, cells: { ...sheet.cells, ...patch.cells }, revision };
}
