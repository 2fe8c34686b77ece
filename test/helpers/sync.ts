/** Desktops that sync with a `taizhang serve`, and the district's server, for the tests: each a core on its own file. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type Server } from '../../electron/web/server';
import { addAccount } from './accounts';
import type { EngineStore } from './engines';
import type { TestStore } from './testStore';
import type { AccountView } from '../../shared/accounts/roles';
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

/** The first column of the first row of plain SQL on a desktop's own SQLite file, read by a connection of its own (as another program would). */
export function desktopValue<T>(d: Desktop, sql: string, ...args: unknown[]): T {
  const db = new Database(d.dbPath, { readonly: true });
  try {
    return db.prepare(sql).pluck().get(...args) as T;
  } finally {
    db.close();
  }
}

/**
 * The district's `taizhang serve` for a sync test: a real server on the loopback over its own SQLite
 * file (the 青云谱区 2022 example), with 王区 (admin) and one 填报员 account per street named.
 * Ids are the server's; `call` speaks as the district (王区), `read` reads its file directly.
 */
export interface DistrictServer extends District {
  core: Core;
  server: Server;
  dbPath: string;
  read<T>(sql: string, ...args: unknown[]): T;
  close(): Promise<void>;
}

/** The district's plan on a server's core: its ids, and `call` as the district (王区). */
export interface District {
  planId: number;
  unit: Record<string, number>;
  ind: Record<string, number>;
  /** task seq → server task id */
  task: Record<number, number>;
  /** The accounts added: 王区 and the streets' 填报员, by name. */
  accounts: Record<string, AccountView>;
  call<T>(method: string, request: unknown): Promise<T>;
}

/** A folder with the one page a test's server serves (no UI is under test). */
function rendererFolder(dir: string): string {
  const rendererDir = path.join(dir, 'server-renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  return rendererDir;
}

/** The ids of the example's plan on a server's core, and its accounts: 王区 (admin), one 填报员 per street named. */
async function districtOn(core: Core, streets: Record<string, string>): Promise<District> {
  const call = async <T>(method: string, request: unknown): Promise<T> => {
    const r = await core.call(method, request, { kind: 'command', operator: '王区' });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as T;
  };
  const planId = (await call<{ id: number }[]>('plans.list', {}))[0].id;
  const unit: Record<string, number> = {};
  for (const u of (await call<{ units: { id: number; name: string }[] }>('plan.units', { planId })).units) unit[u.name] = u.id;
  const ind: Record<string, number> = {};
  for (const i of (await call<{ table: { indicators: { id: number; name: string }[] } }>('entry.sheet', { planId, period: '2022-09' })).table.indicators) ind[i.name] = i.id;
  const task: Record<number, number> = {};
  for (const line of (await call<{ actionLines: { tasks: { id: number; seq: number }[] }[] }>('tasks.table', { planId })).actionLines) for (const t of line.tasks) task[t.seq] = t.id;
  const accounts: Record<string, AccountView> = { 王区: await addAccount(core, '王区', 'admin') };
  for (const [account, street] of Object.entries(streets)) accounts[account] = await addAccount(core, account, 'entry', unit[street]);
  return { planId, unit, ind, task, accounts, call };
}

export async function startDistrictServer(dir: string, streets: Record<string, string>): Promise<DistrictServer> {
  const rendererDir = rendererFolder(dir);
  const dbPath = path.join(dir, 'server.db');
  const core = openCore({ dbPath });
  const district = await districtOn(core, streets);
  const server = await startServer({ core, rendererDir, port: 0 });
  return {
    ...district,
    core,
    server,
    dbPath,
    read: <T>(sql: string, ...args: unknown[]) => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare(sql).get(...args) as T;
      } finally {
        db.close();
      }
    },
    close: async () => {
      await server.close();
      core.close();
    },
  };
}

/**
 * The district's `taizhang serve` over a store from test/helpers/testStore.ts (the project's engine: a
 * SQLite file or a PostgreSQL database) holding the example, with 王区 (admin) and one 填报员 account
 * per street named: startDistrictServer's counterpart for the files that run on both engines. `read`
 * reads the store directly (`?` placeholders on both engines); `close` stops the server and closes
 * the store. The desktops stay SQLite files (openDesktop): a desktop is one PC's.
 */
export interface StoreDistrictServer extends District {
  s: TestStore;
  core: Core;
  server: Server;
  /** The first row of plain SQL on the server's store (undefined when there is none). */
  read<T>(sql: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function serveDistrictStore(s: TestStore, streets: Record<string, string>): Promise<StoreDistrictServer> {
  const district = await districtOn(s.core, streets);
  const server = await startServer({ core: s.core, rendererDir: rendererFolder(s.dir), port: 0 });
  return {
    ...district,
    s,
    core: s.core,
    server,
    read: async <T>(sql: string, ...args: unknown[]) => (await s.rows<T>(sql, ...args))[0],
    close: async () => {
      await server.close();
      await s.close();
    },
  };
}

/**
 * `taizhang serve` over a store of either engine (test/helpers/engines.ts) that holds the example: the
 * server door on the loopback over that store's core, as `taizhang serve --db FILE|postgres://…` runs it.
 */
export async function serveEngine(s: EngineStore, dir: string, streets: Record<string, string>): Promise<District & { server: Server }> {
  const district = await districtOn(s.core, streets);
  return { ...district, server: await startServer({ core: s.core, rendererDir: rendererFolder(dir), port: 0 }) };
}

/** A desktop's own ids of its synced plan: units, indicators by name, tasks by seq. */
export async function desktopIds(d: Desktop) {
  const planId = (await d.call<{ id: number }[]>('plans.list', {}))[0].id;
  const units = await d.call<{ units: { id: number; name: string }[] }>('plan.units', { planId });
  const sheet = await d.call<{ table: { indicators: { id: number; name: string }[] } }>('entry.sheet', { planId, period: '2022-09' });
  const tasks = await d.call<{ actionLines: { tasks: { id: number; seq: number }[] }[] }>('tasks.table', { planId });
  return {
    planId,
    unit: Object.fromEntries(units.units.map((u) => [u.name, u.id])) as Record<string, number>,
    ind: Object.fromEntries(sheet.table.indicators.map((i) => [i.name, i.id])) as Record<string, number>,
    task: Object.fromEntries(tasks.actionLines.flatMap((l) => l.tasks.map((t) => [t.seq, t.id]))) as Record<number, number>,
  };
}
