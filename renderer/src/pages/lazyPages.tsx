/**
 * The pages other than 概览, each in a chunk of its own (issue 15: the window's
 * first paint). The first bundle holds the shell and 概览 — what opens first —
 * and the other pages are fetched right after the first paint, when the
 * browser is idle (components/lazyChunk.tsx), so a click on 填报 or 设置 still draws at
 * once. A page asked for before its chunk is in (the window opened on its
 * route) waits for it under the shell's spinner (Suspense, in App.tsx).
 */
import { Button, Result } from 'antd';
import { lazyPage } from '../components/lazyChunk';

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

type PlanPageProps = { planId: number | null };

// 填报 first of the pages: the one a staff member opens most (all are fetched at once after the first paint).
export const FiguresPage = lazyPage<object>(() => import('./FiguresPage').then((m) => m.FiguresPage), PageLoadFailed);
export const GoalsPage = lazyPage<PlanPageProps>(() => import('./GoalsPage').then((m) => m.GoalsPage), PageLoadFailed);
export const TasksPage = lazyPage<PlanPageProps>(() => import('./TasksPage').then((m) => m.TasksPage), PageLoadFailed);
export const TargetsPage = lazyPage<PlanPageProps>(() => import('./TargetsPage').then((m) => m.TargetsPage), PageLoadFailed);
export const ExchangePage = lazyPage<object>(() => import('./ExchangePage').then((m) => m.ExchangePage), PageLoadFailed);
export const ReviewPage = lazyPage<object>(() => import('../review/ReviewPage').then((m) => m.ReviewPage), PageLoadFailed);
export const ReportsPage = lazyPage<object>(() => import('./ReportsPage').then((m) => m.ReportsPage), PageLoadFailed);
export const SettingsPage = lazyPage<object>(() => import('./SettingsPage').then((m) => m.SettingsPage), PageLoadFailed);
/** The first run (no plan yet): drawn instead of a page, once in a database's life. */
export const FirstRun = lazyPage<object>(() => import('../firstRun/FirstRun').then((m) => m.FirstRun), PageLoadFailed);
