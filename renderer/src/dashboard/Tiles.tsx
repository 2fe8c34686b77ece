/** The dashboard's tiles: indicators by status, tasks by state, 填报率, days left (their words: shared/dashboard/labels.ts). */
import { Card, Col, Row, Statistic } from 'antd';
import type { DashboardView } from '../../../shared/dashboard/view';
import { tileTexts } from '../../../shared/dashboard/labels';
import { STATUS_SYMBOL } from '../../../shared/charts/dashboardCharts';
import { STATUS_COLOR } from '../../../shared/figures/status';

export function Tiles({ view }: { view: DashboardView }) {
  return (
    <Row gutter={[12, 12]} data-testid="dashboard-tiles">
      {tileTexts(view).map((tile) =>
        tile.status ? (
          <Col key={tile.key} xs={12} md={8} xl={3}>
            <Card
              className="tz-tile"
              size="small"
              style={{ borderTop: `3px solid ${STATUS_COLOR[tile.status].color}` }}
              data-testid={`tile-${tile.key}`}
              data-value={tile.value}
            >
              <Statistic
                title={
                  <span style={{ color: STATUS_COLOR[tile.status].color }}>
                    {STATUS_SYMBOL[tile.status]} {tile.title}
                  </span>
                }
                value={tile.value}
                suffix={tile.suffix}
              />
              <div className="tz-tile-note">{tile.note}</div>
            </Card>
          </Col>
        ) : (
          <Col key={tile.key} xs={tile.key === 'tasks' ? 24 : 12} md={8} xl={4}>
            <Card className="tz-tile" size="small" data-testid={`tile-${tile.key}`}>
              <Statistic
                title={tile.title}
                value={tile.value}
                suffix={tile.suffix}
                valueStyle={tile.key === 'tasks' && Number(tile.value) > 0 ? { color: '#CF1322' } : undefined}
              />
              <div className="tz-tile-note">{tile.note}</div>
            </Card>
          </Col>
        ),
      )}
    </Row>
  );
}
