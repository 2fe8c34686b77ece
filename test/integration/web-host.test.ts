/**
 * The web door over real HTTP: it serves the page with its token, answers
 * API calls that carry the token, and refuses everything else.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { SESSION_COOKIE, startWebHost, type WebHost } from '../../electron/web/host';
import { tempDir } from '../helpers/tempDb';

let core: Core;
let host: WebHost;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  // A stand-in renderer folder: this test is about the host, not the UI build.
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
  core = openCore({ dbPath: path.join(t.dir, 'taizhang.db') });
  host = await startWebHost({ core, rendererDir, port: 0 });
});

afterAll(async () => {
  await host.close();
  core.close();
  cleanup();
});

/** Raw HTTP so the Host and Origin headers can be set as an attacker would. */
function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
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
    headers: { 'Content-Type': 'application/json', 'X-Taizhang-Token': host.token, ...headers },
    body: JSON.stringify({ method, request: req }),
  });

describe('web host', () => {
  it('listens on 127.0.0.1; the address with the token becomes an HttpOnly session cookie', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    const first = await request(`/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}=${host.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const page = await request('/', { headers: { Cookie: `${SESSION_COOKIE}=${host.token}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>科创台账</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('never puts the token into the page, and refuses the page without the session', async () => {
    const anonymous = await request('/');
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toContain('请使用启动时显示的地址打开科创台账');
    expect(anonymous.body).not.toContain(host.token);
    const wrong = await request(`/?token=${'0'.repeat(host.token.length)}`);
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const page = await request('/', { headers: { Cookie: `${SESSION_COOKIE}=${host.token}` } });
    expect(page.body).not.toContain(host.token);
  });

  it('answers API calls that carry the session cookie', async () => {
    const res = await request('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `${SESSION_COOKIE}=${host.token}` },
      body: JSON.stringify({ method: 'app.info', request: {} }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).value.counts.tasks).toBe(16);
    const forged = await request('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `${SESSION_COOKIE}=nope` },
      body: JSON.stringify({ method: 'app.info', request: {} }),
    });
    expect(forged.status).toBe(403);
  });

  it('answers an oversized request with a Chinese 413, not a reset connection', async () => {
    const res = await request('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Taizhang-Token': host.token },
      body: JSON.stringify({ method: 'app.info', request: { pad: 'x'.repeat(21 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toContain('请求过大');
  });

  it('answers API calls that carry the token', async () => {
    const res = await call('app.info', {});
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(true);
    expect(body.value.counts.tasks).toBe(16);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const none = await request('/api/call', { method: 'POST', body: '{"method":"app.info","request":{}}' });
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body).error.code).toBe('forbidden');
    const wrong = await call('app.info', {}, { 'X-Taizhang-Token': 'x'.repeat(host.token.length) });
    expect(wrong.status).toBe(403);
    const events = await request('/api/events');
    expect(events.status).toBe(403);
    const eventsWithQueryToken = await request(`/api/events?token=${host.token}`);
    expect(eventsWithQueryToken.status).toBe(403);
  });

  it('refuses requests naming another host (DNS rebinding) or coming from another origin', async () => {
    const rebound = await request(`/?token=${host.token}`, { headers: { Host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain(host.token);
    const crossOrigin = await call('app.info', {}, { Origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);
  });

  it('validates requests and reports errors in Chinese', async () => {
    const bad = JSON.parse((await call('tasks.table', { planId: -1 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const notJson = await request('/api/call', {
      method: 'POST',
      headers: { 'X-Taizhang-Token': host.token },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toContain('JSON');
  });

  it('serves built files but nothing outside the renderer folder', async () => {
    expect((await request('/assets/app.js')).status).toBe(200);
    expect((await request('/../secret.txt')).status).toBe(404);
    expect((await request('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await request('/assets/missing.js')).status).toBe(404);
  });
});
