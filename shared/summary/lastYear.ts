/**
 * 同比 of the district for additive indicators. buildProgressTable sums this
 * year's sub-unit figures into the district but takes last year's district
 * value only as entered (or the plan's baseline at year end); when last year
 * was entered per sub-unit, the summary sums it the same way, so "同比增长"
 * is not silently missing. Only when every sub-unit has last year's figure.
 */
import type { ProgressTable } from '../figures/progressTable';
import { yoyGrowth } from '../figures/growth';
import { sumTo } from '../numbers';

export function withSummedLastYear(table: ProgressTable): ProgressTable {
  if (table.rows.length === 0) return table;
  const parentCells = { ...table.parent.cells };
  let changed = false;
  for (const indicator of table.indicators) {
    const cell = parentCells[indicator.id];
    if (!cell || indicator.aggregation !== 'sum' || indicator.measureUnit === '%' || cell.lastYear != null) continue;
    const values = table.rows.map((r) => r.cells[indicator.id]?.lastYear);
    if (values.some((v) => v == null)) continue;
    const lastYear = sumTo(values as number[], indicator.decimals);
    parentCells[indicator.id] = { ...cell, lastYear, yoy: yoyGrowth(cell.actual, lastYear) };
    changed = true;
  }
  return changed ? { ...table, parent: { ...table.parent, cells: parentCells } } : table;
}
