/** What the entry code reads besides the plan's scope (../plans/scope.ts): its indicators and the district-total rule. */
import type { Indicator } from '../../../shared/model/indicator';
import type { Db } from '../db/open';
import { listIndicators } from '../db/repos/indicators';

/** The one rule for a computed district total, from shared/figures (re-exported for the entry code). */
export { parentIsComputed } from '../../../shared/figures/aggregate';

export function indicatorsOf(db: Db, planId: number): Indicator[] {
  return listIndicators(db, planId);
}
