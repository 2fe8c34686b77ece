/**
 * The data package (.tzpkg): UTF-8 JSON. The district sends one to a
 * sub-unit that runs Taizhang itself ("package": the plan, the unit tree,
 * the unit's targets, tasks, and the identification); the sub-unit sends back
 * the same identification with its figures and progress ("return").
 * Units and indicators carry their stable codes, so the sub-unit's database
 * keeps them: next year's package finds the same units and indicators by code
 * (renamed or not), and an indicator's years line up there too.
 */
import { z } from 'zod';

export const PACKAGE_FORMAT = 'taizhang-package';
export const PACKAGE_EXTENSION = '.tzpkg';

const unitKind = z.enum(['city', 'district', 'street', 'town', 'zone', 'department']);
const status = z.enum(['not_started', 'in_progress', 'done', 'late']);

export const packageSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.number().int(),
  kind: z.enum(['package', 'return']),
  identity: z.unknown(),
  plan: z.object({
    title: z.string().min(1),
    yearStart: z.number().int(),
    yearEnd: z.number().int(),
    docNumber: z.string().nullable(),
    issuedOn: z.string().nullable(),
    issuer: z.string().nullable(),
  }),
  // `code` / `fullName`: absent in packages made before units had codes (they are matched by name then).
  units: z.array(
    z.object({
      id: z.number().int(),
      name: z.string().min(1),
      kind: unitKind,
      parentId: z.number().int().nullable(),
      code: z.string().min(1).max(24).optional(),
      fullName: z.string().max(100).nullable().optional(),
    }),
  ),
  indicators: z.array(
    z.object({
      id: z.number().int(),
      name: z.string().min(1),
      code: z.string().min(1).max(24).optional(),
      measureUnit: z.string(),
      aggregation: z.enum(['sum', 'none']),
      frequency: z.enum(['monthly', 'quarterly', 'yearly']),
      decimals: z.number().int().min(0).max(6),
      sortOrder: z.number().int(),
      wordingText: z.string().nullable(),
      baseline: z.number().nullable(),
      decomposed: z.boolean(),
    }),
  ),
  targets: z.array(z.object({ indicatorId: z.number().int(), unitId: z.number().int(), value: z.number(), valueMax: z.number().nullable() })),
  actionLines: z.array(z.object({ id: z.number().int(), seq: z.number().int(), title: z.string() })),
  tasks: z.array(
    z.object({
      id: z.number().int(),
      actionLineId: z.number().int(),
      seq: z.number().int(),
      content: z.string(),
      leadText: z.string(),
      responsibleText: z.string(),
      deadline: z.string().nullable(),
      units: z.array(z.object({ unitId: z.number().int(), role: z.enum(['lead', 'responsible']) })),
    }),
  ),
  returned: z
    .object({
      by: z.string(),
      at: z.string(),
      figures: z.array(
        z.object({ indicatorId: z.number().int(), unitId: z.number().int(), period: z.string(), value: z.number(), note: z.string().nullable() }),
      ),
      progress: z.array(
        z.object({ taskId: z.number().int(), unitId: z.number().int(), status, text: z.string(), reportedOn: z.string().nullable() }),
      ),
    })
    .optional(),
});

export type PackageFile = z.infer<typeof packageSchema>;
