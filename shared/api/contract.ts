/**
 * The API contract: one table of every method the core offers, with the zod
 * schema its request must pass before the core acts and the type it returns.
 * All three doors (Electron IPC, web host, CLI) call exactly these methods.
 */
import { z } from 'zod';
import type {
  AppInfo,
  PlanOverview,
  TargetBreakdown,
  TaskTable,
  UnitDirectory,
} from './views';
import type { Plan } from '../model/plan';

/** Declares a method: its request schema, its response type (phantom), and what it does. */
function method<Res>() {
  return <Req extends z.ZodType>(request: Req, doc: string) => ({
    request,
    doc,
    /** Type-only marker; never read at run time. */
    response: undefined as unknown as Res,
  });
}

const planId = z.number().int().positive();

export const apiContract = {
  'app.info': method<AppInfo>()(
    z.object({}).strict(),
    'What the database holds: counts, plans, schema version and file path.',
  ),
  'plans.list': method<Plan[]>()(z.object({}).strict(), 'Every plan, newest year first.'),
  'plan.overview': method<PlanOverview>()(
    z.object({ planId }).strict(),
    'A plan with its unit, its 工作目标 (goals with parsed wording) and the sum checks of 附件2.',
  ),
  'units.directory': method<UnitDirectory>()(
    z.object({}).strict(),
    'The unit tree, the departments and the group phrases with their members.',
  ),
  'tasks.table': method<TaskTable>()(
    z.object({ planId }).strict(),
    '附件1: action lines with their tasks, lead and responsible units resolved.',
  ),
  'targets.breakdown': method<TargetBreakdown>()(
    z.object({ planId }).strict(),
    '附件2: targets of the plan unit and of each sub-unit per decomposed indicator, with sum checks.',
  ),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiRequest<M extends ApiMethod> = z.input<ApiContract[M]['request']>;
export type ApiResponse<M extends ApiMethod> = ApiContract[M]['response'];

export const API_METHODS = Object.keys(apiContract) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** Events the core pushes to every open window. */
export interface ApiEvents {
  /** Something in the database changed; screens showing that plan reload. */
  'data.changed': { planId: number | null; reason: string };
}
export type ApiEventName = keyof ApiEvents;

/** The one function the renderer (and tests) use to reach the core, whatever the door. */
export interface ApiTransport {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** The IPC channel names used by electron/main.ts and electron/preload.ts. */
export const IPC_CALL_CHANNEL = 'taizhang:api';
export const IPC_EVENT_CHANNEL = 'taizhang:event';
