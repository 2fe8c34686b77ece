/**
 * 修改记录 of what was edited in the window (edit_history): a plan's goals,
 * action lines, tasks and the plan itself, or the units and group phrases —
 * who, when, and what changed, in the words the core wrote.
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Drawer, Empty, Table } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { EditHistoryView } from '../../../shared/api/methods/planEdit';
import { useApiResource } from '../entry/useApiResource';

type Source = { kind: 'plan'; planId: number; entity?: EditHistoryView['entity'] } | { kind: 'units'; unitId?: number };

function HistoryList({ source }: { source: Source }) {
  const plan = useApiResource('plan.edits', source.kind === 'plan' ? { planId: source.planId, ...(source.entity ? { entity: source.entity } : {}) } : null);
  const units = useApiResource('units.edits', source.kind === 'units' ? (source.unitId ? { unitId: source.unitId } : {}) : null);
  const r = source.kind === 'plan' ? plan : units;
  if (r.error) return <Alert type="error" showIcon title={r.error} />;
  if (!r.data) return null;
  if (r.data.length === 0) return <Empty description="还没有在窗口中修改过。" />;
  return (
    <Table<EditHistoryView>
      size="small"
      bordered
      data-testid="edit-history"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      rowKey={(e, i) => `${e.changedAt}-${i}`}
      dataSource={r.data}
      columns={[
        { title: '时间', key: 'at', width: 140, render: (_, e) => dayjs(e.changedAt).format('YYYY-MM-DD HH:mm') },
        { title: '修改内容', key: 'summary', dataIndex: 'summary' },
        { title: '操作员', key: 'by', dataIndex: 'changedBy', width: 90 },
      ]}
    />
  );
}

export function EditHistoryButton({ source, title, label = '修改记录', testId }: { source: Source; title: string; label?: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid={testId ?? 'edit-history-open'}>
        {label}
      </Button>
      <Drawer title={title} size="large" open={open} onClose={() => setOpen(false)} destroyOnHidden>
        {open ? <HistoryList source={source} /> : null}
      </Drawer>
    </>
  );
}
