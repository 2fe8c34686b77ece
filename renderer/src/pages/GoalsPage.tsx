/**
 * 工作目标: the plan's goal lines with their parsed targets, edited in the
 * window — add, edit (a form with the goal line previewed as you type),
 * reorder, remove (what goes with it listed first, with a backup and 撤销),
 * each indicator's years side by side, and the history of the edits.
 */
import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, LineChartOutlined, PlusOutlined } from '@ant-design/icons';
import type { GoalRow } from '../../../shared/api/views';
import { AGGREGATION_LABEL, FREQUENCY_LABEL } from '../../../shared/model/indicator';
import { formatNumber } from '../../../shared/numbers';
import { api } from '../api/transport';
import { EmptyState } from '../components/EmptyState';
import { LoadState, Page } from '../components/Page';
import { EditHistoryButton } from '../edit/EditHistory';
import { usePlanViewOnly, ViewOnlyTag } from '../edit/viewOnly';
import { useEditor } from '../edit/useEditor';
import { describeTarget } from '../format/target';
import { GoalForm, type GoalSave } from '../goals/GoalForm';
import { IndicatorYears } from '../goals/IndicatorYears';
import { useImportDrawer } from '../import/importDrawerStore';
import { usePlanResource } from '../store/planData';

function TargetCell({ goal }: { goal: GoalRow }) {
  const d = describeTarget(goal);
  if (!d) return <Typography.Text type="secondary">未填写</Typography.Text>;
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
  const { write, listed, gate } = useEditor();
  const viewOnly = usePlanViewOnly();
  const showImport = useImportDrawer((s) => s.show);
  const [editing, setEditing] = useState<{ goal: GoalRow | null; seq: number } | null>(null);
  const [years, setYears] = useState<GoalRow | null>(null);

  const save = async (goal: GoalSave): Promise<boolean> => {
    if (planId == null) return false;
    const r = await write(() => api.call('goals.save', { planId, goal }), goal.id ? '工作目标已保存' : '已新增工作目标');
    if (r) setEditing(null);
    return r !== null;
  };
  const move = (goals: GoalRow[], index: number, by: number) => {
    if (planId == null) return;
    const ids = goals.map((g) => g.indicator.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id);
    void write(() => api.call('goals.reorder', { planId, ids }));
  };
  const remove = (goal: GoalRow) => {
    if (planId == null) return;
    void listed(
      (confirm) => api.call('goals.remove', { planId, indicatorId: goal.indicator.id, confirm }),
      { title: `删除工作目标“${goal.indicator.name}”将同时删除：`, okText: '仍然删除', items: (r) => r.loses },
      { text: `已删除工作目标“${goal.indicator.name}”`, undoLabel: '撤销删除' },
    );
  };

  return (
    <Page
      title="工作目标"
      subtitle={viewOnly ? '工作要点“一、工作目标”中的各项指标与目标表述。' : '工作要点“一、工作目标”中的各项指标：可新增、修改、调整顺序和删除，目标表述随之生成。'}
      testId="page-goals"
      extra={
        planId != null ? (
          <Space>
            <EditHistoryButton source={{ kind: 'plan', planId, entity: 'indicator' }} title="工作目标的修改记录" />
            {viewOnly ? (
              <ViewOnlyTag />
            ) : (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ goal: null, seq: Date.now() })} data-testid="goal-add">
                新增工作目标
              </Button>
            )}
          </Space>
        ) : null
      }
    >
      {gate}
      <LoadState resource={overview}>
        {(o) => {
          const goals = [...o.goals].sort((a, b) => a.indicator.sortOrder - b.indicator.sortOrder);
          if (goals.length === 0) {
            return (
              <EmptyState
                testId="goals-empty"
                title="这份工作要点还没有工作目标"
                actions={
                  viewOnly ? null : (
                    <Space>
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ goal: null, seq: Date.now() })}>
                        新增工作目标
                      </Button>
                      <Button onClick={() => showImport()}>导入工作目标表</Button>
                    </Space>
                  )
                }
              >
                工作目标是工作要点“一、工作目标”中的各项指标，如“技术合同成交额突破7亿元”。逐条新增，或导入含“指标、目标值、计量单位”的表格。
              </EmptyState>
            );
          }
          return (
            <Table<GoalRow>
              className="tz-table"
              data-testid="goals-table"
              size="small"
              bordered
              sticky={{ offsetHeader: 64 }}
              pagination={false}
              rowKey={(g) => g.indicator.id}
              dataSource={goals}
              onRow={(g) => ({ 'data-goal': g.indicator.name }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '序号', key: 'seq', width: 56, align: 'center', render: (_, __, i) => formatNumber(i + 1, 0) },
                { title: '指标', key: 'name', width: 170, render: (_, g) => <strong>{g.indicator.name}</strong> },
                { title: '目标表述', key: 'wording', render: (_, g) => g.indicator.wordingText ?? <span className="tz-missing">未填写目标</span> },
                { title: '目标值', key: 'target', width: 140, render: (_, g) => <TargetCell goal={g} /> },
                { title: '计量单位', key: 'unit', width: 76, align: 'center', render: (_, g) => g.indicator.measureUnit || '—' },
                {
                  title: '汇总方式',
                  key: 'aggregation',
                  width: 128,
                  render: (_, g) => <Tag color={g.indicator.aggregation === 'sum' ? 'green' : 'orange'}>{AGGREGATION_LABEL[g.indicator.aggregation]}</Tag>,
                },
                { title: '报送频率', key: 'frequency', width: 136, render: (_, g) => FREQUENCY_LABEL[g.indicator.frequency] },
                {
                  title: '分解',
                  key: 'decomposed',
                  width: 64,
                  align: 'center',
                  render: (_, g) => (g.indicator.decomposed ? <Tag color="geekblue">附件2</Tag> : <span className="tz-muted">—</span>),
                },
                {
                  title: '操作',
                  key: 'actions',
                  width: viewOnly ? 64 : 178,
                  render: (_, g, i) =>
                    viewOnly ? (
                      <Tooltip title="历年目标与完成情况">
                        <Button size="small" type="text" icon={<LineChartOutlined />} aria-label="历年" onClick={() => setYears(g)} data-testid="goal-years" />
                      </Tooltip>
                    ) : (
                      <Space size={2}>
                        <Tooltip title="编辑">
                          <Button size="small" type="text" icon={<EditOutlined />} aria-label={`编辑${g.indicator.name}`} data-testid="goal-edit" onClick={() => setEditing({ goal: g, seq: Date.now() })} />
                        </Tooltip>
                        <Tooltip title="上移">
                          <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上移" disabled={i === 0} onClick={() => move(goals, i, -1)} data-testid="goal-up" />
                        </Tooltip>
                        <Tooltip title="下移">
                          <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下移" disabled={i === goals.length - 1} onClick={() => move(goals, i, 1)} data-testid="goal-down" />
                        </Tooltip>
                        <Tooltip title="历年目标与完成情况">
                          <Button size="small" type="text" icon={<LineChartOutlined />} aria-label="历年" onClick={() => setYears(g)} data-testid="goal-years" />
                        </Tooltip>
                        <Popconfirm title={`删除工作目标“${g.indicator.name}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(g)}>
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${g.indicator.name}`} data-testid="goal-remove" />
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]}
            />
          );
        }}
      </LoadState>
      {editing ? <GoalForm key={editing.seq} goal={editing.goal} open onCancel={() => setEditing(null)} onSave={save} /> : null}
      {years && planId != null ? <IndicatorYears planId={planId} indicatorId={years.indicator.id} name={years.indicator.name} onClose={() => setYears(null)} /> : null}
    </Page>
  );
}
