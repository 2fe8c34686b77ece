/**
 * 新建工作要点: blank, or 从上一年复制 — the indicators with their codes and
 * empty targets to fill, the previous year's figures as 上年同期 and the
 * district's year-end figures as baselines (so 同比 works with nothing typed),
 * and optionally the action lines and tasks. A plan may span several years
 * (a 十四五 plan 2021—2025).
 */
import { useMemo, useState } from 'react';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import type { Plan } from '../../../shared/model/plan';
import { api } from '../api/transport';
import { useEditor } from '../edit/useEditor';
import { useApiResource } from '../entry/useApiResource';
import { formatYears } from '../format/target';
import { useAppStore } from '../store/appStore';

const yearsText = (start: number, end: number) => (start === end ? `${start}年` : `${start}—${end}年`);

export function NewPlanModal({ onClose }: { onClose(): void }) {
  const plans = useAppStore((s) => s.plans);
  const current = useAppStore((s) => s.plans.find((p) => p.id === s.planId) ?? null);
  const setPlanId = useAppStore((s) => s.setPlanId);
  const boot = useAppStore((s) => s.boot);
  const directory = useApiResource('units.directory', {});
  const { write, gate } = useEditor();
  const [mode, setMode] = useState<'copy' | 'blank'>(current ? 'copy' : 'blank');
  const [fromId, setFromId] = useState<number | null>(current?.id ?? plans[0]?.id ?? null);
  const from: Plan | null = plans.find((p) => p.id === fromId) ?? null;
  const base = mode === 'copy' && from ? from : current;
  const [yearStart, setYearStart] = useState<number>((base?.yearEnd ?? new Date().getFullYear() - 1) + 1);
  const [yearEnd, setYearEnd] = useState<number>(yearStart);
  const [copyTasks, setCopyTasks] = useState(true);
  const [docNumber, setDocNumber] = useState('');
  const [typedTitle, setTypedTitle] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const unitName = useMemo(() => directory.data?.units.find((u) => u.id === base?.unitId)?.name ?? '', [directory.data, base]);
  const title = typedTitle ?? `${yearsText(yearStart, yearEnd)}${unitName}科技创新工作要点`;
  const carriesBase = mode === 'copy' && from ? from.yearEnd === yearStart - 1 : false;

  const create = async () => {
    setSaving(true);
    try {
      const r = await write(() =>
        api.call('plan.create', {
          title: title.trim(),
          yearStart,
          yearEnd,
          docNumber: docNumber.trim() || null,
          ...(mode === 'copy' && from ? { fromPlanId: from.id, copyTasks } : current ? { unitId: current.unitId } : {}),
        }),
      );
      if (!r) return;
      await boot();
      setPlanId(r.planId);
      onClose();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="新建工作要点"
      width={640}
      okText="新建"
      cancelText="取消"
      onOk={() => void create()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: !title.trim() || yearEnd < yearStart, ...({ 'data-testid': 'plan-create' } as Record<`data-${string}`, string>) }}
      destroyOnHidden
    >
      {gate}
      <Form layout="vertical" data-testid="new-plan-form">
        <Form.Item label="新建方式">
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            options={[
              { value: 'copy', label: '从上一年复制', disabled: plans.length === 0 },
              { value: 'blank', label: '空白' },
            ]}
            data-testid="plan-mode"
          />
        </Form.Item>
        {mode === 'copy' ? (
          <Form.Item label="复制自" extra="复制指标（目标留空待填）；上一年的完成数作为“上年同期”，全区全年完成数作为基数，同比无需再录入。">
            <Select
              value={fromId ?? undefined}
              onChange={(id: number) => {
                setFromId(id);
                const p = plans.find((x) => x.id === id);
                if (p) {
                  setYearStart(p.yearEnd + 1);
                  setYearEnd(p.yearEnd + 1);
                }
              }}
              options={plans.map((p) => ({ value: p.id, label: `${formatYears(p.yearStart, p.yearEnd)} · ${p.title}${p.example ? '（示例）' : ''}` }))}
              data-testid="plan-from"
            />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="起始年度">
              <InputNumber
                min={1990}
                max={2100}
                precision={0}
                value={yearStart}
                onChange={(v) => {
                  if (v == null) return;
                  setYearStart(v);
                  if (yearEnd < v || yearEnd === yearStart) setYearEnd(v);
                }}
                style={{ width: '100%' }}
                data-testid="plan-year"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="结束年度" extra="多年度规划（如“十四五”）填结束年">
              <InputNumber min={yearStart} max={yearStart + 9} precision={0} value={yearEnd} onChange={(v) => v != null && setYearEnd(v)} style={{ width: '100%' }} data-testid="plan-year-end" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="文号（可后补）">
              <Input value={docNumber} onChange={(e) => setDocNumber(e.target.value)} placeholder="如：青政办发〔2023〕8号" maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="标题">
          <Input value={title} onChange={(e) => setTypedTitle(e.target.value)} maxLength={200} data-testid="plan-title" />
        </Form.Item>
        {mode === 'copy' ? (
          <Checkbox checked={copyTasks} onChange={(e) => setCopyTasks(e.target.checked)} data-testid="plan-copy-tasks">
            同时复制重点工作和任务（不含任务进展）
          </Checkbox>
        ) : null}
        {mode === 'copy' && from && !carriesBase ? (
          <Alert className="tz-mt" type="info" showIcon title={`“${from.title}”不是 ${yearStart - 1} 年的工作要点，它的完成数不会作为上年同期带入。`} />
        ) : null}
      </Form>
    </Modal>
  );
}
