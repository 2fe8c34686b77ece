/** Target wording (目标表述): parse goal text, write it back, read its bounds. */
export { parseTargetWording, parseGoalLine, goalWordings } from './parse';
export { formatTargetWording, formatGoalLine } from './format';
export { targetBounds, describeTarget } from './bounds';
export type {
  Comparator,
  Quantity,
  TargetWording,
  WordingRaw,
  WordingGap,
  GoalPart,
  GoalLine,
} from './types';
