/**
 * 排名 of sub-units. Competition ranking ("1224"): tied units share a rank
 * and the next rank skips, as league tables and bureau reports do. Units
 * without a value are not ranked (null) rather than ranked last, because
 * "no figure yet" is not the same as "worst".
 */
import { roundTo } from '../numbers';
import { COMPARE_DECIMALS } from './thresholds';

export interface Ranked<T> {
  item: T;
  /** 1-based rank; null when the item has no value. */
  rank: number | null;
  /** The value the rank is based on. */
  value: number | null;
}

export interface RankOptions {
  /** 'desc' (default): the highest value ranks 1st. 'asc' for lower-is-better indicators. */
  order?: 'desc' | 'asc';
}

/**
 * Ranks items, by default on their completion `rate`. Returns them in rank
 * order; ties and unranked items keep their input order (stable), so the
 * table order of units with equal rates does not shuffle between renders.
 */
export function rankUnits<T extends { rate: number | null | undefined }>(items: readonly T[], options?: RankOptions): Ranked<T>[];
export function rankUnits<T>(items: readonly T[], valueOfItem: (item: T) => number | null | undefined, options?: RankOptions): Ranked<T>[];
export function rankUnits<T>(
  items: readonly T[],
  valueOrOptions?: ((item: T) => number | null | undefined) | RankOptions,
  maybeOptions?: RankOptions,
): Ranked<T>[] {
  const valueOfItem =
    typeof valueOrOptions === 'function' ? valueOrOptions : (item: T) => (item as { rate?: number | null }).rate;
  const options = typeof valueOrOptions === 'function' ? maybeOptions : valueOrOptions;
  const sign = options?.order === 'asc' ? -1 : 1;

  const rows = items.map((item, i) => {
    const raw = valueOfItem(item);
    const value = raw == null || !Number.isFinite(raw) ? null : raw;
    // Compare rounded values so 0.7 and 6.3/9 (0.7000000000000001) tie.
    return { item, i, value, key: value == null ? null : roundTo(value, COMPARE_DECIMALS) };
  });
  const ranked = rows.filter((r) => r.key != null).sort((a, b) => sign * (b.key! - a.key!) || a.i - b.i);
  const unranked = rows.filter((r) => r.key == null);

  const out: Ranked<T>[] = [];
  ranked.forEach((r, pos) => {
    const prev = ranked[pos - 1];
    const rank = prev && prev.key === r.key ? out[pos - 1].rank : pos + 1;
    out.push({ item: r.item, rank, value: r.value });
  });
  for (const r of unranked) out.push({ item: r.item, rank: null, value: null });
  return out;
}

/** Ranks of plain values, aligned with the input ([0.9, 1.2, 0.9, null] → [2, 1, 2, null]). */
export function rankValues(values: readonly (number | null | undefined)[], options?: RankOptions): (number | null)[] {
  const ranked = rankUnits(
    values.map((v, i) => ({ v, i })),
    (x) => x.v,
    options,
  );
  const result: (number | null)[] = new Array(values.length).fill(null);
  for (const r of ranked) result[r.item.i] = r.rank;
  return result;
}
