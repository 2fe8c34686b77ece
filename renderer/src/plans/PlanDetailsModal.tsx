/** The open plan's own details: title, document number, issuer, date and years (plan.update, recorded). */
import { useState } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import dayjs from 'dayjs';
import type { Plan } from '../../../shared/model/plan';
import { api } from '../api/transport';
import { useEditor } from '../edit/useEditor';

export function PlanDetailsModal({ plan, onClose }: { plan: Plan; onClose(): void }) {
  const { write, gate } = useEditor();
  const [d, setD] = useState({ title: plan.title, docNumber: plan.docNumber ?? '', issuer: plan.issuer ?? '', issuedOn: plan.issuedOn, yearStart: plan.yearStart, yearEnd: plan.yearEnd });
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const r = await write(
        () => api.call('plan.update', { planId: plan.id, title: d.title, docNumber: d.docNumber.trim() || null, issuer: d.issuer.trim() || null, issuedOn: d.issuedOn, yearStart: d.yearStart, yearEnd: d.yearEnd }),
        '工作要点信息已保存',
      );
      if (r) onClose();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="编辑工作要点信息"
      width={640}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      okButtonProps={{ disabled: !d.title.trim(), ...({ 'data-testid': 'plan-details-save' } as Record<`data-${string}`, string>) }}
      destroyOnHidden
    >
      {gate}
      <Form layout="vertical" data-testid="plan-details-form">
        <Form.Item label="标题">
          <Input value={d.title} maxLength={200} onChange={(e) => setD({ ...d, title: e.target.value })} data-testid="plan-details-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="文号">
              <Input value={d.docNumber} maxLength={60} onChange={(e) => setD({ ...d, docNumber: e.target.value })} placeholder="如：青政办发〔2022〕16号" data-testid="plan-details-doc" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="印发日期">
              <DatePicker value={d.issuedOn ? dayjs(d.issuedOn) : null} onChange={(v) => setD({ ...d, issuedOn: v ? v.format('YYYY-MM-DD') : null })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="发文单位">
          <Input value={d.issuer} maxLength={100} onChange={(e) => setD({ ...d, issuer: e.target.value })} placeholder="如：青云谱区人民政府办公室" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="起始年度">
              <InputNumber min={1990} max={2100} precision={0} value={d.yearStart} onChange={(v) => v != null && setD({ ...d, yearStart: v })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="结束年度">
              <InputNumber min={d.yearStart} max={d.yearStart + 9} precision={0} value={d.yearEnd} onChange={(v) => v != null && setD({ ...d, yearEnd: v })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
