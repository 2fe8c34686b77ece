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
