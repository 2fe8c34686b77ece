/** Describing a parsed goal for the 工作目标 table. Pure; numbers always through formatNumber. */
import { formatNumber } from '../../../shared/numbers';
import type { GoalRow } from '../../../shared/api/views';

export interface TargetDescription {
  /** What kind of target: 数值 / 区间 / 增长 / 下降. */
  kind: string;
  /** The comparison word as written (突破, 达到 …), '' when none. */
  comparator: string;
  /** The quantity: "7", "1-3", "30%". */
  text: string;
  /** "以上" when the wording has it. */
  suffix: string;
}

export function describeTarget(goal: GoalRow): TargetDescription | null {
  const w = goal.indicator.wording;
  if (w) {
    const q = w.quantity;
    const base = { comparator: w.comparator, suffix: w.suffix };
    if (q.kind === 'point') return { ...base, kind: '数值', text: formatNumber(q.value) };
    if (q.kind === 'range') {
      return { ...base, kind: '区间', text: `${formatNumber(q.min)}-${formatNumber(q.max)}` };
    }
    const unit = w.measureUnit || '%';
    return {
      ...base,
      kind: `${q.yoy ? '同比' : ''}${q.direction === 'up' ? '增长' : '下降'}`,
      text: `${formatNumber(q.value)}${unit}`,
    };
  }
  if (goal.targetValue == null) return null;
  if (goal.targetValueMax != null) {
    return {
      kind: '区间',
      comparator: '',
      suffix: '',
      text: `${formatNumber(goal.targetValue)}-${formatNumber(goal.targetValueMax)}`,
    };
  }
  return { kind: '数值', comparator: '', suffix: '', text: formatNumber(goal.targetValue) };
}

/** "2022年6月16日" from an ISO date; the text as given when it is not one. */
export function formatDateCn(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** "2022年" or "2021-2025年". */
export function formatYears(start: number, end: number): string {
  const s = formatNumber(start, 0);
  return start === end ? `${s}年` : `${s}-${formatNumber(end, 0)}年`;
}

/** A header such as "技术合同成交额（亿元）". */
export function withMeasureUnit(name: string, measureUnit: string): string {
  return measureUnit ? `${name}（${measureUnit}）` : name;
}
