import { Suspense, useEffect } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Spin, Tag } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import {
  AimOutlined,
  AuditOutlined,
  DashboardOutlined,
  EditOutlined,
  ExportOutlined,
  SwapOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { api, errorMessage } from './api/transport';
import { bootShell, useAppStore, useCurrentPlan } from './store/appStore';
import { usePlanData } from './store/planData';
import { navigate, ROUTE_LABEL, useRoute, type Route } from './route';
import { appTheme } from './theme';
import { formatYears } from './format/target';
import { OverviewPage } from './pages/OverviewPage';
import { ExchangePage, FiguresPage, FirstRun, GoalsPage, ReportsPage, ReviewPage, SettingsPage, TargetsPage, TasksPage } from './pages/lazyPages';
import { lazyPart, preloadChunks, useOpenedOnce } from './components/lazyChunk';
import { ImportButton } from './import/ImportButton';
import { useGuide } from './firstRun/guideStore';
import { ExampleTag, PlanSwitcher } from './plans/PlanSwitcher';
import { Brand } from './components/Brand';
import { AccountMenu } from './accounts/AccountMenu';
import { useAccount, useIsDistrict, type ServerAccount } from './api/serverSession';
import type { Role } from '../../shared/accounts/roles';

const { Sider, Header, Content, Footer } = Layout;

const MENU_ICON: Record<Route, ReactNode> = {
  overview: <DashboardOutlined />,
  goals: <AimOutlined />,
  tasks: <OrderedListOutlined />,
  targets: <PartitionOutlined />,
  figures: <EditOutlined />,
  exchange: <SwapOutlined />,
  review: <AuditOutlined />,
  reports: <ExportOutlined />,
  settings: <SettingOutlined />,
};

const MENU_ORDER: Route[] = ['overview', 'goals', 'tasks', 'targets', 'figures', 'exchange', 'review', 'reports', 'settings'];

/**
 * The pages each account's role is offered at `taizhang serve` — a convenience only: the core checks
 * every call (access/permissions.ts). Without accounts (desktop, `npm run web`) the district has every
 * page, 审核 included: figures taken in from returned 填报表 and 数据包 wait there for its approval.
 */
const ROLE_ROUTES: Record<Role, readonly Route[]> = {
  admin: MENU_ORDER,
  entry: ['overview', 'figures', 'review', 'reports'],
  viewer: ['overview', 'goals', 'tasks', 'targets', 'figures', 'review', 'reports'],
};

const routesFor = (account: ServerAccount | null): readonly Route[] => (account ? ROLE_ROUTES[account.role] : MENU_ORDER);

function PlanHeader() {
  const plan = useCurrentPlan();
  if (!plan) return <span className="tz-header-empty">尚未载入工作要点</span>;
  return (
    <div className="tz-header-plan" data-testid="current-plan">
      <div className="tz-header-text">
        <div className="tz-header-title" title={plan.title}>
          {plan.title}
        </div>
        <div className="tz-header-meta">
          {plan.example ? <ExampleTag /> : null}
          {plan.docNumber ? <Tag color="red" className="tz-doc-tag">{plan.docNumber}</Tag> : null}
          <span>{formatYears(plan.yearStart, plan.yearEnd)}</span>
          {plan.issuer ? <span className="tz-header-issuer">{plan.issuer}</span> : null}
          {plan.archivedAt ? <Tag>已归档</Tag> : null}
        </div>
      </div>
      <PlanSwitcher plan={plan} />
    </div>
  );
}

const Guide = lazyPart(() => import('./firstRun/Guide').then((m) => m.Guide));

/** The guide (帮助), fetched and drawn from its first opening on (kept for its closing animation). */
function GuideOnDemand() {
  const open = useGuide((s) => s.open);
  const opened = useOpenedOnce(open);
  return opened ? <Guide open={open} onClose={() => useGuide.setState({ open: false })} /> : null;
}

const LOADING = (
  <div className="tz-loading" data-testid="loading">
    <Spin size="large" />
    <div className="tz-loading-text">正在打开台账…</div>
  </div>
);

function PageFor({ route, planId }: { route: Route; planId: number | null }) {
  switch (route) {
    case 'overview':
      return <OverviewPage planId={planId} />;
    case 'goals':
      return <GoalsPage planId={planId} />;
    case 'tasks':
      return <TasksPage planId={planId} />;
    case 'targets':
      return <TargetsPage planId={planId} />;
    case 'figures':
      return <FiguresPage />;
    case 'exchange':
      return <ExchangePage />;
    case 'review':
      return <ReviewPage />;
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

function Shell() {
  const { message } = AntApp.useApp();
  const route = useRoute();
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const info = useAppStore((s) => s.info);
  const plans = useAppStore((s) => s.plans);
  const planId = useAppStore((s) => s.planId);
  const boot = useAppStore((s) => s.boot);
  const invalidate = usePlanData((s) => s.invalidate);
  const showGuide = useGuide((s) => s.show);
  const account = useAccount();
  const isDistrict = useIsDistrict();
  const routes = routesFor(account);

  useEffect(() => {
    void bootShell();
    // The other pages' and parts' chunks, once this screen is drawn (components/lazyChunk.tsx).
    preloadChunks();
  }, []);

  // The core tells every window when data changes; reload what is shown.
  useEffect(
    () =>
      api.on('data.changed', (payload) => {
        boot().catch((e: unknown) => message.error(errorMessage(e)));
        invalidate(payload?.planId ?? null);
      }),
    [boot, invalidate, message],
  );

  // Anything that escapes a page still reaches the user, in Chinese.
  useEffect(() => {
    const onRejection = (ev: PromiseRejectionEvent) => message.error(errorMessage(ev.reason));
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [message]);

  useEffect(() => {
    document.title = `${ROUTE_LABEL[route]} - 科创台账`;
  }, [route]);

  let body: ReactNode;
  if (status === 'idle' || status === 'loading') {
    body = LOADING;
  } else if (status === 'error') {
    body = (
      <div className="tz-panel">
        <Result
          status="error"
          title="无法打开台账"
          subTitle={error}
          extra={
            <Button type="primary" onClick={() => void boot()}>
              重试
            </Button>
          }
        />
      </div>
    );
  } else if (plans.length === 0 && route !== 'settings') {
    // A new database starts empty (first run): the example, or a ledger of one's own.
    body = <FirstRun />;
  } else if (!routes.includes(route)) {
    body = (
      <div className="tz-panel">
        <Result status="403" title="您的账户没有这个页面" subTitle={account ? `“${ROUTE_LABEL[route]}”不对${account.role === 'entry' ? '填报员' : '查看'}账户开放。` : undefined} />
      </div>
    );
  } else {
    body = <PageFor route={route} planId={planId} />;
  }

  return (
    <Layout className="tz-layout" hasSider>
      <Sider className="tz-sider" width={208} theme="dark">
        <div className="tz-sider-inner">
          <Brand />
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[route]}
            onClick={({ key }) => (key === 'help' ? showGuide() : navigate(key as Route))}
            items={[
              ...routes.map((r) => ({
                key: r,
                icon: MENU_ICON[r],
                label: ROUTE_LABEL[r],
              })),
              { key: 'help', icon: <QuestionCircleOutlined />, label: '帮助', 'data-testid': 'menu-help' } as { key: string; icon: ReactNode; label: string },
            ]}
          />
          <div className="tz-sider-foot">
            {info ? `版本 ${info.appVersion}` : ''}
            <br />
            {account ? '内网服务器' : '本机离线运行'}
          </div>
        </div>
      </Sider>
      <Layout className="tz-main">
        <Header className="tz-header">
          <PlanHeader />
          {isDistrict ? <ImportButton /> : null}
          {account ? <AccountMenu account={account} /> : null}
        </Header>
        <Content className="tz-content">
          <Suspense fallback={LOADING}>{body}</Suspense>
        </Content>
        <GuideOnDemand />
        <Footer className="tz-footer">{account ? '科创台账 · 内网服务器版，数据保存在本单位服务器' : '科创台账 · 数据保存在本机，不上传网络'}</Footer>
      </Layout>
    </Layout>
  );
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}
