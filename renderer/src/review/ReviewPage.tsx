/**
 * 审核 (taizhang serve): the units' figures by period — 待审核 first — with
 * 审核通过 and 退回 (with a reason) for the district's 管理员, and each unit's
 * steps. A 填报员 sees its own unit's rows and the reasons of a 退回; a 查看
 * account sees them all. Above them, for the district, the 同步冲突 its streets'
 * desktops left to decide (../sync/SyncConflictsPanel.tsx). What may be done is the core's decision
 * (review.approve / review.return are admin-only there); the buttons follow it.
 */
import { useState } from 'react';
import { App, Button, Drawer, Empty, Input, Modal, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { formatNumber } from '../../../shared/numbers';
import { REVIEW_ACTION_LABEL, REVIEW_STATE_LABEL, type ReviewRow, type ReviewState } from '../../../shared/review/states';
import { api, errorMessage } from '../api/transport';
import { useIsDistrict } from '../api/serverSession';
import { Page } from '../components/Page';
import { useApiResource } from '../entry/useApiResource';
import { useAppStore, useCurrentPlan } from '../store/appStore';
import { SyncConflictsPanel } from '../sync/SyncConflictsPanel';
import dayjs from 'dayjs';

const formatDateTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

const STATE_COLOR: Record<ReviewState, string> = { pending: 'orange', returned: 'red', approved: 'green' };

function History({ planId, row, onClose }: { planId: number; row: ReviewRow | null; onClose(): void }) {
  const history = useApiResource('review.history', row ? { planId, unitId: row.unitId, period: row.period } : null);
  return (
    <Drawer open={row != null} onClose={onClose} title={row ? `${row.unitName} · ${row.periodLabel} 审核记录` : ''} width={420}>
      <Timeline
        items={(history.data?.events ?? []).map((e) => ({
          color: e.action === 'approve' ? 'green' : e.action === 'return' ? 'red' : 'blue',
          children: (
            <div data-testid="review-history-item">
              <b>{REVIEW_ACTION_LABEL[e.action]}</b> · {e.by} · {formatDateTime(e.at)}
              {e.reason ? <div>原因：{e.reason}</div> : null}
              {e.source && e.source !== 'entry' ? <div className="tz-muted">来源：{e.source}</div> : null}
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}

export function ReviewPage() {
  const { message } = App.useApp();
  const plan = useCurrentPlan();
  const planId = useAppStore((s) => s.planId);
  const isAdmin = useIsDistrict();
  const [state, setState] = useState<ReviewState | 'all'>('pending');
  const list = useApiResource('review.list', planId ? { planId, state } : null);
  const [returning, setReturning] = useState<ReviewRow | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState<ReviewRow | null>(null);
  if (!plan || planId == null) return null;

  const act = async (row: ReviewRow, how: 'approve' | 'return') => {
    setBusy(true);
    try {
      if (how === 'approve') await api.call('review.approve', { planId, unitId: row.unitId, period: row.period, revision: row.revision });
      else await api.call('review.return', { planId, unitId: row.unitId, period: row.period, revision: row.revision, reason });
      message.success(`${row.unitName}${row.periodLabel}的完成数已${how === 'approve' ? '审核通过' : '退回'}。`);
      setReturning(null);
      setReason('');
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const counts = list.data?.counts;
  const label = (s: ReviewState) => `${REVIEW_STATE_LABEL[s]}${counts ? ` ${counts[s]}` : ''}`;
  return (
    <Page
      title="审核"
      testId="page-review"
      subtitle={
        isAdmin
          ? `${plan.title} · 填报单位提交的完成数由区里审核：审核通过后填报单位不能再改，退回须写明原因，填报单位修改后重新提交。`
          : `${plan.title} · 本单位提交的完成数的审核状态；退回的请按原因修改后保存，即重新提交。`
      }
      extra={
        <Segmented<ReviewState | 'all'>
          value={state}
          onChange={setState}
          options={[
            { value: 'pending', label: label('pending') },
            { value: 'returned', label: label('returned') },
            { value: 'approved', label: label('approved') },
            { value: 'all', label: '全部' },
          ]}
          data-testid="review-filter"
        />
      }
    >
      {isAdmin ? <SyncConflictsPanel planId={planId} onDecided={list.reload} /> : null}
      <div className="tz-panel">
        {list.error ? <Typography.Text type="danger">{list.error}</Typography.Text> : null}
        <Table<ReviewRow>
          rowKey={(r) => `${r.unitId}|${r.period}`}
          loading={list.loading && !list.data}
          dataSource={list.data?.rows ?? []}
          pagination={false}
          size="middle"
          locale={{ emptyText: <Empty description={state === 'pending' ? '没有待审核的完成数' : '没有记录'} /> }}
          onRow={(r) => ({ 'data-testid': 'review-row', 'data-unit': r.unitName, 'data-state': r.state }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '填报单位', dataIndex: 'unitName', width: 130 },
            { title: '报告期', dataIndex: 'periodLabel', width: 120 },
            {
              title: '状态',
              width: 100,
              render: (_, r) => <Tag color={STATE_COLOR[r.state]}>{REVIEW_STATE_LABEL[r.state]}</Tag>,
            },
            {
              title: '完成数',
              render: (_, r) => (
                <div className="tz-review-figures">
                  {r.figures.map((f) => (
                    <div key={f.indicatorId}>
                      {f.indicatorName}：<b>{formatNumber(f.value, f.decimals)}</b>
                      {f.measureUnit}
                      {f.target != null ? <span className="tz-muted">（目标 {formatNumber(f.target, f.decimals)}）</span> : null}
                      <span className="tz-muted"> · {f.enteredBy}</span>
                    </div>
                  ))}
                  {r.reason ? (
                    <div className="tz-review-reason" data-testid="review-reason">
                      退回原因：{r.reason}
                    </div>
                  ) : null}
                </div>
              ),
            },
            { title: '最近操作', width: 170, render: (_, r) => `${r.by} · ${formatDateTime(r.at)}` },
            {
              title: '操作',
              width: isAdmin ? 230 : 100,
              render: (_, r) => (
                <Space size={4}>
                  {isAdmin && r.state === 'pending' ? (
                    <Button size="small" type="primary" loading={busy} onClick={() => void act(r, 'approve')} data-testid="review-approve">
                      审核通过
                    </Button>
                  ) : null}
                  {isAdmin && r.state !== 'returned' ? (
                    <Button size="small" danger onClick={() => setReturning(r)} data-testid="review-return">
                      退回
                    </Button>
                  ) : null}
                  <Button size="small" type="link" onClick={() => setHistory(r)}>
                    记录
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
      <Modal
        open={returning != null}
        title={returning ? `退回 ${returning.unitName} ${returning.periodLabel}的完成数` : ''}
        okText="退回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy, ...({ 'data-testid': 'review-return-ok' } as Record<string, string>) }}
        cancelText="取消"
        onOk={() => returning && void act(returning, 'return')}
        onCancel={() => setReturning(null)}
      >
        <Typography.Paragraph>请写明退回原因，填报单位会在数据填报页看到它。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} showCount style={{ marginBottom: 20 }} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="例如：技术合同成交额与登记系统数据不一致，请核实" data-testid="review-reason-input" />
      </Modal>
      <History planId={planId} row={history} onClose={() => setHistory(null)} />
    </Page>
  );
}
