/** Handlers of shared/api/methods/dashboard.ts. */
import type { dashboardMethods } from '../../../shared/api/methods/dashboard';
import { loadDashboard } from '../dashboard/load';
import { dashboardPdf, dashboardScreenPages } from '../dashboard/export';
import type { HandlersOf } from './types';
import { readScopeOf } from '../access/scope';

export const dashboardHandlers: HandlersOf<typeof dashboardMethods> = {
  'dashboard.get': ({ db, caller }, req) => loadDashboard(db, req, readScopeOf(db, caller)),
  'dashboard.pdf': ({ db, caller }, req) => dashboardPdf(loadDashboard(db, req, readScopeOf(db, caller))),
  'dashboard.pages': ({ db, caller }, req) => dashboardScreenPages(loadDashboard(db, req, readScopeOf(db, caller))),
};
