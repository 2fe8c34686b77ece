/**
 * 指标分解 as a grid (the same grid as 数据填报): the plan's unit first, then
 * its sub-units, one column per indicator split among them. The district's
 * row is read-only here (its target is the goal's, edited with its wording in
 * 工作目标); each column header carries the sum check against it, live: it is
 * computed from what the grid holds (shared/figures/sumCheck.ts), so a typed
 * or pasted value shows its effect at once.
 */
import type { TargetBreakdown } from '../../../shared/api/views';
import { checkSum, type SumCheck } from '../../../shared/figures/sumCheck';
import type { Indicator } from '../../../shared/model/indicator';
import { formatNumber, formatPercent } from '../../../shared/numbers';
import { readTargetText, targetText } from '../../../shared/plan/targetText';
import type { GridAxisItem, GridModel } from '../grid/model';
import { withMeasureUnit } from '../format/target';
import { signedNumber } from '../components/SumCheckTag';

export interface TargetMeta {
  indicator: Indicator;
  unitId: number;
  unitName: string;
  isParent: boolean;
  value: number | null;
  valueMax: number | null;
  /** The district's target (for the share under a sub-unit's value). */
  parentValue: number | null;
}

export interface HeldTarget {
  value: number | null;
  valueMax: number | null;
}

export const targetKey = (indicatorId: number, unitId: number) => `${indicatorId}|${unitId}`;

const PARENT_READ_ONLY = '全区目标请在“工作目标”中修改（目标表述随之更新）';

/** Sum check text of a column: what the header says under the indicator's name. */
export function checkLine(check: SumCheck, indicator: Indicator): { text: string; tone: GridAxisItem['tone'] } {
  const n = (v: number) => formatNumber(v, indicator.decimals);
  switch (check.state) {
    case 'match':
      return { text: `合计 ${n(check.sum)}，与全区相符`, tone: 'good' };
    case 'mismatch':
      return { text: `合计 ${n(check.sum)}，差额 ${signedNumber(check.difference ?? 0, indicator.decimals)}`, tone: 'bad' };
    case 'incomplete':
      return check.parent == null
        ? { text: `合计 ${n(check.sum)}，全区目标未填`, tone: 'warn' }
        : { text: `合计 ${n(check.sum)}，${check.missingUnitIds.length} 个单位未填`, tone: 'warn' };
    default:
      return { text: '比率指标，不加总', tone: undefined };
  }
}

export interface TargetGrid {
  model: GridModel<TargetMeta>;
  checks: SumCheck[];
  indicators: Indicator[];
  /** The value the grid holds now (after local saves), for undo's "changed since" check. */
  held(indicatorId: number, unitId: number): HeldTarget | undefined;
}

/**
 * The grid from the breakdown, with the values saved since it was loaded laid over it. `viewOnly`:
 * why this window may not change targets (edit/viewOnly.tsx), every cell then read-only for that reason.
 */
export function buildTargetGrid(b: TargetBreakdown, overlay: ReadonlyMap<string, HeldTarget>, viewOnly: string | null = null): TargetGrid {
  const indicators = [...b.indicators].sort((x, y) => x.sortOrder - y.sortOrder);
  const rows = [b.parent, ...b.rows];
  const heldOf = (indicatorId: number, unitId: number, rowIndex: number): HeldTarget => {
    const o = overlay.get(targetKey(indicatorId, unitId));
    if (o) return o;
    const row = rows[rowIndex];
    return { value: row.values[indicatorId] ?? null, valueMax: row.maxValues?.[indicatorId] ?? null };
  };
  const checks = indicators.map((i) =>
    checkSum({
      indicatorId: i.id,
      additive: i.aggregation === 'sum',
      decimals: i.decimals,
      parent: heldOf(i.id, b.parent.unit.id, 0).value,
      children: b.rows.map((r, k) => ({ unitId: r.unit.id, value: heldOf(i.id, r.unit.id, k + 1).value })),
    }),
  );
  const rowIndex = new Map(rows.map((r, i) => [r.unit.id, i]));
  const model: GridModel<TargetMeta> = {
    corner: '单位',
    rows: rows.map((r, i) => ({ key: `u${r.unit.id}`, title: r.unit.name, subtitle: i === 0 ? '全区目标' : undefined, emphasis: i === 0 })),
    columns: indicators.map((i, k) => {
      const line = checkLine(checks[k], i);
      return { key: `i${i.id}`, title: withMeasureUnit(i.name, i.measureUnit), subtitle: line.text, tone: line.tone };
    }),
    cell(row, col) {
      const r = rows[row];
      const i = indicators[col];
      const held = heldOf(i.id, r.unit.id, row);
      const meta: TargetMeta = {
        indicator: i,
        unitId: r.unit.id,
        unitName: r.unit.name,
        isParent: row === 0,
        value: held.value,
        valueMax: held.valueMax,
        parentValue: heldOf(i.id, b.parent.unit.id, 0).value,
      };
      return { meta, readOnly: viewOnly ?? (row === 0 ? PARENT_READ_ONLY : null) };
    },
    valueText: (m) => targetText(m.value, m.valueMax, m.indicator.decimals),
    check(m, text) {
      const r = readTargetText(text, m.indicator);
      return r.kind === 'error' ? { level: 'error', text: r.message } : null;
    },
    face(m) {
      if (m.isParent || m.value === null || m.indicator.aggregation !== 'sum' || !m.parentValue) return {};
      return { sub: <div className="tz-cell-sub tz-muted">占全区 {formatPercent(m.value / m.parentValue)}</div> };
    },
    place: (m) => `${m.unitName} · ${m.indicator.name}`,
    attributes: (m) => ({ 'data-unit': m?.unitName, 'data-indicator': m?.indicator.name, 'data-value': m?.value ?? '' }),
  };
  return {
    model,
    checks,
    indicators,
    held: (indicatorId, unitId) => {
      const row = rowIndex.get(unitId);
      return row === undefined ? undefined : heldOf(indicatorId, unitId, row);
    },
  };
}
