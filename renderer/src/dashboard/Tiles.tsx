/** The dashboard's tiles: indicators by status, tasks by state, 填报率, days left. */
import { Card, Col, Row, Statistic } from 'antd';
import type { DashboardView } from '../../../shared/dashboard/view';
import { STATUS_SYMBOL } from '../../../shared/charts/dashboardCharts';
import { STATUS_COLOR, STATUS_HINT, STATUS_LABEL, type Status } from '../../../shared/figures/status';
import { chineseDateOf } from '../../../shared/dates';
import { formatPercent } from '../../../shared/numbers';

export function Tiles({ view }: { view: DashboardView }) {
  const t = view.tiles;
  const statusTiles: { s: Status; value: number; note: string }[] = [
    { s: 'green', value: t.indicators.green, note: STATUS_HINT.green },
    { s: 'amber', value: t.indicators.amber, note: '落后时序进度10个百分点以内' },
    { s: 'red', value: t.indicators.red, note: '落后时序进度超过10个百分点' },
    { s: 'none', value: t.indicators.none + t.indicators.partial, note: `${t.indicators.partial ? `其中未报齐 ${t.indicators.partial} 项；` : ''}${t.notDue ? `另有 ${t.notDue} 项本期不考核` : '无完成数或无目标'}` },
  ];
  const days = t.days;
  return (
    <Row gutter={[12, 12]} data-testid="dashboard-tiles">
      {statusTiles.map(({ s, value, note }) => (
        <Col key={s} xs={12} md={8} xl={3}>
          <Card className="tz-tile" size="small" style={{ borderTop: `3px solid ${STATUS_COLOR[s].color}` }} data-testid={`tile-${s}`} data-value={value}>
            <Statistic title={<span style={{ color: STATUS_COLOR[s].color }}>{STATUS_SYMBOL[s]} 指标{STATUS_LABEL[s]}</span>} value={value} suffix="项" />
            {/* Counted on the view unit's own row (the district's total, or the chosen unit's): a sub-unit's red cell
                in the heatmap below is not a red district indicator, so the tile says whose figures it counts. */}
            <div className="tz-tile-note">
              按{view.unit.name}{view.unit.isPlanUnit ? '合计' : ''}：{note}
            </div>
          </Card>
        </Col>
      ))}
      <Col xs={24} md={8} xl={4}>
        <Card className="tz-tile" size="small" data-testid="tile-tasks">
          <Statistic title="任务滞后" value={t.tasks.late} suffix={`/ ${Object.values(t.tasks).reduce((a, b) => a + b, 0)} 项`} valueStyle={{ color: t.tasks.late ? '#CF1322' : undefined }} />
          <div className="tz-tile-note">
            未启动 {t.tasks.not_started} · 推进中 {t.tasks.in_progress} · 已完成 {t.tasks.done} · 未填报 {t.tasks.unreported}
          </div>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card className="tz-tile" size="small" data-testid="tile-reporting">
          <Statistic title="填报率" value={t.reporting.rate == null ? '—' : formatPercent(t.reporting.rate, 0)} />
          <div className="tz-tile-note">
            {t.reporting.complete}/{t.reporting.expected} 个单位已报齐 · 完成数 {t.reporting.cellsEntered}/{t.reporting.cellsExpected} 项
          </div>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card className="tz-tile" size="small" data-testid="tile-days">
          {days.leftInPeriod > 0 ? (
            <Statistic title="本期剩余" value={days.leftInPeriod} suffix="天" />
          ) : (
            <Statistic title="距报送截止" value={days.toDeadline >= 0 ? days.toDeadline : '已截止'} suffix={days.toDeadline >= 0 ? '天' : undefined} />
          )}
          <div className="tz-tile-note">
            报告期止 {chineseDateOf(days.periodEnd)}，截止报送 {chineseDateOf(days.deadline)}
            {days.toDeadline < 0 ? `（已过 ${-days.toDeadline} 天）` : ''}
          </div>
        </Card>
      </Col>
    </Row>
  );
}
