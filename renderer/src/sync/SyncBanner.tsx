/**
 * Above the grid of a plan that follows the bureau's server: the server, the
 * last sync, what waits to be sent, and each 退回's reason and each conflict —
 * what the street has to act on — with the marks' legend.
 */
import { Alert } from 'antd';
import './sync.css';
import { periodLabel } from '../../../shared/periods';
import { SYNC_MARK_LABEL, type SyncMarks } from '../../../shared/sync/views';

export function SyncBanner({ marks }: { marks: SyncMarks }) {
  const returned = new Map<string, string>();
  for (const m of marks.marks) if (m.state === 'returned' && m.message) returned.set(m.period, m.message);
  const conflicts = marks.marks.filter((m) => m.state === 'conflict').length;
  const when = marks.lastSyncAt ? new Date(marks.lastSyncAt).toLocaleString('zh-CN') : '从未';
  const lines = [
    `本工作要点与服务器 ${marks.server} 同步，上次同步：${when}。${marks.queued ? `${marks.queued} 项待发送（下次同步时发送）。` : '本机的修改都已发送。'}`,
    ...[...returned].map(([period, reason]) => `${periodLabel(period)}的填报被区里退回：${reason}。修改后再同步即重新提交审核。`),
    conflicts ? `${conflicts} 项（完成数或任务进展）与区里的修改冲突，本机的值已保留，由区里决定采用哪个值。` : '',
  ].filter(Boolean);
  return (
    <Alert
      type={returned.size || conflicts ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="sync-banner"
      title={<div style={{ whiteSpace: 'pre-line' }}>{lines.join('\n')}</div>}
      description={<span className="tz-muted">单元格标记：{(['queued', 'sent', 'approved', 'returned', 'conflict', 'refused'] as const).map((s) => SYNC_MARK_LABEL[s]).join(' · ')}</span>}
    />
  );
}
