/**
 * A target as typed or pasted into 指标分解's grid: "21", "０.５", "1-3"
 * (a range, as "1-3个" in the plan), or nothing to remove it; checked by the
 * same rule the core applies (rules.ts targetValueProblem). Pure: the grid
 * checks as you type, the core checks again.
 */
import type { Indicator } from '../model/indicator';
import { formatNumber, normaliseNumberText, parseNumber } from '../numbers';
import { targetValueProblem } from './rules';

export type TargetText =
  | { kind: 'clear' }
  | { kind: 'value'; value: number; valueMax: number | null }
  | { kind: 'error'; message: string };

const RANGE = /^(.+?)\s*(?:-|－|~|～|至|到)\s*(.+)$/;

/** Reads a typed target; the measure unit may follow the number ("3亿元"). */
export function readTargetText(text: string, indicator: Pick<Indicator, 'measureUnit' | 'decimals' | 'wording'>): TargetText {
  const bare = text.trim().replace(new RegExp(`${escape(indicator.measureUnit)}$`), '').trim();
  if (bare === '') return { kind: 'clear' };
  const single = parseNumber(bare);
  const range = single === null ? RANGE.exec(normaliseNumberText(bare)) : null;
  let value: number | null = single;
  let valueMax: number | null = null;
  if (range && single === null) {
    value = parseNumber(range[1]);
    valueMax = parseNumber(range[2]);
    if (value === null || valueMax === null) return { kind: 'error', message: `“${text.trim()}”不是数字，请填写如 21、0.5 或范围 1-3` };
    if (valueMax < value) return { kind: 'error', message: '范围的上限小于下限' };
  }
  if (value === null) return { kind: 'error', message: `“${text.trim()}”不是数字，请填写如 21、0.5 或范围 1-3` };
  const problem = targetValueProblem(indicator, value) ?? (valueMax === null ? null : targetValueProblem(indicator, valueMax));
  if (problem) return { kind: 'error', message: problem };
  return { kind: 'value', value, valueMax };
}

/** A target as the grid shows it: "21", "1-3". */
export function targetText(value: number | null, valueMax: number | null, decimals: number): string {
  if (value === null) return '';
  return valueMax === null ? formatNumber(value, decimals) : `${formatNumber(value, decimals)}-${formatNumber(valueMax, decimals)}`;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
