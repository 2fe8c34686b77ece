/**
 * App-wide state: what the database holds (app.info), the plans, and which
 * plan is open. The plan choice is remembered across restarts.
 */
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/views';
import type { Plan } from '../../../shared/model/plan';
import { warmFirstScreen } from '../api/firstScreen';
import { api, errorMessage } from '../api/transport';

const PLAN_KEY = 'taizhang.currentPlanId';

function rememberedPlanId(): number | null {
  try {
    const v = Number(window.localStorage.getItem(PLAN_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export interface AppState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  info: AppInfo | null;
  plans: Plan[];
  planId: number | null;
  /** Loads app.info and plans.list; keeps the current plan when it still exists. */
  boot(): Promise<void>;
  setPlanId(id: number): void;
}

export const useAppStore = create<AppState>((set, get) => ({
  status: 'idle',
  error: null,
  info: null,
  plans: [],
  planId: null,

  async boot() {
    const first = get().status !== 'ready';
    if (first) set({ status: 'loading', error: null });
    try {
      const [info, plans] = await Promise.all([
        api.call('app.info', {}),
        api.call('plans.list', {}),
      ]);
      const wanted = get().planId ?? rememberedPlanId();
      // The remembered plan while it exists; else the newest one in use (archived plans only when nothing else is left).
      const planId = plans.some((p) => p.id === wanted) ? wanted : (plans.find((p) => !p.archivedAt)?.id ?? plans[0]?.id ?? null);
      // At start-up, the first screen's data is asked for now and drawn with the page (api/firstScreen.ts).
      if (first) await warmFirstScreen(plans.find((p) => p.id === planId) ?? null);
      set({ status: 'ready', error: null, info, plans, planId });
    } catch (e) {
      if (first) set({ status: 'error', error: errorMessage(e) });
      else throw e;
    }
  },

  setPlanId(id) {
    try {
      window.localStorage.setItem(PLAN_KEY, String(id));
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts this session only.
    }
    set({ planId: id });
  },
}));

/**
 * A boot started before the window's first render (main.tsx), handed once to the shell, which otherwise
 * boots when it mounts. The window waits for it — at most SHELL_WAIT_MS — before drawing anything, so
 * the shell and the first screen are drawn once, with their data, instead of the shell with a spinner
 * first and again when the data is in: each render of the shell is some 100–170 ms on an office PC, and
 * app.info, plans.list and the dashboard's answer take a few tens (issue 15, the first paint). A slow
 * store still gets its spinner after SHELL_WAIT_MS.
 */
let early: Promise<void> | null = null;

/** How long the window stays blank waiting for its data before it draws the shell with a spinner. */
const SHELL_WAIT_MS = 400;

/** Starts the boot now, before anything is drawn; resolves when it is done or SHELL_WAIT_MS have passed (never rejects). */
export function bootEarly(): Promise<void> {
  early = useAppStore.getState().boot();
  return Promise.race([early, new Promise<void>((resolve) => setTimeout(resolve, SHELL_WAIT_MS))]);
}

/** The shell's start: the early boot when main.tsx began one (once), else a boot now. */
export function bootShell(): Promise<void> {
  const started = early ?? useAppStore.getState().boot();
  early = null;
  return started;
}

export function useCurrentPlan(): Plan | null {
  return useAppStore((s) => s.plans.find((p) => p.id === s.planId) ?? null);
}
