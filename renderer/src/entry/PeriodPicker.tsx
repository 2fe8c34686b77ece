/**
 * The period picker: the cumulative months, quarters and the year of the plan, each with its
 * 时序进度 and what it stands for (月报/季报/年报, and which choices end the same day), an
 * explanation at the top, and last year's (上年同期, for 同比).
 */
import { Select } from 'antd';
import { PERIOD_PICKER_HELP, periodChoices } from '../../../shared/entry/periods';
import { formatPercent } from '../../../shared/numbers';
import { isPeriodKey, periodLabel } from '../../../shared/periods';

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
      // The chosen period alone in the box; the notes are for the list.
      labelRender={(p) => (isPeriodKey(String(p.value)) ? periodLabel(String(p.value)) : p.label)}
      popupRender={(menu) => (
        <>
          <div className="tz-period-help" data-testid="period-help">
            {PERIOD_PICKER_HELP}
          </div>
          {menu}
        </>
      )}
      options={groups.map((g) => ({
        label: g.label,
        title: g.label,
        options: g.choices.map((c) => ({
          value: c.key,
          title: c.label,
          label: (
            <span className="tz-period-option" title={c.note}>
              {c.label}
              <span className="tz-muted">
                {c.key.startsWith(String(year - 1)) ? '　上年同期' : `　时序进度 ${formatPercent(c.schedule, 0)}`}
              </span>
              {c.key.startsWith(String(year - 1)) ? null : <span className="tz-period-note">{c.note}</span>}
            </span>
          ),
        })),
      }))}
    />
  );
}
