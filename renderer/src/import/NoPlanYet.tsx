/** The page of a database without any plan: what to do next is to import one. */
import { Button, Empty } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useImportDrawer } from './importDrawerStore';

export function NoPlanYet() {
  const show = useImportDrawer((s) => s.show);
  return (
    <Empty
      data-testid="no-plan"
      description={
        <span>
          数据库中还没有工作要点。
          <br />
          导入印发的通知（Word），或工作要点的任务分解表、指导性任务分解表、工作目标表（Excel、CSV 或粘贴文字），即可新建。
        </span>
      }
    >
      <Button type="primary" icon={<ImportOutlined />} data-testid="no-plan-import" onClick={() => show()}>
        导入通知或表格
      </Button>
    </Empty>
  );
}
