/**
 * A sync interrupted by killing the server mid-push loses nothing and
 * resumes. `taizhang serve` runs as its own process behind a small proxy on
 * the loopback that can SIGKILL it at the worst moments of a push: before the
 * request reaches it, and after it committed but before its answer got back.
 * The desktop syncs with the real `taizhang sync` command (--password-stdin,
 * --json, exit statuses). The server's store is the project's engine
 * (test/helpers/testStore.ts): `taizhang serve --db FILE` or `--db postgres://…`
 * killed; the desktop is a SQLite file. After each kill the server is started
 * again on the same store; the next `taizhang sync` sends the very same batch from the
 * outbox, and the server applies it once — never twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../shared/sync/views';
import { addAccount, PASSWORD } from '../helpers/accounts';
import { ROOT, taizhang } from '../helpers/cli';
import { desktopValue, openDesktop, type Desktop } from '../helpers/sync';
import { testStore, type TestStore } from '../helpers/testStore';

let dir: string;
/** The server's store: what `taizhang serve --db` is given. */
let s: TestStore;
let serverDb: string;
let rendererDir: string;
let child: ChildProcess | null = null;
let target = '';
let proxy: http.Server;
let proxyUrl = '';
let mode: 'pass' | 'kill-before' | 'kill-after' = 'pass';
let kills = 0;
let desktop: Desktop;
let serverIds: { planId: number; hongdu: number; contract: number };

