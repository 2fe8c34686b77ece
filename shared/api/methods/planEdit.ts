/**
 * Keeping the plan in the window (issue 14): 工作目标, 指标分解, 任务分解 and the
 * plan itself edited directly, several plans and years, first run. Every write
 * records who and when; removals that take entered data list it first.
 */
import { z } from 'zod';
import { method } from '../method';
import { planId } from './plan';

const id = z.number().int().positive();
const finite = z.number().finite();
const text = (max: number) => z.string().max(max);

const quantity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('point'), value: finite }).strict(),
  z.object({ kind: z.literal('range'), min: finite, max: finite }).strict(),
  z.object({ kind: z.literal('growth'), direction: z.enum(['up', 'down']), value: finite, yoy: z.boolean() }).strict(),
]);

const goal = z
  .object({
    id: id.optional(),
    name: text(60),
    measureUnit: text(20),
    aggregation: z.enum(['sum', 'none']),
    frequency: z.enum(['monthly', 'quarterly', 'yearly']),
    decimals: z.number().int().min(0).max(6),
    decomposed: z.boolean(),
    strive: z.boolean(),
    comparator: z.enum(['', '达到', '达', '超过', '突破', '不低于', '不少于']),
    quantity,
    baseline: finite.nullable(),
  })
  .strict();

const responsible = z.union([z.object({ unitId: id }).strict(), z.object({ groupId: id }).strict()]);

const task = z
  .object({
    id: id.optional(),
    actionLineId: id,
    content: text(2000),
    leadUnitIds: z.array(id).max(50),
    responsible: z.array(responsible).max(200),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  })
  .strict();

const year = z.number().int().min(1990).max(2100);

/** The answer of a removal: done, or (done: false) what would go, to be confirmed first; `backup` is the copy taken before. */
export interface RemovalResult {
  done: boolean;
  /** What goes with it, in Chinese, most important first; empty when nothing entered goes. */
  loses: string[];
  backup: { id: string; createdAt: string } | null;
}

export interface EditHistoryView {
  entity: 'plan' | 'indicator' | 'action_line' | 'task' | 'unit';
  entityId: number;
  action: 'add' | 'change' | 'remove' | 'move' | 'merge';
  summary: string;
  changedBy: string;
  changedAt: string;
}

/** One year of an indicator across plans (matched by its code): target, year-end figure, 完成率. */
export interface IndicatorYear {
  year: number;
  planId: number;
  planTitle: string;
  indicatorId: number;
  target: number | null;
  targetMax: number | null;
  actual: number | null;
  rate: number | null;
  decimals: number;
  measureUnit: string;
}

const confirm = { confirm: z.boolean().optional() };

export const planEditMethods = {
  'goals.save': method<{ id: number }>()(z.object({ planId, goal }).strict(), '工作目标: adds (no id) or edits an indicator with its wording, target and baseline.'),
  'goals.reorder': method<{ ok: true }>()(z.object({ planId, ids: z.array(id).max(500) }).strict(), '工作目标 in a new order (every indicator of the plan once).'),
  'goals.remove': method<RemovalResult>()(z.object({ planId, indicatorId: id, ...confirm }).strict(), 'Removes an indicator; with figures or sub-unit targets it lists them and needs confirm.'),
  'targets.save': method<{ changed: number; by: string; at: string }>()(
    z
      .object({
        planId,
        edits: z
          .array(z.object({ indicatorId: id, unitId: id, value: finite.nullable(), valueMax: finite.nullable().optional() }).strict())
          .min(1)
          .max(100_000),
      })
      .strict(),
    '指标分解: sets or clears targets per unit, all or nothing, each change in the target history.',
  ),
  'actionLines.save': method<{ id: number }>()(z.object({ planId, id: id.optional(), title: text(200) }).strict(), 'Adds (no id) or renames an action line (重点工作).'),
  'actionLines.move': method<{ ok: true }>()(z.object({ planId, id, index: z.number().int().min(0) }).strict(), 'Moves an action line to a position (0-based).'),
  'actionLines.remove': method<RemovalResult>()(z.object({ planId, id, ...confirm }).strict(), 'Removes an action line with its tasks; their progress is listed first and needs confirm.'),
  'tasks.save': method<{ id: number }>()(z.object({ planId, task }).strict(), 'Adds (no id) or edits a task with its lead and responsible units.'),
  'tasks.move': method<{ ok: true }>()(z.object({ planId, taskId: id, actionLineId: id, index: z.number().int().min(0) }).strict(), 'Moves a task into an action line at a position.'),
  'tasks.remove': method<RemovalResult>()(z.object({ planId, taskId: id, ...confirm }).strict(), 'Removes a task; its progress is listed first and needs confirm.'),
  'plan.create': method<{ planId: number }>()(
    z
      .object({
        title: text(200),
        yearStart: year,
        yearEnd: year,
        docNumber: text(60).nullable().optional(),
        issuer: text(100).nullable().optional(),
        unitId: id.optional(),
        fromPlanId: id.optional(),
        copyTasks: z.boolean().optional(),
      })
      .strict(),
    '新建工作要点: blank, or 从上一年复制 (indicators with empty targets, last year\'s figures as 上年同期 and baselines, optionally the tasks).',
  ),
  'plan.update': method<{ ok: true }>()(
    z
      .object({
        planId,
        title: text(200),
        docNumber: text(60).nullable(),
        issuer: text(100).nullable(),
        issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
        yearStart: year,
        yearEnd: year,
      })
      .strict(),
    'The plan\'s own details: title, document number, issuer, date, years.',
  ),
  'plan.archive': method<{ ok: true }>()(z.object({ planId, archived: z.boolean() }).strict(), '归档 (or back): hidden from the switcher, data kept.'),
  'plan.delete': method<RemovalResult>()(z.object({ planId, ...confirm }).strict(), 'Deletes a plan and everything in it: listed first, confirm, backup first.'),
  'plan.edits': method<EditHistoryView[]>()(
    z.object({ planId, entity: z.enum(['plan', 'indicator', 'action_line', 'task', 'unit']).optional() }).strict(),
    'The history of window edits of a plan (and of units), newest first.',
  ),
  'indicator.years': method<IndicatorYear[]>()(
    z.object({ planId, indicatorId: id }).strict(),
    'An indicator across years and plans (matched by its code): target, year-end figure and 完成率 per year.',
  ),
  'example.load': method<{ planId: number }>()(
    z.object({ name: z.enum(['qingyunpu-2022', 'nanchang-2022'], { message: '示例应为 qingyunpu-2022 或 nanchang-2022' }).optional() }).strict(),
    'First run: loads an example (marked 示例): 青云谱区 2022 by default, or the city level 南昌市 2022 (its per-district targets generated, 示例数据).',
  ),
  'ledger.create': method<{ planId: number }>()(
    z.object({ unitName: text(60), kind: z.enum(['city', 'district', 'street', 'town']), year }).strict(),
    'First run: 新建台账 — one\'s own unit at the top of the tree and a blank plan for the year.',
  ),
} as const;
