/**
 * What both web doors share — the single-user host (`npm run web`, host.ts)
 * and the intranet server (`taizhang serve`, server.ts): JSON answers, bounded
 * request bodies, the page and its assets (no secret in them), and the event
 * stream. Who may call is each door's own business; nothing here decides it.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ApiErrorBody, ApiResult } from '../../shared/api/errors';
import { API_EVENT_NAMES } from '../../shared/api/events';
import type { Core } from '../core';
import type { ErrorLog } from '../core/log';
import { contentSecurityPolicy, mimeTypeFor } from '../security';

export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function refuse(res: http.ServerResponse, status: number, error: ApiErrorBody, headers: http.OutgoingHttpHeaders = {}): void {
  sendJson(res, status, { ok: false, error } satisfies ApiResult<never>, headers);
}

/** The path of a request, decoded; null for a malformed address (bad percent-encoding). */
export function decodedPath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * Reads a request body up to `max` bytes. A larger one is refused before
 * reading (Content-Length) or drained without keeping it, so the client still
 * gets the Chinese 413 answer instead of a reset connection.
 */
export function readBody(req: http.IncomingMessage, max = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      req.resume();
      reject(new Error('too_large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => (size > max ? reject(new Error('too_large')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** A JSON body, or the Chinese refusal already sent (400 not JSON, 413 too large) and null. */
export async function readJson<T>(req: http.IncomingMessage, res: http.ServerResponse, max = MAX_BODY_BYTES): Promise<T | null> {
  try {
    return JSON.parse(await readBody(req, max)) as T;
  } catch (err) {
    const tooLarge = (err as Error).message === 'too_large';
    refuse(res, tooLarge ? 413 : 400, {
      code: 'bad_request',
      message: tooLarge ? `请求过大（超过 ${Math.round(max / 1024 / 1024) || 1} MB）：请换一个较小的文件。` : '请求不是有效的 JSON。',
    });
    return null;
  }
}

/** The built renderer: index.html (optionally with a <meta> the page reads) and its assets. */
export class RendererFiles {
  readonly dir: string;
  private readonly indexPath: string;

  constructor(rendererDir: string, private readonly headMeta: string = '') {
    this.dir = path.resolve(rendererDir);
    this.indexPath = path.join(this.dir, 'index.html');
  }

  exists(): boolean {
    return fs.existsSync(this.indexPath);
  }

  serveIndex(res: http.ServerResponse): void {
    let html = fs.readFileSync(this.indexPath, 'utf8');
    if (this.headMeta) html = html.replace('<head>', `<head>${this.headMeta}`);
    res.writeHead(200, {
      'Content-Type': mimeTypeFor('index.html'),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(html);
  }

  serveStatic(pathname: string, res: http.ServerResponse): void {
    const file = path.resolve(this.dir, '.' + pathname);
    if (!file.startsWith(this.dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('未找到');
      return;
    }
    res.writeHead(200, {
      'Content-Type': mimeTypeFor(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  }
}

/** The core's events as server-sent events, until the client goes; `alive` is asked before each one (a session that ended stops it). */
export function serveEvents(core: Core, res: http.ServerResponse, alive: () => boolean = () => true): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // nginx buffers proxied answers by default: an event must reach the page when it happens.
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
  const offs = API_EVENT_NAMES.map((name) =>
    core.on(name, (payload) => {
      if (!alive()) {
        res.end();
        return;
      }
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );
  res.on('close', () => offs.forEach((off) => off()));
}

export interface DoorRoutes {
  files: RendererFiles;
  /** Every /api/… request (the door's own rules: token, or cookie and csrf). */
  api(req: http.IncomingMessage, pathname: string, res: http.ServerResponse): Promise<void> | void;
  log: ErrorLog;
  /** The door's name in the log file. */
  name: string;
  /** A refusal sent before anything else (the single-user host's Host check); true when it answered. */
  refused?(req: http.IncomingMessage, res: http.ServerResponse): boolean;
}

/**
 * One request through a door: /api/… to the door's own API, GET/HEAD of the page and its assets to
 * anyone, anything else 405; a malformed address 400. Failures go to the log file (never the
 * request: it may carry a token, a cookie or a password) and the client gets one Chinese sentence.
 */
export async function answer(req: http.IncomingMessage, res: http.ServerResponse, door: DoorRoutes): Promise<void> {
  try {
    if (door.refused?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://door.invalid');
    const pathname = decodedPath(url.pathname);
    if (pathname === null) return refuse(res, 400, { code: 'bad_request', message: '地址无效（百分号编码不完整）。' });
    if (pathname.startsWith('/api/')) return await door.api(req, pathname, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (pathname === '/' || pathname === '/index.html') return door.files.serveIndex(res);
    return door.files.serveStatic(pathname, res);
  } catch (err) {
    door.log.error(door.name, err);
    if (!res.headersSent) refuse(res, 500, { code: 'internal', message: '服务器内部错误，详细信息已记入 taizhang.log。' });
    else res.end();
  }
}
