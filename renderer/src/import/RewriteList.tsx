/**
 * Tasks paired by position whose text changed (改写): the same task reworded,
 * or a different one in its place. Listed with old → new text and the
 * progress (任务进展) that stays with it, so the user sees where it goes.
 */
import { Alert } from 'antd';
import type { TaskRewrite } from '../../../shared/import/types';

const clip = (t: string) => ([...t].length > 60 ? `${[...t].slice(0, 60).join('')}…` : t);

export function RewriteList({ rewrites }: { rewrites: TaskRewrite[] }) {
  if (rewrites.length === 0) return null;
  return (
    <Alert
      className="tz-import-block"
      type="info"
      showIcon
      data-testid="import-rewrites"
      title={`改写 ${rewrites.length} 项任务：按位置对应，原任务的进展随之保留，请核对是否为同一项任务`}
      description={
        <div>
          {rewrites.map((r) => (
            <div key={r.seq} className="tz-import-rewrite">
              <b>
                任务{r.seq}
                {r.oldSeq !== r.seq ? `（原任务${r.oldSeq}）` : ''}
              </b>
              ：<span className="tz-import-old">{clip(r.before)}</span> → <span>{clip(r.after)}</span>
              {r.progress ? <span className="tz-import-warn">{r.progress} 条任务进展随之保留</span> : null}
            </div>
          ))}
        </div>
      }
    />
  );
}
