/**
 * The confirmation every restore and undo shows first: what the current data
 * has that will go (red), what comes back, and that a copy of today's state is
 * taken before, so the step can itself be undone.
 */
import type { ReactNode } from 'react';
import type { App } from 'antd';
import type { RestoreImpact } from '../../../shared/backup/types';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

export function ImpactList({ impact }: { impact: RestoreImpact }): ReactNode {
  return (
    <div data-testid="restore-impact">
      {impact.lost.length ? (
        <ul className="tz-impact tz-impact-lost">
          {impact.lost.map((l) => (
            <li key={l.what + l.text}>{l.text}</li>
          ))}
        </ul>
      ) : (
        <p>当前数据中没有备份之后新增或修改的内容，恢复不会丢失数据。</p>
      )}
      {impact.regained.length ? (
        <ul className="tz-impact">
          {impact.regained.map((l) => (
            <li key={l.what + l.text}>{l.text}</li>
          ))}
        </ul>
      ) : null}
      <p className="tz-muted">操作前会先备份当前数据，之后仍可在“设置 → 备份与恢复”中撤销。</p>
    </div>
  );
}

/** Resolves true when the user confirms. */
export function confirmImpact(modal: ModalApi, title: string, impact: RestoreImpact, okText: string): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      title,
      width: 560,
      content: <ImpactList impact={impact} />,
      okText,
      okButtonProps: { danger: impact.lost.length > 0, ...({ 'data-testid': 'restore-confirm' } as Record<`data-${string}`, string>) },
      cancelText: '取消',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
