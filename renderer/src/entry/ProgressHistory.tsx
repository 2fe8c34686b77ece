/** A progress entry's history (修改记录): who changed the status, text or date, from what to what, and when. */
import { Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { dateLabel } from '../../../shared/entry/progressDate';
import type { ProgressEntryRow } from '../../../shared/entry/views';
import { PROGRESS_STATUS_LABEL } from '../../../shared/model/task';
import { periodLabel } from '../../../shared/periods';
import { useApiResource } from './useApiResource';

export function ProgressHistory({
  planId,
  period,
  row,
  onClose,
}: {
  planId: number;
  period: string;
  row: ProgressEntryRow | null;
  onClose(): void;
}) {
  const history = useApiResource('progress.history', row ? { planId, taskId: row.taskId, unitId: row.unitId, period } : null);
  const entries = history.data ?? [];
  return (
    <Drawer
      open={row != null}
      onClose={onClose}
      title={row ? `修改记录：任务${row.taskSeq} · ${row.unitName}（${periodLabel(period)}）` : '修改记录'}
      size={480}
      data-testid="progress-history"
    >
      {entries.length ? (
        <Timeline
          items={entries
            .map((h, i) => {
              // The table keeps the date as written by each change; the one before is the previous change's.
              const oldDate = i > 0 ? entries[i - 1].reportedOn : null;
              return {
                key: i,
                content: (
                  <div data-testid="progress-history-entry">
                    <div>
                      <Typography.Text strong>{h.changedBy}</Typography.Text>
                      <span className="tz-muted">　{dayjs(h.changedAt).format('YYYY年M月D日 HH:mm:ss')}</span>
                    </div>
                    {h.oldStatus !== h.newStatus ? (
                      <div>
                        状态：{h.oldStatus ? <Tag>{PROGRESS_STATUS_LABEL[h.oldStatus]}</Tag> : '（未填报）'} →{' '}
                        <Tag color="blue">{PROGRESS_STATUS_LABEL[h.newStatus]}</Tag>
                      </div>
                    ) : null}
                    {(h.oldText ?? '') !== h.newText ? (
                      <div>
                        进展：{h.oldText ? <span className="tz-muted">“{h.oldText}”</span> : '（空）'} → “{h.newText || '（空）'}”
                      </div>
                    ) : null}
                    {i === 0 || oldDate !== h.reportedOn ? (
                      <div>
                        日期：{i > 0 ? `${oldDate ? dateLabel(oldDate) : '（空）'} → ` : ''}
                        {h.reportedOn ? dateLabel(h.reportedOn) : '（空）'}
                      </div>
                    ) : null}
                  </div>
                ),
              };
            })
            .reverse()}
        />
      ) : (
        <Empty description={history.loading ? '正在读取…' : '这一项还没有修改记录'} />
      )}
    </Drawer>
  );
}
