/** 态势总览 (dashboard): where a plan stands at a period, and its export for the leadership meeting. */
import { z } from 'zod';
import { method } from '../method';
import type { DashboardView } from '../../dashboard/view';
import { planId } from './plan';
import { periodSchema } from './figures';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 2022-10-05');

export interface DashboardPdf {
  fileName: string;
  mimeType: string;
  base64: string;
  byteLength: number;
  pages: number;
  sampleData: boolean;
}

const request = z
  .object({
    planId,
    period: periodSchema,
    /** A sub-unit's view; the plan's own unit when absent. */
    unitId: z.number().int().positive().optional(),
    /** The day the view is for (days left); today when absent. */
    today: isoDate.optional(),
  })
  .strict();

export const dashboardMethods = {
  'dashboard.get': method<DashboardView>()(
    request,
    'The dashboard of a period: tiles, the units × indicators heatmap (from the ProgressTable), month-by-month lines, tasks and 催报.',
  ),
  'dashboard.pdf': method<DashboardPdf>()(request, 'The dashboard as an A4 landscape PDF for the leadership meeting.'),
  'dashboard.pages': method<{ fileName: string; pages: string[]; sampleData: boolean }>()(
    request,
    "The same A4 landscape pages as SVG texts in the system's fonts: the window rasterises them to the PNG export.",
  ),
} as const;
