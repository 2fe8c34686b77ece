/**
 * An indicator across years on one screen (indicator.years): every plan of the
 * same unit holding it (matched by its code: a year copied from the last keeps
 * it), each year's target, year-end figure and 完成率, side by side.
 */
import { Alert, Modal, Table } from 'antd';
import type { IndicatorYear } from '../../../shared/api/methods/planEdit';
import { formatNumber, formatRate } from '../../../shared/numbers';
import { useApiResource } from '../entry/useApiResource';

const amount = (v: number | null, max: number | null, decimals: number) =>
  v == null ? '—' : max == null ? formatNumber(v, decimals) : `${formatNumber(v, decimals)}-${formatNumber(max, decimals)}`;

export function IndicatorYears({ planId, indicatorId, name, onClose }: { planId: number; indicatorId: number; name: string; onClose(): void }) {
  const years = useApiResource('indicator.years', { planId, indicatorId });
  return (
    <Modal open title={`${name}：历年目标与完成情况`} width={760} footer={null} onCancel={onClose} destroyOnHidden>
      {years.error ? <Alert type="error" showIcon title={years.error} /> : null}
      <Table<IndicatorYear>
        size="small"
        bordered
        loading={!years.data && !years.error}
        pagination={false}
        data-testid="indicator-years"
        rowKey={(y) => `${y.planId}-${y.year}`}
        dataSource={years.data ?? []}
        columns={[
          { title: '年度', key: 'year', width: 80, render: (_, y) => `${y.year}年` },
          { title: '工作要点', key: 'plan', dataIndex: 'planTitle' },
          { title: `目标${years.data?.[0]?.measureUnit ? `（${years.data[0].measureUnit}）` : ''}`, key: 'target', align: 'right', render: (_, y) => amount(y.target, y.targetMax, y.decimals) },
          { title: '全年完成', key: 'actual', align: 'right', render: (_, y) => amount(y.actual, null, y.decimals) },
          { title: '完成率', key: 'rate', align: 'right', width: 90, render: (_, y) => (y.rate == null ? '—' : formatRate(y.rate)) },
        ]}
      />
      <p className="tz-muted tz-mt">按指标代码对应各年度的工作要点（从上一年复制的工作要点沿用同一代码）；全年完成为各年度 12 月（或全年）的数据。</p>
    </Modal>
  );
}
