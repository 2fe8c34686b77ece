/** Hash navigation: "#/tasks" → 'tasks'. Small on purpose; no router needed. */
import { useEffect, useState } from 'react';

export const ROUTES = ['overview', 'goals', 'tasks', 'targets', 'figures', 'exchange', 'review', 'reports', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABEL: Record<Route, string> = {
  overview: '概览',
  goals: '工作目标',
  tasks: '任务分解',
  targets: '指标分解',
  figures: '数据填报',
  exchange: '数据交换',
  review: '审核',
  reports: '报表导出',
  settings: '设置',
};

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'overview';
}

/** The route shown now (outside React). */
export function currentRoute(): Route {
  return parse(window.location.hash);
}

export function navigate(route: Route): void {
  window.location.hash = `#/${route}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parse(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
