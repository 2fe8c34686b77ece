/** Unknown unit names: pick the unit the table means, or add it as a new unit (新增单位). */
import { Select, Table, Tag } from 'antd';
import type { Unit } from '../../../shared/model/units';
import { UNIT_KIND_LABEL } from '../../../shared/model/units';
import type { UnitFix, UnknownUnitView } from '../../../shared/import/types';

const ADD_KINDS = ['street', 'town', 'zone', 'department'] as const;

function fixValue(fix: UnitFix | undefined): string | undefined {
  if (!fix) return undefined;
  return 'unitId' in fix ? `unit:${fix.unitId}` : `add:${fix.add}`;
}

export function UnitMatches({
  unknown,
  units,
  fixes,
  onFix,
}: {
  unknown: UnknownUnitView[];
  units: Unit[];
  fixes: Record<string, UnitFix>;
  onFix(name: string, fix: UnitFix | null): void;
}) {
  const fixedNames = Object.keys(fixes);
  const rows = [
    ...unknown.map((u) => ({ ...u, key: u.name })),
    // Names already fixed stay listed, so a fix can be changed back.
    ...fixedNames
      .filter((n) => !unknown.some((u) => u.name === n))
      .map((n) => ({ name: n, suggestions: [], guessedKind: 'department' as const, places: [], fix: fixes[n], key: n })),
  ];
  if (rows.length === 0) return <div className="tz-import-ok">所有单位名称都已对应到单位。</div>;
  return (
    <Table
      data-testid="import-unit-matches"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '表中的名称', dataIndex: 'name', width: 160, render: (n: string) => <b>{n}</b> },
        { title: '出现位置', dataIndex: 'places', render: (p: string[]) => (p.length ? p.slice(0, 2).join('、') + (p.length > 2 ? ` 等${p.length}处` : '') : '—') },
        {
          title: '对应为',
          width: 300,
          render: (_: unknown, row) => {
            const suggested = new Set(row.suggestions);
            const options = [
              ...(row.suggestions.length
                ? [{ label: '相近的单位', options: row.suggestions.map((s) => units.find((u) => u.name === s)).filter((u): u is Unit => !!u).map((u) => ({ value: `unit:${u.id}`, label: u.name })) }]
                : []),
              { label: '新增单位', options: ADD_KINDS.map((k) => ({ value: `add:${k}`, label: `新增为${UNIT_KIND_LABEL[k]}“${row.name}”` })) },
              { label: '全部单位', options: units.filter((u) => !suggested.has(u.name)).map((u) => ({ value: `unit:${u.id}`, label: u.name })) },
            ];
            return (
              <Select
                data-testid={`unit-fix-${row.name}`}
                style={{ width: '100%' }}
                placeholder={row.suggestions.length ? `是否是“${row.suggestions[0]}”？` : '选择单位或新增'}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                value={fixValue(fixes[row.name])}
                options={options}
                onChange={(v?: string) => {
                  if (!v) return onFix(row.name, null);
                  const [kind, arg] = v.split(':');
                  onFix(row.name, kind === 'unit' ? { unitId: Number(arg) } : { add: arg as (typeof ADD_KINDS)[number] });
                }}
              />
            );
          },
        },
        {
          title: '',
          width: 70,
          render: (_: unknown, row) => (fixes[row.name] ? <Tag color="green">已处理</Tag> : <Tag color="red">未知</Tag>),
        },
      ]}
    />
  );
}
