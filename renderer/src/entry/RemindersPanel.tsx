/** 催报: who has not reported figures or progress for the period, so the district knows whom to call. */
import { Alert, Popover, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReminderRow } from '../../../shared/entry/views';
import { UNIT_KIND_LABEL } from '../../../shared/model/units';
import { useApiResource } from './useApiResource';
import { ReminderActions } from './ReminderActions';

export function RemindersPanel({
  planId,
  period,
  onOpen,
  onlyOwing = false,
}: {
  planId: number;
  period: string;
  /** Opens a unit's cells or tasks (the dashboard sends the user to 数据填报). */
  onOpen?: (row: ReminderRow, what: 'figures' | 'progress') => void;
  /** Lists only the units that still owe something (the dashboard). */
  onlyOwing?: boolean;
}) {
  const list = useApiResource('entry.reminders', { planId, period });
  const all = list.data?.rows ?? [];
  const rows = onlyOwing ? all.filter((r) => r.missingFigures.length + r.missingProgress.length > 0) : all;
  const owing = all.filter((r) => r.missingFigures.length + r.missingProgress.length > 0);
  return (
    <div data-testid="reminders-panel">
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      {list.data ? (
        <Alert
          type={owing.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          action={<ReminderActions list={list.data} size="small" />}
          title={
            owing.length
              ? `${list.data.periodLabel}：${owing.length} 个单位尚未报齐（${owing.map((r) => r.unit.name).join('、')}）`
              : `${list.data.periodLabel}：各单位均已报齐`
          }
        />
      ) : null}
      <Table<ReminderRow>
        className="tz-table"
        size="small"
        bordered
        pagination={false}
        loading={list.loading && !list.data}
        rowKey={(r) => r.unit.id}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': 'reminder-row', 'data-unit': r.unit.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '单位', key: 'unit', width: 200, render: (_, r) => `${r.unit.name}（${UNIT_KIND_LABEL[r.unit.kind]}）` },
          {
            title: '未报指标',
            key: 'figures',
            render: (_, r) =>
              r.expectedFigures === 0 ? (
                <span className="tz-muted">无需填报指标</span>
              ) : r.missingFigures.length ? (
                r.missingFigures.map((n) => (
                  <Tag key={n} color="orange" className={onOpen ? 'tz-clickable' : undefined} onClick={onOpen ? () => onOpen(r, 'figures') : undefined}>
                    {n}
                  </Tag>
                ))
              ) : (
                <Tag color="green">已报齐（{r.expectedFigures} 项）</Tag>
              ),
          },
          {
            title: '上次催报',
            key: 'last',
            width: 190,
            render: (_, r) =>
              r.lastReminder ? (
                <span data-testid="reminder-last" title={`${r.lastReminder.by} · ${r.lastReminder.channel === 'notice' ? '复制催报通知' : '导出催报名单'}`}>
                  {dayjs(r.lastReminder.at).format('YYYY-MM-DD HH:mm')}
                  <span className="tz-muted">（{r.lastReminder.by}）</span>
                </span>
              ) : (
                <span className="tz-muted">未催报</span>
              ),
          },
          {
            title: '未报任务进展',
            key: 'progress',
            width: 200,
            render: (_, r) =>
              r.expectedProgress === 0 ? (
                <span className="tz-muted">无责任任务</span>
              ) : r.missingProgress.length ? (
                <Popover
                  content={
                    <div style={{ maxWidth: 360 }}>
                      {r.missingProgress.map((t) => (
                        <div key={t.taskSeq}>
                          {t.taskSeq}. {t.content}
                        </div>
                      ))}
                    </div>
                  }
                >
                  <Tag color="orange" className={onOpen ? 'tz-clickable' : undefined} onClick={onOpen ? () => onOpen(r, 'progress') : undefined}>
                    {r.missingProgress.length} / {r.expectedProgress} 项未报
                  </Tag>
                </Popover>
              ) : (
                <Tag color="green">已报齐（{r.expectedProgress} 项）</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}
