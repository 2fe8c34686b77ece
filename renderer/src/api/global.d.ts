/**
 * What electron/preload.ts exposes on `window` through contextBridge.
 * Present only inside Electron; in a browser the renderer talks HTTP to the web host.
 */
import type { ApiEventName, ApiEvents, ApiMethod } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/errors';

export interface TaizhangBridge {
  call(method: ApiMethod, request: unknown): Promise<ApiResult<unknown>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

declare global {
  interface Window {
    taizhang?: TaizhangBridge;
  }
}
