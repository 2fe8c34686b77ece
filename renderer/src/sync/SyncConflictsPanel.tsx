/**
 * 同步冲突 for the district (issue 23): cells a street pushed from its desktop
 * while the district had changed them too — a figure, or a task's progress
 * (任务进展: status and text). Nothing was overwritten; here the district
 * decides each one — take the street's value (a figure lands as 待审核; the
 * district's value goes into the history) or keep its own (the street's
 * desktop takes that decision at its next sync). Shown on 审核 only while
 * some are open, and only to the district.
 */
import { useState } from 'react';
import { Button, Space, Table, Typography } from 'antd';
import { formatNumber } from '../../../shared/numbers';
import { syncValueText, type SyncConflictView } from '../../../shared/sync/views';
import { api } from '../api/transport';
import { useEditor } from '../edit/useEditor';
import { useApiResource } from '../entry/useApiResource';
import dayjs from 'dayjs';
import './sync.css';

const shown = (v: SyncConflictView['value']) => syncValueText(v, (n) => formatNumber(n));

/** A progress entry's text may be long: it wraps in its column; a number stays right-aligned. */
const cell = (c: SyncConflictView, v: SyncConflictView['value'], strong: boolean) => {
  const text = shown(v);
  if (c.kind === 'figure') return strong ? <b>{text}</b> : text;
  return <div className={`tz-sync-conflict-text${strong ? ' is-strong' : ''}`}>{text}</div>;
};

export function SyncConflictsPanel({ planId, onDecided }: { planId: number; onDecided(): void }) {
  const { write, gate } = useEditor();
  const list = useApiResource('sync.conflicts', { planId });
  const [busy, setBusy] = useState<number | null>(null);
  const conflicts = list.data?.conflicts ?? [];
  if (conflicts.length === 0) return gate;

  // A write like any other: the operator is named first (the web door asks once per tab); the core's refusal is shown.
  const decide = async (c: SyncConflictView, take: boolean) => {
    setBusy(c.id);
    const done = await write(
      () => api.call('sync.resolve', { id: c.id, take }),
      take
        ? c.kind === 'figure'
          ? `已采用${c.unitName}的值 ${shown(c.value)}（${c.indicatorName}，${c.periodLabel}），进入待审核。`
          : `已采用${c.unitName}填报的任务进展（${c.indicatorName}，${c.periodLabel}），区里原来的进展记入修改记录。`
        : `已保留区里的${c.kind === 'figure' ? `值 ${shown(c.current)}` : '任务进展'}（${c.unitName} · ${c.indicatorName}，${c.periodLabel}），填报单位下次同步时收到。`,
    );
    setBusy(null);
    if (done) {
      list.reload();
      onDecided();
    }
  };

  return (
    <div className="tz-panel tz-mb" data-testid="sync-conflicts">
      <Typography.Title level={5}>同步冲突（{conflicts.length}）</Typography.Title>
      <Typography.Paragraph type="secondary">
        下列完成数和任务进展在填报单位修改的同时，区里也修改过，两个值都保留着。请逐项决定：采用填报单位的值（完成数进入待审核），区里原来的值记入修改记录；保留区里的值，填报单位下次同步时收到这一决定。
      </Typography.Paragraph>
      <Table<SyncConflictView>
        rowKey="id"
        dataSource={conflicts}
        pagination={false}
        size="small"
        onRow={(c) => ({ 'data-testid': 'sync-conflict', 'data-unit': c.unitName, 'data-period': c.period, 'data-kind': c.kind }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '填报单位', dataIndex: 'unitName', width: 100 },
          { title: '指标 / 任务进展', render: (_, c) => (c.kind === 'figure' ? c.indicatorName : <span>{c.indicatorName}<span className="tz-muted">（任务进展）</span></span>) },
          { title: '报告期', dataIndex: 'periodLabel', width: 110 },
          { title: '填报单位的值', width: 150, align: 'right', render: (_, c) => cell(c, c.value, true) },
          { title: '双方修改前', width: 130, align: 'right', render: (_, c) => cell(c, c.base, false) },
          { title: '区里现在的值', width: 150, align: 'right', render: (_, c) => cell(c, c.current, true) },
          { title: '提交', width: 150, render: (_, c) => `${c.pushedBy} · ${dayjs(c.pushedAt).format('YYYY-MM-DD HH:mm')}` },
          {
            title: '决定',
            width: 140,
            render: (_, c) => (
              <Space size={4} orientation="vertical">
                <Button size="small" type="primary" loading={busy === c.id} onClick={() => void decide(c, true)} data-testid="sync-conflict-take">
                  采用填报单位的值
                </Button>
                <Button size="small" loading={busy === c.id} onClick={() => void decide(c, false)} data-testid="sync-conflict-keep">
                  保留区里的值
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {/* Last: antd gives a heading after any element a top margin, which left a blank band above the title. */}
      {gate}
    </div>
  );
}
