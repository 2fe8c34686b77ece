/**
 * The pages other than 概览, each in a chunk of its own (issue 15: the window's
 * first paint). The first bundle holds the shell and 概览 — what opens first —
 * and the other pages are fetched right after the first paint, when the
 * browser is idle (preloadPages), so a click on 填报 or 设置 still draws at
 * once. A page asked for before its chunk is in (the window opened on its
 * route) waits for it under the shell's spinner (Suspense, in App.tsx).
 */
import { use, type ComponentType } from 'react';
import { Button, Result } from 'antd';

interface LazyPage<P> {
  Page: ComponentType<P>;
  preload(): Promise<void>;
}

/** A chunk that could not be fetched (the server updated meanwhile, the connection lost): said, with the way out. */
function PageLoadFailed() {
  return (
    <div className="tz-panel">
      <Result
        status="warning"
        title="页面未能载入"
        subTitle="这个页面的程序文件没有取到（可能是服务器刚更新或网络中断）。已保存的数据不受影响，请重新载入窗口。"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            重新载入
          </Button>
        }
      />
    </div>
  );
}

/** One page's chunk: loaded once, then drawn without suspending again. */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let Loaded: ComponentType<P> | undefined;
  let failed = false;
  let pending: Promise<void> | undefined;
  const preload = () => {
    pending ??= load().then(
      (component) => {
        Loaded = component;
      },
      () => {
        failed = true;
      },
    );
    return pending;
  };
  function Page(props: P) {
    if (!Loaded && !failed) use(preload());
    if (!Loaded) return <PageLoadFailed />;
    return <Loaded {...props} />;
  }
  return { Page, preload };
}

type PlanPageProps = { planId: number | null };

const goals = lazyPage<PlanPageProps>(() => import('./GoalsPage').then((m) => m.GoalsPage));
const tasks = lazyPage<PlanPageProps>(() => import('./TasksPage').then((m) => m.TasksPage));
const targets = lazyPage<PlanPageProps>(() => import('./TargetsPage').then((m) => m.TargetsPage));
const figures = lazyPage<object>(() => import('./FiguresPage').then((m) => m.FiguresPage));
const exchange = lazyPage<object>(() => import('./ExchangePage').then((m) => m.ExchangePage));
const review = lazyPage<object>(() => import('../review/ReviewPage').then((m) => m.ReviewPage));
const reports = lazyPage<object>(() => import('./ReportsPage').then((m) => m.ReportsPage));
const settings = lazyPage<object>(() => import('./SettingsPage').then((m) => m.SettingsPage));

export const GoalsPage = goals.Page;
export const TasksPage = tasks.Page;
export const TargetsPage = targets.Page;
export const FiguresPage = figures.Page;
export const ExchangePage = exchange.Page;
export const ReviewPage = review.Page;
export const ReportsPage = reports.Page;
export const SettingsPage = settings.Page;

const ALL = [figures, goals, tasks, targets, review, reports, exchange, settings];

/** Fetches every page's chunk once the first screen is drawn and the browser is idle. */
export function preloadPages(): void {
  const start = () => {
    for (const page of ALL) void page.preload();
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}
