/**
 * The web host: the built renderer and the core's API over HTTP, on
 * 127.0.0.1 only.
 *
 * Who may use it: whoever opens the address printed at start, which carries
 * a per-run token (…/?token=…). That first request swaps the token for an
 * HttpOnly, SameSite=Strict session cookie and redirects to a clean address;
 * the page and every API request then need the cookie (or, for scripts, the
 * X-Taizhang-Token header). The page itself never contains the token, so
 * another local process or user cannot fetch it from the server. The Host
 * header must name us (DNS rebinding) and a cross-origin Origin is refused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core';
import type { ApiErrorBody, ApiResult } from '../../shared/api/errors';
import type { ApiEventName } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface WebHostOptions {
  core: Core;
  /** Folder with the built renderer (index.html and assets/). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface WebHost {
  /** The address to open: carries the token, once; the page then lives at `origin`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-taizhang-token';
export const SESSION_COOKIE = 'taizhang_session';
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const EVENT_NAMES: ApiEventName[] = ['data.changed', 'job.progress'];

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

const NOT_AUTHORISED_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>科创台账</title></head>
<body style="font-family:sans-serif;padding:3em;line-height:1.8">
<h2>请使用启动时显示的地址打开科创台账</h2>
<p>为保护数据，网页版只接受带访问令牌的地址（形如 http://127.0.0.1:4410/?token=…）。
请回到运行 <code>npm run web</code> 的窗口，复制其中显示的完整地址，在浏览器中打开。</p>
</body></html>`;

function sendJson(res: http.ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, error: ApiErrorBody): void {
  sendJson(res, status, { ok: false, error });
}

/**
 * Reads a request body up to MAX_BODY_BYTES. A larger one is refused before
 * reading (Content-Length) or drained without keeping it, so the client still
 * gets the Chinese 413 answer instead of a reset connection.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      reject(new Error('too_large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new Error('too_large')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const rendererDir = path.resolve(options.rendererDir);
  const indexPath = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexPath)) {
    throw new Error(`找不到界面文件 ${indexPath}：请先运行 npm run build:web。`);
  }
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const hasSession = (req: http.IncomingMessage) => sameToken(cookieValue(req.headers.cookie, SESSION_COOKIE), token);

  const serveIndex = (req: http.IncomingMessage, url: URL, res: http.ServerResponse) => {
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!sameToken(given, token)) {
        res.writeHead(403, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' });
        res.end(NOT_AUTHORISED_PAGE);
        return;
      }
      // Swap the token in the address for a session cookie, and drop it from the address bar and history.
      res.writeHead(303, {
        Location: '/',
        'Set-Cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      res.end();
      return;
    }
    if (!hasSession(req)) {
      res.writeHead(403, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' });
      res.end(NOT_AUTHORISED_PAGE);
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME['.html'],
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(fs.readFileSync(indexPath));
  };

  const serveStatic = (pathname: string, res: http.ServerResponse) => {
    const file = path.resolve(rendererDir, '.' + decodeURIComponent(pathname));
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('未找到');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  };

  const serveEvents = (res: http.ServerResponse) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const offs = EVENT_NAMES.map((name) =>
      core.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
    );
    res.on('close', () => offs.forEach((off) => off()));
  };

  const server = http.createServer(async (req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) {
        return refuse(res, 403, { code: 'forbidden', message: '只接受本机地址 127.0.0.1 的访问。' });
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
          return refuse(res, 403, { code: 'forbidden', message: '拒绝来自其他网站的请求。' });
        }
        const given = req.headers[TOKEN_HEADER] as string | undefined;
        if (!hasSession(req) && !sameToken(given, token)) {
          return refuse(res, 403, { code: 'forbidden', message: '缺少或错误的访问令牌：请从启动时显示的地址重新打开科创台账。' });
        }
        if (url.pathname === '/api/events' && req.method === 'GET') return serveEvents(res);
        if (url.pathname === '/api/call' && req.method === 'POST') {
          let body: { method?: unknown; request?: unknown };
          try {
            body = JSON.parse(await readBody(req));
          } catch (err) {
            const tooLarge = (err as Error).message === 'too_large';
            return refuse(res, tooLarge ? 413 : 400, {
              code: 'bad_request',
              message: tooLarge ? `请求过大（超过 ${MAX_BODY_BYTES / 1024 / 1024} MB）：请换一个较小的文件。` : '请求不是有效的 JSON。',
            });
          }
          const result = await core.call(String(body?.method ?? ''), body?.request);
          return sendJson(res, 200, result);
        }
        return refuse(res, 404, { code: 'unknown_method', message: '未知的接口地址。' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html') return serveIndex(req, url, res);
      return serveStatic(url.pathname, res);
    } catch (err) {
      console.error('[taizhang web]', err);
      if (!res.headersSent) refuse(res, 500, { code: 'internal', message: '服务器内部错误。' });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
