/**
 * The one transport the whole UI uses to reach the core, whatever the door:
 *
 * - Electron: `window.taizhang` (from the preload script) forwards calls over IPC.
 * - Browser: HTTP to the web host — POST /api/call {method, request}; events
 *   as server-sent events from GET /api/events, read through fetch (EventSource
 *   cannot send a header). Both carry this tab's session secret in the
 *   x-taizhang-token header (webSession.ts); no cookie is involved.
 *
 * Both answer with an ApiResult; `ok: false` becomes a thrown ApiError carrying
 * the Chinese message, so callers only ever see a value or an Error to show.
 */
import type {
  ApiEventName,
  ApiEvents,
  ApiMethod,
  ApiRequest,
  ApiResponse,
  ApiTransport,
} from '../../../shared/api/contract';
import { API_EVENT_NAMES } from '../../../shared/api/events';
import { ApiError, type ApiErrorCode, type ApiResult } from '../../../shared/api/errors';
import type { TaizhangBridge } from './global';
import { sessionHeaders, sessionLost } from './webSession';
import { isServerDoor, serverHeaders, serverSessionLost } from './serverSession';


/** Turns an ApiResult into its value, or throws an ApiError with the user-facing message. */
export function unwrapResult<T>(result: ApiResult<T> | null | undefined): T {
  if (result && typeof result === 'object' && 'ok' in result) {
    if (result.ok) return result.value;
    const error = result.error ?? { code: 'internal', message: '' };
    throw new ApiError(
      (error.code ?? 'internal') as ApiErrorCode,
      error.message || '服务返回了错误，但没有说明原因。',
      error.details,
    );
  }
  throw new ApiError('internal', '服务返回的数据格式不正确。');
}

/** The message to show for anything a call may throw. Always Chinese, never empty. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return '无法连接到台账服务，请确认程序仍在运行后重试。';
  if (error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message)) return error.message;
  return '操作未能完成：发生了未知错误。';
}

function bridgeTransport(bridge: TaizhangBridge): ApiTransport {
  return {
    async call<M extends ApiMethod>(method: M, request: ApiRequest<M>) {
      const result = await bridge.call(method, request);
      return unwrapResult(result as ApiResult<ApiResponse<M>>);
    },
    on(event, listener) {
      return bridge.on(event, listener);
    },
  };
}

const NO_SESSION_MESSAGE =
  '网页版的访问已失效（例如服务已重新启动）。请回到运行“npm run web”的窗口，用其中显示的完整地址重新打开。';

/** Waits before reconnecting the event stream: 1 s, doubling to 15 s while the host stays away. */
const RECONNECT_MS = [1000, 2000, 4000, 8000, 15000];

/** Splits a server-sent event stream into its events (name, data); comments and unknown fields are skipped. */
export function parseEventBlock(block: string): { name: string; data: string } | null {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { name, data: data.join('\n') } : null;
}

/**
 * What differs between the two web doors: `npm run web` (a tab's session secret in a header, no cookie,
 * 403 = no session) and `taizhang serve` (the login's cookie plus its csrf header; 401 = logged out,
 * 403 = a call the account may not make, shown as its message).
 */
function webDoor() {
  if (isServerDoor()) {
    return {
      headers: serverHeaders,
      credentials: 'same-origin' as RequestCredentials,
      lost: (status: number) => status === 401,
      onLost: () => serverSessionLost(),
      lostMessage: '登录已过期，请重新登录。',
    };
  }
  return {
    headers: sessionHeaders,
    credentials: 'omit' as RequestCredentials,
    lost: (status: number) => status === 403,
    onLost: sessionLost,
    lostMessage: NO_SESSION_MESSAGE,
  };
}

function httpTransport(): ApiTransport {
  const door = webDoor();
  type Listener = (payload: unknown) => void;
  const listeners = new Map<ApiEventName, Set<Listener>>();
  let stream: AbortController | null = null;

  const deliver = (name: string, data: string) => {
    if (!API_EVENT_NAMES.includes(name as ApiEventName)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    listeners.get(name as ApiEventName)?.forEach((l) => l(payload));
  };

  /** Reads /api/events until aborted; reconnects after a dropped connection, stops when the session is gone. */
  const readEvents = async (abort: AbortController) => {
    let attempt = 0;
    while (!abort.signal.aborted) {
      try {
        const response = await fetch('/api/events', {
          headers: { Accept: 'text/event-stream', ...door.headers() },
          cache: 'no-store',
          credentials: door.credentials,
          signal: abort.signal,
        });
        if (door.lost(response.status)) {
          door.onLost();
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const event = parseEventBlock(buffer.slice(0, end));
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            if (event) deliver(event.name, event.data);
          }
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      // The host went away (restart, sleep): try again, more slowly each time.
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]));
    }
  };

  const ensureStream = () => {
    if (stream || typeof fetch === 'undefined') return;
    stream = new AbortController();
    void readEvents(stream);
  };

  const closeIfIdle = () => {
    const active = [...listeners.values()].some((set) => set.size > 0);
    if (!active && stream) {
      stream.abort();
      stream = null;
    }
  };

  return {
    async call<M extends ApiMethod>(method: M, request: ApiRequest<M>) {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...door.headers() },
          body: JSON.stringify({ method, request }),
          cache: 'no-store',
          credentials: door.credentials,
        });
      } catch {
        throw new ApiError('internal', '无法连接到台账服务，请确认程序仍在运行后重试。');
      }
      if (door.lost(response.status)) {
        door.onLost();
        throw new ApiError('forbidden', door.lostMessage);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError(
          'internal',
          `台账服务返回了无法识别的应答（HTTP ${response.status}）。`,
        );
      }
      return unwrapResult(body as ApiResult<ApiResponse<M>>);
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as Listener;
      set.add(l);
      ensureStream();
      return () => {
        set.delete(l);
        closeIfIdle();
      };
    },
  };
}

function createTransport(): ApiTransport {
  if (typeof window !== 'undefined' && window.taizhang) return bridgeTransport(window.taizhang);
  return httpTransport();
}

/** The transport. Import this; never call fetch or IPC directly from a component. */
export const api: ApiTransport = createTransport();
