/**
 * A set of ids as a few `BETWEEN` ranges, for SQL that filters a large index
 * scan by it. `unit_id IN (…)` costs a b-tree probe per row (at 960,000
 * figures, half the time of a dashboard); a range test is a comparison. Each
 * range is as wide as it can be without taking in an id that exists but is not
 * in the set, so the test is exact; ids that do not exist may fall inside.
 */
export type IdRange = readonly [number, number];

/**
 * The ranges covering `wanted` and no id of `existing` outside it, or null
 * when more than `maxRanges` are needed (the caller then uses `IN`).
 */
export function idRanges(wanted: readonly number[], existing: readonly number[], maxRanges = 16): IdRange[] | null {
  const inSet = new Set(wanted);
  const all = [...new Set([...existing, ...wanted])].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  let open: [number, number] | null = null;
  for (const id of all) {
    if (inSet.has(id)) {
      if (open) open[1] = id;
      else ranges.push((open = [id, id]));
    } else {
      open = null;
    }
    if (ranges.length > maxRanges) return null;
  }
  return ranges;
}

/** `(col BETWEEN ? AND ? OR …)` and its parameters; a condition that is false for no ranges. */
export function rangesSql(column: string, ranges: readonly IdRange[]): { sql: string; params: number[] } {
  if (ranges.length === 0) return { sql: '0', params: [] };
  return { sql: `(${ranges.map(() => `${column} BETWEEN ? AND ?`).join(' OR ')})`, params: ranges.flat() };
}
