/**
 * A plan's units as the core lists them (`plan.units`): its own unit, its sub-units and its departments,
 * in the one order every screen, export and the CLI use. The one hook the screens read them through.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PlanUnitEntry } from '../../../shared/api/views';
import type { Plan } from '../../../shared/model/plan';
import { api, errorMessage } from '../api/transport';

export interface PlanUnits {
  /** null while loading. */
  units: PlanUnitEntry[] | null;
  own: PlanUnitEntry | undefined;
  subs: PlanUnitEntry[];
  departments: PlanUnitEntry[];
  loadError: string | null;
}

export function usePlanUnits(plan: Plan | null | undefined): PlanUnits {
  const planId = plan?.id ?? null;
  const [loaded, setLoaded] = useState<{ planId: number; units: PlanUnitEntry[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (planId == null) return;
    let live = true;
    const load = () =>
      api
        .call('plan.units', { planId })
        .then((d) => live && (setLoaded({ planId, units: d.units }), setLoadError(null)))
        .catch((e: unknown) => live && setLoadError(errorMessage(e)));
    void load();
    // Units are renamed, added and merged in 设置 → 单位与部门: follow.
    const off = api.on('data.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [planId]);
  return useMemo(() => {
    const units = loaded && loaded.planId === planId ? loaded.units : null;
    const all = units ?? [];
    return {
      units,
      own: all.find((u) => u.role === 'plan'),
      subs: all.filter((u) => u.role === 'sub'),
      departments: all.filter((u) => u.role === 'department'),
      loadError,
    };
  }, [loaded, planId, loadError]);
}
