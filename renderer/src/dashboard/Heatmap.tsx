/**
 * Units × indicators, each cell coloured by status and carrying its symbol,
 * 完成率 and value — readable printed in greyscale. The district total row
 * first. A click opens the entry grid at that unit and indicator.
 */
import { useMemo, useState } from 'react';
import { Input, Tooltip } from 'antd';
import type { DashboardView } from '../../../shared/dashboard/view';
import { STATUS_SYMBOL } from '../../../shared/charts/dashboardCharts';
import { STATUS_COLOR, STATUS_HINT, STATUS_LABEL, type Status } from '../../../shared/figures/status';
import { formatNumber, formatRate } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import { withMeasureUnit } from '../format/target';
import { REVIEW_LEGEND, REVIEW_MARK, REVIEW_STATE_LABEL, reviewKey } from '../../../shared/review/states';
import { paintMark } from '../components/paintMark';

const ROW_LIMIT = 60;

export function Heatmap({ view, onOpen }: { view: DashboardView; onOpen(unitId: number, indicatorId: number): void }) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const all = view.units.map((u, row) => ({ u, row }));
    const wanted = filter.trim() ? all.filter(({ u }, k) => k === 0 || u.name.includes(filter.trim())) : all;
    return wanted;
  }, [view, filter]);
  const shown = rows.slice(0, ROW_LIMIT);
  // 审核 (taizhang serve): a street's figures not approved yet carry a quiet mark.
  const reviews = useMemo(() => new Map((view.reviews ?? []).map((m) => [reviewKey(m.unitId, m.period), m])), [view]);
  return (
    <div>
      {view.units.length > 12 ? (
        <Input.Search allowClear placeholder="按单位名称筛选" style={{ width: 240, marginBottom: 8 }} onChange={(e) => setFilter(e.target.value)} />
      ) : null}
      <div className="tz-heat-wrap">
        <table className="tz-heat" data-testid="heatmap">
          <thead>
            <tr>
              <th className="tz-heat-corner" {...paintMark('heatmap')}>
                单位 \ 指标
              </th>
              {view.indicators.map((i) => (
                <th key={i.id}>
                  <div>{withMeasureUnit(i.name, i.measureUnit)}</div>
                  <div className="tz-muted tz-heat-period">{i.figurePeriod ? periodLabel(i.figurePeriod) : '本期不考核'}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ u, row }) => (
              <tr key={u.id} className={u.isParent ? 'tz-heat-total' : row === view.unit.row ? 'tz-heat-mine' : undefined}>
                <th scope="row">{u.isParent ? `${u.name}（合计）` : u.name}</th>
                {view.indicators.map((ind, col) => {
                  const [status, rate, actual, target] = view.cells[row][col];
                  if (!ind.figurePeriod) {
                    return (
                      <td key={ind.id} className="tz-heat-off">
                        本期不考核
                      </td>
                    );
                  }
                  const s = status as Status;
                  const review = reviews.get(reviewKey(u.id, ind.figurePeriod));
                  const mark = review ? REVIEW_MARK[review.state] : '';
                  return (
                    <Tooltip
                      key={ind.id}
                      title={`${u.name} · ${ind.name}：${STATUS_LABEL[s]}（${STATUS_HINT[s]}）${review ? `，${REVIEW_STATE_LABEL[review.state]}` : ''}。点击打开数据填报。`}
                      mouseEnterDelay={0.4}
                    >
                      <td
                        className="tz-heat-cell"
                        style={{ background: STATUS_COLOR[s].background }}
                        data-testid="heat-cell"
                        data-unit={u.name}
                        data-indicator={ind.name}
                        data-status={s}
                        data-rate={rate ?? ''}
                        data-actual={actual ?? ''}
                        data-review={review?.state}
                        // biome-ignore lint/a11y/noNoninteractiveTabindex: a heatmap cell opens its detail by click or Enter, as a spreadsheet cell would
                        tabIndex={0}
                        onClick={() => onOpen(u.id, ind.id)}
                        onKeyDown={(e) => (e.key === 'Enter' ? onOpen(u.id, ind.id) : undefined)}
                      >
                        <div className="tz-heat-status" style={{ color: STATUS_COLOR[s].color }}>
                          {STATUS_SYMBOL[s]} {rate == null ? STATUS_LABEL[s] : `${formatRate(rate)} ${STATUS_LABEL[s]}`}
                        </div>
                        <div className="tz-heat-value">
                          {mark ? <span className={`tz-review-mark is-${review!.state}`}>{mark}</span> : null}
                          {actual == null ? '—' : formatNumber(actual, ind.decimals)} / {target == null ? '无目标' : formatNumber(target, ind.decimals)}
                        </div>
                      </td>
                    </Tooltip>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length ? <div className="tz-muted tz-mt-sm">另有 {rows.length - shown.length} 个单位未显示：请用上方筛选，或导出PDF查看全部。</div> : null}
      <div className="tz-heat-legend">
        {(['green', 'amber', 'red', 'partial', 'none'] as Status[]).map((s) => (
          <span key={s} title={STATUS_HINT[s]}>
            <i style={{ background: STATUS_COLOR[s].background, borderColor: STATUS_COLOR[s].color }} />
            <b style={{ color: STATUS_COLOR[s].color }}>
              {STATUS_SYMBOL[s]} {STATUS_LABEL[s]}
            </b>
            ：{STATUS_HINT[s]}
          </span>
        ))}
        <span className="tz-muted">每格：完成率 状态 / 完成数 / 目标</span>
        {reviews.size ? <span className="tz-muted">{REVIEW_LEGEND}</span> : null}
      </div>
    </div>
  );
}
