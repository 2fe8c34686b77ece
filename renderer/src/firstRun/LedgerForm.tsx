/**
 * 新建台账 for one's own unit: its name and level (区/县, 街道/镇, 市) and the
 * year, with the operator's name when this PC (or tab) has none yet — every
 * write is recorded under it. The unit goes at the top of the tree with a
 * blank plan for the year; sub-units and departments are added later in
 * 设置 → 单位与部门, or come with an imported table.
 */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Radio } from 'antd';
import { api, errorMessage } from '../api/transport';
import { useOperator, useOperatorLoaded } from '../entry/Operator';

type Level = 'district' | 'street-town' | 'city';

/** 街道/镇 is one choice on the form; a name ending in 镇 or 乡 is a town. */
const kindOf = (level: Level, name: string) => (level === 'street-town' ? (/[镇乡]$/.test(name.trim()) ? 'town' : 'street') : level);

export function LedgerForm({ onDone, submitLabel = '新建台账' }: { onDone(planId: number): void; submitLabel?: string }) {
  useOperatorLoaded();
  const operator = useOperator((s) => s.name);
  const saveOperator = useOperator((s) => s.save);
  const [name, setName] = useState('');
  const [level, setLevel] = useState<Level>('district');
  const [year, setYear] = useState(new Date().getFullYear());
  const [who, setWho] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsOperator = !operator;
  const ready = name.trim() && (!needsOperator || who.trim());

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (needsOperator) await saveOperator(who.trim());
      const { planId } = await api.call('ledger.create', { unitName: name.trim(), kind: kindOf(level, name), year });
      onDone(planId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" data-testid="ledger-form" onFinish={() => ready && void submit()}>
      <Form.Item label="本单位名称" extra="如：东湖区、洪都街道、南昌市">
        <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} placeholder="本单位名称" data-testid="ledger-name" />
      </Form.Item>
      <Form.Item label="级别">
        <Radio.Group
          value={level}
          onChange={(e) => setLevel(e.target.value)}
          options={[
            { value: 'district', label: '区/县' },
            { value: 'street-town', label: '街道/镇' },
            { value: 'city', label: '市' },
          ]}
          data-testid="ledger-level"
        />
      </Form.Item>
      <Form.Item label="年度">
        <InputNumber min={1990} max={2100} precision={0} value={year} onChange={(v) => v != null && setYear(v)} data-testid="ledger-year" />
      </Form.Item>
      {needsOperator ? (
        <Form.Item label="您的姓名（操作员）" extra="每一次录入和修改都会记录操作员，以后可在“设置”中修改。">
          <Input value={who} maxLength={40} onChange={(e) => setWho(e.target.value)} placeholder="例如：张敏" data-testid="ledger-operator" />
        </Form.Item>
      ) : null}
      {error ? <div className="tz-form-error" role="alert">{error}</div> : null}
      <Button type="primary" htmlType="submit" loading={busy} disabled={!ready} data-testid="ledger-create">
        {submitLabel}
      </Button>
    </Form>
  );
}
