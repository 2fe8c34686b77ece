/** Locked periods and every lock/unlock with who, when and why (never deleted). */
import { Alert, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useApiResource } from './useApiResource';

export function LocksPanel({ planId }: { planId: number }) {
  const state = useApiResource('entry.locks', { planId });
  const locks = state.data?.locks ?? [];
  return (
    <div data-testid="locks-panel">
      {state.error ? <Alert type="error" showIcon title={state.error} /> : null}
      <div style={{ marginBottom: 12 }}>
        当前锁定：
        {locks.length ? locks.map((l) => <Tag key={l.period} color="red">{l.label}</Tag>) : <span className="tz-muted">无</span>}
      </div>
      <Table
        className="tz-table"
        size="small"
        bordered
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={state.data?.events ?? []}
        columns={[
          { title: '时间', key: 'at', width: 180, render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss') },
          { title: '报告期', dataIndex: 'label', width: 160 },
          {
            title: '操作',
            key: 'action',
            width: 90,
            render: (_, e) => (e.action === 'lock' ? <Tag color="red">锁定</Tag> : <Tag color="blue">解锁</Tag>),
          },
          { title: '操作员', dataIndex: 'by', width: 120 },
          { title: '原因', key: 'reason', render: (_, e) => e.reason ?? '' },
        ]}
      />
    </div>
  );
}
