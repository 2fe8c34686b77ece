/**
 * The API contract: one table of every method the core offers, with the zod
 * schema its request must pass before the core acts and the type it returns.
 * All three doors (Electron IPC, web host, CLI) call exactly these methods.
 * Each feature declares its methods in methods/<feature>.ts and is spread in here.
 */
import type { z } from 'zod';
import { planMethods } from './methods/plan';
import { figureMethods } from './methods/figures';
import { entryMethods } from './methods/entry';
import { exportMethods } from './methods/export';
import { summaryMethods } from './methods/summary';
import { importMethods } from './methods/import';
import { exchangeMethods } from './methods/exchange';
import { backupMethods } from './methods/backup';
import { planEditMethods } from './methods/planEdit';
import { dashboardMethods } from './methods/dashboard';
import { accountMethods } from './methods/accounts';
import { reviewMethods } from './methods/review';
import { unitMethods } from './methods/units';
import { syncMethods } from './methods/sync';

export const apiContract = {
  ...planMethods,
  ...figureMethods,
  ...entryMethods,
  ...exportMethods,
  ...summaryMethods,
  ...importMethods,
  ...exchangeMethods,
  ...backupMethods,
  ...planEditMethods,
  ...dashboardMethods,
  ...accountMethods,
  ...reviewMethods,
  ...unitMethods,
  ...syncMethods,
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiRequest<M extends ApiMethod> = z.input<ApiContract[M]['request']>;
export type ApiResponse<M extends ApiMethod> = ApiContract[M]['response'];

export const API_METHODS = Object.keys(apiContract) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** Events the core pushes to every open window (./events.ts). */
export type { ApiEventName, ApiEvents } from './events';
export { API_EVENT_NAMES } from './events';
import type { ApiEventName, ApiEvents } from './events';

/** The one function the renderer (and tests) use to reach the core, whatever the door. */
export interface ApiTransport {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** The IPC channel names used by electron/main.ts and electron/preload.ts. */
export const IPC_CALL_CHANNEL = 'taizhang:api';
export const IPC_EVENT_CHANNEL = 'taizhang:event';
