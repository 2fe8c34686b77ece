/**
 * What a caller may read: the scope handlers narrow their answers to
 * (permissions.ts `answer`). An entry account (填报员) sees its own unit's
 * rows and the district's published figures: the district's totals are summed
 * from its own figures and the other units' approved ones only (another
 * unit's 待审核 or 退回 figures are hidden from it, as if not reported yet).
 * Everyone else — admin and viewer accounts, the desktop, `npm run web`, the
 * CLI — reads everything.
 */
import type { Caller } from '../caller';
import type { Db } from '../db/open';

/** Figures (unit, period) a caller may not see. */
export interface HiddenFigures {
  has(unitId: number, period: string): boolean;
  readonly size: number;
}

export interface ReadScope {
  /** The entry account's unit: the only sub-unit whose rows it sees; null: every unit. */
  unitId: number | null;
  /** Figures of a plan this caller may not see; null when it sees them all. */
  hiddenIn(planId: number): HiddenFigures | null;
}

export const FULL_SCOPE: ReadScope = { unitId: null, hiddenIn: () => null };

/** Other units' figures not approved yet, in one plan. */
function unpublished(db: Db, planId: number, ownUnitId: number): HiddenFigures {
  const keys = new Set(
    (
      db
        .prepare("SELECT unit_id, period FROM figure_reviews WHERE plan_id = ? AND state <> 'approved' AND unit_id <> ?")
        .raw()
        .all(planId, ownUnitId) as [number, string][]
    ).map(([u, p]) => `${u}|${p}`),
  );
  return { has: (unitId, period) => keys.size > 0 && keys.has(`${unitId}|${period}`), size: keys.size };
}

export function readScopeOf(db: Db, caller: Caller): ReadScope {
  if (caller.kind !== 'account' || caller.account.role !== 'entry' || caller.account.unitId == null) return FULL_SCOPE;
  const unitId = caller.account.unitId;
  const cache = new Map<number, HiddenFigures>();
  return {
    unitId,
    hiddenIn(planId) {
      let hidden = cache.get(planId);
      if (!hidden) cache.set(planId, (hidden = unpublished(db, planId, unitId)));
      return hidden.size > 0 ? hidden : null;
    },
  };
}

/** Whether a row of this unit is shown to the scope: its own, or the plan's unit (the district's totals). */
export function seesUnit(scope: ReadScope, unitId: number, planUnitId: number): boolean {
  return scope.unitId === null || unitId === scope.unitId || unitId === planUnitId;
}
