import type { HTMLAttributes } from 'react';
import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { BreakdownRow, TargetBreakdown } from '../../../shared/api/views';
import type { Indicator } from '../../../shared/model/indicator';
import { formatNumber } from '../../../shared/numbers';
import { LoadState, Page } from '../components/Page';
import { SumCheckTag } from '../components/SumCheckTag';
import { withMeasureUnit } from '../format/target';
import { usePlanResource } from '../store/planData';
import { TargetHistoryButton } from './TargetHistoryButton';

type Row = BreakdownRow & { isParent: boolean };

function valueText(value: number | null | undefined, ind: Indicator) {
  return value == null ? <span className="tz-missing">未填</span> : formatNumber(value, ind.decimals);
}

function BreakdownTable({ b }: { b: TargetBreakdown }) {
  const indicators = [...b.indicators].sort((x, y) => x.sortOrder - y.sortOrder);
  const checkOf = new Map(b.checks.map((c) => [c.indicatorId, c]));
  const nameOf = new Map([b.parent, ...b.rows].map((r) => [r.unit.id, r.unit.name]));
  const rows: Row[] = [{ ...b.parent, isParent: true }, ...b.rows.map((r) => ({ ...r, isParent: false }))];

  const columns: TableColumnsType<Row> = [
    {
      title: '单位',
      key: 'unit',
      width: 200,
      render: (_, r) =>
        r.isParent ? (
          <span className="tz-parent-name">
            {r.unit.name}
            <Tag color="red" className="tz-inline-tag">
              全区目标
            </Tag>
          </span>
        ) : (
          r.unit.name
        ),
    },
    ...indicators.map((ind) => ({
      title: withMeasureUnit(ind.name, ind.measureUnit),
      key: `ind-${ind.id}`,
      align: 'right' as const,
      render: (_: unknown, r: Row) => <span className="tz-num">{valueText(r.values[ind.id], ind)}</span>,
    })),
  ];

  return (
    <Table<Row>
      className="tz-table tz-breakdown"
      size="small"
      bordered
      sticky={{ offsetHeader: 64 }}
      pagination={false}
      rowKey={(r) => r.unit.id}
      dataSource={rows}
      columns={columns}
      rowClassName={(r) => (r.isParent ? 'tz-parent-row' : '')}
      onRow={(r) =>
        ({
          'data-testid': r.isParent ? 'breakdown-parent-row' : 'breakdown-unit-row',
          'data-unit': r.unit.name,
        }) as HTMLAttributes<HTMLElement>
      }
      summary={() => (
        <Table.Summary>
          <Table.Summary.Row className="tz-sum-row" data-testid="breakdown-sum-row">
            <Table.Summary.Cell index={0}>
              <strong>合计</strong>
              <span className="tz-muted">（{formatNumber(b.rows.length, 0)} 个下级单位之和）</span>
            </Table.Summary.Cell>
            {indicators.map((ind, i) => {
              const c = checkOf.get(ind.id);
              return (
                <Table.Summary.Cell key={ind.id} index={i + 1} align="right">
                  <strong className="tz-num">
                    {c == null ? '—' : c.state === 'not_additive' ? '不加总' : formatNumber(c.sum, ind.decimals)}
                  </strong>
                </Table.Summary.Cell>
              );
            })}
          </Table.Summary.Row>
          <Table.Summary.Row className="tz-check-row" data-testid="breakdown-check-row">
            <Table.Summary.Cell index={0}>
              <strong>校验</strong>
              <span className="tz-muted">（合计与全区目标比对）</span>
            </Table.Summary.Cell>
            {indicators.map((ind, i) => {
              const c = checkOf.get(ind.id);
              return (
                <Table.Summary.Cell key={ind.id} index={i + 1} align="right">
                  <SumCheckTag
                    check={c}
                    decimals={ind.decimals}
                    missingNames={(c?.missingUnitIds ?? []).map((id) => nameOf.get(id) ?? `单位${id}`)}
                  />
                </Table.Summary.Cell>
              );
            })}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

export function TargetsPage({ planId }: { planId: number | null }) {
  const breakdown = usePlanResource('targets.breakdown', planId);
  return (
    <Page
      title="指标分解"
      subtitle="附件2 指导性任务分解表：全区目标分解到各街道、镇、集聚区，下级单位之和应与全区目标相符。"
      testId="page-targets"
      extra={
        planId != null ? <TargetHistoryButton planId={planId} /> : null
      }
    >
      <LoadState resource={breakdown}>
        {(b) =>
          b.indicators.length === 0 ? (
            <div className="tz-panel tz-muted">本工作要点没有分解到下级单位的指标。</div>
          ) : (
            <BreakdownTable b={b} />
          )
        }
      </LoadState>
    </Page>
  );
}
