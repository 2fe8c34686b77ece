/**
 * 设置 → 单位与部门: the unit tree with each unit's departments, kept in the
 * window — add, rename (the old name stays an alias), full name for the
 * 落款, code, order, 停用 (kept for history, hidden from new plans and
 * pickers), 合并 two units (区划调整: the values both hold are listed first,
 * then a backup, then 撤销 is offered) — and the group phrases (组合称谓).
 */
import { useMemo, useState } from 'react';
import { Button, Card, Modal, Popconfirm, Select, Space, Spin, Switch, Table, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, BranchesOutlined, DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { UnitMergeResult } from '../../../shared/api/methods/units';
import { buildUnitTree, UNIT_KIND_LABEL, type Unit, type UnitGroup, type UnitKind, type UnitNode } from '../../../shared/model/units';
import { api } from '../api/transport';
import { EditHistoryButton } from '../edit/EditHistory';
import { useEditor } from '../edit/useEditor';
import { useApiResource } from '../entry/useApiResource';
import { useCurrentPlan } from '../store/appStore';
import { GroupForm, type GroupSave } from './GroupForm';
import { UnitForm, type UnitSave } from './UnitForm';

type Row = UnitNode;
const isDept = (u: Unit) => u.kind === 'department';

/** The tree as the table shows it: sub-units first, then departments; deactivated ones only when asked for. */
function rowsOf(units: Unit[], showInactive: boolean): Row[] {
  const keep = (n: UnitNode): Row | null => {
    if (!showInactive && n.active === false) return null;
    const kids = [...n.children.filter((c) => !isDept(c)), ...n.children.filter(isDept)].map(keep).filter((x): x is Row => x !== null);
    return { ...n, children: kids, ...(kids.length ? {} : { children: undefined as unknown as UnitNode[] }) };
  };
  return buildUnitTree(units).map(keep).filter((x): x is Row => x !== null);
}

/** Where a merge may go: the same class (department with department), never itself or its own sub-units. */
function mergeTargets(units: Unit[], from: Unit): Unit[] {
  const below = new Set<number>([from.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) if (u.parentId !== null && below.has(u.parentId) && !below.has(u.id)) (below.add(u.id), (grew = true));
  }
  return units.filter((u) => !below.has(u.id) && isDept(u) === isDept(from) && u.active !== false);
}

export function UnitsPanel() {
  const directory = useApiResource('units.directory', {});
  const aliases = useApiResource('units.aliases', {});
  const plan = useCurrentPlan();
  const { write, listed, gate } = useEditor();
  const [showInactive, setShowInactive] = useState(false);
  const [form, setForm] = useState<{ unit: Unit | null; parent: Unit | null; kind: UnitKind } | null>(null);
  const [merging, setMerging] = useState<Unit | null>(null);
  const [mergeInto, setMergeInto] = useState<number | null>(null);
  const [groupForm, setGroupForm] = useState<{ group: UnitGroup | null; owner: Unit } | null>(null);
  const units = useMemo(() => directory.data?.units ?? [], [directory.data]);
  const groups = directory.data?.groups ?? [];
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const rows = useMemo(() => rowsOf(units, showInactive), [units, showInactive]);
  const inactive = units.filter((u) => u.active === false).length;

  const saveUnit = async (save: UnitSave) => {
    const r = await write(() => api.call('units.save', { unit: save }), save.id ? '已保存' : `已新增“${save.name}”`);
    if (r) setForm(null);
    return r !== null;
  };
  const move = (u: Unit, by: number) => {
    const siblings = units.filter((x) => x.parentId === u.parentId && isDept(x) === isDept(u)).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    const ids = siblings.map((x) => x.id);
    const at = ids.indexOf(u.id);
    ids.splice(at, 1);
    ids.splice(at + by, 0, u.id);
    void write(() => api.call('units.reorder', { parentId: u.parentId, ids }));
  };
  const setActive = (u: Unit, active: boolean) =>
    void write(() => api.call('units.setActive', { unitId: u.id, active }), active ? `已重新启用“${u.name}”` : `已停用“${u.name}”，历史数据保留`);
  const merge = async () => {
    const from = merging;
    const into = mergeInto == null ? null : byId.get(mergeInto);
    if (!from || !into) return;
    const r = await listed<UnitMergeResult>(
      (confirm) => api.call('units.merge', { fromId: from.id, intoId: into.id, confirm }),
      {
        title: `合并“${from.name}”到“${into.name}”`,
        okText: '确认合并',
        intro: (x) => `以下 ${x.conflictCount} 项两个单位都有的值，合并后只保留“${into.name}”的，“${from.name}”的值记入修改记录：`,
        items: (x) => x.conflicts,
      },
      { text: `已将“${from.name}”并入“${into.name}”`, undoLabel: '撤销合并' },
    );
    if (r) {
      setMerging(null);
      setMergeInto(null);
    }
  };
  const saveGroup = async (save: GroupSave) => {
    const r = await write(() => api.call('groups.save', { group: save }), save.id ? '组合称谓已保存' : `已新增组合称谓“${save.phrase}”`);
    if (r) setGroupForm(null);
    return r !== null;
  };

  const ownerForNew = (plan ? byId.get(plan.unitId) : undefined) ?? units.find((u) => u.parentId === null && !isDept(u));

  return (
    <Card
      className="tz-card"
      title="单位与部门"
      variant="outlined"
      data-testid="units-panel"
      extra={
        <Space>
          <span className="tz-muted">
            <Switch size="small" checked={showInactive} onChange={setShowInactive} data-testid="units-show-inactive" /> 显示已停用（{inactive}）
          </span>
          <EditHistoryButton source={{ kind: 'units' }} title="单位与组合称谓的修改记录" testId="units-history" />
          <Button icon={<PlusOutlined />} onClick={() => setForm({ unit: null, parent: null, kind: 'district' })} data-testid="unit-add-top">
            新增顶级单位
          </Button>
        </Space>
      }
    >
      {gate}
      <p className="tz-muted">
        改名后原名称作为别名保留，导入的表格、收回的填报表仍能识别；停用的单位保留历史数据，不再出现在新的工作要点和选择列表中；区划调整时可把一个单位合并到另一个。
      </p>
      {/* Drawn once the tree is loaded: the rows open fully expanded (defaultExpandAllRows acts at mount). */}
      {directory.data ? (
      <Table<Row>
        size="small"
        bordered
        pagination={false}
        rowKey="id"
        dataSource={rows}
        expandable={{ defaultExpandAllRows: true }}
        data-testid="units-table"
        onRow={(u) => ({ 'data-unit': u.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '名称',
            key: 'name',
            render: (_, u) => (
              <span>
                <strong>{u.name}</strong>
                {u.active === false ? <Tag className="tz-ml">已停用</Tag> : null}
                {(aliases.data ?? []).some((a) => a.unitId === u.id) ? (
                  <Tooltip title={`别名：${(aliases.data ?? []).filter((a) => a.unitId === u.id).map((a) => a.alias).join('、')}`}>
                    <Tag className="tz-ml" color="default" data-testid="unit-aliases">
                      别名 {(aliases.data ?? []).filter((a) => a.unitId === u.id).length}
                    </Tag>
                  </Tooltip>
                ) : null}
              </span>
            ),
          },
          { title: '类别', key: 'kind', width: 70, render: (_, u) => UNIT_KIND_LABEL[u.kind] },
          { title: '全称（落款）', key: 'full', render: (_, u) => u.fullName ?? <span className="tz-muted">—</span> },
          { title: '代码', key: 'code', width: 120, render: (_, u) => <span className="tz-num">{u.code}</span> },
          {
            title: '操作',
            key: 'actions',
            width: 236,
            render: (_, u) => {
              const siblings = units.filter((x) => x.parentId === u.parentId && isDept(x) === isDept(u)).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
              const at = siblings.findIndex((x) => x.id === u.id);
              return (
                <Space size={2}>
                  <Tooltip title="编辑名称、全称、代码">
                    <Button size="small" type="text" icon={<EditOutlined />} aria-label={`编辑${u.name}`} data-testid="unit-edit" onClick={() => setForm({ unit: u, parent: null, kind: u.kind })} />
                  </Tooltip>
                  {!isDept(u) ? (
                    <Tooltip title="新增下级单位或部门">
                      <Button
                        size="small"
                        type="text"
                        icon={<BranchesOutlined />}
                        aria-label={`在${u.name}下新增`}
                        data-testid="unit-add-child"
                        onClick={() => setForm({ unit: null, parent: u, kind: u.kind === 'city' ? 'district' : 'street' })}
                      />
                    </Tooltip>
                  ) : null}
                  <Tooltip title="上移">
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上移" disabled={at <= 0} onClick={() => move(u, -1)} />
                  </Tooltip>
                  <Tooltip title="下移">
                    <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下移" disabled={at < 0 || at >= siblings.length - 1} onClick={() => move(u, 1)} />
                  </Tooltip>
                  <Tooltip title="合并到另一个单位（区划调整）">
                    <Button size="small" type="text" icon={<MergeCellsOutlined />} aria-label={`合并${u.name}`} data-testid="unit-merge" onClick={() => setMerging(u)} />
                  </Tooltip>
                  {u.active === false ? (
                    <Tooltip title="重新启用">
                      <Button size="small" type="text" icon={<UndoOutlined />} aria-label={`启用${u.name}`} onClick={() => setActive(u, true)} />
                    </Tooltip>
                  ) : (
                    <Popconfirm title={`停用“${u.name}”？`} description="历史数据保留；不再出现在新的工作要点和选择列表中。" okText="停用" cancelText="取消" onConfirm={() => setActive(u, false)}>
                      <Button size="small" type="text" icon={<StopOutlined />} aria-label={`停用${u.name}`} data-testid="unit-deactivate" />
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      ) : (
        <Spin />
      )}
      <div className="tz-subhead">
        <strong>组合称谓</strong>
        <span className="tz-muted">公文中代表多个单位的说法，如“各街道、镇、集聚区”“区直相关部门”。</span>
        {ownerForNew ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setGroupForm({ group: null, owner: ownerForNew })} data-testid="group-add">
            新增组合称谓
          </Button>
        ) : null}
      </div>
      <Table<UnitGroup>
        size="small"
        bordered
        pagination={false}
        rowKey="id"
        dataSource={groups}
        data-testid="groups-table"
        locale={{ emptyText: '还没有组合称谓' }}
        columns={[
          { title: '称谓', key: 'phrase', width: 200, render: (_, g) => <strong>{g.phrase}</strong> },
          { title: '所属单位', key: 'owner', width: 110, render: (_, g) => byId.get(g.ownerUnitId)?.name ?? '—' },
          {
            title: '包含的单位',
            key: 'members',
            render: (_, g) => (
              <span className="tz-tags">
                {g.memberIds.map((id) => (
                  <Tag key={id}>{byId.get(id)?.name ?? id}</Tag>
                ))}
              </span>
            ),
          },
          { title: '其他写法', key: 'aliases', width: 160, render: (_, g) => g.aliases.join('、') || <span className="tz-muted">—</span> },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_, g) => (
              <Space size={2}>
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={`编辑${g.phrase}`} onClick={() => setGroupForm({ group: g, owner: byId.get(g.ownerUnitId)! })} />
                <Popconfirm
                  title={`删除组合称谓“${g.phrase}”？`}
                  description="已使用它的任务保留原有责任单位和文字。"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => void write(() => api.call('groups.remove', { groupId: g.id }), '已删除组合称谓')}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${g.phrase}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {form ? <UnitForm unit={form.unit} parent={form.parent} kind={form.kind} units={units} onCancel={() => setForm(null)} onSave={saveUnit} /> : null}
      {groupForm ? <GroupForm group={groupForm.group} owner={groupForm.owner} units={units} onCancel={() => setGroupForm(null)} onSave={saveGroup} /> : null}
      {merging ? (
        <Modal
          open
          title={`合并“${merging.name}”`}
          okText="合并"
          cancelText="取消"
          onOk={() => void merge()}
          onCancel={() => {
            setMerging(null);
            setMergeInto(null);
          }}
          okButtonProps={{ disabled: mergeInto == null, ...({ 'data-testid': 'merge-next' } as Record<`data-${string}`, string>) }}
          destroyOnHidden
        >
          <p>
            “{merging.name}”的完成数、任务进展、目标、任务和修改记录将移到所选单位，“{merging.name}”的名称作为别名保留，之后导入的表格和收回的填报表中写的“{merging.name}”按所选单位识别。
          </p>
          <Select
            style={{ width: '100%' }}
            placeholder="并入哪个单位"
            value={mergeInto ?? undefined}
            onChange={setMergeInto}
            showSearch
            optionFilterProp="label"
            options={mergeTargets(units, merging).map((u) => ({ value: u.id, label: `${u.name}（${UNIT_KIND_LABEL[u.kind]}${u.parentId ? `，${byId.get(u.parentId)?.name ?? ''}` : ''}）` }))}
            data-testid="merge-into"
          />
          <p className="tz-muted tz-mt">两个单位都有值的单元格，会先列出来请您确认；合并前自动备份，之后可以撤销。</p>
        </Modal>
      ) : null}
    </Card>
  );
}
