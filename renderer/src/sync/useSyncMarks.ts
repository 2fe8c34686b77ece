/**
 * The sync marks of a plan's cells (figures and task progress) on a desktop
 * that syncs (sync.marks): read when the grid or 任务进展 opens and again on
 * every data.changed (a save, a sync). A plan that follows no server has none,
 * and the pages look as before.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SyncCellMark, SyncMarks } from '../../../shared/sync/views';
import { api } from '../api/transport';

export const syncMarkKey = (indicatorId: number, unitId: number, period: string) => `${indicatorId}|${unitId}|${period}`;
export const syncProgressKey = (taskId: number, unitId: number, period: string) => `${taskId}|${unitId}|${period}`;

export function useSyncMarks(
  planId: number | null,
  enabled: boolean,
): { index: Map<string, SyncCellMark>; progressIndex: Map<string, SyncCellMark>; marks: SyncMarks | null } {
  const [marks, setMarks] = useState<SyncMarks | null>(null);
  useEffect(() => {
    if (!planId || !enabled) return;
    let live = true;
    const load = () =>
      api
        .call('sync.marks', { planId })
        .then((m) => live && setMarks(m))
        .catch(() => undefined);
    void load();
    const off = api.on('data.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [planId, enabled]);
  const [index, progressIndex] = useMemo(() => {
    const figures = new Map<string, SyncCellMark>();
    const progress = new Map<string, SyncCellMark>();
    for (const m of marks?.marks ?? []) {
      if (m.kind === 'figure' && m.indicatorId !== null) figures.set(syncMarkKey(m.indicatorId, m.unitId, m.period), m);
      if (m.kind === 'progress' && m.taskId !== null) progress.set(syncProgressKey(m.taskId, m.unitId, m.period), m);
    }
    return [figures, progress];
  }, [marks]);
  return { index, progressIndex, marks };
}
