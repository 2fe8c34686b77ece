/** 锁定本期 / 解锁 (with a required reason) for the view period. */
import { useState } from 'react';
import { App, Button, Input, Modal, Tag } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { periodLabel } from '../../../shared/periods';
import { api, errorMessage } from '../api/transport';
import { OperatorModal, useOperator, useOperatorLoaded } from './Operator';

export function LockButton({ planId, period, locked, onDone }: { planId: number; period: string; locked: boolean; onDone(): void }) {
  const { message, modal } = App.useApp();
  const [unlocking, setUnlocking] = useState(false);
  const [reason, setReason] = useState('');
  // A lock records who locked: without an operator name yet, ask it first, then go on.
  useOperatorLoaded();
  const operator = useOperator((s) => s.name);
  const [afterNaming, setAfterNaming] = useState<(() => void) | null>(null);
  const withOperator = (then: () => void) => (operator ? then() : setAfterNaming(() => then));

  const lock = () =>
    modal.confirm({
      title: `锁定${periodLabel(period)}？`,
      content: '锁定后本期（及随之结束的季度、年度）的完成数和任务进展只读。解锁需要填写原因，并会记录在案。',
      okText: '锁定',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await api.call('entry.lock', { planId, period });
          message.success(`已锁定：${r.locked.map(periodLabel).join('、') || periodLabel(period)}`);
          onDone();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const unlock = async () => {
    try {
      const r = await api.call('entry.unlock', { planId, period, reason });
      message.success(`已解锁：${r.unlocked.map(periodLabel).join('、')}`);
      setUnlocking(false);
      setReason('');
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      {locked ? (
        <>
          <Tag color="red" icon={<LockOutlined />} data-testid="period-locked">
            已锁定
          </Tag>
          <Button icon={<UnlockOutlined />} onClick={() => withOperator(() => setUnlocking(true))} data-testid="unlock-button">
            解锁
          </Button>
        </>
      ) : (
        <Button icon={<LockOutlined />} onClick={() => withOperator(lock)} data-testid="lock-button">
          锁定本期
        </Button>
      )}
      <OperatorModal
        open={afterNaming !== null}
        onClose={(named) => {
          const next = afterNaming;
          setAfterNaming(null);
          if (named) next?.();
        }}
      />
      <Modal
        open={unlocking}
        title={`解锁${periodLabel(period)}`}
        okText="解锁"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onOk={() => void unlock()}
        onCancel={() => setUnlocking(false)}
      >
        <p>解锁后可以修改本期数据。请写明原因（至少2个字），原因将记录在锁定记录中。</p>
        <Input.TextArea rows={3} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="例如：洪都街道更正9月技术合同成交额" />
      </Modal>
    </>
  );
}
