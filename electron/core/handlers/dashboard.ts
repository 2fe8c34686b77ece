/** Handlers of shared/api/methods/dashboard.ts. */
import type { dashboardMethods } from '../../../shared/api/methods/dashboard';
import { loadDashboard } from '../dashboard/load';
import { dashboardPdf, dashboardScreenPages } from '../dashboard/export';
import type { HandlersOf } from './types';

export const dashboardHandlers: HandlersOf<typeof dashboardMethods> = {
  'dashboard.get': ({ db }, req) => loadDashboard(db, req),
  'dashboard.pdf': ({ db }, req) => dashboardPdf(loadDashboard(db, req)),
  'dashboard.pages': ({ db }, req) => dashboardScreenPages(loadDashboard(db, req)),
};
