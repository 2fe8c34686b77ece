/**
 * The target as numbers (for completion rates and the 目标值 column) and as a
 * short label for a table cell. Both ignore the subject and the number's
 * spelling: a cell shows "突破7亿元" whether the plan wrote "突破 7 亿元"
 * or "突破７亿元".
 */
import { growthWords, quantityText } from './format';
import type { TargetWording } from './types';

/**
 * point → value; range → its lower and upper ends (in order, whatever order
 * they were written in); growth → the signed change in its own unit
 * ("增长30%" → 30, "同比下降5%" → −5, "提高0.14个百分点" → 0.14).
 */
export function targetBounds(w: TargetWording): { value: number; valueMax: number | null } {
  const q = w.quantity;
  switch (q.kind) {
    case 'point':
      return { value: q.value, valueMax: null };
    case 'range':
      return { value: Math.min(q.min, q.max), valueMax: Math.max(q.min, q.max) };
    case 'growth':
      return { value: q.direction === 'down' ? -q.value : q.value, valueMax: null };
  }
}

/** Just the quantity as a table cell shows it: "突破7亿元", "1-3个", "达到0.55%", "同比下降5%", "4.6%以上". */
export function describeTarget(w: TargetWording): string {
  // Numbers are canonical (ASCII, "-" for ranges); growth words stay as
  // written because "提高0.14个百分点" does not read as "增长0.14个百分点".
  const growth = growthWords(w);
  return growth.base + growth.word + w.comparator + quantityText(w, true) + w.measureUnit + w.suffix;
}
