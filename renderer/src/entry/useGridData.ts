/**
 * The grid's data, kept current cheaply. It is loaded once per view (period,
 * or unit and year); after that our own saves answer with the cells that
 * changed and are patched in locally. The whole grid is loaded again only
 * when something else changed the figures (another window, an import, a
 * lock), and then once for a burst of changes.
 *
 * How "something else" is told apart from our own saves: every grid and
 * every save carries the figures' revision. A save whose revisionBefore is
 * not the revision we hold means someone saved in between; a data.changed
 * event for figures is checked against entry.revision.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { unpackCell } from '../../../shared/entry/packedCell';
import { applySheetPatch, applyUnitYearPatch } from '../../../shared/entry/patch';
import { periodLabel } from '../../../shared/periods';
import type { EntryGridSheet, FigureEdit, FigureSaveResult, FigureView, UnitYearSheet } from '../../../shared/entry/views';
import { api, errorMessage } from '../api/transport';

export type GridData = EntryGridSheet | UnitYearSheet;

/** Events that never change what the figure grid shows. */
const UNRELATED = new Set(['progress', 'operator', 'summary.save']);
/** Reloads triggered by other doors wait this long, so a burst (an import, a colleague pasting) loads once. */
const RELOAD_DELAY_MS = 300;

export interface GridDataResource {
  data: GridData | null;
  error: string | null;
  /** How many times the grid was loaded in full (for tests and the status line). */
  loads: number;
  reload(): void;
  /** Saves edits for this view and patches the grid with the answer. Throws the API error. */
  save(edits: FigureEdit[]): Promise<FigureSaveResult>;
}

export function useGridData(planId: number, view: FigureView | null): GridDataResource {
  const [data, setDataState] = useState<GridData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const key = view == null ? null : JSON.stringify(view);
  // The latest data outside React's render cycle: answers and events arrive between renders.
  const dataRef = useRef<GridData | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingSaves = useRef(0);
  const recheckAfterSaves = useRef(false);

  const setData = useCallback((next: GridData | null) => {
    dataRef.current = next;
    setDataState(next);
  }, []);

  const load = useCallback(async () => {
    if (key == null) return;
    const v = JSON.parse(key) as FigureView;
    const mine = ++seq.current;
    try {
      const value: GridData =
        v.kind === 'units'
          ? await api.call('entry.grid', { planId, period: v.period })
          : await api.call('entry.unitYear', { planId, unitId: v.unitId, year: v.year });
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
      setLoads((n) => n + 1);
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    }
  }, [planId, key, setData]);

  const reload = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), RELOAD_DELAY_MS);
  }, [load]);

  // A new view: show nothing stale, load at once.
  useEffect(() => {
    setData(null);
    void load();
    return () => {
      seq.current++;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load, setData]);

  const checkRevision = useCallback(async () => {
    if (pendingSaves.current > 0) {
      // Our own save may be what changed; decide once its answer is in.
      recheckAfterSaves.current = true;
      return;
    }
    try {
      const { revision } = await api.call('entry.revision', { planId });
      if (pendingSaves.current > 0) recheckAfterSaves.current = true;
      else if (dataRef.current && revision !== dataRef.current.revision) reload();
    } catch {
      reload();
    }
  }, [planId, reload]);

  useEffect(
    () =>
      api.on('data.changed', (payload) => {
        if (payload.planId != null && payload.planId !== planId) return;
        if (UNRELATED.has(payload.reason)) return;
        if (payload.reason === 'figures') void checkRevision();
        else reload();
      }),
    [planId, reload, checkRevision],
  );

  const save = useCallback(
    async (edits: FigureEdit[]): Promise<FigureSaveResult> => {
      const v = key == null ? undefined : (JSON.parse(key) as FigureView);
      pendingSaves.current++;
      try {
        const result = await api.call('entry.save', { planId, edits, ...(v ? { view: v } : {}) });
        const current = dataRef.current;
        if (current) {
          if (result.revisionBefore !== current.revision) reload(); // someone saved in between: their cells are not in our patch
          if (result.patch?.kind === 'units' && 'cells' in current && 'units' in current) {
            setData(applySheetPatch(current, result.patch, result.revision));
          } else if (result.patch?.kind === 'unit' && 'months' in current) {
            setData(applyUnitYearPatch(current, result.patch, result.revision));
          } else if (result.changed > 0) reload();
        }
        return result;
      } finally {
        pendingSaves.current--;
        if (pendingSaves.current === 0 && recheckAfterSaves.current) {
          recheckAfterSaves.current = false;
          void checkRevision();
        }
      }
    },
    [planId, key, reload, checkRevision, setData],
  );

  return { data, error, loads, reload, save };
}

/** The entered value a grid shows for a figure cell; undefined when it does not show that cell. */
export function heldValue(data: GridData | null, indicatorId: number, unitId: number, period: string): number | null | undefined {
  if (!data) return undefined;
  if ('units' in data) {
    if (data.figurePeriods[indicatorId] !== period) return undefined;
    const row = data.units.findIndex((u) => u.id === unitId);
    const col = data.indicators.findIndex((i) => i.id === indicatorId);
    if (row < 0 || col < 0) return undefined;
    const cell = unpackCell(data.cells[row][col]);
    return cell.source === 'entered' || cell.source == null ? cell.actual : undefined;
  }
  if (data.unit.id !== unitId) return undefined;
  for (const month of data.months) {
    const c = data.cells[`${indicatorId}|${month}`];
    if (c && c.figurePeriod === period) return c.cell.actualSource === 'entered' || c.cell.actualSource == null ? c.cell.actual : undefined;
  }
  return undefined;
}

/** "洪都街道 · 技术合同成交额（2022年1-9月）" for a cell of the grid, as far as the grid knows the names. */
export function describeHeldCell(data: GridData | null, indicatorId: number, unitId: number, period: string): string {
  const indicator = data?.indicators.find((i) => i.id === indicatorId)?.name ?? `指标${indicatorId}`;
  const unit = data ? ('units' in data ? data.units.find((u) => u.id === unitId)?.name : data.unit.id === unitId ? data.unit.name : undefined) : undefined;
  return `${unit ?? `单位${unitId}`} · ${indicator}（${periodLabel(period)}）`;
}
