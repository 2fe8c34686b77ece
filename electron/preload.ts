/**
 * Runs sandboxed, before the renderer, with contextIsolation: it may require
 * only 'electron' (everything else is bundled by scripts/build-electron.mjs).
 *
 * Exposes exactly window.taizhang = { call, on } — the IPC half of the
 * renderer's ApiTransport. ipcRenderer itself never crosses the bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc';

const api = {
  /** Resolves with the core's ApiResult ({ ok, value } or { ok: false, error }). */
  call(method: string, request: unknown): Promise<unknown> {
    return ipcRenderer.invoke(CALL_CHANNEL, String(method), request);
  },
  /** Subscribes to one core event; returns the function that unsubscribes. */
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const name = String(event);
    const handler = (_e: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('taizhang', api);
