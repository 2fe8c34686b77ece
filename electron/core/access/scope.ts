/**
 * What a caller may read: the scope handlers narrow their answers to
 * (permissions.ts `answer`). An entry account (填报员) sees its own unit's
 * rows and the district's published figures: the district's totals are summed
 * from its own figures and the other units' approved ones only (another
 * unit's 待审核 or 退回 figures are hidden from it, as if not reported yet).
 * Everyone else — admin and viewer accounts, the desktop, `npm run web`, the
 * CLI — reads everything.
 *
 * The hidden figures are read once per plan and kept for the call, by the
 * query layer (store/query.ts): `hiddenInOp` inside an Op on either engine,
 * `hiddenIn` on SQLite, where the scope reads them at once (runSync).
 */
import type { Caller } from '../caller';
import type { Db } from '../db/open';
import { all, query, runSync, type Op } from '../store/query';

/** Figures (unit, period) a caller may not see. */
export interface HiddenFigures {
  has(unitId: number, period: string): boolean;
  readonly size: number;
}

export interface ReadScope {
  /** The entry account's unit: the only sub-unit whose rows it sees; null: every unit. */
  unitId: number | null;
  /**
   * Figures of a plan this caller may not see; null when it sees them all. A scope for Ops
   * (readScopeOfCaller) answers here only for plans its `hiddenInOp` has read.
   */
  hiddenIn(planId: number): HiddenFigures | null;
  /** The same inside an Op, on either engine: read once per plan, then kept. */
  hiddenInOp(planId: number): Op<HiddenFigures | null>;
}

export const FULL_SCOPE: ReadScope = {
  unitId: null,
  hiddenIn: () => null,
  // biome-ignore lint/correctness/useYield: the full scope hides nothing and reads nothing.
  *hiddenInOp() {
    return null;
  },
};

/** Other units' figures not approved yet, in one plan. */
const UNPUBLISHED = query<{ unit_id: number; period: string }, { planId: number; ownUnitId: number }>((qb, p) =>
  qb
    .selectFrom('figure_reviews')
    .select(['unit_id', 'period'])
    .where('plan_id', '=', p('planId'))
    .where('state', '<>', 'approved')
    .where('unit_id', '<>', p('ownUnitId')),
);

function* unpublishedOp(planId: number, ownUnitId: number): Op<HiddenFigures> {
  const keys = new Set((yield* all(UNPUBLISHED, { planId, ownUnitId })).map((r) => `${Number(r.unit_id)}|${r.period}`));
  return { has: (unitId, period) => keys.size > 0 && keys.has(`${unitId}|${period}`), size: keys.size };
}

/** The scope of an entry account bound to a unit; `now` reads a plan's hidden figures at once where it can (SQLite). */
function scopeFor(caller: Caller, now: (<T>(op: Op<T>) => T) | null): ReadScope {
  if (caller.kind !== 'account' || caller.account.role !== 'entry' || caller.account.unitId == null) return FULL_SCOPE;
  const unitId = caller.account.unitId;
  const cache = new Map<number, HiddenFigures>();
  const shown = (hidden: HiddenFigures) => (hidden.size > 0 ? hidden : null);
  return {
    unitId,
    hiddenIn(planId) {
      let hidden = cache.get(planId);
      if (!hidden) {
        if (!now) throw new Error(`hidden figures of plan ${planId} not read yet: ask hiddenInOp inside the Op`);
        cache.set(planId, (hidden = now(unpublishedOp(planId, unitId))));
      }
      return shown(hidden);
    },
    *hiddenInOp(planId) {
      let hidden = cache.get(planId);
      if (!hidden) cache.set(planId, (hidden = yield* unpublishedOp(planId, unitId)));
      return shown(hidden);
    },
  };
}

/** The caller's scope on a SQLite file: `hiddenIn` reads a plan's hidden figures when first asked. */
export function readScopeOf(db: Db, caller: Caller): ReadScope {
  return scopeFor(caller, (op) => runSync(db, op));
}

/** The caller's scope for Ops on either engine (the PostgreSQL core): hidden figures read by `hiddenInOp`. */
export function readScopeOfCaller(caller: Caller): ReadScope {
  return scopeFor(caller, null);
}

/** Whether a row of this unit is shown to the scope: its own, or the plan's unit (the district's totals). */
export function seesUnit(scope: ReadScope, unitId: number, planUnitId: number): boolean {
  return scope.unitId === null || unitId === scope.unitId || unitId === planUnitId;
}
