/**
 * 任务进展: each task × responsible unit for the period — status, what was done, and the date. Saved on change.
 * On a desktop that syncs with the bureau's server, each of its unit's entries carries the same sync mark as a
 * figure cell (renderer/src/sync/SyncMark.tsx), with a 退回's reason or a conflict's words under it.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Input, Select, Table, Tag, Tooltip } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ProgressEntryRow } from '../../../shared/entry/views';
import { PROGRESS_STATUS_LABEL, type ProgressStatus } from '../../../shared/model/task';
import type { UnitRef } from '../../../shared/model/units';
import { api, errorMessage } from '../api/transport';
import { checkProgressDate, dateLabel, defaultProgressDate, progressDateWindow } from '../../../shared/entry/progressDate';
import { useApiResource } from './useApiResource';
import { ProgressHistory } from './ProgressHistory';
import { useAccount } from '../api/serverSession';
import { SyncBanner } from '../sync/SyncBanner';
import { SyncMark } from '../sync/SyncMark';
import { syncProgressKey, useSyncMarks } from '../sync/useSyncMarks';

const todayIso = () => dayjs().format('YYYY-MM-DD');

const STATUS_COLOR: Record<ProgressStatus, string> = { not_started: 'default', in_progress: 'processing', done: 'success', late: 'error' };

export function ProgressPanel({
  planId,
  period,
  units,
  focus,
}: {
  planId: number;
  period: string;
  units: UnitRef[];
  /** Opened at a task and unit (from the dashboard): that unit's rows, the task's row marked. */
  focus?: { unitId?: number; taskId?: number; seq: number } | null;
}) {
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<number | undefined>(focus?.unitId);
  useEffect(() => {
    if (focus) setUnitId(focus.unitId);
  }, [focus]);
  const sheet = useApiResource('progress.sheet', { planId, period, ...(unitId ? { unitId } : {}) });
  const locked = sheet.data?.locked ?? false;
  const [historyRow, setHistoryRow] = useState<ProgressEntryRow | null>(null);
  const today = todayIso();
  const dateWindow = progressDateWindow(period, today);
  // Only a desktop syncs (an account is on the server itself).
  const account = useAccount();
  const { progressIndex, marks: syncMarks } = useSyncMarks(planId, !account);
  const markOf = (r: ProgressEntryRow) => progressIndex.get(syncProgressKey(r.taskId, r.unitId, period)) ?? null;
  // What the street has to act on, under its text: a 退回's reason, a conflict's or a refusal's words.
  const syncWhy = (m: ReturnType<typeof markOf>) =>
    !m ? null : m.state === 'returned' ? `退回原因：${m.message ?? ''}` : m.state === 'conflict' || m.state === 'refused' ? `同步：${m.message ?? ''}` : null;

  const save = async (row: ProgressEntryRow, change: Partial<Pick<ProgressEntryRow, 'status' | 'text' | 'reportedOn'>>) => {
    const next = { ...row, ...change };
    const reportedOn = next.reportedOn ?? defaultProgressDate(period, todayIso());
    const problem = checkProgressDate(reportedOn, period, todayIso());
    if (problem) {
      message.error(problem);
      return;
    }
    try {
      await api.call('progress.save', {
        planId,
        period,
        entries: [
          {
            taskId: row.taskId,
            unitId: row.unitId,
            // Writing a text first means the work has started.
            status: next.status ?? 'in_progress',
            text: next.text,
            reportedOn,
          },
        ],
      });
      sheet.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<ProgressEntryRow> = [
    { title: '序号', dataIndex: 'taskSeq', width: 60, align: 'center' },
    {
      title: '任务',
      key: 'task',
      width: 320,
      render: (_, r) => (
        <div>
          <div>{r.taskContent}</div>
          <div className="tz-muted">{r.actionLineTitle}</div>
        </div>
      ),
    },
    {
      title: '责任单位',
      key: 'unit',
      width: 150,
      render: (_, r) => (
        <span>
          {r.unitName}
          {r.isLead ? <Tag color="red" className="tz-inline-tag" style={{ marginLeft: 6 }}>牵头</Tag> : null}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, r) => {
        const mark = markOf(r);
        return (
          <>
            {locked ? (
              r.status ? <Tag color={STATUS_COLOR[r.status]}>{PROGRESS_STATUS_LABEL[r.status]}</Tag> : <span className="tz-missing">未填报</span>
            ) : (
              <Select<ProgressStatus>
                value={r.status ?? undefined}
                placeholder="未填报"
                style={{ width: 110 }}
                aria-label={`任务${r.taskSeq}·${r.unitName}的状态`}
                onChange={(status) => void save(r, { status })}
                options={(Object.keys(PROGRESS_STATUS_LABEL) as ProgressStatus[]).map((s) => ({ value: s, label: PROGRESS_STATUS_LABEL[s] }))}
              />
            )}
            {mark ? (
              <div className="tz-progress-sync" data-testid="progress-sync">
                <SyncMark mark={mark} inline />
              </div>
            ) : null}
          </>
        );
      },
    },
    {
      title: '进展情况',
      key: 'text',
      minWidth: 220,
      render: (_, r) => {
        const why = syncWhy(markOf(r));
        return (
          <>
            {locked ? (
              r.text
            ) : (
              <Input.TextArea
                defaultValue={r.text}
                key={`${r.taskId}|${r.unitId}|${r.text}`}
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={1000}
                placeholder="简要说明本期完成了什么"
                onBlur={(e) => {
                  if (e.target.value.trim() !== r.text) void save(r, { text: e.target.value });
                }}
              />
            )}
            {why ? (
              <div className={`tz-progress-sync-why is-${markOf(r)?.state}`} data-testid="progress-sync-why">
                {why}
              </div>
            ) : null}
          </>
        );
      },
    },
    {
      title: '日期',
      key: 'date',
      width: 150,
      render: (_, r) =>
        locked ? (
          r.reportedOn ?? ''
        ) : (
          <Tooltip title={`可选${dateLabel(dateWindow.first)}至${dateLabel(dateWindow.last)}；未选时保存为${dateLabel(defaultProgressDate(period, today))}`}>
            <DatePicker
              value={r.reportedOn ? dayjs(r.reportedOn) : null}
              minDate={dayjs(dateWindow.first)}
              maxDate={dayjs(dateWindow.last)}
              onChange={(d) => void save(r, { reportedOn: d ? d.format('YYYY-MM-DD') : null })}
              placeholder="选择日期"
              aria-label={`任务${r.taskSeq}·${r.unitName}的日期`}
              data-testid="progress-date"
            />
          </Tooltip>
        ),
    },
    {
      title: '填报人',
      key: 'by',
      width: 110,
      render: (_, r) => (r.enteredBy ? <span className="tz-muted">{r.enteredBy}</span> : null),
    },
    {
      title: '记录',
      key: 'history',
      width: 64,
      align: 'center',
      render: (_, r) =>
        r.enteredAt ? (
          <Tooltip title="修改记录">
            <Button
              size="small"
              type="text"
              icon={<HistoryOutlined />}
              aria-label={`任务${r.taskSeq}·${r.unitName}的修改记录`}
              data-testid="progress-history-button"
              onClick={() => setHistoryRow(r)}
            />
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <div data-testid="progress-panel">
      <div className="tz-entry-toolbar">
        <Select
          allowClear
          placeholder="全部责任单位"
          style={{ width: 220 }}
          value={unitId}
          onChange={(v) => setUnitId(v)}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          aria-label="责任单位"
        />
        {sheet.data ? (
          <span className="tz-muted">
            {sheet.data.periodLabel} · 共 {sheet.data.rows.length} 项，已填报 {sheet.data.rows.filter((r) => r.status).length} 项
          </span>
        ) : null}
      </div>
      {syncMarks?.linked ? <SyncBanner marks={syncMarks} /> : null}
      {locked ? <Alert type="info" showIcon title="本期已锁定，任务进展只读。" style={{ marginBottom: 12 }} /> : null}
      {sheet.error ? <Alert type="error" showIcon title={sheet.error} /> : null}
      <Table<ProgressEntryRow>
        className="tz-table"
        size="small"
        bordered
        loading={sheet.loading && !sheet.data}
        rowKey={(r) => `${r.taskId}|${r.unitId}`}
        rowClassName={(r) => (focus?.taskId === r.taskId && (focus.unitId == null || focus.unitId === r.unitId) ? 'tz-row-focus' : '')}
        onRow={(r) => ({ 'data-testid': 'progress-row', 'data-task': r.taskSeq, 'data-unit': r.unitName, 'data-sync': markOf(r)?.state }) as React.HTMLAttributes<HTMLElement>}
        dataSource={sheet.data?.rows ?? []}
        columns={columns}
        pagination={{ pageSize: 30, showSizeChanger: false, hideOnSinglePage: true }}
      />
      <ProgressHistory planId={planId} period={period} row={historyRow} onClose={() => setHistoryRow(null)} />
    </div>
  );
}
