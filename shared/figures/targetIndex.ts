/**
 * Targets looked up by (indicator, unit) with one numeric key, as
 * figureIndex.ts does for figures: a 2,000 × 40 table reads 80,000 targets,
 * and making an object and a nested map entry for each was a third of its time.
 */
import type { Target } from '../model/target';

const UNIT_SPAN = 2 ** 22;

/** One number for a target's cell (indicator, unit): the key this index and an import's writes use. */
export const targetCellKey = (indicatorId: number, unitId: number): number => indicatorId * UNIT_SPAN + unitId;

export interface TargetIndex {
  /** The target of a unit for an indicator, or undefined. */
  get(indicatorId: number, unitId: number): { value: number; valueMax: number | null } | undefined;
}

/** A plan's targets as parallel columns (read as one JSON array per column: repos/indicators.ts). */
export interface TargetColumns {
  indicatorIds: readonly number[];
  unitIds: readonly number[];
  values: readonly number[];
  valueMaxes: readonly (number | null)[];
}

export function indexTargetColumns(columns: TargetColumns): TargetIndex {
  const { indicatorIds, unitIds, values, valueMaxes } = columns;
  const rowOf = new Map<number, number>();
  for (let i = 0; i < indicatorIds.length; i++) rowOf.set(indicatorIds[i] * UNIT_SPAN + unitIds[i], i);
  return {
    get(indicatorId, unitId) {
      const i = rowOf.get(indicatorId * UNIT_SPAN + unitId);
      return i === undefined ? undefined : { value: values[i], valueMax: valueMaxes[i] };
    },
  };
}

export function indexTargets(targets: readonly Target[]): TargetIndex {
  return indexTargetColumns({
    indicatorIds: targets.map((t) => t.indicatorId),
    unitIds: targets.map((t) => t.unitId),
    values: targets.map((t) => t.value),
    valueMaxes: targets.map((t) => t.valueMax ?? null),
  });
}

export const NO_TARGETS: TargetIndex = { get: () => undefined };
