/**
 * The grid's keyboard, as in Excel and WPS, as a pure map from a key press to
 * what the grid does: arrows, Tab, Enter, Home/End, PageUp/PageDown,
 * Ctrl+Home/End, Shift+arrows to extend, Ctrl+A, Ctrl+Z / Ctrl+Y
 * (Ctrl+Shift+Z), F2 to edit, Delete/Backspace to clear, a printable key to
 * start typing over the cell. Ctrl+C / Ctrl+V are left to the browser's copy
 * and paste events (clipboard.ts). The editor's own keys: Enter/Tab commit and
 * move, Esc cancels, arrows commit and move only when typing started the edit.
 */

export interface KeyPress {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

export interface Pos {
  row: number;
  col: number;
}

export type GridAction =
  | { kind: 'move'; to: Pos; extend: boolean }
  | { kind: 'selectAll' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'edit' }
  | { kind: 'clear' }
  | { kind: 'type'; text: string }
  /** Not the grid's: let the browser have it (Ctrl+C, Ctrl+V, Alt+…). */
  | { kind: 'none' };

export interface GridShape {
  active: Pos;
  rowCount: number;
  colCount: number;
  /** Rows one PageDown moves. */
  pageRows: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** What a key press on the grid (no editor open) does. */
export function gridKeyAction(k: KeyPress, g: GridShape): GridAction {
  const { active } = g;
  const to = (row: number, col: number, extend = false): GridAction => ({
    kind: 'move',
    to: { row: clamp(row, 0, Math.max(0, g.rowCount - 1)), col: clamp(col, 0, Math.max(0, g.colCount - 1)) },
    extend,
  });
  const key = k.key;
  const letter = key.length === 1 ? key.toLowerCase() : '';
  if (k.ctrl) {
    if (letter === 'z' && !k.shift) return { kind: 'undo' };
    if (letter === 'y' || (letter === 'z' && k.shift)) return { kind: 'redo' };
    if (letter === 'a') return { kind: 'selectAll' };
    if (key === 'Home') return to(0, 0);
    if (key === 'End') return to(g.rowCount - 1, g.colCount - 1);
    return { kind: 'none' };
  }
  switch (key) {
    case 'ArrowUp':
      return to(active.row - 1, active.col, k.shift);
    case 'ArrowDown':
      return to(active.row + 1, active.col, k.shift);
    case 'ArrowLeft':
      return to(active.row, active.col - 1, k.shift);
    case 'ArrowRight':
      return to(active.row, active.col + 1, k.shift);
    case 'Tab':
      return to(active.row, active.col + (k.shift ? -1 : 1));
    case 'Enter':
      return to(active.row + (k.shift ? -1 : 1), active.col);
    case 'Home':
      return to(active.row, 0);
    case 'End':
      return to(active.row, g.colCount - 1);
    case 'PageDown':
      return to(active.row + Math.max(1, g.pageRows), active.col);
    case 'PageUp':
      return to(active.row - Math.max(1, g.pageRows), active.col);
    case 'F2':
      return { kind: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
  }
  if (key.length === 1 && !k.alt) return { kind: 'type', text: key };
  return { kind: 'none' };
}

/** 'enter': started by typing (arrows commit and move); 'edit': F2 or a double-click (arrows move the caret). */
export type EditMode = 'enter' | 'edit';

export type EditorAction = { kind: 'cancel' } | { kind: 'commit'; dr: number; dc: number } | { kind: 'none' };

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** What a key press in the open cell editor does. */
export function editorKeyAction(k: KeyPress, mode: EditMode): EditorAction {
  if (k.key === 'Escape') return { kind: 'cancel' };
  if (k.key === 'Enter') return { kind: 'commit', dr: k.shift ? -1 : 1, dc: 0 };
  if (k.key === 'Tab') return { kind: 'commit', dr: 0, dc: k.shift ? -1 : 1 };
  const arrow = ARROWS[k.key];
  if (arrow && mode === 'enter') return { kind: 'commit', dr: arrow[0], dc: arrow[1] };
  return { kind: 'none' };
}

/** A DOM key event as the maps read it (Cmd counts as Ctrl on a Mac). */
export const keyPressOf = (e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): KeyPress => ({
  key: e.key,
  ctrl: e.ctrlKey || e.metaKey,
  shift: e.shiftKey,
  alt: e.altKey,
});
