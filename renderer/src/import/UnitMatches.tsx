/**
 * Unknown unit names: pick the unit the table means, or add it as a new unit
 * (新增单位). A name mapped to an existing unit is remembered as its alias
 * when the import is committed, and later imports read it without asking.
 */
import { Select, Table, Tag } from 'antd';
import type { Unit } from '../../../shared/model/units';
import { UNIT_KIND_LABEL } from '../../../shared/model/units';
import type { AliasUse, UnitFix, UnknownUnitView } from '../../../shared/import/types';

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
  aliasesUsed,
  aliasesToRemember,
}: {
  unknown: UnknownUnitView[];
  units: Unit[];
  fixes: Record<string, UnitFix>;
  onFix(name: string, fix: UnitFix | null): void;
  aliasesUsed: AliasUse[];
  aliasesToRemember: AliasUse[];
}) {
  const notes = (
    <>
      {aliasesUsed.length ? (
        <div className="tz-import-aliases" data-testid="import-aliases-used">
          按已记住的别名对应：{aliasesUsed.map((a) => `“${a.alias}”即“${a.unitName}”`).join('，')}。
        </div>
      ) : null}
      {aliasesToRemember.length ? (
        <div className="tz-import-aliases" data-testid="import-aliases-remember">
          确认导入后记住：{aliasesToRemember.map((a) => `“${a.alias}”即“${a.unitName}”`).join('，')}，以后导入不再询问。
        </div>
      ) : null}
    </>
  );
  const fixedNames = Object.keys(fixes);
  const rows = [
    ...unknown.map((u) => ({ ...u, key: u.name })),
    // Names already fixed stay listed, so a fix can be changed back.
    ...fixedNames
      .filter((n) => !unknown.some((u) => u.name === n))
      .map((n) => ({ name: n, suggestions: [], guessedKind: 'department' as const, places: [], count: 0, fix: fixes[n], key: n })),
  ];
  if (rows.length === 0) {
    return (
      <div>
        {notes}
        <div className="tz-import-ok">所有单位名称都已对应到单位。</div>
      </div>
    );
  }
  return (
    <div>
      {notes}
      <Table
        data-testid="import-unit-matches"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: '表中的名称',
            dataIndex: 'name',
            width: 160,
            // A name may be very long (a whole paragraph in a unit cell): shown cut, whole on hover.
            render: (n: string) => <b title={n.slice(0, 500)}>{n.length > 20 ? `${[...n.slice(0, 40)].slice(0, 20).join('')}…` : n}</b>,
          },
          {
            title: '出现位置',
            dataIndex: 'places',
            render: (p: string[], row: (typeof rows)[number]) => (p.length ? p.slice(0, 2).join('、') + (row.count > 2 ? ` 等${row.count}处` : '') : '—'),
          },
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
    </div>
  );
}
