/** The grid's keyboard map and clipboard handling (renderer/src/grid), pure: what Excel and WPS users expect. */
import { describe, expect, it } from 'vitest';
import { copyBlock, planPaste, rangeOf } from '../../renderer/src/grid/clipboard';
import { editorKeyAction, gridKeyAction, type KeyPress } from '../../renderer/src/grid/keymap';

const key = (k: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key: k, ctrl: false, shift: false, alt: false, ...mods });
const grid = (row: number, col: number) => ({ active: { row, col }, rowCount: 10, colCount: 4, pageRows: 5 });

describe('grid keyboard', () => {
  it('moves with arrows, Tab, Enter, Home/End and pages, clamped to the grid', () => {
    expect(gridKeyAction(key('ArrowDown'), grid(2, 1))).toEqual({ kind: 'move', to: { row: 3, col: 1 }, extend: false });
    expect(gridKeyAction(key('ArrowUp'), grid(0, 1))).toEqual({ kind: 'move', to: { row: 0, col: 1 }, extend: false });
    expect(gridKeyAction(key('ArrowRight', { shift: true }), grid(2, 1))).toEqual({ kind: 'move', to: { row: 2, col: 2 }, extend: true });
    expect(gridKeyAction(key('Tab'), grid(2, 3))).toEqual({ kind: 'move', to: { row: 2, col: 3 }, extend: false });
    expect(gridKeyAction(key('Tab', { shift: true }), grid(2, 3))).toEqual({ kind: 'move', to: { row: 2, col: 2 }, extend: false });
    // Shift+Enter goes up without extending the selection.
    expect(gridKeyAction(key('Enter', { shift: true }), grid(2, 3))).toEqual({ kind: 'move', to: { row: 1, col: 3 }, extend: false });
    expect(gridKeyAction(key('End'), grid(2, 0))).toEqual({ kind: 'move', to: { row: 2, col: 3 }, extend: false });
    expect(gridKeyAction(key('Home'), grid(2, 3))).toEqual({ kind: 'move', to: { row: 2, col: 0 }, extend: false });
    expect(gridKeyAction(key('PageDown'), grid(7, 0))).toEqual({ kind: 'move', to: { row: 9, col: 0 }, extend: false });
    expect(gridKeyAction(key('PageUp'), grid(7, 0))).toEqual({ kind: 'move', to: { row: 2, col: 0 }, extend: false });
    expect(gridKeyAction(key('End', { ctrl: true }), grid(0, 0))).toEqual({ kind: 'move', to: { row: 9, col: 3 }, extend: false });
    expect(gridKeyAction(key('Home', { ctrl: true }), grid(5, 2))).toEqual({ kind: 'move', to: { row: 0, col: 0 }, extend: false });
  });

  it('undo, redo (Ctrl+Y and Ctrl+Shift+Z), select all; copy and paste left to the browser', () => {
    expect(gridKeyAction(key('z', { ctrl: true }), grid(0, 0))).toEqual({ kind: 'undo' });
    expect(gridKeyAction(key('Z', { ctrl: true, shift: true }), grid(0, 0))).toEqual({ kind: 'redo' });
    expect(gridKeyAction(key('y', { ctrl: true }), grid(0, 0))).toEqual({ kind: 'redo' });
    expect(gridKeyAction(key('a', { ctrl: true }), grid(0, 0))).toEqual({ kind: 'selectAll' });
    expect(gridKeyAction(key('c', { ctrl: true }), grid(0, 0))).toEqual({ kind: 'none' });
    expect(gridKeyAction(key('v', { ctrl: true }), grid(0, 0))).toEqual({ kind: 'none' });
  });

  it('F2 edits, Delete and Backspace clear, a printable key starts typing over the cell', () => {
    expect(gridKeyAction(key('F2'), grid(0, 0))).toEqual({ kind: 'edit' });
    expect(gridKeyAction(key('Delete'), grid(0, 0))).toEqual({ kind: 'clear' });
    expect(gridKeyAction(key('Backspace'), grid(0, 0))).toEqual({ kind: 'clear' });
    expect(gridKeyAction(key('7'), grid(0, 0))).toEqual({ kind: 'type', text: '7' });
    expect(gridKeyAction(key('７'), grid(0, 0))).toEqual({ kind: 'type', text: '７' });
    expect(gridKeyAction(key('7', { alt: true }), grid(0, 0))).toEqual({ kind: 'none' });
    expect(gridKeyAction(key('Shift', { shift: true }), grid(0, 0))).toEqual({ kind: 'none' });
  });

  it('in the editor: Enter/Tab commit and move, Esc cancels, arrows commit only when typing started the edit', () => {
    expect(editorKeyAction(key('Enter'), 'edit')).toEqual({ kind: 'commit', dr: 1, dc: 0 });
    expect(editorKeyAction(key('Enter', { shift: true }), 'edit')).toEqual({ kind: 'commit', dr: -1, dc: 0 });
    expect(editorKeyAction(key('Tab', { shift: true }), 'enter')).toEqual({ kind: 'commit', dr: 0, dc: -1 });
    expect(editorKeyAction(key('Escape'), 'enter')).toEqual({ kind: 'cancel' });
    expect(editorKeyAction(key('ArrowLeft'), 'enter')).toEqual({ kind: 'commit', dr: 0, dc: -1 });
    expect(editorKeyAction(key('ArrowLeft'), 'edit')).toEqual({ kind: 'none' });
    expect(editorKeyAction(key('5'), 'enter')).toEqual({ kind: 'none' });
  });
});

