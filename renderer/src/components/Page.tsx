import { useState, type ReactNode } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import type { Loadable } from '../store/planData';
import { paintMark } from './paintMark';

interface PageProps {
  title: string;
  /** One line under the title: what the page shows and where it comes from. */
  subtitle?: ReactNode;
  extra?: ReactNode;
  testId?: string;
  /** The subtitle folds away (收起说明), folded from the start on a short window, to give the content the height. */
  collapsible?: boolean;
  children: ReactNode;
}

/** Below this window height a collapsible page starts with its subtitle folded (1366×768 laptops). */
const SHORT_WINDOW = 860;

/** The frame of every page: a title block, then the content on a white panel. */
export function Page({ title, subtitle, extra, testId, collapsible, children }: PageProps) {
  const [folded, setFolded] = useState(() => Boolean(collapsible) && typeof window !== 'undefined' && window.innerHeight < SHORT_WINDOW);
  return (
    <section className={`tz-page${folded ? ' is-folded' : ''}`} data-testid={testId}>
      <div className="tz-page-head">
        <div>
          <Typography.Title level={4} className="tz-page-title" {...paintMark('page-title')}>
            {title}
            {collapsible && subtitle ? (
              <Button type="link" size="small" className="tz-page-fold" onClick={() => setFolded(!folded)} data-testid="page-fold">
                {folded ? '显示说明' : '收起说明'}
              </Button>
            ) : null}
          </Typography.Title>
          {subtitle && !folded ? <div className="tz-page-subtitle">{subtitle}</div> : null}
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
