/**
 * 撤销本次导入 / 撤销本次载入 / 撤销本次恢复: after an operation that took a copy
 * first, a notice offers to put the data back. When something was written
 * since, the core lists it (done: false) and the user confirms before it goes.
 */
import { App, Button } from 'antd';
import { api, errorMessage } from '../api/transport';
import { confirmImpact } from './confirmRestore';

export function useUndo() {
  const { message, modal, notification } = App.useApp();

  /** Restores the copy `id` was taken before; asks first when later writes would go too. */
  const undo = async (id: string, what: string): Promise<boolean> => {
    try {
      let result = await api.call('backup.undo', { id });
      if (!result.done) {
        const ok = await confirmImpact(modal, `${what}：之后的修改也会一并撤销`, result.impact, `仍然${what}`);
        if (!ok) return false;
        result = await api.call('backup.undo', { id, confirm: true });
      }
      // The undo took a copy too: the notice offers to take the undo back.
      if (result.before) offer(result.before.id, '取消撤销', `已${what}，数据回到操作之前。`);
      else message.success(`已${what}，数据回到操作之前。`);
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    }
  };

  /**
   * Shows the notice with its button after an operation, bottom right (the header's buttons stay
   * free), for 20 s — afterwards the same undo is in 设置 → 备份与恢复. Only the latest is offered.
   */
  const offer = (id: string, label: string, text: string) => {
    const key = 'undo-latest';
    notification.open({
      key,
      title: text,
      description: '操作前已自动备份。如果结果不对，可以撤销，数据会回到操作之前（也可在“设置 → 备份与恢复”中撤销）。',
      placement: 'bottomRight',
      duration: 20,
      actions: (
        <Button
          type="primary"
          size="small"
          data-testid="undo-operation"
          onClick={() => {
            notification.destroy(key);
            void undo(id, label);
          }}
        >
          {label}
        </Button>
      ),
    });
  };

  return { offer, undo };
}
