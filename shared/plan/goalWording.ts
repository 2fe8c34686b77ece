/**
 * The goal line (目标表述) a 工作目标 form makes: the form's name, comparison
 * word, quantity and measure unit, keeping what the old line said that the
 * form does not show (its year phrase, the verb of a quantity-first line,
 * 以上). Pure: the form previews it as you type; the core saves the same.
 */
import type { Comparator, Quantity, TargetWording } from '../wording/types';

export interface GoalWordingInput {
  name: string;
  measureUnit: string;
  strive: boolean;
  comparator: Comparator;
  quantity: Quantity;
}

export function wordingFrom(input: GoalWordingInput, old: TargetWording | null, oldName: string | null): TargetWording {
  const sameSubject = old && oldName === input.name.trim();
  return {
    strive: input.strive,
    period: old?.period ?? '',
    subject: sameSubject ? old.subject : input.name.trim(),
    order: sameSubject ? old.order : 'subject-first',
    verb: sameSubject ? old.verb : '',
    comparator: input.quantity.kind === 'point' ? input.comparator : '',
    quantity: input.quantity,
    measureUnit: input.measureUnit.trim(),
    suffix: old?.suffix ?? '',
  };
}