describe('grid clipboard', () => {
  const texts = [
    ['21', '14', '3'],
    ['8', '', '0.05'],
  ];
  it('copies the selection as a tab-separated block, whichever corner the selection started from', () => {
    const block = copyBlock(rangeOf({ row: 1, col: 2 }, { row: 0, col: 0 }), (r, c) => texts[r][c]);
    expect(block).toEqual({ text: '21\t14\t3\n8\t\t0.05\n', rows: 2, cols: 3 });
  });

  const writable = (r: number, c: number) => ({ writable: !(r === 0 && c === 0), current: r === 1 && c === 1 ? '5' : '' });

  it('pastes a block from Excel/WPS at the top-left cell, skipping read-only cells, cells outside and unchanged ones', () => {
    const plan = planPaste('1\t2\t3\r\n4\t5\t6\r\n', rangeOf({ row: 0, col: 0 }, { row: 0, col: 0 }), { rowCount: 2, colCount: 2 }, writable)!;
    expect(plan.writes).toEqual([
      { row: 0, col: 1, text: '2' },
      { row: 1, col: 0, text: '4' },
    ]);
    // "1" fell on a read-only cell; "3" and "6" beyond the last column.
    expect(plan.skipped).toBe(3);
    expect(plan).toMatchObject({ anchor: { row: 0, col: 0 }, active: { row: 1, col: 1 }, rows: 2, cols: 3 });
  });

  it('fills a selection with one pasted value, and reads quoted cells with line breaks', () => {
    const fill = planPaste('9\n', rangeOf({ row: 0, col: 1 }, { row: 1, col: 2 }), { rowCount: 3, colCount: 3 }, () => ({ writable: true, current: '' }))!;
    expect(fill.writes.map((w) => [w.row, w.col, w.text])).toEqual([
      [0, 1, '9'],
      [0, 2, '9'],
      [1, 1, '9'],
      [1, 2, '9'],
    ]);
    const quoted = planPaste('"3,\n2"\t"a""b"\n', rangeOf({ row: 0, col: 0 }, { row: 0, col: 0 }), { rowCount: 1, colCount: 2 }, () => ({ writable: true, current: '' }))!;
    expect(quoted.writes.map((w) => w.text)).toEqual(['3,\n2', 'a"b']);
    expect(planPaste('', rangeOf({ row: 0, col: 0 }, { row: 0, col: 0 }), { rowCount: 1, colCount: 1 }, () => ({ writable: true, current: '' }))).toBeNull();
  });
});
