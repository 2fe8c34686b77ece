/**
 * Status colour (进度状态) of a unit's indicator: its completion rate judged
 * against 时序进度. The rule itself lives in thresholds.ts; this file adds
 * the "no data" case, labels and colours.
 */
import { formatNumber } from '../numbers';
import type { Completion } from './completion';
import { AMBER_TOLERANCE, bandOf, type StatusBand } from './thresholds';

/**
 * 'partial': a district total summed from sub-units while some have not yet
 * reported — its rate is a running figure, not a judgement.
 */
export type Status = StatusBand | 'partial' | 'none';

/** Status from a rate (fraction) and 时序进度 (fraction); 'none' when there is no rate. */
export function statusOf(rate: number | null | undefined, scheduleProgress: number): Status {
  if (rate == null || !Number.isFinite(rate) || !Number.isFinite(scheduleProgress)) return 'none';
  return bandOf(rate, scheduleProgress);
}

/**
 * Status from a full completion result. A zero target with something
 * achieved has no rate but is plainly exceeded, so it is green; a zero
 * target with nothing achieved is usually "no task for this unit" and
 * shows as no data rather than a misleading green.
 */
export function statusOfCompletion(completion: Completion, scheduleProgress: number): Status {
  if (completion.rate != null) return statusOf(completion.rate, scheduleProgress);
  if (completion.reason === 'zero_target' && completion.exceeded) return 'green';
  return 'none';
}

export const STATUS_LABEL: Record<Status, string> = {
  green: '正常',
  amber: '滞后',
  red: '严重滞后',
  partial: '未报齐',
  none: '无数据',
};

const tolerancePoints = formatNumber(AMBER_TOLERANCE * 100, 2);

/** One-line explanations for legends and tooltips, derived from the thresholds. */
export const STATUS_HINT: Record<Status, string> = {
  green: '完成率达到或超过时序进度',
  amber: `完成率落后时序进度${tolerancePoints}个百分点以内`,
  red: `完成率落后时序进度超过${tolerancePoints}个百分点`,
  partial: '下级单位尚未全部报送，合计仅为已报单位之和，暂不判断进度',
  none: '无完成数或无目标，无法判断',
};

/**
 * Colours: `color` for text, dots and chart marks; `background` a light fill
 * for table cells that stays readable when printed in greyscale.
 */
export const STATUS_COLOR: Record<Status, { color: string; background: string }> = {
  green: { color: '#389E0D', background: '#F6FFED' },
  amber: { color: '#D48806', background: '#FFFBE6' },
  red: { color: '#CF1322', background: '#FFF1F0' },
  partial: { color: '#1D39C4', background: '#F0F5FF' },
  none: { color: '#8C8C8C', background: '#FAFAFA' },
};
