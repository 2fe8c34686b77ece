/**
 * Data of the open plan, loaded per API method and plan id and cached until
 * the core says something changed (data.changed).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ApiResponse } from '../../../shared/api/contract';
import { api, errorMessage } from '../api/transport';

/** The per-plan methods: each takes { planId }. */
export type PlanMethod = 'plan.overview' | 'tasks.table' | 'targets.breakdown' | 'targets.history';

export interface Loadable<T> {
  status: 'loading' | 'ready' | 'error';
  data: T | null;
  error: string | null;
}

const key = (method: PlanMethod, planId: number) => `${method}#${planId}`;

interface PlanDataState {
  entries: Record<string, Loadable<unknown>>;
  load(method: PlanMethod, planId: number, force?: boolean): Promise<void>;
  /** Drops cached data of one plan (or every plan) so the screens reload it. */
  invalidate(planId: number | null): void;
}

export const usePlanData = create<PlanDataState>((set, get) => ({
  entries: {},

  async load(method, planId, force = false) {
    const k = key(method, planId);
    const current = get().entries[k];
    if (current && !force && current.status !== 'error') return;
    // Keep showing old data while a refresh runs.
    set((s) => ({
      entries: {
        ...s.entries,
        [k]: { status: current?.data ? 'ready' : 'loading', data: current?.data ?? null, error: null },
      },
    }));
    try {
      const data = await api.call(method, { planId });
      set((s) => ({ entries: { ...s.entries, [k]: { status: 'ready', data, error: null } } }));
    } catch (e) {
      set((s) => ({
        entries: { ...s.entries, [k]: { status: 'error', data: null, error: errorMessage(e) } },
      }));
    }
  },

  invalidate(planId) {
    const entries = get().entries;
    const stale = Object.keys(entries).filter((k) => planId == null || k.endsWith(`#${planId}`));
    for (const k of stale) {
      const [method, id] = k.split('#');
      void get().load(method as PlanMethod, Number(id), true);
    }
  },
}));

/** Loads (once) and returns one per-plan resource of the open plan. */
export function usePlanResource<M extends PlanMethod>(
  method: M,
  planId: number | null,
): Loadable<ApiResponse<M>> & { reload(): void } {
  const load = usePlanData((s) => s.load);
  const entry = usePlanData((s) => (planId == null ? undefined : s.entries[key(method, planId)]));
  useEffect(() => {
    if (planId != null) void load(method, planId);
  }, [load, method, planId]);
  const reload = () => {
    if (planId != null) void load(method, planId, true);
  };
  if (planId == null) return { status: 'error', data: null, error: '尚未选择工作要点。', reload };
  const e = (entry ?? { status: 'loading', data: null, error: null }) as Loadable<ApiResponse<M>>;
  return { ...e, reload };
}
