/**
 * The messages between Electron's main process and the core's own process
 * (a utilityProcess): the window's calls go in, their results and the core's
 * events come back. Structured-clone data only.
 */
import type { ApiEventName } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import type { SecretAnswer, SecretRequest } from '../secretRelay';

export type ToCore =
  | { type: 'call'; id: number; method: string; request: unknown }
  | { type: 'close' }
  /** Main's answer to the core's 'secret' request (safeStorage lives in main only). */
  | { type: 'secret-answer'; id: number; answer: SecretAnswer };

export type FromCore =
  | { type: 'ready'; dbPath: string }
  /** The core could not open the database: the Chinese message to show, the details went to its log. */
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; name: ApiEventName; payload: unknown }
  | { type: 'closed' }
  /** The core asks main to encrypt or decrypt 设置 → 服务器's password with safeStorage (electron/secretRelay.ts). */
  | { type: 'secret'; id: number; request: SecretRequest };
