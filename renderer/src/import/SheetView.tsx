/** One sheet of the preview: its kind, the column mapping (changeable), and the rows understood. */
import { Button, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import {
  IMPORT_KIND_LABEL,
  ORIENTATION_LABEL,
  readingLabel,
  roleLabel,
  rolesOf,
  type ColumnRole,
  type ImportKind,
  type SheetPreview,
  type TargetOrientation,
} from '../../../shared/import/types';
import { formatNumber } from '../../../shared/numbers';
import { actionLineLabel } from '../format/chineseNumeral';

export function SheetView({
  sheet,
  onKind,
  onOrientation,
  onReading,
  onAutoReading,
  onRole,
  onSkip,
  onHeaderRow,
}: {
  sheet: SheetPreview;
  /** Read the sheet this way (kind and orientation together): the user's choice between plausible readings. */
  onReading(kind: ImportKind, orientation: TargetOrientation | undefined): void;
  /** Forget the user's choice: read the sheet as the file suggests. */
  onAutoReading(): void;
  onHeaderRow(row: number | null): void;
  onKind(kind: ImportKind): void;
  onOrientation(orientation: TargetOrientation): void;
  onRole(column: number, role: ColumnRole): void;
  onSkip(skip: boolean): void;
}) {
  const kind = sheet.kind;
  const orientation = sheet.orientation ?? 'unitRows';
  const paragraphs = sheet.origin?.kind === 'paragraphs';
  const rowWord = paragraphs ? '段' : '行';
  const columnName = (c: { index: number; letter: string }) => (sheet.origin?.kind === 'table' ? `第${c.index + 1}列` : c.letter);
  if (paragraphs) {
    // A notice's body section: read as its heading says; it can only be left out or taken.
    return (
      <div className="tz-import-sheet" data-testid={`import-sheet-${sheet.name}`}>
        <Space wrap className="tz-import-sheet-head">
          <Tag>通知正文</Tag>
          <span>{sheet.kind ? IMPORT_KIND_LABEL[sheet.kind] : '未识别'}</span>
          {sheet.included ? <a onClick={() => onSkip(true)}>不导入此部分</a> : sheet.kind && !sheet.note ? <a onClick={() => onSkip(false)}>导入此部分</a> : null}
        </Space>
        {sheet.reason ? (
          <div className="tz-import-reading" data-testid="import-reading">
            <Tag>自动识别</Tag>
            {sheet.reason}。
          </div>
        ) : null}
        {sheet.note ? <Typography.Paragraph type="warning">{sheet.note}</Typography.Paragraph> : null}
        {sheet.included && sheet.actionLines ? <TasksPreview sheet={sheet} rowWord={rowWord} /> : null}
        {sheet.goals ? <GoalsPreview sheet={sheet} rowWord={rowWord} /> : null}
      </div>
    );
  }
  return (
    <div className="tz-import-sheet" data-testid={`import-sheet-${sheet.name}`}>
      {sheet.origin?.kind === 'table' ? (
        <div className="tz-import-origin" data-testid="import-origin">
          <Tag>通知附件</Tag>
          {sheet.origin.annex ? `${sheet.origin.annex}：` : ''}
          {sheet.origin.title ?? '（表格上方没有标题）'}，通知中的第{sheet.origin.tables.join('、')}个表格
          {sheet.origin.tables.length > 1 ? '（跨页续表已合为一表，重复的表头不计）' : ''}
        </div>
      ) : null}
      <Space wrap className="tz-import-sheet-head">
        <span>表格类型：</span>
        <Select<ImportKind>
          aria-label="表格类型"
          style={{ width: 330 }}
          value={kind ?? undefined}
          placeholder="未识别，请选择"
          options={(Object.keys(IMPORT_KIND_LABEL) as ImportKind[]).map((k) => ({ value: k, label: IMPORT_KIND_LABEL[k] }))}
          onChange={onKind}
        />
        {kind === 'targets' ? (
          <Select<TargetOrientation>
            aria-label="表格方向"
            data-testid="import-orientation"
            style={{ width: 190 }}
            value={orientation}
            options={(Object.keys(ORIENTATION_LABEL) as TargetOrientation[]).map((o) => ({ value: o, label: ORIENTATION_LABEL[o] }))}
            onChange={onOrientation}
          />
        ) : null}
        <span>表头在第</span>
        <InputNumber
          size="small"
          min={1}
          style={{ width: 64 }}
          aria-label="表头所在行"
          value={sheet.headerRows.length ? sheet.headerRows[0] : null}
          onChange={(v) => onHeaderRow(typeof v === 'number' ? v : null)}
        />
        <span>行{sheet.headerRows.length > 1 ? `（两行表头：第 ${sheet.headerRows.join('、')} 行）` : ''}</span>
        {sheet.included ? (
          <a onClick={() => onSkip(true)}>不导入此表</a>
        ) : kind ? (
          <a onClick={() => onSkip(false)}>导入此表</a>
        ) : null}
      </Space>
      {sheet.reason ? (
        <div className="tz-import-reading" data-testid="import-reading">
          {sheet.ambiguous ? <Tag color="orange">请确认表格类型</Tag> : sheet.chosen ? <Tag color="blue">您的选择</Tag> : <Tag>自动识别</Tag>}
          {sheet.reason}。
          {sheet.ambiguous && kind ? (
            <Button size="small" type="primary" data-testid="import-reading-confirm" onClick={() => onReading(kind, sheet.orientation)}>
              确认按{readingLabel(kind, sheet.orientation)}读取
            </Button>
          ) : null}
          {sheet.alternatives.map((a) => (
            <Button
              key={`${a.kind}:${a.orientation ?? ''}`}
              size="small"
              data-testid={`import-reading-${a.kind}`}
              title={a.reason}
              onClick={() => onReading(a.kind, a.orientation)}
            >
              改为按{readingLabel(a.kind, a.orientation)}读取
            </Button>
          ))}
          {sheet.chosen ? (
            <Button size="small" type="link" onClick={onAutoReading}>
              恢复自动识别
            </Button>
          ) : null}
        </div>
      ) : null}
      {sheet.note ? <Typography.Paragraph type="warning">{sheet.note}</Typography.Paragraph> : null}
      {kind && sheet.columns.length ? (
        <div className="tz-import-mapping" data-testid="import-mapping">
          {sheet.columns.map((c) => (
            <div key={c.index} className="tz-import-map-col">
              <div className="tz-import-map-head" title={c.header}>
                {columnName(c)} · {c.header || '（无表头）'}
              </div>
              <Select<ColumnRole>
                size="small"
                aria-label={`${columnName(c)}${sheet.origin ? '' : '列'}对应`}
                style={{ width: '100%' }}
                value={c.role}
                options={rolesOf(kind, orientation).map((r) => ({ value: r, label: roleLabel(r, orientation) }))}
                onChange={(r) => onRole(c.index, r)}
              />
            </div>
          ))}
        </div>
      ) : null}
      {sheet.actionLines ? <TasksPreview sheet={sheet} rowWord={rowWord} /> : null}
      {sheet.targetRows ? orientation === 'indicatorRows' ? <IndicatorRowsPreview sheet={sheet} /> : <TargetsPreview sheet={sheet} /> : null}
      {sheet.goals ? <GoalsPreview sheet={sheet} rowWord={rowWord} /> : null}
    </div>
  );
}

function GoalsPreview({ sheet, rowWord }: { sheet: SheetPreview; rowWord: string }) {
  return (
    <Table
      data-testid="import-goal-preview"
      size="small"
      pagination={false}
      // A paragraph may hold several goals ("科技型中小企业140家，高新技术企业76家"): the row is not a key.
      rowKey={(g) => `${g.row}:${g.name}`}
      dataSource={sheet.goals}
      columns={[
        { title: rowWord, dataIndex: 'row', width: 50 },
        { title: '指标', dataIndex: 'name' },
        { title: '目标表述', dataIndex: 'wordingText' },
        { title: '目标值', render: (_, g) => (g.value === null ? '—' : `${formatNumber(g.value)}${g.valueMax !== null ? `-${formatNumber(g.valueMax)}` : ''}${g.measureUnit}`) },
        { title: '', render: (_, g) => (g.existingId ? <Tag>更新</Tag> : <Tag color="green">新增</Tag>) },
      ]}
    />
  );
}

function TasksPreview({ sheet, rowWord = '行' }: { sheet: SheetPreview; rowWord?: string }) {
  const rows = sheet.actionLines!.flatMap((l, i) => [
    { key: `l${i}`, line: `${actionLineLabel(i + 1)} ${l.title}`, row: l.row },
    ...l.tasks.map((t) => ({ key: `t${t.seq}`, task: t, row: t.row })),
  ]);
  return (
    <Table
      data-testid="import-task-preview"
      size="small"
      pagination={false}
      scroll={{ y: 320 }}
      dataSource={rows}
      columns={[
        { title: rowWord, dataIndex: 'row', width: 48 },
        { title: '序号', width: 52, render: (_, r) => ('task' in r && r.task ? r.task.seq : '') },
        {
          title: '工作内容',
          render: (_, r) => ('line' in r ? <b>{r.line}</b> : r.task!.content),
          onCell: (r) => ('line' in r ? { colSpan: 3 } : {}),
        },
        {
          title: '牵头单位',
          width: 120,
          render: (_, r) =>
            'task' in r && r.task ? (
              <span>
                {r.task.leadText}
                {r.task.leadFromFirst ? <Tag className="tz-import-lead-tag" title="表中没有牵头单位列：排名第一的责任单位为牵头单位">首位牵头</Tag> : null}
              </span>
            ) : null,
          onCell: (r) => ('line' in r ? { colSpan: 0 } : {}),
        },
        {
          title: '责任单位',
          width: 240,
          render: (_, r) => ('task' in r && r.task ? `${r.task.responsibleText}（${r.task.responsibleNames.length} 个单位）` : null),
          onCell: (r) => ('line' in r ? { colSpan: 0 } : {}),
        },
      ]}
    />
  );
}

function TargetsPreview({ sheet }: { sheet: SheetPreview }) {
  const indicators = sheet.indicators ?? [];
  return (
    <Table
      data-testid="import-target-preview"
      size="small"
      pagination={false}
      scroll={{ y: 320, x: true }}
      rowKey={(r) => `${r.row}:${r.column}`}
      dataSource={sheet.targetRows}
      columns={[
        { title: '行', dataIndex: 'row', width: 48 },
        {
          title: '单位',
          width: 150,
          render: (_, r) => (r.unitName ? r.unitName : <Tag color="red">{r.unitText}（未知）</Tag>),
        },
        ...indicators.map((ind, i) => ({
          title: (
            <span title={ind.header}>
              {ind.existingName ?? ind.name}
              {ind.measureUnit ? `（${ind.measureUnit}）` : ''}
              {ind.existingId ? null : <Tag color="green">新指标</Tag>}
            </span>
          ),
          key: ind.column,
          align: 'right' as const,
          render: (_: unknown, r: NonNullable<SheetPreview['targetRows']>[number]) => (r.values[i] === null ? '—' : formatNumber(r.values[i]!)),
        })),
      ]}
    />
  );
}

/** Indicators as rows, units as columns: shown the way the file lays it out, with its row numbers and column letters. */
function IndicatorRowsPreview({ sheet }: { sheet: SheetPreview }) {
  const units = sheet.targetRows ?? [];
  const rows = (sheet.indicators ?? []).map((ind, i) => ({ ind, i }));
  return (
    <Table
      data-testid="import-target-preview"
      size="small"
      pagination={false}
      scroll={{ y: 320, x: true }}
      rowKey={(r) => r.ind.row}
      dataSource={rows}
      columns={[
        { title: '行', width: 48, render: (_, r) => r.ind.row },
        {
          title: '指标',
          width: 200,
          render: (_, r) => (
            <span title={r.ind.header}>
              {r.ind.existingName ?? r.ind.name}
              {r.ind.measureUnit ? `（${r.ind.measureUnit}）` : ''}
              {r.ind.existingId ? null : <Tag color="green">新指标</Tag>}
            </span>
          ),
        },
        ...units.map((u) => ({
          title: (
            <span title={`${u.column}列`}>
              {u.unitName ? u.unitName : <Tag color="red">{u.unitText}（未知）</Tag>}
            </span>
          ),
          key: `${u.row}:${u.column}`,
          align: 'right' as const,
          render: (_: unknown, r: { i: number }) => (u.values[r.i] === null ? '—' : formatNumber(u.values[r.i]!)),
        })),
      ]}
    />
  );
}
