/**
 * One grid cell on the wire, packed. The sheet of 2,000 units × 40 indicators
 * has 80,000 cells; as objects with repeated keys it was ~20 MB of JSON per
 * load. Packed as short arrays with trailing nulls dropped, an empty cell with
 * a target is `[10]` and a filled one `[10,7,1,0.7,0]`.
 *
 * Positions (stable, append only):
 *   0 target   1 actual   2 status code   3 rate   4 source (0 entered, 1 sum, 2 partial sum)
 *   5 previous cumulative   6 note   7 targetMax   8 last year (上年同期)   9 同比 (fraction)
 *   10 point change (比率指标: 个百分点)
 *
 * Ranks are not in the cell: one edit moves the rank of every unit below it,
 * so they travel as one array per indicator column (EntryGridSheet.ranks).
 */
import type { ProgressCell } from '../figures/progressTable';
import type { Status } from '../figures/status';

/** What the grid shows of one cell. */
export interface EntryCell {
  target: number | null;
  targetMax: number | null;
  /** Entered, or for an additive parent the sum of its sub-units. */
  actual: number | null;
  source: ProgressCell['actualSource'];
  rate: number | null;
  status: Status;
  note: string | null;
  /** The cumulative value of the month before (monthly cumulative indicators). */
  previous: number | null;
  /** The same period last year, and 同比 against it (a ratio indicator: the change in 个百分点 instead). */
  lastYear: number | null;
  yoy: number | null;
  pointChange: number | null;
}

export type PackedCell = (number | string | null)[];

/** 'none' is absent (null), so a cell without data packs to its target alone. */
const STATUS_CODES: readonly Status[] = ['none', 'green', 'amber', 'red', 'partial'];
const SOURCE_CODES: readonly NonNullable<EntryCell['source']>[] = ['entered', 'sum', 'partial_sum'];

/**
 * Rates are quotients (0.04 / 0.05 = 0.7999999999999999); ten decimals keep
 * every digit a screen or the status rule looks at and halve their length.
 */
const trimRate = (rate: number | null) => (rate == null ? null : Math.round(rate * 1e10) / 1e10);

export function entryCellOf(c: ProgressCell, note: string | null, previous: number | null): EntryCell {
  return {
    target: c.target,
    targetMax: c.targetMax,
    actual: c.actual,
    source: c.actualSource,
    rate: trimRate(c.rate),
    status: c.status,
    note,
    previous,
    lastYear: c.lastYear ?? null,
    yoy: trimRate(c.yoy ?? null),
    pointChange: c.pointChange == null ? null : Math.round(c.pointChange * 1e10) / 1e10,
  };
}

export function packCell(c: EntryCell): PackedCell {
  const out: PackedCell = [
    c.target,
    c.actual,
    c.status === 'none' ? null : STATUS_CODES.indexOf(c.status),
    c.rate,
    c.source == null ? null : SOURCE_CODES.indexOf(c.source),
    c.previous,
    c.note,
    c.targetMax,
    c.lastYear,
    c.yoy,
    c.pointChange,
  ];
  let end = out.length;
  while (end > 0 && out[end - 1] == null) end--;
  out.length = end;
  return out;
}

const num = (v: number | string | null | undefined): number | null => (typeof v === 'number' ? v : null);

export function unpackCell(p: PackedCell): EntryCell {
  const status = num(p[2]);
  const source = num(p[4]);
  return {
    target: num(p[0]),
    actual: num(p[1]),
    status: status == null ? 'none' : (STATUS_CODES[status] ?? 'none'),
    rate: num(p[3]),
    source: source == null ? null : (SOURCE_CODES[source] ?? 'entered'),
    previous: num(p[5]),
    note: typeof p[6] === 'string' ? p[6] : null,
    targetMax: num(p[7]),
    lastYear: num(p[8]),
    yoy: num(p[9]),
    pointChange: num(p[10]),
  };
}
