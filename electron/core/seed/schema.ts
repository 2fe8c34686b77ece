/**
 * The plan-file format of seeds/ (a plan with its units, goals, tasks and
 * target breakdown). zod checks it before anything is written.
 */
import { z } from 'zod';

const unitKind = z.enum(['city', 'district', 'street', 'town', 'zone', 'department']);

export const planSeedSchema = z.object({
  source: z.string().min(1),
  /** The per-unit targets are generated (示例数据), as the 南昌市 document sets none. */
  sampleTargets: z.boolean().optional(),
  unit: z.object({
    name: z.string().min(1),
    kind: unitKind,
    /** 行政区划代码 (青云谱区 360104); a code is generated when absent. */
    code: z.string().regex(/^\d{6,12}$/).optional(),
    children: z.array(z.object({ name: z.string().min(1), kind: unitKind, code: z.string().regex(/^\d{6,12}$/).optional() })),
    departments: z.array(z.string().min(1)),
  }),
  groups: z.array(
    z.object({
      phrase: z.string().min(1),
      aliases: z.array(z.string()).default([]),
      members: z.union([z.object({ kinds: z.array(unitKind).min(1) }), z.object({ names: z.array(z.string()).min(1) })]),
    }),
  ),
  plan: z.object({
    title: z.string().min(1),
    yearStart: z.number().int(),
    yearEnd: z.number().int(),
    docNumber: z.string().nullable().default(null),
    issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
    issuer: z.string().nullable().default(null),
  }),
  goals: z.array(
    z.object({
      wording: z.string().min(1),
      name: z.string().min(1),
      measureUnit: z.string(),
      aggregation: z.enum(['sum', 'none']),
      frequency: z.enum(['monthly', 'quarterly', 'yearly']),
      decimals: z.number().int().min(0).max(6),
      baseline: z.number().nullable().default(null),
    }),
  ),
  actionLines: z.array(
    z.object({
      title: z.string().min(1),
      tasks: z.array(
        z.object({
          content: z.string().min(1),
          lead: z.string(),
          responsible: z.string(),
          deadline: z.string().nullable().default(null),
          /** A task's own reading of a group phrase (区直相关部门 → the three departments its text names). */
          resolve: z.record(z.string(), z.array(z.string())).optional(),
        }),
      ),
    }),
  ),
  breakdown: z
    .object({
      title: z.string(),
      unitHeader: z.string(),
      columns: z.array(z.object({ header: z.string(), indicator: z.string() })),
      rows: z.array(z.tuple([z.string()]).rest(z.number().nullable())),
    })
    .optional(),
});

export type PlanSeed = z.infer<typeof planSeedSchema>;
