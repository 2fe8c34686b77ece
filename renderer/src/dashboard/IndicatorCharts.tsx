/**
 * Per indicator: the sub-units' ranking by 完成率 (bars against the 100% target
 * and the 时序进度 line) and the month-by-month cumulative line against target
 * × 时序进度 and last year. The options come from shared/charts, like the PDF's.
 */
import { useMemo, useState } from 'react';
import { Col, Empty, Row, Segmented } from 'antd';
import { rankingOf } from '../../../shared/dashboard/build';
import type { DashboardView } from '../../../shared/dashboard/view';
import { rankingOption, rankingShown, trendOption } from '../../../shared/charts/dashboardCharts';
import { STATUS_LABEL } from '../../../shared/figures/status';
import { formatNumber, formatPercent, formatRate } from '../../../shared/numbers';
import { EChart } from './EChart';

const FONT = "'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif";
const RANK_LIMIT = 30;

const viewMonth = (period: string) => (period.includes('Q') ? Number(period.slice(5)) * 3 : period.length === 4 ? 12 : Number(period.slice(5)));

export function IndicatorCharts({ view, onOpen }: { view: DashboardView; onOpen(unitId: number, indicatorId: number): void }) {
  const first = view.indicators.find((i) => i.figurePeriod) ?? view.indicators[0];
  const [chosen, setChosen] = useState<number | undefined>(first?.id);
  const indicator = view.indicators.find((i) => i.id === chosen) ?? first;
  const entries = useMemo(() => (indicator ? rankingOf(view, indicator.id) : []), [view, indicator]);
  const trend = indicator ? view.trends.find((t) => t.indicatorId === indicator.id) : undefined;
  const ranking = useMemo(
    () =>
      indicator
        ? rankingOption(
            { indicator, entries, scheduleProgress: view.scheduleProgress, highlightUnitId: view.unit.isPlanUnit ? null : view.unit.id, limit: RANK_LIMIT },
            { fontFamily: FONT },
          )
        : null,
    [indicator, entries, view],
  );
  const line = useMemo(
    () => (indicator && trend ? trendOption({ indicator, trend, month: viewMonth(view.period) }, { fontFamily: FONT }) : null),
    [indicator, trend, view.period],
  );
  if (!indicator) return <Empty description="本工作要点还没有指标" />;
  const shown = rankingShown(entries, RANK_LIMIT);
  const rankingLabel = `${indicator.name}排名：${shown.map((e) => `${e.rank ?? '—'}. ${e.unitName} ${e.rate == null ? STATUS_LABEL[e.status] : formatRate(e.rate)}`).join('；')}`;
  const fmt = (v: number | null) => (v == null ? '—' : formatNumber(v, indicator.decimals));
  const trendLabel = trend ? `${indicator.name}逐月累计：${trend.actual.map((v, k) => `${k + 1}月 ${fmt(v)}`).join('；')}` : '';
  return (
    <div data-testid="indicator-charts">
      <Segmented
        value={indicator.id}
        onChange={(v) => setChosen(Number(v))}
        options={view.indicators.map((i) => ({ value: i.id, label: i.name }))}
        data-testid="indicator-switch"
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
      />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <div className="tz-chart-title">
            各单位完成率排名
            <span className="tz-muted">
              （实线为目标100%，虚线为时序进度{formatPercent(view.scheduleProgress, 0)}
              {entries.length > RANK_LIMIT ? `；前${RANK_LIMIT / 2}与后${RANK_LIMIT / 2}，共${entries.length}个` : ''}）
            </span>
          </div>
          {!indicator.figurePeriod ? (
            <Empty description="本期不考核（该指标按季度或年度报送）" />
          ) : entries.length && ranking ? (
            <EChart
              option={ranking}
              height={Math.max(220, Math.min(shown.length, RANK_LIMIT) * 30 + 60)}
              testId="ranking-chart"
              label={rankingLabel}
              onItemClick={(data) => {
                const unitId = (data as { unitId?: number } | null)?.unitId;
                if (unitId) onOpen(unitId, indicator.id);
              }}
            />
          ) : (
            <Empty description="没有下级单位可排名" />
          )}
        </Col>
        <Col xs={24} xl={12}>
          <div className="tz-chart-title">逐月累计走势（{view.unit.name}）</div>
          {line ? (
            <EChart option={line} height={300} testId="trend-chart" label={trendLabel} onItemClick={() => onOpen(view.unit.id, indicator.id)} />
          ) : null}
        </Col>
      </Row>
    </div>
  );
}
