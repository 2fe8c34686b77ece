/** What a commit will add, change and remove in the plan: removals first, and open, so none goes unseen. */
import { Collapse, Tag } from 'antd';
import type { DiffItem, ImportDiff } from '../../../shared/import/types';

const line = (d: DiffItem) => (
  <div className="tz-import-diff-item">
    {d.label}
    {d.before !== undefined && d.after !== undefined ? `：${d.before} → ${d.after}` : d.after ? `：${d.after}` : d.before ? `：${d.before}` : ''}
    {d.figures ? `（已录入的 ${d.figures} 个完成数将失去目标）` : ''}
  </div>
);

export function DiffSummary({ diff }: { diff: ImportDiff }) {
  const groups = [
    { key: 'removed', label: '删除', color: 'red', items: diff.removed, total: diff.totals.removed },
    { key: 'changed', label: '修改', color: 'blue', items: diff.changed, total: diff.totals.changed },
    { key: 'added', label: '新增', color: 'green', items: diff.added, total: diff.totals.added },
  ];
  if (groups.every((g) => g.total === 0)) {
    return <div className="tz-import-ok" data-testid="import-diff">与工作要点中现有的数据完全一致，导入不会改变任何内容。</div>;
  }
  return (
    <div data-testid="import-diff">
      <div className="tz-import-diff-counts">
        {groups.map((g) => (
          <Tag key={g.key} color={g.color}>
            {g.label} {g.total} 处
          </Tag>
        ))}
        {diff.removed.some((d) => d.what === 'task') ? (
          <span className="tz-import-warn">任务按内容对应，已有任务的进展随内容保留；被删除任务的进展记录将一并删除。</span>
        ) : null}
      </div>
      <Collapse
        // Remounted when removals appear (以本表为准 ticked), so they open at once.
        key={diff.totals.removed ? 'removals' : 'none'}
        size="small"
        defaultActiveKey={diff.totals.removed ? ['removed'] : []}
        items={groups
          .filter((g) => g.total)
          .map((g) => ({
            key: g.key,
            label: `${g.label}（${g.total}）`,
            children: [
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list of one preview, never reordered
              ...g.items.map((d, i) => <div key={i}>{line(d)}</div>),
              g.total > g.items.length ? <div key="more">…… 另有 {g.total - g.items.length} 处未列出</div> : null,
            ],
          }))}
      />
    </div>
  );
}
