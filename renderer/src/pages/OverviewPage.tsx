import { useIsDistrict } from '../api/serverSession';
import { useState } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Modal, Table, Tag } from 'antd';
import {
  ApartmentOutlined,
  AimOutlined,
  BankOutlined,
  FlagOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { PlanOverview } from '../../../shared/api/views';
import type { SumCheck } from '../../../shared/figures/sumCheck';
import { formatNumber } from '../../../shared/numbers';
import { LoadState, Page } from '../components/Page';
import { AfterFirstPaint } from '../components/AfterFirstPaint';
import { lazyPart } from '../components/lazyChunk';
import { SumCheckTag } from '../components/SumCheckTag';
import { formatDateCn, formatYears, withMeasureUnit } from '../format/target';
import { usePlanResource } from '../store/planData';
import { Dashboard } from '../dashboard/Dashboard';
import { PlanIsEmpty, usePlanIsEmpty } from '../components/PlanIsEmpty';
import { useGuide } from '../firstRun/guideStore';
import { useAppStore, useCurrentPlan } from '../store/appStore';

// The dialog's form, a chunk of its own fetched after the first paint (components/lazyChunk.tsx).
const LedgerForm = lazyPart(() => import('../firstRun/LedgerForm').then((m) => m.LedgerForm));

interface CountItem {
  label: string;
  value: number;
  suffix: string;
  icon: ReactNode;
}

function counts(o: PlanOverview): CountItem[] {
  return [
    { label: '区及下级单位', value: o.counts.units, suffix: '个', icon: <ApartmentOutlined /> },
    { label: '责任部门', value: o.counts.departments, suffix: '个', icon: <BankOutlined /> },
    { label: '指标', value: o.counts.indicators, suffix: '项', icon: <AimOutlined /> },
    { label: '分解目标', value: o.counts.targets, suffix: '个', icon: <PartitionOutlined /> },
    { label: '重点行动', value: o.counts.actionLines, suffix: '项', icon: <FlagOutlined /> },
    { label: '任务', value: o.counts.tasks, suffix: '项', icon: <OrderedListOutlined /> },
  ];
}

function SumCheckSummary({ overview }: { overview: PlanOverview }) {
  const checks = overview.sumChecks;
  const byId = new Map(overview.goals.map((g) => [g.indicator.id, g.indicator]));
  if (checks.length === 0) {
    return <Alert type="info" showIcon title="本工作要点没有向下级单位分解的指标（附件2）。" />;
  }
  const additive = checks.filter((c) => c.state !== 'not_additive');
  const allMatch = additive.length > 0 && additive.every((c) => c.state === 'match');
  const bad = additive.filter((c) => c.state !== 'match').length;
  return (
    <>
      {allMatch ? (
        <Alert
          type="success"
          showIcon
          data-testid="sum-check-summary"
          title={`附件2 指导性任务分解：${formatNumber(additive.length, 0)} 项指标的分解合计均与${overview.unit.name}目标相符`}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="sum-check-summary"
          title={`附件2 指导性任务分解：${formatNumber(bad, 0)} 项指标的分解合计与${overview.unit.name}目标不符或不完整，请到“指标分解”页核对。`}
        />
      )}
      <Table<SumCheck>
        className="tz-table tz-mt"
        size="small"
        bordered
        pagination={false}
        rowKey="indicatorId"
        dataSource={checks}
        columns={[
          {
            title: '指标',
            key: 'name',
            render: (_, c) => {
              const ind = byId.get(c.indicatorId);
              return ind ? withMeasureUnit(ind.name, ind.measureUnit) : `指标 ${formatNumber(c.indicatorId, 0)}`;
            },
          },
          {
            title: `${overview.unit.name}目标`,
            key: 'parent',
            align: 'right',
            width: 140,
            render: (_, c) => (c.parent == null ? '—' : formatNumber(c.parent, byId.get(c.indicatorId)?.decimals ?? 4)),
          },
          {
            title: '下级单位合计',
            key: 'sum',
            align: 'right',
            width: 140,
            render: (_, c) => formatNumber(c.sum, byId.get(c.indicatorId)?.decimals ?? 4),
          },
          {
            title: '校验',
            key: 'state',
            width: 180,
            render: (_, c) => <SumCheckTag check={c} decimals={byId.get(c.indicatorId)?.decimals ?? 4} />,
          },
        ]}
      />
    </>
  );
}

/** The plan's facts and counts, kept small under the dashboard. */
function PlanFacts({ planId }: { planId: number | null }) {
  const overview = usePlanResource('plan.overview', planId);
  return (
    <LoadState resource={overview}>
      {(o) => (
        <Card className="tz-card tz-mt" title="工作要点与数据规模" size="small" variant="outlined" data-testid="plan-facts">
          <Descriptions
            column={{ xs: 1, md: 3 }}
            size="small"
            items={[
              { key: 'title', label: '标题', span: 3, children: <strong>{o.plan.title}</strong> },
              { key: 'doc', label: '文号', children: o.plan.docNumber ?? '—' },
              { key: 'issued', label: '印发日期', children: formatDateCn(o.plan.issuedOn) },
              { key: 'issuer', label: '发文单位', children: o.plan.issuer ?? '—' },
              { key: 'unit', label: '实施单位', children: o.unit.name },
              { key: 'years', label: '年度', children: formatYears(o.plan.yearStart, o.plan.yearEnd) },
              { key: 'goals', label: '工作目标', children: `${formatNumber(o.goals.length, 0)} 项指标` },
            ]}
          />
          <div className="tz-counts" data-testid="plan-counts">
            {counts(o).map((c) => (
              <span key={c.label} className="tz-count">
                <span className="tz-stat-icon">{c.icon}</span>
                {c.label} <b>{formatNumber(c.value, 0)}</b> {c.suffix}
              </span>
            ))}
          </div>
          <Collapse
            ghost
            size="small"
            items={[
              {
                key: 'sum',
                label: (
                  <span>
                    附件2 指导性任务分解 · 合计校验 <Tag color="blue">下级单位目标之和应等于{o.unit.name}目标</Tag>
                  </span>
                ),
                forceRender: true,
                children: <SumCheckSummary overview={o} />,
              },
            ]}
          />
        </Card>
      )}
    </LoadState>
  );
}

/** The example is marked 示例, and one's own ledger is one click away (a bureau never has to delete it). */
function ExampleBanner() {
  const plan = useCurrentPlan();
  const boot = useAppStore((s) => s.boot);
  const setPlanId = useAppStore((s) => s.setPlanId);
  const offerGuide = useGuide((s) => s.offer);
  const [open, setOpen] = useState(false);
  // Starting a ledger is the district's (at taizhang serve an admin's): other accounts see the example marked, without the offer.
  const district = useIsDistrict();
  if (!plan?.example) return null;
  if (!district) return <Alert className="tz-mb" type="warning" showIcon data-testid="example-banner" title="正在查看示例：青云谱区 2022 年工作要点（公开文件，用来熟悉软件）" />;
  return (
    <>
      <Alert
        className="tz-mb"
        type="warning"
        showIcon
        data-testid="example-banner"
        title="正在查看示例：青云谱区 2022 年工作要点（公开文件，用来熟悉软件）"
        description="示例与您自己的台账并存、互不影响。准备好后，为本单位新建台账即可开始；示例不需要时可在顶部“工作要点操作”中归档或删除。"
        action={
          <Button type="primary" onClick={() => setOpen(true)} data-testid="example-new-ledger">
            新建我的台账
          </Button>
        }
      />
      <Modal open={open} title="新建台账" footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <LedgerForm
          onDone={async (planId) => {
            setOpen(false);
            await boot();
            setPlanId(planId);
            offerGuide();
          }}
        />
      </Modal>
    </>
  );
}

/** 概览: the dashboard (态势总览) of the open plan at the app-wide period, with the plan's facts below. */
export function OverviewPage({ planId }: { planId: number | null }) {
  const empty = usePlanIsEmpty(planId);
  const showGuide = useGuide((s) => s.show);
  return (
    <Page title="概览 · 态势总览" subtitle="所选报告期各单位、各指标的完成情况，任务进展与催报；点击任一格、柱或条目可打开对应的数据填报。" testId="page-overview">
      <ExampleBanner />
      {empty ? (
        <PlanIsEmpty
          what="汇总"
          extra={
            <Button icon={<QuestionCircleOutlined />} onClick={showGuide} data-testid="overview-guide">
              使用指引
            </Button>
          }
        />
      ) : (
        <>
          <Dashboard />
          {/* Below the dashboard: drawn once its first screen is painted. */}
          <AfterFirstPaint minHeight={400}>
            <PlanFacts planId={planId} />
          </AfterFirstPaint>
        </>
      )}
    </Page>
  );
}
