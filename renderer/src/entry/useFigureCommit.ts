/**
 * From typed or pasted text to saved figures: check every cell with the
 * shared rules, ask for a note (cumulative drop) or a confirmation (far above
 * target) when needed, save through the API in one call, and record the step
 * for undo. Undo and redo write the earlier values back the same way.
 */
import { useCallback } from 'react';
import { createElement } from 'react';
import { App, Input } from 'antd';
import { checkEntryText } from '../../../shared/entry/validate';
import type { FigureEdit } from '../../../shared/entry/views';
import { periodLabel } from '../../../shared/periods';
import { api, errorMessage } from '../api/transport';
import type { CellInput } from './model';
import type { CommitOutcome } from './EntryGrid';
import { useUndoStack, type UndoCell, type UndoStep } from './undoStack';

const placeOf = (c: CellInput) => `${c.meta.unitName} · ${c.meta.indicator.name}（${periodLabel(c.meta.period)}）`;

export function useFigureCommit(planId: number | null, onSaved: () => void) {
  const { message, modal } = App.useApp();
  const push = useUndoStack((s) => s.push);

  const askNote = useCallback(
    (lines: string[]) =>
      new Promise<string | null>((resolve) => {
        let note = '';
        modal.confirm({
          title: '请填写说明',
          width: 520,
          content: createElement(
            'div',
            { 'data-testid': 'note-dialog' },
            ...lines.map((l, i) => createElement('p', { key: i, style: { marginBottom: 8 } }, l)),
            createElement(Input.TextArea, {
              autoFocus: true,
              rows: 3,
              maxLength: 500,
              placeholder: '例如：核减一笔重复登记的合同',
              onChange: (e: { target: { value: string } }) => (note = e.target.value),
            }),
          ),
          okText: '保存',
          cancelText: '取消',
          onOk: () => {
            if (!note.trim()) {
              message.warning('说明不能为空。');
              return Promise.reject(new Error('empty'));
            }
            resolve(note.trim());
            return undefined;
          },
          onCancel: () => resolve(null),
        });
      }),
    [modal, message],
  );

  const askConfirm = useCallback(
    (lines: string[]) =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: '数值远高于目标，确认保存？',
          width: 520,
          content: createElement(
            'div',
            { 'data-testid': 'confirm-dialog' },
            ...lines.map((l, i) => createElement('p', { key: i, style: { marginBottom: 8 } }, l)),
          ),
          okText: '确认保存',
          cancelText: '取消',
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal],
  );

  const save = useCallback(
    async (edits: FigureEdit[]): Promise<string | null> => {
      if (planId == null) return '尚未选择工作要点。';
      try {
        await api.call('entry.save', { planId, edits });
        onSaved();
        return null;
      } catch (e) {
        return errorMessage(e);
      }
    },
    [planId, onSaved],
  );

  const commit = useCallback(
    async (inputs: CellInput[], label: string): Promise<CommitOutcome> => {
      const errors: string[] = [];
      const accepted: { input: CellInput; value: number | null; needsNote: string | null; needsConfirm: string | null }[] = [];
      for (const input of inputs) {
        const m = input.meta;
        const r = checkEntryText(input.text, {
          indicator: m.indicator,
          previous: m.previous,
          previousLabel: m.previousLabel,
          target: m.target,
          targetMax: m.targetMax,
        });
        if (r.kind === 'error') errors.push(inputs.length === 1 ? r.message : `${placeOf(input)}：${r.message}`);
        else accepted.push({ input, value: r.value, needsNote: r.needsNote, needsConfirm: r.needsConfirm });
      }
      if (inputs.length === 1 && errors.length) return { ok: false, error: errors[0] };
      if (errors.length) {
        message.error({
          content: `${errors.length} 个单元格未保存：${errors.slice(0, 3).join('；')}${errors.length > 3 ? '……' : ''}`,
          duration: 8,
        });
      }
      let note: string | null = null;
      const noteLines = accepted.filter((a) => a.needsNote).map((a) => (inputs.length === 1 ? a.needsNote! : `${placeOf(a.input)}：${a.needsNote}`));
      if (noteLines.length) {
        note = await askNote(noteLines);
        if (note == null) return { ok: false };
      }
      const confirmLines = accepted
        .filter((a) => a.needsConfirm)
        .map((a) => (inputs.length === 1 ? a.needsConfirm! : `${placeOf(a.input)}：${a.needsConfirm}`));
      if (confirmLines.length && !(await askConfirm(confirmLines))) return { ok: false };
      if (accepted.length === 0) return { ok: errors.length === 0 };

      const edits: FigureEdit[] = accepted.map((a) => ({
        indicatorId: a.input.meta.indicator.id,
        unitId: a.input.meta.unitId,
        period: a.input.meta.period,
        value: a.value,
        note: a.needsNote ? note : a.value === a.input.meta.value ? a.input.meta.note : null,
        confirmed: a.needsConfirm ? true : undefined,
      }));
      const failure = await save(edits);
      if (failure) {
        if (inputs.length === 1) return { ok: false, error: failure };
        message.error({ content: failure, duration: 8 });
        return { ok: false };
      }
      const cells: UndoCell[] = accepted.map((a, i) => ({
        indicatorId: edits[i].indicatorId,
        unitId: edits[i].unitId,
        period: edits[i].period,
        before: a.input.meta.value,
        beforeNote: a.input.meta.note,
        after: a.value,
        afterNote: edits[i].note ?? null,
      }));
      push({ label, cells });
      if (inputs.length > 1) message.success(`已保存 ${edits.length} 个单元格`);
      return { ok: true };
    },
    [askNote, askConfirm, save, push, message],
  );

  /** Writes one side of a step back; the rules that needed a note or confirmation were satisfied when it was first saved. */
  const replay = useCallback(
    async (step: UndoStep, side: 'before' | 'after') =>
      save(
        step.cells.map((c) => ({
          indicatorId: c.indicatorId,
          unitId: c.unitId,
          period: c.period,
          value: side === 'before' ? c.before : c.after,
          note: side === 'before' ? c.beforeNote : c.afterNote,
          confirmed: true,
        })),
      ),
    [save],
  );

  const undo = useCallback(async () => {
    const stack = useUndoStack.getState();
    const step = stack.takeUndo();
    if (!step) {
      message.info('没有可撤销的操作');
      return;
    }
    const failure = await replay(step, 'before');
    if (failure) {
      stack.restore(step, 'done');
      message.error(`撤销失败：${failure}`);
    } else message.success(`已撤销：${step.label}`);
  }, [replay, message]);

  const redo = useCallback(async () => {
    const stack = useUndoStack.getState();
    const step = stack.takeRedo();
    if (!step) {
      message.info('没有可恢复的操作');
      return;
    }
    const failure = await replay(step, 'after');
    if (failure) {
      stack.restore(step, 'undone');
      message.error(`恢复失败：${failure}`);
    } else message.success(`已恢复：${step.label}`);
  }, [replay, message]);

  return { commit, undo, redo };
}
