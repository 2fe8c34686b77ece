/** Handlers of shared/api/methods/figures.ts. */
import type { figureMethods } from '../../../shared/api/methods/figures';
import type { HandlersOf } from './types';
import { readScopeOf } from '../access/scope';
import { progressViewOp } from '../figures/progressView';
import { runSync } from '../store/query';

export const figureHandlers: HandlersOf<typeof figureMethods> = {
  'figures.progress': ({ db, caller }, { planId, period, unitId }) => runSync(db, progressViewOp(planId, period, unitId, readScopeOf(db, caller))),
};
