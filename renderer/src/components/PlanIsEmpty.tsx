/**
 * 数据填报 and 报表导出 of a plan with no goals and no tasks yet: what fills
 * them (goals and tasks, entered or imported) and the ways there.
 */
import { Button, Space } from 'antd';
import { AimOutlined, ImportOutlined, OrderedListOutlined } from '@ant-design/icons';
import { useImportDrawer } from '../import/importDrawerStore';
import { usePlanViewOnly } from '../edit/viewOnly';
import { navigate } from '../route';
import { usePlanResource } from '../store/planData';
import { EmptyState } from './EmptyState';

/** True once the plan is known to have neither goals nor tasks. */
export function usePlanIsEmpty(planId: number | null): boolean {
  const overview = usePlanResource('plan.overview', planId);
  return overview.data != null && overview.data.counts.indicators === 0 && overview.data.counts.tasks === 0;
}

export function PlanIsEmpty({ what, extra }: { what: string; extra?: React.ReactNode }) {
  const showImport = useImportDrawer((s) => s.show);
  // An account that cannot change the plan is told who fills it, without buttons it could not use.
  const viewOnly = usePlanViewOnly();
  if (viewOnly) {
    return (
      <EmptyState testId="plan-empty" title={`这份工作要点还没有工作目标和任务，暂无可${what}的内容`} actions={extra}>
        区里录入或导入工作目标和任务后，这里即可{what}。
      </EmptyState>
    );
  }
  return (
    <EmptyState
      testId="plan-empty"
      title={`这份工作要点还没有工作目标和任务，暂无可${what}的内容`}
      actions={
        <Space>
          <Button type="primary" icon={<ImportOutlined />} onClick={() => showImport()}>
            导入工作要点表格
          </Button>
          <Button icon={<AimOutlined />} onClick={() => navigate('goals')}>
            新增工作目标
          </Button>
          <Button icon={<OrderedListOutlined />} onClick={() => navigate('tasks')}>
            新增任务
          </Button>
          {extra}
        </Space>
      }
    >
      先在“工作目标”“任务分解”中录入，或导入印发的附件1、附件2；之后这里即可{what}。
    </EmptyState>
  );
}
