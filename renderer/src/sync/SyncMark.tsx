/**
 * The sync mark of one cell of this PC's unit (待发送 · 已发送 · 已审核 · 已退回
 * · 冲突 · 未接收): the same small tag on a figure of 数据填报 and on a task's
 * progress in 任务进展. Text plus a border, readable in greyscale; the longer
 * words (and a 退回's reason) in `syncMarkTitle`.
 */
import './sync.css';
import { SYNC_MARK_HINT, SYNC_MARK_LABEL, type SyncCellMark } from '../../../shared/sync/views';

/** The mark's longer words: what it means, and the reason of a 退回, what the server holds in a conflict, why it was refused. */
export const syncMarkTitle = (mark: Pick<SyncCellMark, 'state' | 'message'>) => `同步：${SYNC_MARK_HINT[mark.state]}${mark.message ? `（${mark.message}）` : ''}`;

export function SyncMark({ mark, inline = false }: { mark: Pick<SyncCellMark, 'state' | 'message'>; inline?: boolean }) {
  return (
    <span className={`tz-sync-mark is-${mark.state}${inline ? ' is-inline' : ''}`} data-testid="sync-mark" data-sync={mark.state} title={inline ? syncMarkTitle(mark) : undefined}>
      {SYNC_MARK_LABEL[mark.state]}
    </span>
  );
}
