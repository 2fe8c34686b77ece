/** Handlers of shared/api/methods/figures.ts: thin, the work is figures/progressView.ts (either engine). */
import type { figureMethods } from '../../../shared/api/methods/figures';
import type { HandlersOf } from './types';
import { figuresProgressOp } from '../figures/progressView';
import { readScopeOf } from '../access/scope';
import { runSync } from '../store/query';

export const figureHandlers: HandlersOf<typeof figureMethods> = {
  'figures.progress': ({ db, caller }, { planId, period, unitId }) => runSync(db, figuresProgressOp(planId, period, unitId, readScopeOf(db, caller))),
};
