/**
 * The first screen's data, asked for as soon as the plan is known at
 * start-up (see api/prefetch.ts for why). Only the dashboard (概览), the
 * screen opened first, is asked ahead; other screens ask when they mount.
 */
import type { Plan } from '../../../shared/model/plan';
import { dashboardRequest } from '../dashboard/request';
import { currentRoute } from '../route';
import { periodOf } from '../store/periodStore';
import { prefetch } from './prefetch';

/** How long start-up waits for the first screen's answer before drawing without it. */
const WAIT_MS = 300;

/** Resolves when the first screen's answer is in, or after WAIT_MS; never rejects. */
export function warmFirstScreen(plan: Plan | null): Promise<void> {
  if (!plan || currentRoute() !== 'overview') return Promise.resolve();
  const request = dashboardRequest(plan, periodOf(plan));
  if (!request) return Promise.resolve();
  return Promise.race([prefetch('dashboard.get', request), new Promise<void>((resolve) => setTimeout(resolve, WAIT_MS))]);
}
