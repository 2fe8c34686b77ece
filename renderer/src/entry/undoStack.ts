/**
 * Undo/redo of saved edits (数据填报's figures; 指标分解's targets use a stack of their own). Each step is one user action (a typed cell, a
 * paste, a clear); undoing writes the old values back through the API, so
 * the history in the database records the undo as a change too. The stack
 * lives for the session (not in a component), so reloads of the grid, tab and
 * period switches keep it; opening another plan starts a new one.
 */
import { create } from 'zustand';

export interface UndoCell {
  indicatorId: number;
  unitId: number;
  period: string;
  before: number | null;
  beforeNote: string | null;
  after: number | null;
  afterNote: string | null;
}

export interface UndoStep<C = UndoCell> {
  label: string;
  cells: C[];
}

export interface UndoState<C = UndoCell> {
  /** The plan the steps were made in. */
  planId: number | null;
  done: UndoStep<C>[];
  undone: UndoStep<C>[];
  push(step: UndoStep<C>): void;
  /** Moves the last step to the redo side and returns it. */
  takeUndo(): UndoStep<C> | null;
  takeRedo(): UndoStep<C> | null;
  /** Puts a step back where it came from when writing it failed. */
  restore(step: UndoStep<C>, side: 'done' | 'undone'): void;
  clear(): void;
  /** Keeps the steps when the grid opens again on the same plan; drops them for another plan. */
  bindPlan(planId: number): void;
}

const LIMIT = 200;

/** A session undo stack of steps whose cells are C (figures in 数据填报, targets in 指标分解). */
export const createUndoStack = <C>() => create<UndoState<C>>((set, get) => ({
  planId: null,
  done: [],
  undone: [],
  push: (step) => set((s) => ({ done: [...s.done, step].slice(-LIMIT), undone: [] })),
  takeUndo() {
    const { done, undone } = get();
    const step = done[done.length - 1];
    if (!step) return null;
    set({ done: done.slice(0, -1), undone: [...undone, step] });
    return step;
  },
  takeRedo() {
    const { done, undone } = get();
    const step = undone[undone.length - 1];
    if (!step) return null;
    set({ undone: undone.slice(0, -1), done: [...done, step] });
    return step;
  },
  restore(step, side) {
    set((s) =>
      side === 'done'
        ? { done: [...s.done, step], undone: s.undone.filter((x) => x !== step) }
        : { undone: [...s.undone, step], done: s.done.filter((x) => x !== step) },
    );
  },
  clear: () => set({ done: [], undone: [] }),
  bindPlan(planId) {
    if (get().planId !== planId) set({ planId, done: [], undone: [] });
  },
}));

export const useUndoStack = createUndoStack<UndoCell>();
