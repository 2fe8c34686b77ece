/**
 * A unit or department added or edited: its name (a rename keeps the old
 * name as an alias, so imported tables and returned files still read), its
 * full official name for documents (洪都街道办事处 — the 落款 of its summary),
 * its code (the 行政区划代码 where known) and its kind.
 */
import { useState } from 'react';
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { officialIssuer } from '../../../shared/summary/issuer';
import { UNIT_KIND_LABEL, type Unit, type UnitKind } from '../../../shared/model/units';

export interface UnitSave {
  id?: number;
  name: string;
  fullName: string | null;
  code?: string | null;
  kind: UnitKind;
  parentId?: number | null;
}

interface Props {
  unit: Unit | null;
  /** For a new unit: where it goes and what it is. */
  parent: Unit | null;
  kind: UnitKind;
  units: Unit[];
  onCancel(): void;
  onSave(save: UnitSave): Promise<boolean>;
}

const ADMIN_KINDS: UnitKind[] = ['city', 'district', 'street', 'town', 'zone'];

export function UnitForm({ unit, parent, kind, units, onCancel, onSave }: Props) {
  const [name, setName] = useState(unit?.name ?? '');
  const [fullName, setFullName] = useState(unit?.fullName ?? '');
  const [code, setCode] = useState(unit?.code ?? '');
  const [k, setKind] = useState<UnitKind>(unit?.kind ?? kind);
  const [saving, setSaving] = useState(false);
  const department = k === 'department';
  // What the 落款 reads without a full name: shown as the placeholder, so leaving it empty is a choice.
  const derived = name.trim() ? officialIssuer({ id: unit?.id ?? 0, name: name.trim(), kind: k, parentId: parent?.id ?? unit?.parentId ?? null, sortOrder: 0 }, units) : '';
  const renamed = unit && name.trim() && name.trim() !== unit.name;

  const submit = async () => {
    setSaving(true);
    try {
      await onSave({
        ...(unit ? { id: unit.id } : { parentId: parent?.id ?? null }),
        name: name.trim(),
        fullName: fullName.trim() || null,
        ...(code.trim() && code.trim() !== unit?.code ? { code: code.trim() } : {}),
        kind: k,
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={unit ? `编辑${UNIT_KIND_LABEL[unit.kind]}：${unit.name}` : `新增${department ? '部门' : '单位'}${parent ? `（属于${parent.name}）` : ''}`}
      okText="保存"
      cancelText="取消"
      width={600}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ disabled: !name.trim(), ...({ 'data-testid': 'unit-save' } as Record<`data-${string}`, string>) }}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="unit-form">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item label="名称（简称，表格中使用）" extra={renamed ? `原名称“${unit!.name}”将作为别名保留：导入的表格和收回的填报表仍能识别。` : undefined}>
              <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} placeholder={department ? '如：区科工局' : '如：洪都街道'} data-testid="unit-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="类别">
              <Select
                value={k}
                onChange={setKind}
                disabled={department}
                options={(department ? (['department'] as UnitKind[]) : ADMIN_KINDS).map((x) => ({ value: x, label: UNIT_KIND_LABEL[x] }))}
                data-testid="unit-kind"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="全称（落款、公文中使用）" extra="不填时按简称推定，如下方灰字所示。">
          <Input value={fullName} maxLength={100} onChange={(e) => setFullName(e.target.value)} placeholder={derived} data-testid="unit-full-name" />
        </Form.Item>
        <Form.Item label="代码" extra="已知行政区划代码（如青云谱区 360104）时填写；数据包、回报和历年数据按代码对应单位，改名不受影响。">
          <Input value={code} maxLength={24} onChange={(e) => setCode(e.target.value)} placeholder="不填则自动生成" data-testid="unit-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
