/** 数据填报: figures (grid), task progress, 催报 and locks for a period of the open plan (数据交换 has its own page). */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Tabs } from 'antd';
import { formatPercent } from '../../../shared/numbers';
import { scheduleProgress } from '../../../shared/periods';
import { isBaseYear } from '../../../shared/model/plan';
import { usePlanUnits } from '../reports/usePlanUnits';
import { Page } from '../components/Page';
import { useAppStore, useCurrentPlan } from '../store/appStore';
import { usePeriod } from '../store/periodStore';
import { useEntryFocus } from '../store/entryFocus';
import { FigureGridPanel } from '../entry/FigureGridPanel';
import { LockButton } from '../entry/LockButton';
import { LocksPanel } from '../entry/LocksPanel';
import { PeriodPicker } from '../entry/PeriodPicker';
import { ProgressPanel } from '../entry/ProgressPanel';
import { RemindersPanel } from '../entry/RemindersPanel';
import { useApiResource } from '../entry/useApiResource';
import { OperatorPrompt, useOperator, useOperatorLoaded } from '../entry/Operator';
import { PlanIsEmpty, usePlanIsEmpty } from '../components/PlanIsEmpty';
import { useIsDistrict } from '../api/serverSession';

export function FiguresPage() {
  const plan = useCurrentPlan();
  const planId = useAppStore((s) => s.planId);
  const year = plan?.yearStart ?? new Date().getFullYear();
  // The app-wide period: the same as the dashboard's, remembered per plan (store/periodStore.ts).
  const [period, setPeriod] = usePeriod(plan);
  const [tab, setTab] = useState('grid');
  // Sent here from the dashboard: open the tab, the unit, indicator or task it named.
  const focusRequest = useEntryFocus((s) => s.focus);
  const focusSeq = useEntryFocus((s) => s.seq);
  const [focus, setFocus] = useState<(NonNullable<typeof focusRequest> & { seq: number }) | null>(null);
  useEffect(() => {
    if (!focusRequest) return;
    setTab(focusRequest.tab);
    setFocus({ ...focusRequest, seq: focusSeq });
    useEntryFocus.getState().clear();
  }, [focusRequest, focusSeq]);
  // 上年同期: last year's figures, entered only as the base of 同比.
  const baseYear = plan ? isBaseYear(plan, Number(period.slice(0, 4))) : false;
  useEffect(() => {
    if (baseYear && tab !== 'grid' && tab !== 'locks') setTab('grid');
  }, [baseYear, tab]);
  const locks = useApiResource('entry.locks', planId ? { planId } : null);
  useOperatorLoaded();
  const operator = useOperator((s) => s.name);
  const operatorLoaded = useOperator((s) => s.loaded);
  const empty = usePlanIsEmpty(planId);
  // At `taizhang serve`: locks and 数据交换 are the district's (the core refuses them to other accounts);
  // a 填报员 reports its own unit (plan.units answers the district and that unit only).
  const district = useIsDistrict();

  // Who reports figures (the plan's unit and its sub-units) and who reports task progress (sub-units and departments).
  const { own, subs, departments } = usePlanUnits(plan);
  const { reporting, responsible } = useMemo(
    () => ({ reporting: own ? [own, ...subs] : subs, responsible: [...subs, ...departments] }),
    [own, subs, departments],
  );

  if (!plan || planId == null) return null;
  if (empty) {
    return (
      <Page title="数据填报" testId="page-figures" subtitle={`${plan.title} · 报告期的完成数与任务进展。`}>
        <PlanIsEmpty what="填报" />
      </Page>
    );
  }
  const locked = (locks.data?.locks ?? []).some((l) => l.period === period);

  return (
    <Page
      title="数据填报"
      testId="page-figures"
      collapsible
      subtitle={`${plan.title} · 报告期的完成数与任务进展。时序进度 ${formatPercent(scheduleProgress(period), 1)}，每次修改立即保存并记录操作员${operator ? `（当前：${operator}）` : ''}。`}
      extra={
        <div className="tz-entry-toolbar" style={{ marginBottom: 0 }}>
          <PeriodPicker year={year} yearEnd={plan.yearEnd} value={period} onChange={setPeriod} />
          {district ? <LockButton planId={planId} period={period} locked={locked} onDone={locks.reload} /> : null}
        </div>
      }
    >
      {baseYear ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`正在填报上年同期（${year - 1}年）数据：只用于计算同比，不计算完成率、不排名。任务进展和催报请选择${year}年的报告期。`}
          data-testid="base-year-banner"
        />
      ) : null}
      {locked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="本期已锁定：完成数和任务进展只读。如确需修改，请点“解锁”并填写原因。"
          data-testid="locked-banner"
        />
      ) : null}
      {/* First use: the operator name is asked here, where it is first needed. */}
      {operatorLoaded && !operator ? <OperatorPrompt /> : null}
      {operator ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'grid', label: '指标完成数', children: <FigureGridPanel planId={planId} period={period} year={Number(period.slice(0, 4))} units={reporting} focus={tab === 'grid' ? focus : null} lockBanner={locked} /> },
            { key: 'progress', label: '任务进展', children: <ProgressPanel planId={planId} period={period} units={responsible} focus={tab === 'progress' ? focus : null} /> },
            { key: 'reminders', label: '催报', children: <RemindersPanel planId={planId} period={period} /> },
            { key: 'locks', label: '锁定记录', children: <LocksPanel planId={planId} /> },
          ].filter((item) => !baseYear || item.key === 'grid' || item.key === 'locks')}
        />
      ) : null}
    </Page>
  );
}
