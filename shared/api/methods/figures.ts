/** Figures (完成数) as read by the grid, the exports and the summary. Writing figures comes with the entry issue. */
import { z } from 'zod';
import { method } from '../method';
import type { ProgressTable } from '../../figures/progressTable';
import { isPeriodKey } from '../../periods';
import { planId } from './plan';

export const periodSchema = z
  .string()
  .refine(isPeriodKey, { message: '报告期应写作 2022-09（月）、2022Q3（季度）或 2022（年度）' });

export const figureMethods = {
  'figures.progress': method<ProgressTable>()(
    z
      .object({
        planId,
        period: periodSchema,
        /** Whose view: the plan's unit (default) with its sub-units, or one sub-unit alone. */
        unitId: z.number().int().positive().optional(),
      })
      .strict(),
    '完成情况 for a period: target, figure, 完成率, 时序进度 status, 同比 and rank per unit and indicator.',
  ),
} as const;
