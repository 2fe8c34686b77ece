/**
 * 任务分解 (附件1): action lines and their tasks as the document writes them,
 * edited in the window — action lines added, renamed, moved and removed;
 * tasks added, edited (content, lead and responsible units from the unit
 * tree, departments and group phrases, deadline), moved and removed. A
 * removal that takes 任务进展 lists it first, runs with a backup and offers 撤销.
 */
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Button, Input, Modal, Popconfirm, Popover, Space, Table, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import type { ActionLineView, TaskTable, TaskView } from '../../../shared/api/views';
import { formatNumber } from '../../../shared/numbers';
import { api } from '../api/transport';
import { EmptyState } from '../components/EmptyState';
import { LoadState, Page } from '../components/Page';
import { EditHistoryButton } from '../edit/EditHistory';
import { usePlanViewOnly, ViewOnlyTag } from '../edit/viewOnly';
import { useEditor } from '../edit/useEditor';
import { useApiResource } from '../entry/useApiResource';
import { actionLineLabel } from '../format/chineseNumeral';
import { useImportDrawer } from '../import/importDrawerStore';
import { useCurrentPlan } from '../store/appStore';
import { usePlanResource } from '../store/planData';
import { TaskForm, type TaskSave } from '../tasks/TaskForm';

type Row =
  | { kind: 'line'; key: string; line: ActionLineView; index: number; count: number }
  | { kind: 'task'; key: string; task: TaskView; line: ActionLineView; index: number; count: number };

function rowsOf(table: TaskTable): Row[] {
  const rows: Row[] = [];
  const lines = [...table.actionLines].sort((a, b) => a.seq - b.seq);
  lines.forEach((line, index) => {
    rows.push({ kind: 'line', key: `line-${line.id}`, line, index, count: lines.length });
    const tasks = [...line.tasks].sort((a, b) => a.seq - b.seq);
    tasks.forEach((task, i) => rows.push({ kind: 'task', key: `task-${task.id}`, task, line, index: i, count: tasks.length }));
  });
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
              {phrases.length > 0 ? <div className="tz-resp-phrases">含组合称谓：{phrases.map((p) => `“${p}”`).join('、')}</div> : null}
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
          {/* biome-ignore lint/a11y/useSemanticElements: a popover trigger that reads as inline text in the table; focusable and labelled */}
          <span className="tz-resp-count" tabIndex={0} role="button" aria-label={`查看落实的 ${names.length} 个单位`}>
            <TeamOutlined /> 落实到 {formatNumber(names.length, 0)} 个单位
          </span>
        </Popover>
      ) : null}
    </div>
  );
}

/** "(八) 科技金融融合行动" → "科技金融融合行动": the number is the line's place, written by the table. */
const withoutNumber = (title: string) => title.trim().replace(/^(?:[（(][一二三四五六七八九十百零]+[)）]|[一二三四五六七八九十百零]+、)\s*/, '');

const span = (row: Row, first = false) => (row.kind === 'line' ? { colSpan: first ? 4 : 0 } : {});

