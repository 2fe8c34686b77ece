/**
 * IPC names shared by main.ts and preload.ts, with no run-time imports, so the
 * sandboxed preload bundle stays tiny (shared/api/contract.ts pulls in zod).
 *
 * The channel constants are typed as `typeof IPC_*_CHANNEL`: if the contract
 * ever renames a channel, these lines stop type-checking.
 */
import type { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/api/contract';
import type { ApiErrorBody, ApiResult } from '../shared/api/errors';

export const CALL_CHANNEL: typeof IPC_CALL_CHANNEL = 'taizhang:api';
export const EVENT_CHANNEL: typeof IPC_EVENT_CHANNEL = 'taizhang:event';

/** The error result the shell returns when it refuses or cannot deliver a call. */
export function shellError(code: ApiErrorBody['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
