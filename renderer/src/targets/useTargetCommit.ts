/**
 * From typed or pasted text to saved targets: every cell read by the shared
 * rule (shared/plan/targetText.ts), all of them saved in one targets.save
 * (all or nothing, each change in the target history), the step kept for
 * undo. Undo and redo write the earlier values back the same way, asking
 * first when a cell changed since (someone else, another window).
 */
import { createElement, useCallback } from 'react';
import { App } from 'antd';
import { readTargetText, targetText } from '../../../shared/plan/targetText';
import { api } from '../api/transport';
import type { CellInput, CommitOutcome } from '../grid/model';
import { createUndoStack, type UndoStep } from '../entry/undoStack';
import type { HeldTarget, TargetMeta } from './targetModel';

export interface TargetUndoCell {
  indicatorId: number;
  unitId: number;
  place: string;
  decimals: number;
  before: HeldTarget;
  after: HeldTarget;
}

/** The session's undo steps of 指标分解 (one plan at a time, like 数据填报's). */
export const useTargetUndo = createUndoStack<TargetUndoCell>();

type Write = <T>(fn: () => Promise<T>) => Promise<T | null>;

export function useTargetCommit(
  planId: number,
  write: Write,
  saved: (cells: { indicatorId: number; unitId: number; held: HeldTarget }[]) => void,
  heldNow: (indicatorId: number, unitId: number) => HeldTarget | undefined,
) {
  const { message, modal } = App.useApp();
  const push = useTargetUndo((s) => s.push);

  const save = useCallback(
    async (cells: { indicatorId: number; unitId: number; held: HeldTarget }[]) => {
      const r = await write(() =>
        api.call('targets.save', { planId, edits: cells.map((c) => ({ indicatorId: c.indicatorId, unitId: c.unitId, value: c.held.value, valueMax: c.held.valueMax })) }),
      );
      if (r) saved(cells);
      return r !== null;
    },
    [planId, write, saved],
  );

  const commit = useCallback(
    async (inputs: CellInput<TargetMeta>[], label: string): Promise<CommitOutcome> => {
      const errors: string[] = [];
      const cells: TargetUndoCell[] = [];
      for (const input of inputs) {
        const m = input.meta;
        const r = readTargetText(input.text, m.indicator);
        const place = `${m.unitName} · ${m.indicator.name}`;
        if (r.kind === 'error') {
          errors.push(inputs.length === 1 ? r.message : `${place}：${r.message}`);
          continue;
        }
        const after = r.kind === 'clear' ? { value: null, valueMax: null } : { value: r.value, valueMax: r.valueMax };
        if (after.value === m.value && after.valueMax === m.valueMax) continue;
        cells.push({ indicatorId: m.indicator.id, unitId: m.unitId, place, decimals: m.indicator.decimals, before: { value: m.value, valueMax: m.valueMax }, after });
      }
      if (inputs.length === 1 && errors.length) return { ok: false, error: errors[0] };
      if (errors.length) message.error({ content: `${errors.length} 个单元格未保存：${errors.slice(0, 3).join('；')}${errors.length > 3 ? '……' : ''}`, duration: 8 });
      if (cells.length === 0) return { ok: errors.length === 0 };
      const ok = await save(cells.map((c) => ({ indicatorId: c.indicatorId, unitId: c.unitId, held: c.after })));
      if (!ok) return { ok: false };
      push({ label, cells });
      if (inputs.length > 1) message.success(`已保存 ${cells.length} 个目标值`);
      return { ok: true };
    },
    [save, push, message],
  );

  /** Cells whose value in the grid is no longer what the step left there are listed, and the user decides. */
  const confirmOverwrite = useCallback(
    async (step: UndoStep<TargetUndoCell>, side: 'before' | 'after'): Promise<boolean> => {
      const changed = step.cells.filter((c) => {
        const now = heldNow(c.indicatorId, c.unitId);
        const expected = side === 'before' ? c.after : c.before;
        return now !== undefined && (now.value !== expected.value || now.valueMax !== expected.valueMax);
      });
      if (!changed.length) return true;
      const show = (h: HeldTarget | undefined, d: number) => (h && h.value !== null ? targetText(h.value, h.valueMax, d) : '（空）');
      return new Promise<boolean>((resolve) =>
        modal.confirm({
          title: side === 'before' ? '撤销会覆盖之后的修改' : '恢复会覆盖之后的修改',
          width: 560,
          content: createElement(
            'div',
            { 'data-testid': 'overwrite-dialog' },
            createElement('p', null, `以下 ${changed.length} 个目标值在您这一步之后又被修改过：`),
            ...changed.slice(0, 8).map((c, i) =>
              createElement('p', { key: i, style: { marginBottom: 4 } }, `${c.place}：现为 ${show(heldNow(c.indicatorId, c.unitId), c.decimals)}，将改为 ${show(side === 'before' ? c.before : c.after, c.decimals)}`),
            ),
          ),
          okText: side === 'before' ? '仍然撤销' : '仍然恢复',
          cancelText: '取消',
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
    },
    [heldNow, modal],
  );

  const replay = useCallback(
    async (side: 'before' | 'after') => {
      const stack = useTargetUndo.getState();
      const step = side === 'before' ? stack.takeUndo() : stack.takeRedo();
      if (!step) {
        message.info(side === 'before' ? '没有可撤销的操作' : '没有可恢复的操作');
        return;
      }
      const home = side === 'before' ? 'done' : 'undone';
      if (!(await confirmOverwrite(step, side))) {
        stack.restore(step, home);
        return;
      }
      const ok = await save(step.cells.map((c) => ({ indicatorId: c.indicatorId, unitId: c.unitId, held: side === 'before' ? c.before : c.after })));
      if (!ok) stack.restore(step, home);
      else message.success(`${side === 'before' ? '已撤销' : '已恢复'}：${step.label}`);
    },
    [confirmOverwrite, save, message],
  );

  return { commit, undo: () => replay('before'), redo: () => replay('after') };
}
