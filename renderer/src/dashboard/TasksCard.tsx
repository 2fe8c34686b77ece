/** Tasks: counts by action line and by responsible unit, and the 滞后 ones with their latest progress. */
import { Col, Empty, List, Row, Table, Tag } from 'antd';
import type { DashboardView, TaskCounts, TaskState } from '../../../shared/dashboard/view';
import { lateTasksHeading } from '../../../shared/dashboard/labels';
import { PROGRESS_STATUS_LABEL } from '../../../shared/model/task';
import { chineseDateOf } from '../../../shared/dates';

const STATES: TaskState[] = ['not_started', 'in_progress', 'done', 'late', 'unreported'];
const LABEL: Record<TaskState, string> = { ...PROGRESS_STATUS_LABEL, unreported: '未填报' };
const COLOR: Record<TaskState, string> = { not_started: '#8C8C8C', in_progress: '#1677FF', done: '#389E0D', late: '#CF1322', unreported: '#D9D9D9' };
/** The number's colour on each segment: white on the dark ones, dark grey on the light 未填报 one (white there could not be read). */
const INK: Record<TaskState, string> = { not_started: '#fff', in_progress: '#fff', done: '#fff', late: '#fff', unreported: '#434343' };

/** A stacked bar of counts with the numbers written in it (and the words beside), readable without colour. */
function CountsBar({ counts }: { counts: TaskCounts }) {
  const total = STATES.reduce((n, s) => n + counts[s], 0) || 1;
  return (
    <div className="tz-countbar" title={STATES.map((s) => `${LABEL[s]} ${counts[s]}`).join('，')}>
      {STATES.filter((s) => counts[s] > 0).map((s) => (
        <span key={s} style={{ width: `${(100 * counts[s]) / total}%`, background: COLOR[s], color: INK[s] }}>
          {counts[s]}
        </span>
      ))}
    </div>
  );
}

const columns = (title: string) => [
  { title, dataIndex: 'name', key: 'name', ellipsis: true },
  { title: '进展构成', key: 'bar', width: '42%', render: (_: unknown, r: { counts: TaskCounts }) => <CountsBar counts={r.counts} /> },
  {
    title: '滞后',
    key: 'late',
    width: 60,
    align: 'center' as const,
    render: (_: unknown, r: { counts: TaskCounts }) => (r.counts.late ? <b style={{ color: COLOR.late }}>{r.counts.late}</b> : 0),
  },
];

export function TasksCard({ view, onOpenTask }: { view: DashboardView; onOpenTask(taskId: number, unitId: number | undefined): void }) {
  const { tasks } = view;
  return (
    <div data-testid="dashboard-tasks">
      <div className="tz-task-legend">
        {STATES.map((s) => (
          <span key={s}>
            <i style={{ background: COLOR[s] }} />
            {LABEL[s]} {tasks.total[s]}
          </span>
        ))}
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Table
            size="small"
            className="tz-table"
            pagination={false}
            rowKey="name"
            dataSource={tasks.byActionLine.map((l) => ({ name: l.title, counts: l.counts }))}
            columns={columns('重点行动')}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Table
            size="small"
            className="tz-table"
            pagination={tasks.byUnit.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            rowKey="id"
            dataSource={tasks.byUnit.map((u) => ({ id: u.unitId, name: `${u.unitName}${u.isDepartment ? '' : '（下级单位）'}`, counts: u.counts }))}
            columns={columns('责任单位')}
          />
        </Col>
      </Row>
      <div className="tz-chart-title tz-mt">{lateTasksHeading(view)}</div>
      {tasks.late.length === 0 ? (
        <Empty description="本期没有单位报告任务滞后" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={tasks.late}
          pagination={tasks.late.length > 8 ? { pageSize: 8, size: 'small' } : false}
          renderItem={(t) => (
            <List.Item
              className="tz-clickable"
              data-testid="late-task"
              onClick={() => onOpenTask(t.taskId, t.unitId)}
              extra={t.reportedOn ? <span className="tz-muted">{chineseDateOf(t.reportedOn)}</span> : null}
            >
              <List.Item.Meta
                title={
                  <span>
                    <Tag color="red">滞后</Tag>任务{t.taskSeq} · {t.unitName}
                  </span>
                }
                description={
                  <>
                    <div className="tz-late-content">{t.content}</div>
                    <div>最新进展：{t.text || '（未写进展说明）'}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
