/**
 * What the dashboard asks `dashboard.get` for: the plan at the period, for
 * one unit or the whole plan; nothing in the base year (上年同期 has figures
 * but no targets, so no status to show). One rule for the page and for the
 * answer asked ahead at start-up (api/firstScreen.ts).
 */
import type { ApiRequest } from '../../../shared/api/contract';
import { isBaseYear, type Plan } from '../../../shared/model/plan';

export function dashboardRequest(plan: Pick<Plan, 'id' | 'yearStart'>, period: string, unitId?: number): ApiRequest<'dashboard.get'> | null {
  if (isBaseYear(plan, Number(period.slice(0, 4)))) return null;
  return { planId: plan.id, period, ...(unitId ? { unitId } : {}) };
}
