/**
 * The main process's side of the core's process: calls go out by id and come
 * back as results, events reach the listeners, and a process that dies
 * answers every waiting call in Chinese instead of leaving the window hanging
 * (the next call starts a new one).
 */
import type { ApiEventName, ApiEvents } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import type { FromCore, ToCore } from './protocol';
import type { SecretAnswer, SecretRequest } from '../secretRelay';

/** What main.ts needs of a child process: Electron's UtilityProcess has exactly this shape. */
export interface CoreChild {
  postMessage(message: ToCore): void;
  on(event: 'message', listener: (message: FromCore) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface CoreClient {
  readonly dbPath: string;
  call(method: string, request: unknown): Promise<ApiResult<unknown>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  close(): Promise<void>;
}

/** The core's process said it could not open the database: `message` is its Chinese reason. */
export class CoreStartFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreStartFailure';
  }
}

export const CORE_GONE_MESSAGE = '台账数据服务意外停止了，刚才的操作可能没有完成（已完成的修改都已保存）。请重试；若反复出现，请重新打开科创台账。';

/** Starts the core's process (through `spawn`) and resolves once its database is open; rejects with the Chinese reason otherwise. */
export function connectCore(spawn: () => CoreChild, dbPath: string, secrets?: (request: SecretRequest) => SecretAnswer): Promise<CoreClient> {
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>();
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  let nextId = 1;
  let child: CoreChild | null = null;
  let starting: Promise<CoreChild> | null = null;
  let closing = false;

  const start = (): Promise<CoreChild> =>
    new Promise((resolve, reject) => {
      const c = spawn();
      let ready = false;
      c.on('message', (m: FromCore) => {
        if (m.type === 'ready') {
          ready = true;
          child = c;
          resolve(c);
        } else if (m.type === 'failed') reject(new CoreStartFailure(m.message));
        else if (m.type === 'result') {
          pending.get(m.id)?.(m.result);
          pending.delete(m.id);
        } else if (m.type === 'event') listeners.get(m.name)?.forEach((fn) => fn(m.payload));
        else if (m.type === 'secret') {
          c.postMessage({ type: 'secret-answer', id: m.id, answer: secrets ? secrets(m.request) : { ok: false, message: '本机没有可用的系统凭据存储。' } });
        }
      });
      c.on('exit', () => {
        if (child === c) child = null;
        if (!ready) reject(new CoreStartFailure(CORE_GONE_MESSAGE));
        for (const [id, answer] of pending) {
          answer({ ok: false, error: { code: 'internal', message: CORE_GONE_MESSAGE } });
          pending.delete(id);
        }
      });
    });

  const running = (): Promise<CoreChild> => {
    if (child) return Promise.resolve(child);
    starting ??= start().finally(() => (starting = null));
    return starting;
  };

  return running().then(() => ({
    dbPath,
    async call(method, request) {
      if (closing) return { ok: false, error: { code: 'internal', message: '数据库已关闭。' } };
      let c: CoreChild;
      try {
        c = await running();
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: (err as Error).message } };
      }
      const id = nextId++;
      return new Promise<ApiResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        c.postMessage({ type: 'call', id, method, request });
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
    close() {
      closing = true;
      const c = child;
      if (!c) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          c.kill();
          resolve();
        }, 5000);
        c.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        c.postMessage({ type: 'close' });
      });
    },
  }));
}
