/** A page with nothing to show yet says what fills it and offers the way there (issue 16). */
import type { ReactNode } from 'react';
import { Empty } from 'antd';

export function EmptyState({ title, children, actions, testId }: { title: string; children?: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div className="tz-panel tz-empty" data-testid={testId ?? 'empty-state'}>
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <div className="tz-empty-text">
            <div className="tz-empty-title">{title}</div>
            {children ? <div className="tz-empty-detail">{children}</div> : null}
          </div>
        }
      >
        {actions}
      </Empty>
    </div>
  );
}
