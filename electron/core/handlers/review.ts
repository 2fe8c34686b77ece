/** Handlers of shared/api/methods/review.ts (审核): thin, the rules are in electron/core/review/. */
import type { reviewMethods } from '../../../shared/api/methods/review';
import { requireOperator } from '../caller';
import { approveFigures, listReviewRows, returnFigures, reviewHistoryOp } from '../review/service';
import { runSync } from '../store/query';
import { readScopeOf } from '../access/scope';
import { narrowReviewList } from '../access/narrow';
import type { HandlersOf } from './types';

export const reviewHandlers: HandlersOf<typeof reviewMethods> = {
  'review.list': ({ db, caller }, { planId, state }) => narrowReviewList(listReviewRows(db, planId, state), readScopeOf(db, caller)),
  'review.approve': ({ db, caller }, req) => {
    approveFigures(db, req, requireOperator(db, caller));
    return { ok: true };
  },
  'review.return': ({ db, caller }, req) => {
    returnFigures(db, req, requireOperator(db, caller));
    return { ok: true };
  },
  'review.history': ({ db }, { planId, unitId, period }) => runSync(db, reviewHistoryOp(planId, unitId, period)),
};
