/**
 * What every editing screen of the plan shares (工作目标, 任务分解, 指标分解,
 * 单位与部门, the plan switcher): a write names the operator first when this
 * window (or browser tab) has none yet; a failure is said in Chinese; a
 * removal that takes entered data shows the list the core returns (done:
 * false) and asks, then runs with its backup and offers 撤销 (the same notice
 * as after an import: renderer/src/backup/useUndo.tsx).
 */
import type { ReactNode } from 'react';
import { App } from 'antd';
import { errorMessage } from '../api/transport';
import { useUndo } from '../backup/useUndo';
import { useOperatorGate } from './useOperatorGate';

/** What a removal (or a merge) answers: done, or the list of what would go. */
export interface ListedOutcome {
  done: boolean;
  backup: { id: string; createdAt: string } | null;
}

export function LossList({ items, intro }: { items: string[]; intro?: ReactNode }) {
  return (
    <div data-testid="loss-list">
      {intro ? <p>{intro}</p> : null}
      <ul className="tz-impact tz-impact-lost">
        {items.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <p className="tz-muted">操作前会先备份当前数据，之后可以撤销（也可在“设置 → 备份与恢复”中撤销）。</p>
    </div>
  );
}

export function useEditor() {
  const { message, modal } = App.useApp();
  const { offer } = useUndo();
  const { ensure, gate } = useOperatorGate();

  /** Runs a write; null when the operator was not named or the core refused (the reason is shown). */
  async function write<T>(fn: () => Promise<T>, done?: string): Promise<T | null> {
    if (!(await ensure())) return null;
    try {
      const result = await fn();
      if (done) message.success(done);
      return result;
    } catch (e) {
      message.error({ content: errorMessage(e), duration: 8 });
      return null;
    }
  }

  /** Resolves true when the user confirms the list. */
  const confirmList = (title: string, items: string[], okText: string, intro?: ReactNode) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title,
        width: 600,
        content: <LossList items={items} intro={intro} />,
        okText,
        okButtonProps: { danger: true, ...({ 'data-testid': 'confirm-list' } as Record<`data-${string}`, string>) },
        cancelText: '取消',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );

  /**
   * A removal or merge: `call(false)` first; when it lists what would go, the list is shown and
   * `call(true)` runs once confirmed. Afterwards 撤销 is offered when a backup was taken.
   */
  async function listed<T extends ListedOutcome>(
    call: (confirm: boolean) => Promise<T>,
    ask: { title: string; okText: string; items: (r: T) => string[]; intro?: ReactNode | ((r: T) => ReactNode) },
    after: { text: string; undoLabel: string },
  ): Promise<T | null> {
    const first = await write(() => call(false));
    if (!first) return null;
    let result = first;
    if (!first.done) {
      const intro = typeof ask.intro === 'function' ? ask.intro(first) : ask.intro;
      if (!(await confirmList(ask.title, ask.items(first), ask.okText, intro))) return null;
      const second = await write(() => call(true));
      if (!second) return null;
      result = second;
    }
    if (result.backup) offer(result.backup.id, after.undoLabel, after.text);
    else message.success(after.text);
    return result;
  }

  return { write, listed, confirmList, gate };
}
