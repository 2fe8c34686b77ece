/**
 * The core's implementation of shared/api/contract.ts: every feature's
 * handlers in one table. Requests arrive here already validated (dispatch.ts).
 */
import type { ApiContract } from '../../shared/api/contract';
import { planHandlers } from './handlers/plan';
import { figureHandlers } from './handlers/figures';
import { entryHandlers } from './handlers/entry';
import { exportHandlers } from './handlers/export';
import { summaryHandlers } from './handlers/summary';
import { importHandlers } from './handlers/import';
import { exchangeHandlers } from './handlers/exchange';
import { backupHandlers } from './handlers/backup';
import { planEditHandlers } from './handlers/planEdit';
import { dashboardHandlers } from './handlers/dashboard';
import { accountHandlers } from './handlers/accounts';
import { reviewHandlers } from './handlers/review';
import { unitHandlers } from './handlers/units';
import { syncHandlers } from './handlers/sync';
import type { HandlersOf } from './handlers/types';

export type { ApiContext } from './handlers/types';

export const handlers: HandlersOf<ApiContract> = {
  ...planHandlers,
  ...figureHandlers,
  ...entryHandlers,
  ...exportHandlers,
  ...summaryHandlers,
  ...importHandlers,
  ...exchangeHandlers,
  ...backupHandlers,
  ...planEditHandlers,
  ...dashboardHandlers,
  ...accountHandlers,
  ...reviewHandlers,
  ...unitHandlers,
  ...syncHandlers,
};