export function TasksPage({ planId }: { planId: number | null }) {
  const table = usePlanResource('tasks.table', planId);
  const plan = useCurrentPlan();
  const directory = useApiResource('units.directory', {});
  const showImport = useImportDrawer((s) => s.show);
  const { write, listed, gate } = useEditor();
  const viewOnly = usePlanViewOnly();
  const [taskForm, setTaskForm] = useState<{ task: TaskView | null; lineId: number; seq: number } | null>(null);
  const [lineForm, setLineForm] = useState<{ line: ActionLineView | null; title: string } | null>(null);

  const summary = table.data != null ? `共 ${formatNumber(table.data.actionLines.length, 0)} 项行动、${formatNumber(table.data.taskCount, 0)} 项任务` : null;

  const saveLine = async () => {
    if (planId == null || !lineForm) return;
    const r = await write(
      () => api.call('actionLines.save', { planId, ...(lineForm.line ? { id: lineForm.line.id } : {}), title: withoutNumber(lineForm.title) }),
      lineForm.line ? '重点工作已改名' : '已新增重点工作',
    );
    if (r) setLineForm(null);
  };
  const saveTask = async (save: TaskSave): Promise<boolean> => {
    if (planId == null) return false;
    const movedLine = taskForm?.task && taskForm.task.actionLineId !== save.actionLineId;
    const r = await write(() => api.call('tasks.save', { planId, task: save }), save.id ? '任务已保存' : '已新增任务');
    if (!r) return false;
    // Moved to another action line: at its end.
    if (movedLine) await write(() => api.call('tasks.move', { planId, taskId: r.id, actionLineId: save.actionLineId, index: 10_000 }));
    setTaskForm(null);
    return true;
  };
  const moveLine = (row: Row & { kind: 'line' }, by: number) =>
    planId != null && void write(() => api.call('actionLines.move', { planId, id: row.line.id, index: row.index + by }));
  const moveTask = (row: Row & { kind: 'task' }, by: number) =>
    planId != null && void write(() => api.call('tasks.move', { planId, taskId: row.task.id, actionLineId: row.line.id, index: row.index + by }));
  const removeLine = (line: ActionLineView) =>
    planId != null &&
    void listed(
      (confirm) => api.call('actionLines.remove', { planId, id: line.id, confirm }),
      { title: `删除重点工作“${line.title}”将同时删除：`, okText: '仍然删除', items: (r) => r.loses },
      { text: `已删除重点工作“${line.title}”`, undoLabel: '撤销删除' },
    );
  const removeTask = (task: TaskView) =>
    planId != null &&
    void listed(
      (confirm) => api.call('tasks.remove', { planId, taskId: task.id, confirm }),
      { title: `删除任务${task.seq}将同时删除：`, okText: '仍然删除', items: (r) => r.loses },
      { text: `已删除任务${task.seq}`, undoLabel: '撤销删除' },
    );

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
    { title: '工作内容', key: 'content', onCell: (row) => span(row), render: (_, row) => (row.kind === 'task' ? row.task.content : null) },
    {
      title: '牵头单位',
      key: 'lead',
      width: 140,
      onCell: (row) => span(row),
      render: (_, row) => (row.kind === 'task' ? row.task.leadText || row.task.leadUnitNames.join('、') : null),
    },
    { title: '责任单位', key: 'responsible', width: 280, onCell: (row) => span(row), render: (_, row) => (row.kind === 'task' ? <ResponsibleCell task={row.task} /> : null) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, row) =>
        row.kind === 'line' ? (
          <Space size={2}>
            <Tooltip title="在此重点工作下新增任务">
              <Button size="small" type="text" icon={<PlusOutlined />} aria-label="新增任务" data-testid="line-add-task" onClick={() => setTaskForm({ task: null, lineId: row.line.id, seq: Date.now() })} />
            </Tooltip>
            <Tooltip title="改名">
              <Button size="small" type="text" icon={<EditOutlined />} aria-label="改名" data-testid="line-rename" onClick={() => setLineForm({ line: row.line, title: row.line.title })} />
            </Tooltip>
            <Tooltip title="上移">
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上移" disabled={row.index === 0} onClick={() => moveLine(row, -1)} />
            </Tooltip>
            <Tooltip title="下移">
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下移" disabled={row.index === row.count - 1} onClick={() => moveLine(row, 1)} />
            </Tooltip>
            <Popconfirm title={`删除重点工作“${row.line.title}”及其下全部任务？`} okText="删除" cancelText="取消" onConfirm={() => removeLine(row.line)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除重点工作" data-testid="line-remove" />
            </Popconfirm>
          </Space>
        ) : (
          <Space size={2}>
            <Tooltip title="编辑">
              <Button size="small" type="text" icon={<EditOutlined />} aria-label={`编辑任务${row.task.seq}`} data-testid="task-edit" onClick={() => setTaskForm({ task: row.task, lineId: row.line.id, seq: Date.now() })} />
            </Tooltip>
            <Tooltip title="上移">
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上移" disabled={row.index === 0} onClick={() => moveTask(row, -1)} data-testid="task-up" />
            </Tooltip>
            <Tooltip title="下移">
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下移" disabled={row.index === row.count - 1} onClick={() => moveTask(row, 1)} data-testid="task-down" />
            </Tooltip>
            <Popconfirm title={`删除任务${row.task.seq}？`} okText="删除" cancelText="取消" onConfirm={() => removeTask(row.task)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除任务${row.task.seq}`} data-testid="task-remove" />
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Page
      title="任务分解"
      subtitle={`附件1 工作要点任务分解表：${viewOnly ? '各项重点工作与任务' : '可新增、修改、调整顺序和删除重点工作与任务'}；鼠标移到“落实到…个单位”可查看展开后的具体单位。`}
      extra={
        planId != null ? (
          <Space>
            {summary ? (
              <Tag color="blue" className="tz-summary-tag" data-testid="tasks-summary">
                {summary}
              </Tag>
            ) : null}
            <EditHistoryButton source={{ kind: 'plan', planId }} title="任务分解与工作要点的修改记录" />
            {viewOnly ? (
              <ViewOnlyTag />
            ) : (
              <Button icon={<PlusOutlined />} onClick={() => setLineForm({ line: null, title: '' })} data-testid="line-add">
                新增重点工作
              </Button>
            )}
          </Space>
        ) : null
      }
      testId="page-tasks"
    >
      {gate}
      <LoadState resource={table}>
        {(t) =>
          t.actionLines.length === 0 ? (
            <EmptyState
              testId="tasks-empty"
              title="这份工作要点还没有重点工作和任务"
              actions={
                viewOnly ? null : (
                  <Space>
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setLineForm({ line: null, title: '' })}>
                      新增重点工作
                    </Button>
                    <Button onClick={() => showImport()}>导入附件1 任务分解表</Button>
                  </Space>
                )
              }
            >
              任务分解按“(一) 重点工作 → 任务”组织，每项任务写明牵头单位和责任单位。先新增一项重点工作，再在其下新增任务；或导入印发的附件1。
            </EmptyState>
          ) : (
            <Table<Row>
              className="tz-table tz-tasks"
              size="small"
              bordered
              sticky={{ offsetHeader: 64 }}
              pagination={false}
              rowKey="key"
              dataSource={rowsOf(t)}
              columns={viewOnly ? columns.filter((c) => c.key !== 'actions') : columns}
              rowClassName={(row) => (row.kind === 'line' ? 'tz-group-row' : 'tz-task-row')}
              onRow={(row) => ({ 'data-testid': row.kind === 'line' ? 'action-line-row' : 'task-row', 'data-seq': row.kind === 'task' ? row.task.seq : undefined }) as HTMLAttributes<HTMLElement>}
            />
          )
        }
      </LoadState>
      {lineForm ? (
        <Modal
          open
          title={lineForm.line ? '重点工作改名' : '新增重点工作'}
          okText="保存"
          cancelText="取消"
          onOk={() => void saveLine()}
          onCancel={() => setLineForm(null)}
          okButtonProps={{ disabled: !lineForm.title.trim(), ...({ 'data-testid': 'line-save' } as Record<`data-${string}`, string>) }}
          destroyOnHidden
        >
          <Input
            autoFocus
            value={lineForm.title}
            maxLength={200}
            placeholder="如：科技金融融合行动"
            onChange={(e) => setLineForm({ ...lineForm, title: e.target.value })}
            onPressEnter={() => lineForm.title.trim() && void saveLine()}
            data-testid="line-title"
          />
          <p className="tz-muted tz-mt">序号“(一)(二)…”按顺序自动编排，无需填写。</p>
        </Modal>
      ) : null}
      {taskForm && table.data && plan && directory.data ? (
        <TaskForm
          key={taskForm.seq}
          task={taskForm.task}
          actionLineId={taskForm.lineId}
          lines={[...table.data.actionLines].sort((a, b) => a.seq - b.seq)}
          planUnitId={plan.unitId}
          units={directory.data.units}
          groups={directory.data.groups}
          onCancel={() => setTaskForm(null)}
          onSave={saveTask}
        />
      ) : null}
    </Page>
  );
}

