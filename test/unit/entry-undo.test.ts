/** The undo stack lives for the session: grid reloads and remounts keep it; another plan starts a new one. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useUndoStack, type UndoStep } from '../../renderer/src/entry/undoStack';

const step = (label: string): UndoStep => ({
  label,
  cells: [{ indicatorId: 1, unitId: 2, period: '2022-09', before: null, beforeNote: null, after: 3, afterNote: null }],
});

beforeEach(() => useUndoStack.setState({ planId: null, done: [], undone: [] }));

describe('undo stack', () => {
  it('keeps its steps when the grid binds the same plan again (remount after a reload or a tab switch)', () => {
    const s = useUndoStack.getState();
    s.bindPlan(1);
    s.push(step('a'));
    s.push(step('b'));
    expect(useUndoStack.getState().takeUndo()?.label).toBe('b');
    useUndoStack.getState().bindPlan(1);
    expect(useUndoStack.getState().done.map((x) => x.label)).toEqual(['a']);
    expect(useUndoStack.getState().undone.map((x) => x.label)).toEqual(['b']);
  });

  it('starts afresh for another plan', () => {
    useUndoStack.getState().bindPlan(1);
    useUndoStack.getState().push(step('a'));
    useUndoStack.getState().bindPlan(2);
    expect(useUndoStack.getState()).toMatchObject({ planId: 2, done: [], undone: [] });
  });
});
