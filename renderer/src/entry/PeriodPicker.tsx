/** The period picker: the cumulative months, quarters and the year of the plan, each with its 时序进度. */
import { Select } from 'antd';
import { periodChoices } from '../../../shared/entry/periods';
import { formatPercent } from '../../../shared/numbers';

export function PeriodPicker({ year, value, onChange }: { year: number; value: string; onChange(period: string): void }) {
  const groups = periodChoices(year);
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ width: 250 }}
      aria-label="报告期"
      data-testid="period-picker"
      popupMatchSelectWidth={false}
      listHeight={360}
      options={groups.map((g) => ({
        label: g.label,
        title: g.label,
        options: g.choices.map((c) => ({
          value: c.key,
          label: (
            <span className="tz-period-option">
              {c.label}
              <span className="tz-muted">　时序进度 {formatPercent(c.schedule, 0)}</span>
            </span>
          ),
        })),
      }))}
    />
  );
}