async function startServe(): Promise<void> {
  const c = spawn(process.execPath, [path.join(ROOT, 'bin/taizhang.mjs'), 'serve', '--db', serverDb, '--host', '127.0.0.1', '--port', '0', '--json'], {
    cwd: ROOT,
    env: { ...process.env, TAIZHANG_RENDERER_DIR: rendererDir },
  });
  let out = '';
  let err = '';
  c.stderr!.on('data', (d) => (err += d));
  const first = await new Promise<string>((resolve, reject) => {
    c.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    c.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  child = c;
  target = (JSON.parse(first) as { url: string }).url;
}

function killServe(): Promise<void> {
  const c = child!;
  child = null;
  kills++;
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

/** The first column of the first row, read from the server's store directly (undefined when there is no row). */
const readServer = async <T>(sql: string, ...args: unknown[]): Promise<T> => {
  const [row] = await s.rows<Record<string, unknown>>(sql, ...args);
  return (row ? Object.values(row)[0] : undefined) as T;
};
const serverValue = async (period: string) => (await readServer<number | undefined>('SELECT value FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?', serverIds.contract, serverIds.hongdu, period)) ?? null;
const historyCount = (period: string, value: number) =>
  readServer<number>('SELECT count(*) FROM figure_history WHERE indicator_id = ? AND unit_id = ? AND period = ? AND new_value = ?', serverIds.contract, serverIds.hongdu, period, value);

async function sync(): Promise<{ code: number; report: SyncReport | null; stderr: string }> {
  const r = await taizhang(['sync', '--db', desktop.dbPath, '--server', proxyUrl, '--account', '洪都填报员', '--password-stdin', '--operator', '王芳', '--json'], {}, `${PASSWORD}\n`);
  let report: SyncReport | null = null;
  try {
    report = JSON.parse(r.stdout) as SyncReport;
  } catch {
    report = null;
  }
  return { code: r.code, report, stderr: r.stderr };
}

const outboxCount = () => desktopValue<number>(desktop, 'SELECT count(*) FROM sync_outbox');

beforeAll(async () => {
  // The district's store: the example plan, no operator (each call names its caller).
  s = await testStore('example', { operator: null });
  dir = s.dir;
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  serverDb = s.db;
  const core = s.core;
  const planId = ((await core.call('plans.list', {})) as { ok: true; value: { id: number }[] }).value[0].id;
  const units = ((await core.call('plan.units', { planId })) as { ok: true; value: { units: { id: number; name: string }[] } }).value.units;
  const sheet = (await core.call('entry.sheet', { planId, period: '2022-09' })) as { ok: true; value: { table: { indicators: { id: number; name: string }[] } } };
  serverIds = { planId, hongdu: units.find((u) => u.name === '洪都街道')!.id, contract: sheet.value.table.indicators.find((i) => i.name === '技术合同成交额')!.id };
  await addAccount(core, '王区', 'admin');
  await addAccount(core, '洪都填报员', 'entry', serverIds.hongdu);
  // The command's process is the server: this process's core lets go of the store.
  await core.close();
  await startServe();

  proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const isPush = body.includes('"sync.push"');
    if (isPush && mode === 'kill-before') {
      await killServe();
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    for (const k of ['content-type', 'cookie', 'x-taizhang-csrf']) if (typeof req.headers[k] === 'string') headers[k] = req.headers[k] as string;
    let up: Response;
    try {
      up = await fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    } catch {
      req.socket.destroy();
      return;
    }
    const answer = Buffer.from(await up.arrayBuffer());
    if (isPush && mode === 'kill-after') {
      // The server committed and answered; it dies before the answer gets back.
      await killServe();
      req.socket.destroy();
      return;
    }
    const cookies = up.headers.getSetCookie();
    res.writeHead(up.status, { 'Content-Type': up.headers.get('content-type') ?? 'application/json', ...(cookies.length ? { 'Set-Cookie': cookies } : {}) });
    res.end(answer);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  desktop = openDesktop(dir, 'hongdu', '王芳');
}, 60_000);

afterAll(async () => {
  desktop?.core.close();
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
  if (child) await killServe();
  await s?.close();
});

async function localIds() {
  const plans = await desktop.call<{ id: number }[]>('plans.list', {});
  const planId = plans[0].id;
  const units = await desktop.call<{ units: { id: number; name: string }[] }>('plan.units', { planId });
  const sheet = await desktop.call<{ table: { indicators: { id: number; name: string }[] } }>('entry.sheet', { planId, period: '2022-09' });
  return { planId, unit: units.units.find((u) => u.name === '洪都街道')!.id, contract: sheet.table.indicators.find((i) => i.name === '技术合同成交额')!.id };
}

describe('taizhang sync with the server killed mid-push', () => {
  it('the first sync brings the plan (exit 0, --json report)', async () => {
    const r = await sync();
    expect(r.code, r.stderr).toBe(0);
    expect(r.report).toMatchObject({ ok: true, pulled: { created: 1 } });
  }, 60_000);

  it('killed before the push reaches it: exit 1, the batch stays queued; after a restart it is sent, once', async () => {
    const ids = await localIds();
    await desktop.call('entry.save', { planId: ids.planId, edits: [{ indicatorId: ids.contract, unitId: ids.unit, period: '2022-09', value: 2.7, confirmed: true }] });
    mode = 'kill-before';
    const r = await sync();
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ ok: false, offline: true, queued: 1 });
    expect(outboxCount()).toBe(1);
    expect(await serverValue('2022-09')).not.toBe(2.7);
    expect(kills).toBe(1);

    mode = 'pass';
    await startServe();
    const again = await sync();
    expect(again.code, again.stderr).toBe(0);
    expect(again.report).toMatchObject({ ok: true, queued: 0, pushed: { applied: 1, resent: 0 } });
    expect(outboxCount()).toBe(0);
    expect(await serverValue('2022-09')).toBe(2.7);
    expect(await historyCount('2022-09', 2.7)).toBe(1);
  }, 60_000);

  it('killed after it committed but before it answered: the resent batch gets the first answer, nothing applied twice', async () => {
    const ids = await localIds();
    await desktop.call('entry.save', { planId: ids.planId, edits: [{ indicatorId: ids.contract, unitId: ids.unit, period: '2022-10', value: 3.3, confirmed: true }] });
    mode = 'kill-after';
    const r = await sync();
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ ok: false, offline: true });
    expect(outboxCount()).toBe(1);
    // The server did take it before it died.
    expect(await serverValue('2022-10')).toBe(3.3);
    expect((await desktop.marks(ids.planId)).marks).toContainEqual(expect.objectContaining({ period: '2022-10', state: 'queued' }));

    mode = 'pass';
    await startServe();
    const again = await sync();
    expect(again.code, again.stderr).toBe(0);
    expect(again.report).toMatchObject({ ok: true, queued: 0, pushed: { resent: 1, applied: 1 } });
    expect(outboxCount()).toBe(0);
    expect(await historyCount('2022-10', 3.3)).toBe(1);
    expect(await readServer<number>('SELECT count(*) FROM sync_batches')).toBe(2);
    expect((await desktop.marks(ids.planId)).marks).toContainEqual(expect.objectContaining({ period: '2022-10', state: 'sent' }));
    // Nothing left to send.
    const quiet = await sync();
    expect(quiet.report).toMatchObject({ ok: true, pushed: { batches: 0, resent: 0 } });
  }, 60_000);

  it('wrong usage is exit 2; a wrong password is refused, exit 1', async () => {
    expect((await taizhang(['sync', 'extra', '--db', desktop.dbPath])).code).toBe(2);
    const wrong = await taizhang(['sync', '--db', desktop.dbPath, '--password-stdin', '--operator', '王芳'], {}, 'not-the-password\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/服务器拒绝登录/);
  }, 60_000);
});
