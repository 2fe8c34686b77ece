/**
 * The web host: the built renderer and the core's API over HTTP, on
 * 127.0.0.1 only. Every API request must carry the per-run token that the
 * host writes into the page it serves; the Host header must name us (so a
 * DNS-rebinding page cannot read the token) and a cross-origin Origin is refused.
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
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-taizhang-token';
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const EVENT_NAMES: ApiEventName[] = ['data.changed'];

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

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too_large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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

  const serveIndex = (res: http.ServerResponse) => {
    const html = fs
      .readFileSync(indexPath, 'utf8')
      .replace('</head>', `<meta name="taizhang-token" content="${token}">\n</head>`);
    res.writeHead(200, {
      'Content-Type': MIME['.html'],
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(html);
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
        const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? url.searchParams.get('token');
        if (!sameToken(given, token)) {
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
              message: tooLarge ? '请求过大。' : '请求不是有效的 JSON。',
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
      if (url.pathname === '/' || url.pathname === '/index.html') return serveIndex(res);
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
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
