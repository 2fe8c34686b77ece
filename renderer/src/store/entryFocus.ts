/**
 * Where 数据填报 should open when another page sends the user there (a
 * dashboard cell, bar or list item): the tab, and the unit, indicator or task
 * to show. The page takes the request once and clears it.
 */
import { create } from 'zustand';

export interface EntryFocus {
  tab: 'grid' | 'progress' | 'reminders';
  unitId?: number;
  indicatorId?: number;
  taskId?: number;
}

interface EntryFocusState {
  focus: EntryFocus | null;
  /** Bumped on every request, so asking for the same cell twice still moves there. */
  seq: number;
  request(focus: EntryFocus): void;
  clear(): void;
}

export const useEntryFocus = create<EntryFocusState>((set) => ({
  focus: null,
  seq: 0,
  request: (focus) => set((s) => ({ focus, seq: s.seq + 1 })),
  clear: () => set({ focus: null }),
}));
