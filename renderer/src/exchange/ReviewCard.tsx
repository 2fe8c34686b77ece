/**
 * One returned file under review: unit, period and who returned it; its
 * changes (new, old → new, progress) with conflicts highlighted and unticked;
 * problems with their place; or the reason the whole file is refused.
 */
import { Alert, Button, Card, Space, Table, Tag, Tooltip } from 'antd';
import { EXCHANGE_KIND_LABEL, type FigureChange, type ProgressChange, type ProgressValue } from '../../../shared/exchange/review';
import { PROGRESS_STATUS_LABEL } from '../../../shared/model/task';
import { reviewVerdict } from '../../../shared/exchange/verdict';
import { formatNumber } from '../../../shared/numbers';
import type { LoadedReturn } from './returnsStore';

interface Row {
  key: string;
  kind: 'new' | 'changed' | 'progress';
  conflict: boolean;
  what: string;
  period: string;
  current: string;
  value: string;
  base: string;
  hint: string | null;
  blocked: string | null;
}

const num = (v: number | null, unit = '') => (v === null ? '—' : `${formatNumber(v, 6)}${unit}`);
const prog = (p: ProgressValue | null) => (p ? `${PROGRESS_STATUS_LABEL[p.status]}：${p.text || '（无说明）'}` : '—');

function rowsOf(figures: FigureChange[], progress: ProgressChange[]): Row[] {
  return [
    ...figures.map((c) => ({
      key: c.key,
      kind: c.kind,
      conflict: c.conflict,
      what: c.indicatorName,
      period: c.periodLabel,
      current: num(c.current, c.measureUnit),
      value: num(c.value, c.measureUnit),
      base: num(c.base, c.measureUnit),
      hint: c.warning ?? (c.note ? `说明：${c.note}` : null),
      blocked: c.blocked,
    })),
    ...progress.map((p) => ({
      key: p.key,
      kind: 'progress' as const,
      conflict: p.conflict,
      what: `任务${p.taskSeq}：${p.taskContent}`,
      period: '任务进展',
      current: prog(p.current),
      value: prog(p.value),
      base: prog(p.base),
      hint: null,
      blocked: null,
    })),
  ];
}

function kindTag(r: Row) {
  if (r.blocked) return <Tag color="default">不能导入</Tag>;
  if (r.conflict) return <Tag color="red">冲突</Tag>;
  if (r.kind === 'progress') return <Tag color="blue">进展</Tag>;
  return r.kind === 'new' ? <Tag color="green">新增</Tag> : <Tag color="orange">修改</Tag>;
}

export function ReviewCard({
  file,
  busy,
  onSelect,
  onAccept,
  onRemove,
}: {
  file: LoadedReturn;
  busy: boolean;
  onSelect(keys: string[]): void;
  onAccept(): void;
  onRemove(): void;
}) {
  const r = file.review;
  const rows = rowsOf(r.figures, r.progress);
  const conflicts = rows.filter((x) => x.conflict).length;
  const verdict = reviewVerdict(r);
  const title = (
    <Space wrap size={6}>
      <span className="tz-exchange-file">{r.fileName}</span>
      {r.kind ? <Tag>{EXCHANGE_KIND_LABEL[r.kind]}</Tag> : null}
      {r.unitName ? <Tag color="geekblue">{r.unitName}</Tag> : null}
      {r.periodLabel ? <Tag color="cyan">{r.periodLabel}</Tag> : null}
      {r.returnedBy ? <span className="tz-muted">填报人：{r.returnedBy}</span> : null}
    </Space>
  );
  return (
    <Card
      size="small"
      className={`tz-exchange-review${r.refusal ? ' is-refused' : ''}`}
      title={title}
      data-testid="exchange-review"
      data-file={r.fileName}
      data-unit={r.unitName ?? ''}
      extra={
        <Space>
          {!r.refusal && rows.length ? (
            <Button type="primary" size="small" disabled={busy || file.selected.length === 0} onClick={onAccept} data-testid="exchange-accept-file">
              导入本单位所选（{file.selected.length}）
            </Button>
          ) : null}
          <Button size="small" onClick={onRemove}>
            移除
          </Button>
        </Space>
      }
    >
      {r.refusal ? <Alert type="error" showIcon title={verdict.title} description={r.refusal} data-testid="exchange-refusal" /> : null}
      {/* One line that reflects the file's worst problem: never a green tick next to red errors. */}
      {!r.refusal && (rows.length === 0 || verdict.level === 'error' || verdict.level === 'warning') ? (
        <Alert
          type={verdict.level}
          showIcon
          title={verdict.title}
          style={{ marginBottom: rows.length ? 8 : 0 }}
          data-testid={rows.length === 0 ? 'exchange-nothing' : 'exchange-verdict'}
          data-level={verdict.level}
        />
      ) : null}
      {!r.refusal && rows.length > 0 ? (
        <>
          <div className="tz-exchange-summary" data-testid="exchange-summary">
            {r.figures.filter((c) => c.kind === 'new' && !c.conflict).length} 项新增，
            {r.figures.filter((c) => c.kind === 'changed' && !c.conflict).length} 项修改，{r.progress.length} 项任务进展
            {conflicts ? <span className="tz-exchange-conflict-text">，{conflicts} 项冲突（区里在下发后改过这些单元格，默认不导入，勾选后才会覆盖）</span> : null}
            {r.unchanged ? `，${r.unchanged} 项无变化` : ''}
          </div>
          <Table<Row>
            className="tz-table"
            size="small"
            bordered
            pagination={false}
            rowKey="key"
            dataSource={rows}
            rowClassName={(x) => (x.conflict ? 'tz-exchange-conflict' : x.blocked ? 'tz-exchange-blocked' : '')}
            onRow={(x) => ({ 'data-testid': 'exchange-change', 'data-conflict': String(x.conflict) }) as React.HTMLAttributes<HTMLElement>}
            rowSelection={{
              selectedRowKeys: file.selected,
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (x) => ({ disabled: !!x.blocked, 'aria-label': `选择 ${x.what}` }),
            }}
            columns={[
              { title: '类型', key: 'kind', width: 90, render: (_, x) => kindTag(x) },
              { title: '指标 / 任务', dataIndex: 'what', ellipsis: { showTitle: true } },
              { title: '报告期', dataIndex: 'period', width: 120 },
              { title: '台账现值', dataIndex: 'current', width: 150 },
              {
                title: '回报值',
                dataIndex: 'value',
                width: 150,
                render: (v: string, x) => <strong className={x.conflict ? 'tz-exchange-conflict-text' : undefined}>{v}</strong>,
              },
              { title: '下发时', dataIndex: 'base', width: 120 },
              {
                title: '提示',
                key: 'hint',
                width: 220,
                render: (_, x) =>
                  x.blocked ? (
                    <Tooltip title={x.blocked}>
                      <span className="tz-exchange-conflict-text">{x.blocked}</span>
                    </Tooltip>
                  ) : (
                    x.hint ?? ''
                  ),
              },
            ]}
          />
        </>
      ) : null}
      {r.problems.length ? (
        <ul className="tz-exchange-problems" data-testid="exchange-problems">
          {r.problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one reviewed file's problems, a fixed list
            <li key={i} className={p.level === 'error' ? 'is-error' : ''}>
              {p.level === 'error' ? '错误' : '提醒'}
              {p.where ? `（${p.where}）` : ''}：{p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
