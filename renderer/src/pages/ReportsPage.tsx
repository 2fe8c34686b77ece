/**
 * 报表导出: a list of export cards, one per kind of output. The Excel tables
 * are in reports/ExcelExportCard.tsx; the PDF 年度工作总结 adds its own card here.
 */
import { Empty } from 'antd';
import { Page } from '../components/Page';
import { useCurrentPlan } from '../store/appStore';
import { ExcelExportCard } from '../reports/ExcelExportCard';
import { SummaryCard } from '../reports/SummaryCard';
import { PlanIsEmpty, usePlanIsEmpty } from '../components/PlanIsEmpty';

export function ReportsPage() {
  const plan = useCurrentPlan();
  const empty = usePlanIsEmpty(plan?.id ?? null);
  return (
    <Page title="报表导出" subtitle="按公文格式导出附件和统计表，可直接打印或报送。" testId="page-reports">
      {plan && empty ? (
        <PlanIsEmpty what="导出" />
      ) : plan ? (
        <div className="tz-export-cards">
          <ExcelExportCard plan={plan} />
          <SummaryCard plan={plan} />
        </div>
      ) : (
        <Empty description="尚未选择工作要点。" />
      )}
    </Page>
  );
}
