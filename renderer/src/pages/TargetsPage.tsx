import { Button } from 'antd';
import { AimOutlined, ApartmentOutlined } from '@ant-design/icons';
import { EmptyState } from '../components/EmptyState';
import { LoadState, Page } from '../components/Page';
import { usePlanViewOnly } from '../edit/viewOnly';
import { navigate } from '../route';
import { usePlanResource } from '../store/planData';
import { TargetGridPanel } from '../targets/TargetGridPanel';
import { TargetHistoryButton } from './TargetHistoryButton';

export function TargetsPage({ planId }: { planId: number | null }) {
  const breakdown = usePlanResource('targets.breakdown', planId);
  const viewOnly = usePlanViewOnly();
  return (
    <Page
      title="指标分解"
      subtitle={`附件2 指导性任务分解表：全区目标分解到各街道、镇、集聚区，下级单位之和应与全区目标相符。${viewOnly ? '' : '在表格中直接填写、粘贴或修改。'}`}
      testId="page-targets"
      extra={planId != null ? <TargetHistoryButton planId={planId} /> : null}
    >
      <LoadState resource={breakdown}>
        {(b) =>
          b.indicators.length === 0 ? (
            <EmptyState
              testId="targets-empty"
              title="还没有分解到下级单位的指标"
              actions={
                <Button type="primary" icon={<AimOutlined />} onClick={() => navigate('goals')}>
                  去“工作目标”
                </Button>
              }
            >
              {viewOnly
                ? '区里在“工作目标”中勾选“分解到下级单位”的指标，会在这里列出各单位的分解目标。'
                : '在“工作目标”中新增或编辑指标，勾选“分解到下级单位”，这里就会出现一列，逐个单位填写目标；也可以用顶部的“导入”载入附件2 指导性任务分解表。'}
            </EmptyState>
          ) : b.rows.length === 0 ? (
            <EmptyState
              testId="targets-empty"
              title={`${b.parent.unit.name}还没有下级单位`}
              actions={
                viewOnly ? null : (
                  <Button type="primary" icon={<ApartmentOutlined />} onClick={() => navigate('settings')}>
                    去“设置 → 单位与部门”
                  </Button>
                )
              }
            >
              {viewOnly ? '区里添加街道、镇、集聚区并分解目标后，这里即可查看。' : '在“设置 → 单位与部门”中添加街道、镇、集聚区后，即可在这里把全区目标分解到各单位。'}
            </EmptyState>
          ) : (
            <TargetGridPanel planId={b.planId} breakdown={b} />
          )
        }
      </LoadState>
    </Page>
  );
}
