/**
 * A group phrase (组合称谓) as documents write it ("各街道、镇、集聚区"), its
 * other spellings (read by imports) and the units it stands for. Tasks that
 * name it follow: a reworded phrase is reworded in them, a new member becomes
 * responsible.
 */
import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { isPickable, type Unit, type UnitGroup } from '../../../shared/model/units';

export interface GroupSave {
  id?: number;
  ownerUnitId: number;
  phrase: string;
  aliases: string[];
  memberIds: number[];
}

export function GroupForm({ group, owner, units, onCancel, onSave }: { group: UnitGroup | null; owner: Unit; units: Unit[]; onCancel(): void; onSave(save: GroupSave): Promise<boolean> }) {
  const [phrase, setPhrase] = useState(group?.phrase ?? '');
  const [aliases, setAliases] = useState<string[]>(group?.aliases ?? []);
  const [members, setMembers] = useState<number[]>(group?.memberIds ?? []);
  const [saving, setSaving] = useState(false);
  const children = units.filter((u) => u.parentId === owner.id && (isPickable(u) || members.includes(u.id))).sort((a, b) => Number(a.kind === 'department') - Number(b.kind === 'department') || a.sortOrder - b.sortOrder);
  const submit = async () => {
    setSaving(true);
    try {
      await onSave({ ...(group ? { id: group.id } : {}), ownerUnitId: owner.id, phrase: phrase.trim(), aliases, memberIds: members });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={group ? `编辑组合称谓：${group.phrase}` : `新增组合称谓（${owner.name}）`}
      okText="保存"
      cancelText="取消"
      width={620}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ disabled: !phrase.trim() || members.length === 0, ...({ 'data-testid': 'group-save' } as Record<`data-${string}`, string>) }}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="group-form">
        <Form.Item label="称谓（按公文原样）">
          <Input value={phrase} maxLength={60} onChange={(e) => setPhrase(e.target.value)} placeholder="如：各街道、镇、集聚区" data-testid="group-phrase" />
        </Form.Item>
        <Form.Item label="其他写法" extra="表格中可能出现的其他写法，如“各街办、镇、集聚区”；输入后按回车。">
          <Select mode="tags" value={aliases} onChange={setAliases} tokenSeparators={['；', ';']} open={false} placeholder="可不填" />
        </Form.Item>
        <Form.Item label="包含的单位">
          <Select
            mode="multiple"
            value={members}
            onChange={setMembers}
            optionFilterProp="label"
            options={[
              { label: '下级单位', options: children.filter((u) => u.kind !== 'department').map((u) => ({ value: u.id, label: u.name })) },
              { label: '部门', options: children.filter((u) => u.kind === 'department').map((u) => ({ value: u.id, label: u.name })) },
            ].filter((g) => g.options.length)}
            data-testid="group-members"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
