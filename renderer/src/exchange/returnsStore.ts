/**
 * Returned files loaded for review (回报审核), kept while the user switches
 * tabs: each file's bytes (sent again on accept, the core re-reads them), its
 * review, and which changes are ticked. Conflicts start unticked: nothing is
 * overwritten without an explicit choice.
 */
import { create } from 'zustand';
import { defaultAccepted, type AcceptedCell, type ReturnReview } from '../../../shared/exchange/review';

export interface LoadedReturn {
  fileName: string;
  dataBase64: string;
  review: ReturnReview;
  selected: string[];
}

/** What a review ticks by default (shared/exchange/review.ts defaultAccepted): neither a conflict nor blocked. */
export function defaultSelection(r: ReturnReview): string[] {
  return defaultAccepted(r).map((a) => a.key);
}

/** The accepted cells of a file, each with the value the user saw. */
export function acceptedCells(f: LoadedReturn): AcceptedCell[] {
  const seen = new Map<string, AcceptedCell['seen']>([
    ...f.review.figures.map((c) => [c.key, c.current] as const),
    ...f.review.progress.map((c) => [c.key, c.current] as const),
  ]);
  return f.selected.filter((k) => seen.has(k)).map((key) => ({ key, seen: seen.get(key)! }));
}

interface ReturnsState {
  planId: number | null;
  files: LoadedReturn[];
  /** Adds or replaces (same file name) reviewed files; a new plan starts empty. */
  put(planId: number, files: Omit<LoadedReturn, 'selected'>[], keepSelection?: boolean): void;
  select(fileName: string, keys: string[]): void;
  remove(fileName: string): void;
  clear(): void;
}

export const useReturns = create<ReturnsState>((set) => ({
  planId: null,
  files: [],
  put(planId, files, keepSelection = false) {
    set((s) => {
      const base = s.planId === planId ? s.files : [];
      const next = [...base];
      for (const f of files) {
        const i = next.findIndex((x) => x.fileName === f.fileName);
        const keys = new Set([...f.review.figures, ...f.review.progress].map((c) => c.key));
        const selected =
          keepSelection && i >= 0 ? next[i].selected.filter((k) => keys.has(k)) : defaultSelection(f.review);
        const item = { ...f, selected };
        if (i >= 0) next[i] = item;
        else next.push(item);
      }
      return { planId, files: next };
    });
  },
  select(fileName, keys) {
    set((s) => ({ files: s.files.map((f) => (f.fileName === fileName ? { ...f, selected: keys } : f)) }));
  },
  remove(fileName) {
    set((s) => ({ files: s.files.filter((f) => f.fileName !== fileName) }));
  },
  clear() {
    set({ files: [] });
  },
}));
