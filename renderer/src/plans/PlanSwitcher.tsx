/**
 * The header's plan switcher: every plan, newest first, with its years and
 * document number, 示例 on the example, archived plans hidden unless asked
 * for; 新建工作要点 (blank, or 从上一年复制); the open plan's details edited,
 * 归档 / 取消归档, and 删除 with what goes listed first (backup, 撤销).
 */
import { useState } from 'react';
import { Button, Dropdown, Popover, Space, Switch, Tag, Tooltip } from 'antd';
import { DownOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useIsDistrict } from '../api/serverSession';
import type { Plan } from '../../../shared/model/plan';
import { api } from '../api/transport';
import { useEditor } from '../edit/useEditor';
import { formatYears } from '../format/target';
import { useAppStore } from '../store/appStore';
import { lazyPart } from '../components/lazyChunk';

// The dialogs' chunks (their forms) are fetched after the first paint (components/lazyChunk.tsx).
const NewPlanModal = lazyPart(() => import('./NewPlanModal').then((m) => m.NewPlanModal));
const PlanDetailsModal = lazyPart(() => import('./PlanDetailsModal').then((m) => m.PlanDetailsModal));

export function ExampleTag() {
  return (
    <Tooltip title="青云谱区 2022 年的公开文件，用来熟悉软件；您的台账可随时新建，不必删除示例。">
      <Tag color="orange" className="tz-example-tag" data-testid="example-tag">
        示例
      </Tag>
    </Tooltip>
  );
}

function PlanItem({ plan, current, onPick }: { plan: Plan; current: boolean; onPick(): void }) {
  return (
    <button type="button" className={`tz-plan-item${current ? ' is-current' : ''}`} onClick={onPick} data-testid="plan-item" data-plan-id={plan.id}>
      <span className="tz-plan-item-years">{formatYears(plan.yearStart, plan.yearEnd)}</span>
      <span className="tz-plan-item-title">{plan.title}</span>
      <span className="tz-plan-item-tags">
        {plan.docNumber ? <Tag className="tz-doc-tag">{plan.docNumber}</Tag> : null}
        {plan.example ? <Tag color="orange">示例</Tag> : null}
        {plan.archivedAt ? <Tag>已归档</Tag> : null}
      </span>
    </button>
  );
}

export function PlanSwitcher({ plan }: { plan: Plan }) {
  const plans = useAppStore((s) => s.plans);
  const setPlanId = useAppStore((s) => s.setPlanId);
  const boot = useAppStore((s) => s.boot);
  const { write, listed, gate } = useEditor();
  // New plans, details, archive and delete are the district's (taizhang serve: admin accounts only).
  const district = useIsDistrict();
  const [open, setOpen] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState(false);
  // Newest first (plans.list's order); the open plan is always listed.
  const shown = plans.filter((p) => showArchived || !p.archivedAt || p.id === plan.id);
  const archivedCount = plans.filter((p) => p.archivedAt).length;

  const afterLeaving = async () => {
    await boot();
    const next = useAppStore.getState().plans.find((p) => p.id !== plan.id && !p.archivedAt);
    if (next) setPlanId(next.id);
  };
  const archive = async (archived: boolean) => {
    const r = await write(() => api.call('plan.archive', { planId: plan.id, archived }), archived ? `已归档“${plan.title}”` : `已取消归档“${plan.title}”`);
    if (r && archived) await afterLeaving();
  };
  const remove = async () => {
    const r = await listed(
      (confirm) => api.call('plan.delete', { planId: plan.id, confirm }),
      { title: `删除工作要点“${plan.title}”`, okText: '删除', items: (x) => x.loses, intro: '以下内容将被删除：' },
      { text: `已删除工作要点“${plan.title}”`, undoLabel: '撤销删除' },
    );
    if (r?.done) await afterLeaving();
  };

  const panel = (
    <div className="tz-plan-panel" data-testid="plan-panel">
      <div className="tz-plan-list">
        {shown.map((p) => (
          <PlanItem
            key={p.id}
            plan={p}
            current={p.id === plan.id}
            onPick={() => {
              setPlanId(p.id);
              setOpen(false);
            }}
          />
        ))}
      </div>
      <div className="tz-plan-panel-foot">
        <span className="tz-muted">
          <Switch size="small" checked={showArchived} onChange={setShowArchived} data-testid="plan-show-archived" /> 显示已归档（{archivedCount}）
        </span>
        {district ? (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              setOpen(false);
              setCreating(true);
            }}
            data-testid="plan-new"
          >
            新建工作要点
          </Button>
        ) : null}
      </div>
    </div>
  );

  return (
    <Space size={4}>
      {gate}
      <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={panel} arrow={false}>
        <Button data-testid="plan-switcher">
          切换工作要点（{plans.length - archivedCount}）<DownOutlined />
        </Button>
      </Popover>
      {district ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'edit', label: '编辑工作要点信息…', onClick: () => setEditing(true) },
              plan.archivedAt ? { key: 'unarchive', label: '取消归档', onClick: () => void archive(false) } : { key: 'archive', label: '归档', onClick: () => void archive(true) },
              { type: 'divider' },
              { key: 'delete', label: '删除工作要点…', danger: true, onClick: () => void remove() },
            ],
          }}
        >
          <Button icon={<MoreOutlined />} aria-label="工作要点操作" data-testid="plan-actions" />
        </Dropdown>
      ) : null}
      {creating ? <NewPlanModal onClose={() => setCreating(false)} /> : null}
      {editing ? <PlanDetailsModal plan={plan} onClose={() => setEditing(false)} /> : null}
    </Space>
  );
}
