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
interface PageChunk<P> {
  load(): Promise<ComponentType<P>>;
  Loaded?: ComponentType<P>;
  failed?: boolean;
  pending?: Promise<void>;
}

const chunk = <P,>(load: () => Promise<ComponentType<P>>): PageChunk<P> => ({ load });

function preload<P>(page: PageChunk<P>): Promise<void> {
  page.pending ??= page.load().then(
    (component) => {
      page.Loaded = component;
    },
    () => {
      page.failed = true;
    },
  );
  return page.pending;
}

/** The page of that chunk: waits for it under the shell's Suspense the first time only. */
function ChunkPage<P extends object>({ page, props }: { page: PageChunk<P>; props: P }) {
  if (!page.Loaded && !page.failed) use(preload(page));
  const { Loaded } = page;
  if (!Loaded) return <PageLoadFailed />;
  return <Loaded {...props} />;
}

type PlanPageProps = { planId: number | null };

const goals = chunk<PlanPageProps>(() => import('./GoalsPage').then((m) => m.GoalsPage));
const tasks = chunk<PlanPageProps>(() => import('./TasksPage').then((m) => m.TasksPage));
const targets = chunk<PlanPageProps>(() => import('./TargetsPage').then((m) => m.TargetsPage));
const figures = chunk<object>(() => import('./FiguresPage').then((m) => m.FiguresPage));
const exchange = chunk<object>(() => import('./ExchangePage').then((m) => m.ExchangePage));
const review = chunk<object>(() => import('../review/ReviewPage').then((m) => m.ReviewPage));
const reports = chunk<object>(() => import('./ReportsPage').then((m) => m.ReportsPage));
const settings = chunk<object>(() => import('./SettingsPage').then((m) => m.SettingsPage));

export const GoalsPage = (props: PlanPageProps) => <ChunkPage page={goals} props={props} />;
export const TasksPage = (props: PlanPageProps) => <ChunkPage page={tasks} props={props} />;
export const TargetsPage = (props: PlanPageProps) => <ChunkPage page={targets} props={props} />;
export const FiguresPage = () => <ChunkPage page={figures} props={{}} />;
export const ExchangePage = () => <ChunkPage page={exchange} props={{}} />;
export const ReviewPage = () => <ChunkPage page={review} props={{}} />;
export const ReportsPage = () => <ChunkPage page={reports} props={{}} />;
export const SettingsPage = () => <ChunkPage page={settings} props={{}} />;

const ALL = [figures, goals, tasks, targets, review, reports, exchange, settings] as PageChunk<unknown>[];

/** Fetches every page's chunk once the first screen is drawn and the browser is idle. */
export function preloadPages(): void {
  const start = () => {
    for (const page of ALL) void preload(page);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}
