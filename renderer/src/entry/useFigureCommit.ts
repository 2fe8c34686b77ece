/**
 * From typed or pasted text to saved figures: check every cell with the
 * shared rules, ask for a note per cell that needs one (cumulative drop) or a
 * confirmation (far above target), save in one call (the grid patches itself
 * with the answer), and record the step for undo. Undo and redo write the
 * earlier values back the same way.
 */
import { useCallback } from 'react';
import { createElement } from 'react';
import { App } from 'antd';
import { neighboursAfterPaste, pastedValues } from '../../../shared/entry/cumulative';
import { checkEntryText } from '../../../shared/entry/validate';
import type { FigureEdit, FigureSaveResult } from '../../../shared/entry/views';
import { periodLabel } from '../../../shared/periods';
import { errorMessage } from '../api/transport';
import { NotesForm, type NoteRequest } from './NotesForm';
import type { CellInput } from './model';
import type { CommitOutcome } from './EntryGrid';
import { useUndoStack, type UndoCell, type UndoStep } from './undoStack';

const placeOf = (c: CellInput) => `${c.meta.unitName} · ${c.meta.indicator.name}（${periodLabel(c.meta.period)}）`;

/** The value a cell shows now in the grid; undefined when the grid does not show that cell. */
export type ValueNow = (indicatorId: number, unitId: number, period: string) => number | null | undefined;

