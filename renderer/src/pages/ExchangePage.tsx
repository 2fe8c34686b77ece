/**
 * 数据交换 (its own entry in the side menu): fill-in workbooks and data packages out to the
 * sub-units for the app-wide period (报告期, shared with 概览 and 数据填报), returns in, and the
 * sub-unit's side (a district's package opened, the return exported).
 */
import { Alert } from 'antd';
import { isBaseYear } from '../../../shared/model/plan';
import { Page } from '../components/Page';
import { PeriodPicker } from '../entry/PeriodPicker';
import { OperatorPrompt, useOperator, useOperatorLoaded } from '../entry/Operator';
import { ExchangePanel } from '../exchange/ExchangePanel';
import { useAppStore, useCurrentPlan } from '../store/appStore';
import { usePeriod } from '../store/periodStore';

export function ExchangePage() {
  const plan = useCurrentPlan();
  const planId = useAppStore((s) => s.planId);
  const [period, setPeriod] = usePeriod(plan);
  useOperatorLoaded();
  const operator = useOperator((s) => s.name);
  const operatorLoaded = useOperator((s) => s.loaded);
  if (!plan || planId == null) return null;
  const baseYear = isBaseYear(plan, Number(period.slice(0, 4)));
  return (
    <Page
      title="数据交换"
      testId="page-exchange"
      subtitle={`${plan.title} · 向各街道、镇、集聚区下发填报表或数据包，收回后载入；下级单位在这里打开区里下发的数据包并导出回报。`}
      extra={<PeriodPicker year={plan.yearStart} yearEnd={plan.yearEnd} value={period} onChange={setPeriod} />}
    >
      {baseYear ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`当前报告期是上年同期（${plan.yearStart - 1}年）：填报表和数据包请选择${plan.yearStart}年的报告期。`}
          data-testid="base-year-banner"
        />
      ) : null}
      {operatorLoaded && !operator ? <OperatorPrompt /> : null}
      <ExchangePanel planId={planId} period={period} />
    </Page>
  );
}
