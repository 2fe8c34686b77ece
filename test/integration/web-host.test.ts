/**
 * The web door over real HTTP: the page and its assets carry no secret; the
 * printed token opens per-tab sessions; every API request is authorised by
 * the x-taizhang-token header alone (never a cookie, which browsers send to
 * every port of 127.0.0.1); each session writes under its own operator.
 */
import fs from 'node:fs';
import http from 'node:http';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { startWebHost, type WebHost } from '../../electron/web/host';
import { MAX_SESSIONS } from '../../electron/web/sessions';
import { tempDir } from '../helpers/tempDb';

let core: Core;
let host: WebHost;
let dir: string;
let cleanup: () => void;
const consoleErrors = vi.fn();

beforeAll(async () => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  // A stand-in renderer folder: this test is about the host, not the UI build.
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
  core = openCore({ dbPath: path.join(t.dir, 'taizhang.db') });
  host = await startWebHost({ core, rendererDir, port: 0 });
  vi.spyOn(console, 'error').mockImplementation(consoleErrors);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await host.close();
  core.close();
  cleanup();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP so the Host, Origin and Cookie headers can be set as another program would. */
function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const call = (method: string, req: unknown, headers: Record<string, string> = {}) =>
  request('/api/call', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ method, request: req }),
  });

const as = (secret: string) => ({ 'X-Taizhang-Token': secret });

async function openSession(token = host.token): Promise<Answer & { secret: string }> {
  const res = await request('/api/session', { method: 'POST', headers: as(token) });
  return { ...res, secret: res.status === 200 ? JSON.parse(res.body).value.session : '' };
}

/** 洪都街道 and the plan's first monthly indicator, read straight from the file. */
const firstIndicator = async () => {
  const db = new Database(path.join(dir, 'taizhang.db'), { readonly: true });
  try {
    const planId = db.prepare('SELECT id FROM plans ORDER BY id LIMIT 1').pluck().get() as number;
    const indicatorId = db.prepare("SELECT id FROM indicators WHERE plan_id = ? AND frequency = 'monthly' ORDER BY id LIMIT 1").pluck().get(planId) as number;
    const unitId = db.prepare("SELECT id FROM units WHERE name = '洪都街道'").pluck().get() as number;
    return { planId, unitId, indicatorId };
  } finally {
    db.close();
  }
};

describe('web host: no secret in the page, no cookie', () => {
  it('listens on 127.0.0.1 and serves the page and assets to anyone, without the token or any cookie', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    for (const url of ['/', `/?token=${host.token}`, '/index.html']) {
      const page = await request(url);
      expect(page.status, url).toBe(200);
      expect(page.body).toContain('<title>科创台账</title>');
      expect(page.body).not.toContain(host.token);
      expect(page.headers['set-cookie'], url).toBeUndefined();
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await request('/assets/app.js')).status).toBe(200);
  });

  it('the printed token opens a session (never set as a cookie); nothing else does', async () => {
    const opened = await openSession();
    expect(opened.status).toBe(200);
    expect(opened.headers['set-cookie']).toBeUndefined();
    expect(opened.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(opened.secret).not.toBe(host.token);
    expect((await openSession('0'.repeat(host.token.length))).status).toBe(403);
    expect((await request('/api/session', { method: 'POST' })).status).toBe(403);
    // A tab's secret cannot mint further sessions; only the printed token can.
    expect((await openSession(opened.secret)).status).toBe(403);
    // The token in the address or a cookie is not the header.
    expect((await request(`/api/session?token=${host.token}`, { method: 'POST' })).status).toBe(403);
  });

  it('answers API calls that carry the token or a session in the header, and nothing else', async () => {
    const { secret } = await openSession();
    for (const headers of [as(host.token), as(secret)]) {
      const res = await call('app.info', {}, headers);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).value.counts.tasks).toBe(16);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const refusals: Record<string, string>[] = [
      {},
      as('x'.repeat(host.token.length)),
      as(`${secret}x`),
      // What another local program received under the old scheme: the token as a cookie. A cookie alone is nothing.
      { Cookie: `taizhang_session=${host.token}` },
      { Cookie: `taizhang_session=${secret}` },
    ];
    for (const headers of refusals) {
      const res = await call('app.info', {}, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.body).error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('启动时显示的地址') });
    }
    expect((await request('/api/events')).status).toBe(403);
    expect((await request(`/api/events?token=${host.token}`)).status).toBe(403);
    expect((await request('/api/events', { headers: { Cookie: `taizhang_session=${host.token}` } })).status).toBe(403);
  });

  it('refuses requests naming another host (DNS rebinding) or coming from another origin, even with the token', async () => {
    const rebound = await request(`/?token=${host.token}`, { headers: { Host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain(host.token);
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null']) {
      expect((await call('app.info', {}, { ...as(host.token), Origin: origin })).status, origin).toBe(403);
      expect((await request('/api/session', { method: 'POST', headers: { ...as(host.token), Origin: origin } })).status).toBe(403);
    }
    expect((await call('app.info', {}, { ...as(host.token), Origin: host.origin })).status).toBe(200);
  });
});