export function useFigureCommit(
  planId: number | null,
  saveEdits: (edits: FigureEdit[]) => Promise<FigureSaveResult>,
  valueNow?: ValueNow,
  describeCell?: (indicatorId: number, unitId: number, period: string) => string,
  /** Why a step cannot be written back now (a period it touches is locked), or null. */
  blockedStep?: (step: UndoStep) => string | null,
) {
  const { message, modal } = App.useApp();
  const push = useUndoStack((s) => s.push);

  /** One note per cell that needs one; null when the user cancels. */
  const askNotes = useCallback(
    (requests: NoteRequest[]) =>
      new Promise<string[] | null>((resolve) => {
        const notes = requests.map(() => '');
        modal.confirm({
          title: requests.length === 1 ? '请填写说明' : `请为 ${requests.length} 个单元格分别填写说明`,
          width: 560,
          content: createElement(NotesForm, { requests, notes }),
          okText: '保存',
          cancelText: '取消',
          onOk: () => {
            const missing = notes.filter((n) => !n.trim()).length;
            if (missing) {
              message.warning(requests.length === 1 ? '说明不能为空。' : `还有 ${missing} 个单元格没有填写说明。`);
              return Promise.reject(new Error('empty'));
            }
            resolve(notes.map((n) => n.trim()));
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
        await saveEdits(edits);
        return null;
      } catch (e) {
        return errorMessage(e);
      }
    },
    [planId, saveEdits],
  );

  const commit = useCallback(
    async (inputs: CellInput[], label: string): Promise<CommitOutcome> => {
      const errors: string[] = [];
      const accepted: { input: CellInput; value: number | null; needsNote: string | null; needsConfirm: string | null }[] = [];
      // A pasted block may hold both a period and the one before or after it: each is checked
      // against the other's value as pasted, not as it was stored (shared/entry/cumulative.ts).
      const pasted = pastedValues(inputs.map((i) => ({ indicatorId: i.meta.indicator.id, unitId: i.meta.unitId, period: i.meta.period, text: i.text })));
      for (const input of inputs) {
        const m = input.meta;
        const around = neighboursAfterPaste(pasted, m.indicator.id, m.unitId, m.period, { previous: m.previous, next: m.next });
        const r = checkEntryText(input.text, {
          indicator: m.indicator,
          previous: around.previous,
          previousLabel: m.previousLabel,
          next: around.next,
          nextLabel: m.nextLabel,
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
      const needingNotes = accepted.filter((a) => a.needsNote);
      const noteOf = new Map<(typeof accepted)[number], string>();
      if (needingNotes.length) {
        const notes = await askNotes(needingNotes.map((a) => ({ place: placeOf(a.input), reason: a.needsNote! })));
        if (notes == null) return { ok: false };
        needingNotes.forEach((a, i) => noteOf.set(a, notes[i]));
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
        note: a.needsNote ? noteOf.get(a)! : a.value === a.input.meta.value ? a.input.meta.note : null,
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
    [askNotes, askConfirm, save, push, message],
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

  /**
   * Steps survive reloads caused by other people's saves; writing one back must not silently
   * overwrite what they entered since. Cells whose value in the grid is no longer what this
   * step left there are listed, and the user decides.
   */
  const confirmOverwrite = useCallback(
    async (step: UndoStep, side: 'before' | 'after'): Promise<boolean> => {
      if (!valueNow) return true;
      const changed = step.cells.filter((c) => {
        const now = valueNow(c.indicatorId, c.unitId, c.period);
        return now !== undefined && now !== (side === 'before' ? c.after : c.before);
      });
      if (changed.length === 0) return true;
      const fmt = (v: number | null | undefined) => (v == null ? '（空）' : String(v));
      return new Promise<boolean>((resolve) =>
        modal.confirm({
          title: side === 'before' ? '撤销会覆盖别人后来的修改' : '恢复会覆盖别人后来的修改',
          width: 560,
          content: createElement(
            'div',
            { 'data-testid': 'overwrite-dialog' },
            createElement('p', null, `以下 ${changed.length} 个单元格在您这一步之后又被修改过：`),
            ...changed.slice(0, 8).map((c, i) =>
              createElement(
                'p',
                { key: i, style: { marginBottom: 4 } },
                `${describeCell?.(c.indicatorId, c.unitId, c.period) ?? `${c.period}`}：现为 ${fmt(valueNow(c.indicatorId, c.unitId, c.period))}，将改为 ${fmt(side === 'before' ? c.before : c.after)}`,
              ),
            ),
            changed.length > 8 ? createElement('p', null, `……共 ${changed.length} 个`) : null,
          ),
          okText: side === 'before' ? '仍然撤销' : '仍然恢复',
          cancelText: '取消',
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
    },
    [valueNow, describeCell, modal],
  );

  const undo = useCallback(async () => {
    const stack = useUndoStack.getState();
    const last = stack.done[stack.done.length - 1];
    // A step into a locked period stays on the stack, and the user is told why it cannot apply.
    const blocked = last ? blockedStep?.(last) : null;
    if (blocked) {
      message.warning({ content: `无法撤销“${last.label}”：${blocked}`, duration: 8 });
      return;
    }
    const step = stack.takeUndo();
    if (!step) {
      message.info('没有可撤销的操作');
      return;
    }
    if (!(await confirmOverwrite(step, 'before'))) {
      stack.restore(step, 'done');
      return;
    }
    const failure = await replay(step, 'before');
    if (failure) {
      stack.restore(step, 'done');
      message.error(`撤销失败：${failure}`);
    } else message.success(`已撤销：${step.label}`);
  }, [replay, message, confirmOverwrite, blockedStep]);

  const redo = useCallback(async () => {
    const stack = useUndoStack.getState();
    const next = stack.undone[stack.undone.length - 1];
    const blocked = next ? blockedStep?.(next) : null;
    if (blocked) {
      message.warning({ content: `无法恢复“${next.label}”：${blocked}`, duration: 8 });
      return;
    }
    const step = stack.takeRedo();
    if (!step) {
      message.info('没有可恢复的操作');
      return;
    }
    if (!(await confirmOverwrite(step, 'after'))) {
      stack.restore(step, 'undone');
      return;
    }
    const failure = await replay(step, 'after');
    if (failure) {
      stack.restore(step, 'undone');
      message.error(`恢复失败：${failure}`);
    } else message.success(`已恢复：${step.label}`);
  }, [replay, message, confirmOverwrite, blockedStep]);

  return { commit, undo, redo };
}
