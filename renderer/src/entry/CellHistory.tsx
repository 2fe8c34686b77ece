/** A cell's history: who changed it from what to what, and when. Read from the audit trail, never deleted. */
import { Drawer, Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatNumber } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import type { CellMeta } from './model';
import { useApiResource } from './useApiResource';

export function CellHistory({ planId, meta, open, onClose }: { planId: number; meta: CellMeta | null; open: boolean; onClose(): void }) {
  const history = useApiResource(
    'entry.history',
    open && meta ? { planId, indicatorId: meta.indicator.id, unitId: meta.unitId, period: meta.period } : null,
  );
  const fmt = (v: number | null) => (v == null ? '（空）' : formatNumber(v, meta?.indicator.decimals ?? 4));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={meta ? `修改记录：${meta.unitName} · ${meta.indicator.name}（${periodLabel(meta.period)}）` : '修改记录'}
      size={440}
      data-testid="cell-history"
    >
      {history.data && history.data.length ? (
        <Timeline
          items={[...history.data].reverse().map((h, i) => ({
            key: i,
            content: (
              <div data-testid="history-entry">
                <div>
                  <Typography.Text strong>{h.changedBy}</Typography.Text>
                  <span className="tz-muted">　{dayjs(h.changedAt).format('YYYY年M月D日 HH:mm:ss')}</span>
                </div>
                <div className="tz-num">
                  {fmt(h.oldValue)} → {fmt(h.newValue)}
                  {meta?.indicator.measureUnit ? ` ${meta.indicator.measureUnit}` : ''}
                </div>
                {h.note ? <div className="tz-muted">说明：{h.note}</div> : null}
                {h.source && h.source !== 'entry' ? <div className="tz-muted">来源：{h.source}</div> : null}
              </div>
            ),
          }))}
        />
      ) : (
        <Empty description={history.loading ? '正在读取…' : '该单元格还没有修改记录'} />
      )}
    </Drawer>
  );
}
