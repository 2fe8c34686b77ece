/**
 * The app-wide period (报告期): one choice shared by the dashboard (概览) and
 * 数据填报, remembered per plan across pages and restarts (localStorage), so
 * leaving 数据填报 no longer resets it to 1-12月.
 */
import { create } from 'zustand';
import { defaultPeriod } from '../../../shared/entry/periods';
import { isPeriodKey } from '../../../shared/periods';
import type { Plan } from '../../../shared/model/plan';

const KEY = (planId: number) => `taizhang.period.${planId}`;

function remembered(planId: number): string | null {
  try {
    return window.localStorage.getItem(KEY(planId));
  } catch {
    return null;
  }
}

/** Whether a period can be shown for the plan: its years, or the year before (上年同期). */
function fits(plan: Pick<Plan, 'yearStart' | 'yearEnd'>, period: string): boolean {
  if (!isPeriodKey(period)) return false;
  const year = Number(period.slice(0, 4));
  return year >= plan.yearStart - 1 && year <= plan.yearEnd;
}

interface PeriodState {
  /** Chosen period per plan id (this session). */
  byPlan: Record<number, string>;
  set(planId: number, period: string): void;
}

export const usePeriodStore = create<PeriodState>((set) => ({
  byPlan: {},
  set(planId, period) {
    try {
      window.localStorage.setItem(KEY(planId), period);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts this session only.
    }
    set((s) => ({ byPlan: { ...s.byPlan, [planId]: period } }));
  },
}));

type PeriodPlan = Pick<Plan, 'id' | 'yearStart' | 'yearEnd' | 'lastFigureMonth'>;

/** The rule: chosen this session, else remembered, else defaultPeriod (the last month ended; a past plan's last month with figures). */
function periodFor(plan: PeriodPlan, chosen: string | undefined): string {
  const stored = chosen ?? remembered(plan.id);
  return stored && fits(plan, stored) ? stored : defaultPeriod(plan.yearStart, new Date(), plan.yearEnd, plan.lastFigureMonth ?? null);
}

/** The plan's period now, outside React (what the first screen is asked for ahead, api/prefetch.ts). */
export function periodOf(plan: PeriodPlan): string {
  return periodFor(plan, usePeriodStore.getState().byPlan[plan.id]);
}

/** The plan's period, and the setter that remembers a choice. */
export function usePeriod(plan: PeriodPlan | null): [string, (period: string) => void] {
  const chosen = usePeriodStore((s) => (plan ? s.byPlan[plan.id] : undefined));
  const setPeriod = usePeriodStore((s) => s.set);
  if (!plan) return [defaultPeriod(new Date().getFullYear(), new Date()), () => undefined];
  return [periodFor(plan, chosen), (p: string) => setPeriod(plan.id, p)];
}
