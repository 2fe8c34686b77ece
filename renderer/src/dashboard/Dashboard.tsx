/**
 * 态势总览: where the open plan stands at the app-wide period — tiles, the
 * units × indicators heatmap, per-indicator ranking and trend, tasks and 催报.
 * Everything comes from one call (dashboard.get) and reloads when data changes;
 * every cell, bar and list item opens 数据填报 at that unit, indicator or task.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Dropdown, Row, Select, Space, Spin } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { formatPercent } from '../../../shared/numbers';
import { isBaseYear } from '../../../shared/model/plan';
import { usePlanUnits } from '../reports/usePlanUnits';
import { api, errorMessage } from '../api/transport';
import { PeriodPicker } from '../entry/PeriodPicker';
import { RemindersPanel } from '../entry/RemindersPanel';
import { useApiResource } from '../entry/useApiResource';
import { downloadBase64, downloadBlob } from '../reports/downloadFile';
import { navigate } from '../route';
import { useCurrentPlan } from '../store/appStore';
import { useEntryFocus } from '../store/entryFocus';
import { usePeriod } from '../store/periodStore';
import { pagesToPng } from './exportPng';
import { Heatmap } from './Heatmap';
import { IndicatorCharts } from './IndicatorCharts';
import { TasksCard } from './TasksCard';
import { Tiles } from './Tiles';
import { AfterFirstPaint } from '../components/AfterFirstPaint';
import { dashboardRequest } from './request';
import './dashboard.css';

export function Dashboard() {
  const { message } = App.useApp();
  const plan = useCurrentPlan();
  const [period, setPeriod] = usePeriod(plan);
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const [exporting, setExporting] = useState<string | null>(null);
  const { subs: subUnits } = usePlanUnits(plan);
  const baseYear = plan ? isBaseYear(plan, Number(period.slice(0, 4))) : false;
  const request = plan ? dashboardRequest(plan, period, unitId) : null;
  const dashboard = useApiResource('dashboard.get', request);
  const view = dashboard.data;
  if (!plan) return null;

  const openEntry = (u: number, indicatorId: number) => {
    useEntryFocus.getState().request({ tab: 'grid', unitId: u, indicatorId });
    navigate('figures');
  };
  const openTask = (taskId: number, u: number | undefined) => {
    useEntryFocus.getState().request({ tab: 'progress', taskId, unitId: u });
    navigate('figures');
  };

  const exportAs = async (format: 'pdf' | 'png') => {
    if (!request) return;
    setExporting(format);
    try {
      if (format === 'pdf') {
        const r = await api.call('dashboard.pdf', request);
        downloadBase64(r.base64, r.fileName, r.mimeType);
        message.success(`已导出 ${r.fileName}（${r.pages} 页）`);
      } else {
        const r = await api.call('dashboard.pages', request);
        downloadBlob(await pagesToPng(r.pages), r.fileName);
        message.success(`已导出 ${r.fileName}`);
      }
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(null);
    }
  };

  return (
    <div data-testid="dashboard" data-period={period}>
      <div className="tz-dash-toolbar">
        <PeriodPicker year={plan.yearStart} yearEnd={plan.yearEnd} value={period} onChange={setPeriod} />
        <Select
          value={unitId ?? 0}
          onChange={(v: number) => setUnitId(v || undefined)}
          style={{ width: 200 }}
          aria-label="查看单位"
          data-testid="dashboard-unit"
          showSearch={{ optionFilterProp: 'label' }}
          options={[{ value: 0, label: '全区（含各下级单位）' }, ...subUnits.map((u) => ({ value: u.id, label: u.name }))]}
        />
        {view ? <span className="tz-muted">时序进度 {formatPercent(view.scheduleProgress, 0)}</span> : null}
        <span style={{ flex: 1 }} />
        <Dropdown
          disabled={!view || exporting != null}
          menu={{
            items: [
              { key: 'pdf', label: '导出PDF（A4横向，供会议印发）' },
              { key: 'png', label: '导出PNG图片（A4横向）' },
            ],
            onClick: ({ key }) => void exportAs(key as 'pdf' | 'png'),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={exporting != null} data-testid="dashboard-export">
            导出
          </Button>
        </Dropdown>
      </div>
      {baseYear ? <Alert type="info" showIcon title="上年同期的数据只用于计算同比，态势总览请选择本年度的报告期。" /> : null}
      {dashboard.error ? <Alert type="error" showIcon title={dashboard.error} action={<Button size="small" onClick={dashboard.reload}>重试</Button>} /> : null}
      {view?.sampleData ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="sample-data-banner" title="本页含示例数据（演示用，非真实完成数）：导出的PDF和图片每页都会注明“示例数据”。" />
      ) : null}
      {!view && !dashboard.error && !baseYear ? (
        <div className="tz-loading" data-testid="loading">
          <Spin size="large" />
          <div className="tz-loading-text">正在汇总…</div>
        </div>
      ) : null}
      {view ? (
        <>
          <Tiles view={view} />
          <Card className="tz-card tz-mt" title={`单位 × 指标完成情况（${view.periodLabel}）`} size="small" variant="outlined">
            <Heatmap view={view} onOpen={openEntry} />
          </Card>
          {/* Below the first screen: drawn once the tiles and the heatmap are painted (components/AfterFirstPaint.tsx). */}
          <AfterFirstPaint minHeight={600}>
            <Card className="tz-card tz-mt" title="分指标排名与逐月走势" size="small" variant="outlined">
              <IndicatorCharts view={view} onOpen={openEntry} />
            </Card>
            <Row gutter={16} className="tz-mt">
              <Col xs={24} xxl={14}>
                <Card className="tz-card" title="重点任务进展" size="small" variant="outlined">
                  <TasksCard view={view} onOpenTask={openTask} />
                </Card>
              </Col>
              <Col xs={24} xxl={10}>
                <Card className="tz-card" title="催报" size="small" variant="outlined" data-testid="dashboard-reminders">
                  <RemindersPanel
                    planId={plan.id}
                    period={period}
                    onlyOwing
                    onOpen={(r, what) =>
                      what === 'figures'
                        ? (useEntryFocus.getState().request({ tab: 'grid', unitId: r.unit.id }), navigate('figures'))
                        : (useEntryFocus.getState().request({ tab: 'progress', unitId: r.unit.id }), navigate('figures'))
                    }
                  />
                </Card>
              </Col>
            </Row>
          </AfterFirstPaint>
        </>
      ) : null}
      <Space />
    </div>
  );
}
