/**
 * What the grid (renderer/src/entry/EntryGrid.tsx) draws and edits, whatever
 * the cells are — figures in 数据填报, targets in 指标分解: the axes, each
 * cell's meta (M) and whether it is read-only, and from the model how a cell
 * shows its value, what the rules say of a text as it is typed, the line under
 * the value, and the cell's place in words.
 */
import type { ReactNode } from 'react';
import type { Pos } from './keymap';

export type { Pos } from './keymap';

export interface GridCell<M> {
  /** null: nothing to show (an indicator with no period here, a unit without the indicator). */
  meta: M | null;
  /** Why the cell cannot be edited; null when it can. */
  readOnly: string | null;
}

export interface GridAxisItem {
  key: string;
  title: string;
  subtitle?: string;
  /** The plan unit's row (district total) is drawn apart. */
  emphasis?: boolean;
  /** A column's state shown in its colour (指标分解's live sum check: good = 相符, bad = 不相符, warn = 不完整). */
  tone?: 'good' | 'bad' | 'warn';
}

/** What the rules say of a text as typed: refused (error) or to be confirmed / explained (warning). */
export interface CellCheck {
  level: 'error' | 'warning';
  text: string;
}

/** How a cell looks besides its value. */
export interface CellFace {
  /** The small line under the value (target and 完成率; the share of the district's target). */
  sub?: ReactNode;
  /** Extra class names (is-sum …). */
  className?: string;
  /** Tooltip when the cell is not read-only. */
  title?: string;
  /** The note marker. */
  noted?: boolean;
}

export interface GridModel<M> {
  rows: GridAxisItem[];
  columns: GridAxisItem[];
  cell(row: number, col: number): GridCell<M>;
  /** Title of the row header column ("单位" or "指标"). */
  corner: string;
  /** The cell's value as shown, copied and first put in the editor ('' when empty). */
  valueText(meta: M): string;
  /** The live check of a text typed into the cell. */
  check(meta: M, text: string): CellCheck | null;
  face(meta: M, readOnly: string | null): CellFace;
  /** The cell's place in words, for messages ("洪都街道 · 科技型中小企业"). */
  place(meta: M): string;
  /** data-* attributes of the cell (tests and the dashboard's focus read them). */
  attributes(meta: M | null): Record<string, string | number | undefined>;
}

/** One value to write: the cell and the text typed or pasted. */
export interface CellInput<M> {
  meta: M;
  text: string;
}

export interface CommitOutcome {
  ok: boolean;
  /** Shown under the cell editor when a single typed value is refused. */
  error?: string;
}
