/**
 * Validation of one figure as it is typed (填报校验). Pure: the grid runs it
 * on every keystroke, the core runs it again before saving, so a value the
 * screen refuses can never reach the database by another door.
 *
 * Three outcomes:
 *   error    the value cannot be saved (not a number, negative, too many decimals)
 *   needs    it can be saved once the user adds a note (cumulative went down)
 *            or confirms (far above target)
 *   ok       saved at once
 */
import type { Indicator } from '../model/indicator';
import { normaliseNumberText, parseNumber, roundTo } from '../numbers';

/** A value above FAR_ABOVE_FACTOR × target asks for a confirmation (likely a unit slip: 万元 typed as 亿元). */
export const FAR_ABOVE_FACTOR = 3;

export interface EntryContext {
  indicator: Pick<Indicator, 'name' | 'measureUnit' | 'decimals' | 'frequency' | 'aggregation'>;
  /** The cumulative value of the previous period in the same year (monthly cumulative indicators only). */
  previous?: number | null;
  /** Label of that previous period ("2022年1-8月") for the message. */
  previousLabel?: string | null;
  /** The cumulative value of the next period in the same year, when entered: it must not drop below this one. */
  next?: number | null;
  /** Label of that next period ("2022年1-9月") for the message. */
  nextLabel?: string | null;
  /** The unit's target (lower bound for a range) and the upper bound of a range. */
  target?: number | null;
  targetMax?: number | null;
}

export type EntryCheck =
  | { kind: 'error'; message: string }
  | {
      kind: 'ok';
      /** null clears the cell. */
      value: number | null;
      /** A note is required before saving (cumulative lower than the previous period). */
      needsNote: string | null;
      /** A confirmation is required before saving (far above target). */
      needsConfirm: string | null;
    };

/** Decimals the measure unit allows, in words ("整数", "最多4位小数"). */
export function decimalsRule(decimals: number): string {
  return decimals === 0 ? '整数' : `最多${decimals}位小数`;
}

function decimalPlaces(text: string): number {
  const t = normaliseNumberText(text);
  const dot = t.indexOf('.');
  // Trailing zeros carry no precision: "12.0" is a whole number, "0.350" has two places.
  return dot < 0 ? 0 : t.slice(dot + 1).replace(/0+$/, '').length;
}

/**
 * True for indicators whose figures are cumulative from January (1-N月累计,
 * 前三季度…) and can therefore only grow; yearly figures have no predecessor.
 */
export function isCumulative(indicator: EntryContext['indicator']): boolean {
  return indicator.frequency !== 'yearly' && indicator.aggregation === 'sum';
}

/** Checks what the user typed; `text` is the raw cell text ("" clears). */
export function checkEntryText(text: string, ctx: EntryContext): EntryCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'ok', value: null, needsNote: null, needsConfirm: null };
  const value = parseNumber(trimmed);
  if (value === null) {
    return { kind: 'error', message: `“${trimmed}”不是数字，请输入数字，如 12 或 0.35。` };
  }
  const places = decimalPlaces(trimmed);
  return checkEntryValue(value, ctx, places);
}

/** Checks a number (API requests carry numbers); `places` are the decimals as typed when known. */
export function checkEntryValue(value: number, ctx: EntryContext, places?: number): EntryCheck {
  const { indicator } = ctx;
  const unit = indicator.measureUnit || '该指标';
  if (!Number.isFinite(value)) return { kind: 'error', message: '数值无效，请输入有限的数字。' };
  if (value < 0) return { kind: 'error', message: `完成数不能为负数（${indicator.name}）。` };
  // As typed when known ("3.50" has two places); else whether rounding would change the number.
  // Float noise from arithmetic (0.1 + 0.2) is not precision the user asked for: it is rounded away.
  const rounded = roundTo(value, indicator.decimals);
  const tooPrecise =
    places !== undefined ? places > indicator.decimals : Math.abs(rounded - value) > 1e-9 * Math.max(1, Math.abs(value));
  if (tooPrecise) {
    const example = indicator.decimals === 0 ? '如 12' : `如 ${(1.23456789).toFixed(indicator.decimals)}`;
    return {
      kind: 'error',
      message: `${indicator.name}以“${unit}”计，只能填${decimalsRule(indicator.decimals)}，${example}。`,
    };
  }
  // Cumulative figures only grow within a year: a drop against the period before, or a value that
  // makes the period after drop, needs a note (both directions; the later period is named).
  const notes: string[] = [];
  if (isCumulative(indicator) && ctx.previous != null && rounded < ctx.previous) {
    const when = ctx.previousLabel ? `上期（${ctx.previousLabel}）` : '上期';
    notes.push(`本期累计数小于${when}的累计数 ${ctx.previous}`);
  }
  if (isCumulative(indicator) && ctx.next != null && rounded > ctx.next) {
    const when = ctx.nextLabel ? `下期（${ctx.nextLabel}）` : '下期';
    notes.push(`本期累计数大于${when}已填的累计数 ${ctx.next}，${when}的累计数将因此下降`);
  }
  const forwardOnly = notes.length === 1 && !(ctx.previous != null && rounded < ctx.previous);
  const needsNote = notes.length
    ? `${notes.join('；')}，${forwardOnly ? '请填写说明（如数据核减的原因），或先修改下期的数' : '请填写说明（如数据核减的原因）'}。`
    : null;
  let needsConfirm: string | null = null;
  const bound = ctx.targetMax ?? ctx.target;
  if (bound != null && bound > 0 && rounded > bound * FAR_ABOVE_FACTOR) {
    needsConfirm = `数值远高于目标（目标 ${bound}${indicator.measureUnit}，填报 ${value}${indicator.measureUnit}，超过${FAR_ABOVE_FACTOR}倍），请确认计量单位是否正确。`;
  }
  return { kind: 'ok', value: rounded, needsNote, needsConfirm };
}
