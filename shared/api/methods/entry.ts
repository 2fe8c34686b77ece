/** Figure entry (数据填报), task progress (任务进展), 催报, period locks and the operator name. */
import { z } from 'zod';
import { method } from '../method';
import type {
  EntryGridSheet,
  EntrySheet,
  FigureSaveResult,
  LockState,
  ProgressHistoryEntry,
  ProgressSheet,
  ReminderList,
  SaveResult,
  UnitYearSheet,
} from '../../entry/views';
import { planId } from './plan';
import { periodSchema } from './figures';

const id = z.number().int().positive();

const figureEdit = z
  .object({
    indicatorId: id,
    unitId: id,
    period: periodSchema,
    value: z.number().finite().nullable(),
    note: z.string().max(500, '说明不能超过500字').nullable().optional(),
    confirmed: z.boolean().optional(),
  })
  .strict();

const figureView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('units'), period: periodSchema }).strict(),
  z.object({ kind: z.literal('unit'), unitId: id, year: z.number().int().min(1900).max(2100) }).strict(),
]);

const progressEntry = z
  .object({
    taskId: id,
    unitId: id,
    status: z.enum(['not_started', 'in_progress', 'done', 'late']),
    text: z.string().max(1000, '进展说明不能超过1000字'),
    reportedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 2022-09-30')
      .nullable(),
  })
  .strict();

const operatorName = z
  .string()
  .trim()
  .min(1, '操作员姓名不能为空')
  .max(40, '操作员姓名不能超过40字')
  // A name has a letter or a character: "11" typed where a figure was meant is not one.
  .refine((name) => /\p{L}/u.test(name), '操作员姓名应是您的姓名（如：张敏），不能只有数字或符号。');

export const entryMethods = {
  'operator.get': method<{ name: string | null }>()(z.object({}).strict(), 'The operator name recorded with every entry.'),
  'operator.set': method<{ name: string }>()(z.object({ name: operatorName }).strict(), 'Sets the operator name.'),
  'entry.sheet': method<EntrySheet>()(
    z.object({ planId, period: periodSchema }).strict(),
    'The entry grid of a period: units × indicators with targets, 完成率, status, locks, previous cumulative values.',
  ),
  'entry.grid': method<EntryGridSheet>()(
    z.object({ planId, period: periodSchema }).strict(),
    'The same grid as entry.sheet, compact for the screen: cells as packed arrays (shared/entry/packedCell.ts), with the revision it was built at.',
  ),
  'entry.unitYear': method<UnitYearSheet>()(
    z.object({ planId, unitId: id, year: z.number().int().min(1900).max(2100) }).strict(),
    'The flipped grid for one unit: indicators × the months of a year.',
  ),
  'entry.save': method<FigureSaveResult>()(
    z
      .object({
        planId,
        edits: z.array(figureEdit).min(1).max(100_000),
        source: z.string().max(200).optional(),
        view: figureView.optional(),
      })
      .strict(),
    'Saves figures in one transaction (all or nothing) with the operator and time; each change is kept in the history. With `view`, answers with the cells of that grid that changed.',
  ),
  'entry.revision': method<{ revision: number }>()(
    z.object({ planId }).strict(),
    "The figures' revision: a grid built at this revision is current (cheap; asked when another door saved).",
  ),
  'entry.history': method<
    { oldValue: number | null; newValue: number | null; note: string | null; changedBy: string; changedAt: string; source: string | null }[]
  >()(
    z.object({ planId, indicatorId: id, unitId: id, period: periodSchema }).strict(),
    "A cell's history: who changed it from what to what, when. Never deleted.",
  ),
  'entry.locks': method<LockState>()(z.object({ planId }).strict(), 'Locked periods and every lock/unlock event.'),
  'entry.lock': method<{ locked: string[] }>()(
    z.object({ planId, period: periodSchema }).strict(),
    'Locks a period (and the quarter/year ending with it): figures and progress become read-only.',
  ),
  'entry.unlock': method<{ unlocked: string[] }>()(
    z
      .object({ planId, period: periodSchema, reason: z.string().trim().min(2, '解锁原因至少写2个字').max(500) })
      .strict(),
    'Unlocks a period (and the quarter/year ending with it); the reason is recorded.',
  ),
  'progress.sheet': method<ProgressSheet>()(
    z.object({ planId, period: periodSchema, unitId: id.optional() }).strict(),
    '任务进展 of a period: each task × responsible unit with status, text and date.',
  ),
  'progress.save': method<SaveResult>()(
    z.object({ planId, period: periodSchema, entries: z.array(progressEntry).min(1).max(10_000) }).strict(),
    'Saves task progress for a period in one transaction, with the operator and time.',
  ),
  'progress.history': method<ProgressHistoryEntry[]>()(
    z.object({ planId, taskId: id, unitId: id, period: periodSchema }).strict(),
    "A progress entry's history: status, text and date changes, who and when. Never deleted.",
  ),
  'entry.reminders': method<ReminderList>()(
    z.object({ planId, period: periodSchema }).strict(),
    '催报: units that have not reported figures or progress for the period, each with when it was last reminded.',
  ),
  'entry.remindersSent': method<{ recorded: number; at: string; by: string }>()(
    z
      .object({
        planId,
        period: periodSchema,
        unitIds: z.array(z.number().int().positive()).min(1, '请至少选择一个单位').max(5000),
        channel: z.enum(['notice', 'list'], { message: '方式应为 notice（催报通知）或 list（催报名单）' }),
      })
      .strict(),
    '催报 recorded: the units were sent the 催报通知 (copied) or the 催报名单 (exported), now, by the caller\'s operator.',
  ),
  'entry.remindersExport': method<{ fileName: string; mimeType: string; byteLength: number; base64: string }>()(
    z.object({ planId, period: periodSchema, deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '截止日期应写作 2022-10-05').optional() }).strict(),
    '催报名单 as .xlsx: the units that still owe something, what they owe, the deadline and their last 催报. Writes nothing.',
  ),
} as const;
