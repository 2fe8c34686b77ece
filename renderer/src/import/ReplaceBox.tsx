/**
 * 以本表为准 (issue 12). An import merges by default: a target sheet changes
 * only the units and indicators it names. Removing what the file leaves out
 * is the user's explicit choice, off by default; once ticked, the removals
 * are listed here first, in full, with the figures (完成数) that lose their
 * target. A task table that matches fewer than half of the plan's tasks
 * replaces the task table, and needs the same choice.
 */
import { Alert, Checkbox } from 'antd';
import type { DiffItem, ImportPreview } from '../../../shared/import/types';

function removalLine(d: DiffItem) {
  return (
    <div className="tz-import-diff-item" key={`${d.label}:${d.before ?? ''}`}>
      {d.label}
      {d.before ? `（${d.what === 'target' ? `目标 ${d.before}` : d.before.split('｜')[0]}）` : ''}
      {d.figures ? <span className="tz-import-err">，已录入的 {d.figures} 个完成数将失去目标</span> : null}
    </div>
  );
}

export function ReplaceBox({ preview, chosen, onChoose }: { preview: ImportPreview; chosen: boolean; onChoose(replace: boolean): void }) {
  const r = preview.replace;
  if (!r) return null;
  const removed = preview.diff.removed.filter((d) => d.what === 'target' || d.what === 'task' || d.what === 'actionLine');
  const more = preview.diff.totals.removed - preview.diff.removed.length;
  const label = r.tasks ? '以本表为准，替换现有的任务分解表' : '以本表为准，删除表中没有的目标';
  const lines = [
    r.tasks
      ? `本表的 ${r.tasks.total} 项任务中只有 ${r.tasks.matched} 项与工作要点现有的 ${r.tasks.existing} 项任务内容相同，不像同一张任务分解表：导入会替换整个任务分解表，不按位置对应任务和进展。`
      : null,
    r.targetsNotInFile
      ? chosen
        ? `本表没有列出的 ${r.targetsNotInFile} 个已有目标值将被删除：`
        : `本表没有列出的 ${r.targetsNotInFile} 个已有目标值保持不变（导入只修改表中列出的单位和指标）。`
      : null,
  ].filter(Boolean);
  return (
    <Alert
      className="tz-import-block"
      type={chosen ? 'warning' : r.tasks ? 'error' : 'info'}
      showIcon
      data-testid="import-replace"
      title={chosen ? `以本表为准：将删除 ${preview.diff.totals.removed} 处` : r.tasks ? '本表会替换现有的任务分解表' : '只合并本表中的目标'}
      description={
        <div>
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
          {chosen && removed.length ? (
            <div className="tz-import-removals" data-testid="import-removals">
              {removed.map(removalLine)}
              {more > 0 ? <div>…… 另有 {more} 处删除未列出</div> : null}
            </div>
          ) : null}
          <Checkbox className="tz-import-loss-check" checked={chosen} onChange={(e) => onChoose(e.target.checked)} data-testid="import-replace-check">
            {label}
          </Checkbox>
        </div>
      }
    />
  );
}
