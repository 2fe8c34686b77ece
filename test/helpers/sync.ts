/** Desktops that sync with a `taizhang serve`, for the tests: a core on its own file, calls as its operator. */
import path from 'node:path';
import { openCore, type Core } from '../../electron/core';
import type { SecretStore } from '../../electron/core/sync/secrets';
import { SYSTEM_SECRET_PLACE } from '../../electron/core/sync/secrets';
import type { SyncMarks, SyncReport, SyncSettingsView } from '../../shared/sync/views';

/** A stand-in for Electron's safeStorage: reversible, and visibly not the clear text. */
export function fakeSystemStore(): SecretStore & { encrypted: string[] } {
  const encrypted: string[] = [];
  return {
    place: SYSTEM_SECRET_PLACE,
    encrypted,
    encrypt: async (text) => {
      const out = Buffer.from(`enc:${[...text].reverse().join('')}`).toString('base64');
      encrypted.push(out);
      return out;
    },
    decrypt: async (stored) => [...Buffer.from(stored, 'base64').toString().slice(4)].reverse().join(''),
  };
}

export interface Desktop {
  core: Core;
  dbPath: string;
  call<T>(method: string, request: unknown): Promise<T>;
  sync(password?: string): Promise<SyncReport>;
  settings(): Promise<SyncSettingsView>;
  marks(planId: number): Promise<SyncMarks>;
}

export function openDesktop(dir: string, name: string, operator: string, secrets?: SecretStore): Desktop {
  const dbPath = path.join(dir, `${name}.db`);
  const core = openCore({ dbPath, seedIfNew: false, secrets });
  const call = async <T>(method: string, request: unknown): Promise<T> => {
    const r = await core.call(method, request, { kind: 'command', operator });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as T;
  };
  return {
    core,
    dbPath,
    call,
    sync: (password) => call<SyncReport>('sync.run', password ? { password } : {}),
    settings: () => call<SyncSettingsView>('sync.settings', {}),
    marks: (planId) => call<SyncMarks>('sync.marks', { planId }),
  };
}
