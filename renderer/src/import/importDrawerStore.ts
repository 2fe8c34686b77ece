/**
 * Whether the import drawer is open, and with which dropped file: one drawer
 * for the app, opened by the header's 导入 button, a file dropped on the
 * window, or the empty page's 导入表格 (a database without any plan).
 */
import { create } from 'zustand';

interface ImportDrawerState {
  open: boolean;
  /** A file dropped onto the window, to read at once. */
  file: File | null;
  show(file?: File | null): void;
  hide(): void;
}

export const useImportDrawer = create<ImportDrawerState>((set) => ({
  open: false,
  file: null,
  show: (file = null) => set({ open: true, file }),
  hide: () => set({ open: false }),
}));
