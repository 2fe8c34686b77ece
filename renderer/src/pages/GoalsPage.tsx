import { Table, Tag, Typography } from 'antd';
import type { GoalRow } from '../../../shared/api/views';
import { AGGREGATION_LABEL, FREQUENCY_LABEL } from '../../../shared/model/indicator';
import { formatNumber } from '../../../shared/numbers';
import { LoadState, Page } from '../components/Page';
import { describeTarget } from '../format/target';
import { usePlanResource } from '../store/planData';

function TargetCell({ goal }: { goal: GoalRow }) {
  const d = describeTarget(goal);
  if (!d) return <Typography.Text type="secondary">未识别</Typography.Text>;
  // The comparison word (突破, 达到) or the kind of a non-point target (区间, 增长); a bare number needs no tag.
  const tag = [d.kind === '数值' ? '' : d.kind, d.comparator].filter(Boolean).join(' · ');
  return (
    <span className="tz-target">
      <span className="tz-num">{d.text}</span>
      {d.suffix ? <span className="tz-target-suffix">{d.suffix}</span> : null}
      {tag ? (
        <Tag className="tz-target-kind" color={d.kind === '区间' ? 'purple' : d.kind === '数值' ? 'blue' : 'cyan'}>
          {tag}
        </Tag>
      ) : null}
    </span>
  );
}

export function GoalsPage({ planId }: { planId: number | null }) {
  const overview = usePlanResource('plan.overview', planId);
  return (
    <Page
      title="工作目标"
      subtitle="工作要点“一、工作目标”中的各项指标：目标表述按原文列出，目标值由系统识别。"
      testId="page-goals"
    >
      <LoadState resource={overview}>
        {(o) => (
          <Table<GoalRow>
            className="tz-table"
            data-testid="goals-table"
            size="small"
            bordered
            sticky={{ offsetHeader: 64 }}
            pagination={false}
            rowKey={(g) => g.indicator.id}
            dataSource={[...o.goals].sort((a, b) => a.indicator.sortOrder - b.indicator.sortOrder)}
            columns={[
              {
                title: '序号',
                key: 'seq',
                width: 64,
                align: 'center',
                render: (_, __, i) => formatNumber(i + 1, 0),
              },
              {
                title: '指标',
                key: 'name',
                width: 180,
                render: (_, g) => <strong>{g.indicator.name}</strong>,
              },
              {
                title: '目标表述（原文）',
                key: 'wording',
                render: (_, g) => g.indicator.wordingText ?? '—',
              },
              {
                title: '目标值',
                key: 'target',
                width: 150,
                render: (_, g) => <TargetCell goal={g} />,
              },
              {
                title: '计量单位',
                key: 'unit',
                width: 80,
                align: 'center',
                render: (_, g) => g.indicator.measureUnit || '—',
              },
              {
                title: '汇总方式',
                key: 'aggregation',
                width: 140,
                render: (_, g) => (
                  <Tag color={g.indicator.aggregation === 'sum' ? 'green' : 'orange'}>
                    {AGGREGATION_LABEL[g.indicator.aggregation]}
                  </Tag>
                ),
              },
              {
                title: '报送频率',
                key: 'frequency',
                width: 150,
                render: (_, g) => FREQUENCY_LABEL[g.indicator.frequency],
              },
              {
                title: '分解到下级',
                key: 'decomposed',
                width: 96,
                align: 'center',
                render: (_, g) =>
                  g.indicator.decomposed ? <Tag color="geekblue">附件2</Tag> : <span className="tz-muted">—</span>,
              },
            ]}
          />
        )}
      </LoadState>
    </Page>
  );
}
