/** The period picker: the cumulative months, quarters and the year of the plan, each with its 时序进度, and last year's (上年同期, for 同比). */
import { Select } from 'antd';
import { periodChoices } from '../../../shared/entry/periods';
import { formatPercent } from '../../../shared/numbers';

/** `year` … `yearEnd`: the plan's years (a multi-year plan offers each of them). */
export function PeriodPicker({ year, yearEnd, value, onChange }: { year: number; yearEnd?: number; value: string; onChange(period: string): void }) {
  const groups = periodChoices(year, yearEnd ?? year);
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ width: 250 }}
      aria-label="报告期"
      data-testid="period-picker"
      popupMatchSelectWidth={false}
      // Typing "2021年1-12月" or "前三季度" finds a period among the 34 choices.
      showSearch={{ optionFilterProp: 'title' }}
      listHeight={360}
      options={groups.map((g) => ({
        label: g.label,
        title: g.label,
        options: g.choices.map((c) => ({
          value: c.key,
          title: c.label,
          label: (
            <span className="tz-period-option">
              {c.label}
              <span className="tz-muted">
                {c.key.startsWith(String(year - 1)) ? '　上年同期' : `　时序进度 ${formatPercent(c.schedule, 0)}`}
              </span>
            </span>
          ),
        })),
      }))}
    />
  );
}
