/**
 * Tasks the import would delete although units have reported progress on
 * them: listed, and deleted only when the user ticks the box (the core
 * refuses otherwise), so a table that merely left a row out loses nothing.
 */
import { Alert, Checkbox } from 'antd';
import type { ProgressLoss } from '../../../shared/import/types';

export function ProgressLossBox({ loss, allowed, onAllow }: { loss: ProgressLoss[]; allowed: boolean; onAllow(allow: boolean): void }) {
  if (loss.length === 0) return null;
  const total = loss.reduce((s, l) => s + l.entries, 0);
  return (
    <Alert
      type={allowed ? 'warning' : 'error'}
      showIcon
      className="tz-import-block"
      data-testid="import-progress-loss"
      title={`本表中没有以下 ${loss.length} 项已有进展的任务，导入会删除它们和 ${total} 条任务进展`}
      description={
        <div>
          {loss.map((l) => (
            <div key={l.seq} className="tz-import-diff-item">
              任务{l.seq}（{[...l.content].slice(0, 30).join('')}
              {[...l.content].length > 30 ? '…' : ''}）：{l.entries} 条进展
            </div>
          ))}
          <Checkbox className="tz-import-loss-check" checked={allowed} onChange={(e) => onAllow(e.target.checked)} data-testid="import-allow-delete-progress">
            同时删除这些任务的进展记录
          </Checkbox>
          {allowed ? null : <div className="tz-muted">不想删除：请在表中保留这些任务后重新选择文件。</div>}
        </div>
      }
    />
  );
}
