import type { ReactNode } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import type { Loadable } from '../store/planData';

interface PageProps {
  title: string;
  /** One line under the title: what the page shows and where it comes from. */
  subtitle?: ReactNode;
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** The frame of every page: a title block, then the content on a white panel. */
export function Page({ title, subtitle, extra, testId, children }: PageProps) {
  return (
    <section className="tz-page" data-testid={testId}>
      <div className="tz-page-head">
        <div>
          <Typography.Title level={4} className="tz-page-title">
            {title}
          </Typography.Title>
          {subtitle ? <div className="tz-page-subtitle">{subtitle}</div> : null}
        </div>
        {extra ? <div className="tz-page-extra">{extra}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** Spinner while loading, an Alert with 重试 on error, the content when ready. */
export function LoadState<T>({
  resource,
  children,
}: {
  resource: Loadable<T> & { reload(): void };
  children: (data: T) => ReactNode;
}) {
  if (resource.status === 'error' || (resource.status === 'ready' && resource.data == null)) {
    return (
      <Alert
        type="error"
        showIcon
        title="数据加载失败"
        description={resource.error ?? '没有取得数据。'}
        action={
          <Button size="small" onClick={resource.reload}>
            重试
          </Button>
        }
      />
    );
  }
  if (resource.status === 'loading' || resource.data == null) {
    return (
      <div className="tz-loading" data-testid="loading">
        <Spin size="large" />
        <div className="tz-loading-text">正在加载…</div>
      </div>
    );
  }
  return <>{children(resource.data)}</>;
}
