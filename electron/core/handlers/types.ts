import type { z } from 'zod';
import type { ApiEventName, ApiEvents } from '../../../shared/api/contract';
import type { Caller } from '../caller';
import type { Db } from '../db/open';
import type { ErrorLog } from '../log';
import type { SecretStore } from '../sync/secrets';

export interface ApiContext {
  db: Db;
  dbPath: string;
  /** Who is calling, as the door says it: where the operator's name comes from (../caller.ts). */
  caller: Caller;
  /** Where unexpected failures' details go (taizhang.log beside the database), never stdout/stderr. */
  log: ErrorLog;
  /** Tells every open window that data changed (writes call this after their transaction commits). */
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  /** Where 设置 → 服务器 may keep its password: the system's credential store in the desktop app, none elsewhere. */
  secrets?: SecretStore;
}

/** The handlers a feature owes for its block of methods: validated request in, response out. */
export type HandlersOf<T extends Record<string, { request: z.ZodType; response: unknown }>> = {
  [M in keyof T]: (ctx: ApiContext, req: z.output<T[M]['request']>) => T[M]['response'] | Promise<T[M]['response']>;
};
