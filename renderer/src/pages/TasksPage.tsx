import type { HTMLAttributes } from 'react';
import { Popover, Table, Tag } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import type { ActionLineView, TaskTable, TaskView } from '../../../shared/api/views';
import { formatNumber } from '../../../shared/numbers';
import { LoadState, Page } from '../components/Page';
import { actionLineLabel } from '../format/chineseNumeral';
import { usePlanResource } from '../store/planData';

type Row =
  | { kind: 'line'; key: string; line: ActionLineView }
  | { kind: 'task'; key: string; task: TaskView };

function rowsOf(table: TaskTable): Row[] {
  const rows: Row[] = [];
  for (const line of [...table.actionLines].sort((a, b) => a.seq - b.seq)) {
    rows.push({ kind: 'line', key: `line-${line.id}`, line });
    for (const task of [...line.tasks].sort((a, b) => a.seq - b.seq)) {
      rows.push({ kind: 'task', key: `task-${task.id}`, task });
    }
  }
  return rows;
}

function ResponsibleCell({ task }: { task: TaskView }) {
  const names = task.responsibleUnitNames;
  const phrases = [...new Set(task.units.map((u) => u.viaPhrase).filter((p): p is string => !!p))];
  return (
    <div className="tz-resp">
      <div className="tz-resp-text">{task.responsibleText || '—'}</div>
      {names.length > 0 ? (
        <Popover
          trigger={['hover', 'click']}
          placement="leftTop"
          title={`落实到 ${formatNumber(names.length, 0)} 个单位`}
          content={
            <div className="tz-resp-pop">
              {phrases.length > 0 ? (
                <div className="tz-resp-phrases">
                  含组合称谓：{phrases.map((p) => `“${p}”`).join('、')}
                </div>
              ) : null}
              <div className="tz-tags">
                {names.map((n) => (
                  <Tag key={n} color="blue">
                    {n}
                  </Tag>
                ))}
              </div>
            </div>
          }
        >
          <span className="tz-resp-count" tabIndex={0} role="button" aria-label={`查看落实的 ${names.length} 个单位`}>
            <TeamOutlined /> 落实到 {formatNumber(names.length, 0)} 个单位
          </span>
        </Popover>
      ) : null}
    </div>
  );
}

const span = (row: Row, first = false) => (row.kind === 'line' ? { colSpan: first ? 4 : 0 } : {});

const columns: TableColumnsType<Row> = [
  {
    title: '序号',
    key: 'seq',
    width: 64,
    align: 'center',
    onCell: (row) => span(row, true),
    render: (_, row) =>
      row.kind === 'line' ? (
        <div className="tz-line-title">
          {actionLineLabel(row.line.seq)} {row.line.title}
          <span className="tz-line-count">{formatNumber(row.line.tasks.length, 0)} 项任务</span>
        </div>
      ) : (
        formatNumber(row.task.seq, 0)
      ),
  },
  {
    title: '工作内容',
    key: 'content',
    onCell: (row) => span(row),
    render: (_, row) => (row.kind === 'task' ? row.task.content : null),
  },
  {
    title: '牵头单位',
    key: 'lead',
    width: 150,
    onCell: (row) => span(row),
    render: (_, row) => (row.kind === 'task' ? row.task.leadText || row.task.leadUnitNames.join('、') : null),
  },
  {
    title: '责任单位',
    key: 'responsible',
    width: 300,
    onCell: (row) => span(row),
    render: (_, row) => (row.kind === 'task' ? <ResponsibleCell task={row.task} /> : null),
  },
];

export function TasksPage({ planId }: { planId: number | null }) {
  const table = usePlanResource('tasks.table', planId);
  const summary =
    table.data != null
      ? `共 ${formatNumber(table.data.actionLines.length, 0)} 项行动、${formatNumber(table.data.taskCount, 0)} 项任务`
      : null;
  return (
    <Page
      title="任务分解"
      subtitle="附件1 工作要点任务分解表：责任单位按原文列出，鼠标移到“落实到…个单位”可查看展开后的具体单位。"
      extra={summary ? <Tag color="blue" className="tz-summary-tag" data-testid="tasks-summary">{summary}</Tag> : null}
      testId="page-tasks"
    >
      <LoadState resource={table}>
        {(t) => (
          <Table<Row>
            className="tz-table tz-tasks"
            size="small"
            bordered
            sticky={{ offsetHeader: 64 }}
            pagination={false}
            rowKey="key"
            dataSource={rowsOf(t)}
            columns={columns}
            rowClassName={(row) => (row.kind === 'line' ? 'tz-group-row' : 'tz-task-row')}
            onRow={(row) =>
              ({ 'data-testid': row.kind === 'line' ? 'action-line-row' : 'task-row' }) as HTMLAttributes<HTMLElement>
            }
          />
        )}
      </LoadState>
    </Page>
  );
}
