/**
 * What travels between a desktop and `taizhang serve` (同步), over the
 * server's ordinary API (`POST /api/call` as a logged-in 填报员 account):
 *
 * - `sync.pull` answers the plans of the account's unit as a data package
 *   carries them (plan, the district and the unit with their stable codes,
 *   indicators with codes, the district's and the unit's targets, action lines
 *   and tasks), plus the district's published figures, what the server holds
 *   of the unit's own figures and progress, its 审核 states and its conflicts.
 *   Ids are the server's; the desktop maps them to its own (by code first).
 * - `sync.push` sends the unit's changed cells, each with the value the
 *   desktop last saw on the server (`base`): a server value other than the
 *   base is a conflict (the district changed it meanwhile), never overwritten.
 *   `batchId` makes it idempotent: a push repeated after a lost answer gets
 *   the first answer again (`replayed`), nothing is applied twice.
 *
 * Zod schemas, so both sides check what they receive.
 */
import { z } from 'zod';

export const SYNC_PROTOCOL = 1;

const int = z.number().int();
const status = z.enum(['not_started', 'in_progress', 'done', 'late']);
const unitKind = z.enum(['city', 'district', 'street', 'town', 'zone', 'department']);
const reviewState = z.enum(['pending', 'approved', 'returned']);

export const pulledPlanSchema = z.object({
  serverPlanId: int,
  plan: z.object({
    title: z.string().min(1),
    yearStart: int,
    yearEnd: int,
    docNumber: z.string().nullable(),
    issuedOn: z.string().nullable(),
    issuer: z.string().nullable(),
    /** The 青云谱区 2022 example: stays marked 示例 on the desktop. */
    example: z.boolean(),
  }),
  units: z.array(
    z.object({ id: int, name: z.string().min(1), kind: unitKind, parentId: int.nullable(), code: z.string().min(1).max(24), fullName: z.string().nullable() }),
  ),
  indicators: z.array(
    z.object({
      id: int,
      name: z.string().min(1),
      code: z.string().min(1).max(24),
      measureUnit: z.string(),
      aggregation: z.enum(['sum', 'none']),
      frequency: z.enum(['monthly', 'quarterly', 'yearly']),
      decimals: int.min(0).max(6),
      sortOrder: int,
      wordingText: z.string().nullable(),
      baseline: z.number().nullable(),
      decomposed: z.boolean(),
    }),
  ),
  targets: z.array(z.object({ indicatorId: int, unitId: int, value: z.number(), valueMax: z.number().nullable() })),
  actionLines: z.array(z.object({ id: int, seq: int, title: z.string() })),
  tasks: z.array(
    z.object({
      id: int,
      actionLineId: int,
      seq: int,
      content: z.string(),
      leadText: z.string(),
      responsibleText: z.string(),
      deadline: z.string().nullable(),
      units: z.array(z.object({ unitId: int, role: z.enum(['lead', 'responsible']) })),
    }),
  ),
  /** The district's published figures and the unit's own, as the server holds them. */
  figures: z.array(z.object({ indicatorId: int, unitId: int, period: z.string(), value: z.number(), note: z.string().nullable() })),
  progress: z.array(
    z.object({
      taskId: int,
      period: z.string(),
      status,
      text: z.string(),
      reportedOn: z.string().nullable(),
      /** When the server took this entry (its clock): a 审核 step of the period before it did not see it. */
      enteredAt: z.string().nullable().default(null),
    }),
  ),
  reviews: z.array(z.object({ period: z.string(), state: reviewState, reason: z.string().nullable(), by: z.string(), at: z.string() })),
  conflicts: z.array(
    z.object({ id: int, indicatorId: int, period: z.string(), value: z.number().nullable(), current: z.number().nullable(), state: z.enum(['open', 'taken', 'kept']), decidedBy: z.string().nullable() }),
  ),
  /** The unit's task-progress conflicts, the latest per entry (a server without them sends none). */
  progressConflicts: z
    .array(
      z.object({
        id: int,
        taskId: int,
        period: z.string(),
        value: z.object({ status, text: z.string() }),
        current: z.object({ status, text: z.string() }).nullable(),
        state: z.enum(['open', 'taken', 'kept']),
        decidedBy: z.string().nullable(),
      }),
    )
    .default([]),
});
export type PulledPlan = z.infer<typeof pulledPlanSchema>;

export const pullAnswerSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL),
  /** The server database's random exchange id: a desktop never mixes two servers' plans. */
  serverId: z.string().min(1),
  account: z.object({ name: z.string(), unitId: int, unitName: z.string(), unitCode: z.string() }),
  plans: z.array(pulledPlanSchema),
});
export type PullAnswer = z.infer<typeof pullAnswerSchema>;

const progressValue = z.object({ status, text: z.string().max(2000) });

export const pushRequestSchema = z
  .object({
    protocol: z.literal(SYNC_PROTOCOL),
    batchId: z.string().regex(/^[\w-]{16,64}$/, '批次编号不正确'),
    serverPlanId: int.positive(),
    /** The desktop's operator, named in the server's history beside the account. */
    sentBy: z.string().trim().min(1).max(40),
    figures: z
      .array(
        z.object({ indicatorId: int.positive(), period: z.string().max(10), value: z.number().finite().nullable(), note: z.string().max(500).nullable(), base: z.number().nullable() }).strict(),
      )
      .max(20_000),
    progress: z
      .array(
        z
          .object({ taskId: int.positive(), period: z.string().max(10), status, text: z.string().max(2000), reportedOn: z.string().max(10).nullable(), base: progressValue.nullable() })
          .strict(),
      )
      .max(5_000),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const PUSH_OUTCOMES = ['applied', 'unchanged', 'conflict', 'refused'] as const;
export type PushOutcome = (typeof PUSH_OUTCOMES)[number];

export const pushAnswerSchema = z.object({
  batchId: z.string(),
  replayed: z.boolean(),
  results: z.array(
    z.object({
      /** 'f|<server indicator id>|<period>' or 'p|<server task id>|<period>'. */
      key: z.string(),
      outcome: z.enum(PUSH_OUTCOMES),
      /** What the server holds now (a conflict's district value). */
      current: z.union([z.number(), progressValue, z.null()]),
      message: z.string().nullable(),
    }),
  ),
  reviews: z.array(z.object({ period: z.string(), state: reviewState, reason: z.string().nullable(), by: z.string(), at: z.string() })),
});
export type PushAnswer = z.infer<typeof pushAnswerSchema>;

export const figureKey = (indicatorId: number, period: string) => `f|${indicatorId}|${period}`;
export const progressCellKey = (taskId: number, period: string) => `p|${taskId}|${period}`;
