/**
 * The core's process: opens the database and answers the main process's
 * calls, so a 14 MB workbook or the 2,000 × 40 完成情况 table never blocks
 * Electron's main thread (menus, dialogs, every IPC reply). Runs as an
 * Electron utilityProcess (process.parentPort); the same code runs under a
 * Node child process (process.send) for tests.
 */
import { openCore, type Core } from '../core';
import { failureOf } from '../core/failure';
import { errorLogBeside } from '../core/log';
import { API_EVENT_NAMES } from '../../shared/api/events';
import type { FromCore, ToCore } from './protocol';
import { ApiError } from '../../shared/api/errors';
import { NO_SECRET_STORE, SYSTEM_SECRET_PLACE, type SecretStore } from '../core/sync/secrets';
import type { SecretAnswer } from '../secretRelay';

/**
 * The system's credential store as the core's process reaches it: through main (safeStorage lives
 * there), one request per encrypt/decrypt. `kind` comes from main at start (TAIZHANG_CORE_SECRETS).
 */
export function relayedSecretStore(port: HostPort, kind: string | undefined): { store: SecretStore; answer(id: number, a: SecretAnswer): void } {
  const pending = new Map<number, (a: SecretAnswer) => void>();
  let next = 1;
  const ask = (request: { op: 'encrypt'; text: string } | { op: 'decrypt'; stored: string }) =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      pending.set(id, (a) => (a.ok ? resolve(String(a.value)) : reject(new ApiError('bad_request', a.message))));
      port.send({ type: 'secret', id, request });
    });
  const store: SecretStore =
    kind === 'system'
      ? { place: SYSTEM_SECRET_PLACE, encrypt: (text) => ask({ op: 'encrypt', text }), decrypt: (stored) => ask({ op: 'decrypt', stored }) }
      : NO_SECRET_STORE;
  return {
    store,
    answer(id, a) {
      pending.get(id)?.(a);
      pending.delete(id);
    },
  };
}

/** Where messages come from and go to: parentPort in Electron, the IPC channel of a Node child. */
export interface HostPort {
  send(message: FromCore): void;
  onMessage(listener: (message: ToCore) => void): void;
}

export function electronOrNodePort(proc: NodeJS.Process = process): HostPort {
  const parentPort = (proc as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', fn: (ev: { data: unknown }) => void): void } }).parentPort;
  if (parentPort) {
    return { send: (m) => parentPort.postMessage(m), onMessage: (fn) => parentPort.on('message', (ev) => fn(ev.data as ToCore)) };
  }
  if (proc.send) return { send: (m) => void proc.send!(m), onMessage: (fn) => proc.on('message', (m) => fn(m as ToCore)) };
  throw new Error('core host started without a channel to its parent');
}

/** Opens the core and serves the port until it says close; `exit` ends the process. */
export function runCoreHost(port: HostPort, dbPath: string, exit: (code: number) => void, secretsKind?: string): void {
  let core: Core;
  const secrets = relayedSecretStore(port, secretsKind);
  try {
    // A new database starts empty: the window offers 打开示例 or 新建台账 (first run).
    core = openCore({ dbPath, seedIfNew: false, secrets: secrets.store });
  } catch (err) {
    const { error, unexpected } = failureOf(err, { dbPath });
    if (unexpected) errorLogBeside(dbPath).error('core process start', err);
    port.send({ type: 'failed', message: error.message });
    exit(1);
    return;
  }
  for (const name of API_EVENT_NAMES) core.on(name, (payload) => port.send({ type: 'event', name, payload }));
  port.onMessage((message) => {
    if (message.type === 'secret-answer') {
      secrets.answer(message.id, message.answer);
      return;
    }
    if (message.type === 'close') {
      core.close();
      port.send({ type: 'closed' });
      exit(0);
      return;
    }
    if (message.type === 'call') {
      // core.call never throws: errors come back as results in Chinese.
      void core.call(message.method, message.request).then((result) => port.send({ type: 'result', id: message.id, result }));
    }
  });
  port.send({ type: 'ready', dbPath });
}
