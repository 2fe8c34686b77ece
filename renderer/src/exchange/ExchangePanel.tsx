/** 数据交换 (its own page, pages/ExchangePage.tsx): fill-in workbooks and packages out, returns in, and the sub-unit's package side. */
import { useCurrentPlan } from '../store/appStore';
import { usePlanUnits } from '../reports/usePlanUnits';
import { ExportCard } from './ExportCard';
import { PackageCard } from './PackageCard';
import { ReturnsCard } from './ReturnsCard';
import { IssueCard } from './IssueCard';
import './exchange.css';

export function ExchangePanel({ planId, period }: { planId: number; period: string }) {
  const plan = useCurrentPlan();
  const { subs: subUnits, own } = usePlanUnits(plan);
  return (
    <div className="tz-exchange" data-testid="exchange-panel">
      <ExportCard planId={planId} period={period} subUnits={subUnits} />
      <ReturnsCard planId={planId} />
      <IssueCard planId={planId} period={period} own={own} subs={subUnits} />
      <PackageCard planId={planId} />
    </div>
  );
}
