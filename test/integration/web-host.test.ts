/**
 * The web door over real HTTP: it serves the page with its token, answers
 * API calls that carry the token, and refuses everything else.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { startWebHost, type WebHost } from '../../electron/web/host';
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
  it('listens on 127.0.0.1 and hands the page its token, under a strict CSP', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="taizhang-token" content="${host.token}">`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
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
  });

  it('refuses requests naming another host (DNS rebinding) or coming from another origin', async () => {
    const rebound = await request('/', { headers: { Host: `evil.example:${host.port}` } });
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
