/**
 * The core as the doors see it: open a database, call API methods by name
 * with unvalidated input (validated here against shared/api/contract.ts),
 * listen to events, close.
 *
 */
import type { ApiEventName, ApiEvents, ApiMethod } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import type { Caller } from './caller';

export type { Caller, OperatorSlot } from './caller';

export interface CoreOptions {
  /** SQLite file; created (and loaded with the 青云谱区 2022 example) when new. */
  dbPath: string;
  /** Load the example into a new database (default true). */
  seedIfNew?: boolean;
  /**
   * Which example (seeds/): 'qingyunpu-2022' (default) or 'nanchang-2022'. Named explicitly, it is also
   * loaded into an existing database that does not hold it yet.
   */
  example?: string;
  /** Take the daily copy at start when the last one is older than 20 hours (default true; existing files only). */
  dailyBackup?: boolean;
}

export interface Core {
  readonly dbPath: string;
  /**
   * Validates `request` against the method's schema, runs it, never throws: errors come back as ApiResult.
   * `caller` says who calls (whose operator name the writes carry); the PC's operator setting when omitted.
   */
  call(method: ApiMethod | string, request: unknown, caller?: Caller): Promise<ApiResult<unknown>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  close(): void;
}
