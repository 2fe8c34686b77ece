/** 催报: who has not reported figures or progress for the period, so the district knows whom to call. */
import { Alert, Popover, Table, Tag } from 'antd';
import type { ReminderRow } from '../../../shared/entry/views';
import { UNIT_KIND_LABEL } from '../../../shared/model/units';
import { useApiResource } from './useApiResource';

export function RemindersPanel({ planId, period }: { planId: number; period: string }) {
  const list = useApiResource('entry.reminders', { planId, period });
  const rows = list.data?.rows ?? [];
  const owing = rows.filter((r) => r.missingFigures.length + r.missingProgress.length > 0);
  return (
    <div data-testid="reminders-panel">
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      {list.data ? (
        <Alert
          type={owing.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
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
                  <Tag key={n} color="orange">
                    {n}
                  </Tag>
                ))
              ) : (
                <Tag color="green">已报齐（{r.expectedFigures} 项）</Tag>
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
                  <Tag color="orange">
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
