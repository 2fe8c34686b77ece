/** The units a report can be made for: the plan's own unit, its sub-units and its departments, in tree order. */
import { useEffect, useMemo, useState } from 'react';
import type { Plan } from '../../../shared/model/plan';
import { subUnitsOf, type Unit } from '../../../shared/model/units';
import { api, errorMessage } from '../api/transport';

export interface PlanUnits {
  /** null while loading. */
  units: Unit[] | null;
  own: Unit | undefined;
  subs: Unit[];
  departments: Unit[];
  loadError: string | null;
}

export function usePlanUnits(plan: Plan): PlanUnits {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .call('units.directory', {})
      .then((d) => live && setUnits(d.units))
      .catch((e: unknown) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => {
    const all = units ?? [];
    return {
      units,
      own: all.find((u) => u.id === plan.unitId),
      subs: subUnitsOf(all, plan.unitId),
      departments: all
        .filter((u) => u.parentId === plan.unitId && u.kind === 'department')
        .sort((a, b) => a.sortOrder - b.sortOrder),
      loadError,
    };
  }, [units, loadError, plan.unitId]);
}
