/**
 * The one transport the whole UI uses to reach the core, whatever the door:
 *
 * - Electron: `window.taizhang` (from the preload script) forwards calls over IPC.
 * - Browser: HTTP to the web host — POST /api/call {method, request}; events
 *   over SSE at /api/events. The host's HttpOnly session cookie (set when the
 *   address with the token was opened) authorises both; the page never sees the token.
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
import { ApiError, type ApiErrorCode, type ApiResult } from '../../../shared/api/errors';
import type { TaizhangBridge } from './global';

const EVENT_NAMES: ApiEventName[] = ['data.changed', 'job.progress'];

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

function httpTransport(): ApiTransport {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<ApiEventName, Set<Listener>>();
  let source: EventSource | null = null;

  const ensureEventSource = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource('/api/events');
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (ev) => {
        let payload: unknown = null;
        try {
          payload = JSON.parse((ev as MessageEvent<string>).data);
        } catch {
          return;
        }
        listeners.get(name)?.forEach((l) => l(payload));
      });
    }
    // EventSource reconnects on its own after an error; nothing to do here.
  };

  const closeIfIdle = () => {
    const active = [...listeners.values()].some((set) => set.size > 0);
    if (!active && source) {
      source.close();
      source = null;
    }
  };

  return {
    async call<M extends ApiMethod>(method: M, request: ApiRequest<M>) {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ method, request }),
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiError('internal', '无法连接到台账服务，请确认程序仍在运行后重试。');
      }
      if (response.status === 403) throw new ApiError('forbidden', NO_SESSION_MESSAGE);
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
      ensureEventSource();
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
