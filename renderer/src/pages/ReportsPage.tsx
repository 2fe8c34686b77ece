import { Page } from '../components/Page';
import { ComingSoon } from './ComingSoon';

export function ReportsPage() {
  return (
    <Page title="报表导出" testId="page-reports">
      <ComingSoon what="报表导出：按公文格式导出附件1 任务分解表、附件2 指导性任务分解表和完成情况统计表（Excel），并生成年度工作总结（PDF）。" />
    </Page>
  );
}