describe('web host: each tab its own operator', () => {
  it('a tab names itself; another tab, the scripts and the PC setting stay unnamed', async () => {
    const { planId, unitId, indicatorId } = await firstIndicator();
    const a = (await openSession()).secret;
    const b = (await openSession()).secret;
    const get = async (headers: Record<string, string>) => JSON.parse((await call('operator.get', {}, headers)).body).value.name;
    expect(await get(as(a))).toBeNull();
    expect(JSON.parse((await call('operator.set', { name: '张敏' }, as(a))).body)).toEqual({ ok: true, value: { name: '张敏' } });
    expect(await get(as(a))).toBe('张敏');
    expect(await get(as(b))).toBeNull();
    expect(await core.call('operator.get', {})).toEqual({ ok: true, value: { name: null } });

    // Tab b's first write is refused with what to do (the page asks before writing); tab a's is recorded under 张敏.
    const edit = (value: number) => ({ planId, edits: [{ indicatorId, unitId, period: '2022-09', value }] });
    const refused = JSON.parse((await call('entry.save', edit(0.01), as(b))).body);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('操作员') } });
    const saved = JSON.parse((await call('entry.save', edit(0.02), as(a))).body);
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);

    // A script names itself once with the printed token; that name holds for its later calls.
    expect(await get(as(host.token))).toBeNull();
    await call('operator.set', { name: '统计脚本' }, as(host.token));
    expect(JSON.parse((await call('entry.save', edit(0.03), as(host.token))).body).ok).toBe(true);
    expect(await get(as(host.token))).toBe('统计脚本');
    expect(await get(as(a))).toBe('张敏');

    const history = await core.call('entry.history', { planId, indicatorId, unitId, period: '2022-09' });
    expect(history.ok && (history.value as { newValue: number; changedBy: string }[]).map((h) => [h.newValue, h.changedBy])).toEqual([
      [0.02, '张敏'],
      [0.03, '统计脚本'],
    ]);
    expect(await core.call('operator.get', {})).toEqual({ ok: true, value: { name: null } });
  });

  it(`keeps at most ${MAX_SESSIONS} sessions, forgetting the least recently used`, async () => {
    const first = (await openSession()).secret;
    const second = (await openSession()).secret;
    await call('operator.set', { name: '李华' }, as(first));
    for (let i = 0; i < MAX_SESSIONS - 2; i++) await openSession();
    // `first` was used after `second` was opened: `second` is now the oldest and goes when one more opens.
    await call('app.info', {}, as(first));
    await openSession();
    expect((await call('app.info', {}, as(second))).status).toBe(403);
    expect(JSON.parse((await call('operator.get', {}, as(first))).body).value.name).toBe('李华');
    expect((await call('app.info', {}, as(host.token))).status).toBe(200);
  });
});

describe('web host: events and errors', () => {
  it('streams events to a session that asks with its header', async () => {
    const { secret } = await openSession();
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: as(secret) }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes('event: data.changed')) {
            req.destroy();
            resolve(text);
          }
        });
        void call('operator.set', { name: '王芳' }, as(host.token)).then(() => core.call('operator.set', { name: '本机' }));
      });
      req.on('error', reject);
    });
    expect(received).toMatch(/event: data\.changed\ndata: \{"planId":null,"reason":"operator"\}/);
  });

  it('answers an oversized request with a Chinese 413, not a reset connection', async () => {
    const res = await request('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...as(host.token) },
      body: JSON.stringify({ method: 'app.info', request: { pad: 'x'.repeat(21 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toContain('请求过大');
  });

  it('validates requests and reports errors in Chinese', async () => {
    const bad = JSON.parse((await call('tasks.table', { planId: -1 }, as(host.token))).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', message: '字段“planId”不正确：应大于 0' } });
    const notJson = await request('/api/call', { method: 'POST', headers: as(host.token), body: '{not json' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toContain('JSON');
  });

  it('serves built files but nothing outside the renderer folder', async () => {
    expect((await request('/assets/app.js')).status).toBe(200);
    expect((await request('/../secret.txt')).status).toBe(404);
    expect((await request('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await request('/assets/%2e%2e%2f%2e%2e%2fsecret.txt')).status).toBe(404);
    expect((await request('/assets/missing.js')).status).toBe(404);
  });

  it('answers a malformed address with 400, logging nothing; never writes the token or a session to the log or the terminal', async () => {
    const log = path.join(dir, 'taizhang.log');
    const before = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    for (const url of ['/%E0%A4%A', '/api/%E0%A4%A', '/assets/%ZZ.js']) {
      const res = await request(url);
      expect(res.status, url).toBe(400);
      expect(JSON.parse(res.body).error.message).toContain('地址无效');
    }
    const after = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    expect(after).toBe(before);
    expect(after).not.toContain(host.token);
    expect(consoleErrors).not.toHaveBeenCalled();
  });
});
