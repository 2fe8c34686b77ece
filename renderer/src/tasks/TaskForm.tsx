/**
 * A task (任务) added or edited: its content, the action line it belongs to,
 * the lead units (牵头单位) and the responsible units (责任单位) chosen from the
 * plan's unit, its departments, its sub-units and its group phrases
 * ("各街道、镇、集聚区"), and a deadline. Deactivated units are not offered
 * (one already on the task stays, marked). The texts 附件1 prints are written
 * by the core from these choices, in this order.
 */
import { useMemo, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import type { ActionLineView, TaskView } from '../../../shared/api/views';
import { isPickable, type Unit, type UnitGroup } from '../../../shared/model/units';
import { actionLineLabel } from '../format/chineseNumeral';

export interface TaskSave {
  id?: number;
  actionLineId: number;
  content: string;
  leadUnitIds: number[];
  responsible: ({ unitId: number } | { groupId: number })[];
  deadline: string | null;
}

interface Props {
  task: TaskView | null;
  actionLineId: number;
  lines: ActionLineView[];
  planUnitId: number;
  units: Unit[];
  groups: UnitGroup[];
  onCancel(): void;
  onSave(save: TaskSave): Promise<boolean>;
}

const unitValue = (id: number) => `u:${id}`;
const groupValue = (id: number) => `g:${id}`;

/** The choices a task of this plan offers, grouped as a bureau thinks of them. */
function useChoices(planUnitId: number, units: Unit[], groups: UnitGroup[], keep: Set<number>) {
  return useMemo(() => {
    const own = units.find((u) => u.id === planUnitId);
    const children = units.filter((u) => u.parentId === planUnitId && (isPickable(u) || keep.has(u.id))).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    const label = (u: Unit) => (isPickable(u) ? u.name : `${u.name}（已停用）`);
    const unitOptions = [
      ...(own ? [{ label: '本级', options: [{ value: unitValue(own.id), label: own.name }] }] : []),
      { label: '部门', options: children.filter((u) => u.kind === 'department').map((u) => ({ value: unitValue(u.id), label: label(u) })) },
      { label: '下级单位', options: children.filter((u) => u.kind !== 'department').map((u) => ({ value: unitValue(u.id), label: label(u) })) },
    ].filter((g) => g.options.length);
    const phraseOptions = groups.filter((g) => g.ownerUnitId === planUnitId).map((g) => ({ value: groupValue(g.id), label: `${g.phrase}（${g.memberIds.length} 个单位）` }));
    return { unitOptions, responsibleOptions: [...(phraseOptions.length ? [{ label: '组合称谓', options: phraseOptions }] : []), ...unitOptions] };
  }, [planUnitId, units, groups, keep]);
}

export function TaskForm({ task, actionLineId, lines, planUnitId, units, groups, onCancel, onSave }: Props) {
  const initialResponsible = useMemo(() => {
    if (!task) return [] as string[];
    const out: string[] = [];
    for (const u of task.units.filter((x) => x.role === 'responsible')) {
      const g = u.viaPhrase ? groups.find((x) => x.ownerUnitId === planUnitId && x.phrase === u.viaPhrase) : undefined;
      const v = g ? groupValue(g.id) : unitValue(u.unitId);
      if (!out.includes(v)) out.push(v);
    }
    return out;
  }, [task, groups, planUnitId]);
  const [lineId, setLineId] = useState(task?.actionLineId ?? actionLineId);
  const [content, setContent] = useState(task?.content ?? '');
  const [lead, setLead] = useState<string[]>(task ? task.units.filter((u) => u.role === 'lead').map((u) => unitValue(u.unitId)) : []);
  const [responsible, setResponsible] = useState<string[]>(initialResponsible);
  const [deadline, setDeadline] = useState<string | null>(task?.deadline ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const keep = useMemo(() => new Set(task?.units.map((u) => u.unitId) ?? []), [task]);
  const { unitOptions, responsibleOptions } = useChoices(planUnitId, units, groups, keep);

  const submit = async () => {
    if (!content.trim()) return setProblem('请填写任务内容。');
    if (!lead.length) return setProblem('请选择牵头单位。');
    setProblem(null);
    setSaving(true);
    try {
      await onSave({
        ...(task ? { id: task.id } : {}),
        actionLineId: lineId,
        content: content.trim(),
        leadUnitIds: lead.map((v) => Number(v.slice(2))),
        responsible: responsible.map((v) => (v.startsWith('g:') ? { groupId: Number(v.slice(2)) } : { unitId: Number(v.slice(2)) })),
        deadline,
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={task ? `编辑任务${task.seq}` : '新增任务'}
      width={720}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'task-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false} data-testid="task-form">
        <Form.Item label="所属重点工作">
          <Select value={lineId} onChange={setLineId} options={lines.map((l) => ({ value: l.id, label: `${actionLineLabel(l.seq)} ${l.title}` }))} data-testid="task-line" />
        </Form.Item>
        <Form.Item label="工作内容" required>
          <Input.TextArea value={content} onChange={(e) => setContent(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="task-content" />
        </Form.Item>
        <Form.Item label="牵头单位" required>
          <Select mode="multiple" value={lead} onChange={setLead} options={unitOptions} optionFilterProp="label" placeholder="选择牵头的部门或单位" data-testid="task-lead" />
        </Form.Item>
        <Form.Item label="责任单位" extra="可选组合称谓（如“各街道、镇、集聚区”），附件1 按称谓原样打印，进展按其包含的单位分别填报。">
          <Select mode="multiple" value={responsible} onChange={setResponsible} options={responsibleOptions} optionFilterProp="label" placeholder="选择责任单位、部门或组合称谓" data-testid="task-responsible" />
        </Form.Item>
        <Form.Item label="完成时限">
          <DatePicker value={deadline ? dayjs(deadline) : null} onChange={(d) => setDeadline(d ? d.format('YYYY-MM-DD') : null)} placeholder="可不填" />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} data-testid="task-problem" /> : null}
    </Modal>
  );
}
