/**
 * The operator name (操作员): recorded with every figure, progress entry and
 * lock. Asked where it is first needed — before a write, never after one
 * failed; changed in 设置. In the desktop window it is the PC's setting; in a
 * browser tab of the web door it is that tab's own (each tab asks once).
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Modal, Space } from 'antd';
import { create } from 'zustand';
import { api, errorMessage } from '../api/transport';

interface OperatorState {
  name: string | null;
  loaded: boolean;
  load(): Promise<void>;
  save(name: string): Promise<void>;
}

export const useOperator = create<OperatorState>((set) => ({
  name: null,
  loaded: false,
  async load() {
    const r = await api.call('operator.get', {});
    set({ name: r.name, loaded: true });
  },
  async save(name) {
    const r = await api.call('operator.set', { name });
    set({ name: r.name, loaded: true });
  },
}));

/** Loads the operator name once. */
export function useOperatorLoaded() {
  const { loaded, load } = useOperator();
  useEffect(() => {
    if (!loaded) load().catch(() => undefined);
  }, [loaded, load]);
}

/** The name field of the places that ask the operator's name. */
export function OperatorNameInput(props: { value: string; onChange(text: string): void; onEnter(): void; testId: string }) {
  return (
    <Input
      autoFocus
      value={props.value}
      maxLength={40}
      placeholder="您的姓名，例如：张敏"
      data-testid={props.testId}
      aria-label="操作员姓名"
      onChange={(e) => props.onChange(e.target.value)}
      onPressEnter={props.onEnter}
    />
  );
}

/**
 * First use of 数据填报: asks for the operator name in place of the grid. Inline rather
 * than a modal over the whole app, so a newcomer can still look around first.
 */
export function OperatorPrompt() {
  useOperatorLoaded();
  const { save } = useOperator();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const submit = async () => {
    try {
      await save(text);
      message.success(`欢迎，${text.trim()}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card className="tz-card" title="请先填写操作员姓名" variant="outlined" data-testid="operator-prompt">
      <p>每一次填报、修改、锁定都会记录操作员和时间。以后可在“设置”中修改。</p>
      <Space.Compact style={{ width: 420 }}>
        <OperatorNameInput value={text} onChange={setText} onEnter={() => text.trim() && void submit()} testId="operator-input" />
        <Button type="primary" disabled={!text.trim()} onClick={() => void submit()}>
          开始填报
        </Button>
      </Space.Compact>
    </Card>
  );
}

/** 设置 → 操作员. */
export function OperatorCard() {
  useOperatorLoaded();
  const { name, save } = useOperator();
  const { message } = App.useApp();
  const [text, setText] = useState<string | null>(null);
  const value = text ?? name ?? '';
  return (
    <Card className="tz-card" title="操作员" variant="outlined" data-testid="operator-card">
      <p className="tz-muted">填报、修改和锁定数据时记录的姓名。</p>
      <Space.Compact style={{ width: 380 }}>
        <Input value={value} maxLength={40} onChange={(e) => setText(e.target.value)} aria-label="操作员姓名" />
        <Button
          type="primary"
          disabled={!value.trim() || value.trim() === name}
          onClick={async () => {
            try {
              await save(value);
              setText(null);
              message.success('操作员已保存');
            } catch (e) {
              message.error(errorMessage(e));
            }
          }}
        >
          保存
        </Button>
      </Space.Compact>
    </Card>
  );
}

/**
 * Asks the operator name in a dialog before a write that needs it (锁定本期, 解锁), for places that
 * are reachable before the page's own prompt was answered. `onClose(true)` once a name is saved.
 */
export function OperatorModal({ open, onClose }: { open: boolean; onClose(named: boolean): void }) {
  const { save } = useOperator();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!text.trim()) return;
    setSaving(true);
    try {
      await save(text);
      setText('');
      onClose(true);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="请先填写操作员姓名"
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: !text.trim(), loading: saving }}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>每一次填报、修改、锁定都会记录操作员和时间。以后可在“设置”中修改。</p>
      <OperatorNameInput value={text} onChange={setText} onEnter={() => void submit()} testId="operator-modal-input" />
    </Modal>
  );
}
