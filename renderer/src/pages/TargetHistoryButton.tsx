/** 指标分解 → 修改记录: every change of a target or baseline — by an import (its file) or in the window — who, when, old → new. */
import { useState } from 'react';
import dayjs from 'dayjs';
import { Button, Drawer, Empty, Table } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { TargetHistoryEntry } from '../../../shared/api/views';
import { formatNumber } from '../../../shared/numbers';
import { LoadState } from '../components/Page';
import { usePlanResource } from '../store/planData';

function valueText(value: number | null, max: number | null, decimals: number): string {
  if (value == null) return '（空）';
  return max == null ? formatNumber(value, decimals) : `${formatNumber(value, decimals)}-${formatNumber(max, decimals)}`;
}

export function TargetHistoryButton({ planId }: { planId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid="target-history-open">
        修改记录
      </Button>
      <Drawer title="目标值与基数的修改记录" size="large" open={open} onClose={() => setOpen(false)} destroyOnHidden>
        {open ? <HistoryTable planId={planId} /> : null}
      </Drawer>
    </>
  );
}

function HistoryTable({ planId }: { planId: number }) {
  const history = usePlanResource('targets.history', planId);
  return (
    <LoadState resource={history}>
      {(rows: TargetHistoryEntry[]) =>
        rows.length === 0 ? (
          <Empty description="目标值和基数还没有修改记录。" />
        ) : (
          <Table<TargetHistoryEntry>
            size="small"
            bordered
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowKey={(r, i) => `${r.changedAt}-${r.indicatorId}-${r.unitId}-${i}`}
            dataSource={rows}
            data-testid="target-history"
            columns={[
              // Stored as a UTC instant; shown in the PC's own time.
              { title: '时间', key: 'at', width: 150, render: (_, r) => dayjs(r.changedAt).format('YYYY-MM-DD HH:mm') },
              { title: '单位', key: 'unit', dataIndex: 'unitName' },
              { title: '指标', key: 'ind', render: (_, r) => `${r.indicatorName}${r.kind === 'baseline' ? '（基数）' : ''}` },
              {
                title: '原值 → 新值',
                key: 'change',
                align: 'right',
                render: (_, r) => `${valueText(r.oldValue, r.oldValueMax, r.decimals)} → ${valueText(r.newValue, r.newValueMax, r.decimals)}`,
              },
              { title: '操作员', key: 'by', dataIndex: 'changedBy', width: 90 },
              { title: '来源', key: 'source', dataIndex: 'source' },
            ]}
          />
        )
      }
    </LoadState>
  );
}
