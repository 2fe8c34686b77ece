/**
 * The web host: the built renderer and the core's API over HTTP, on
 * 127.0.0.1 only.
 *
 * Who may use it: whoever has the address printed at start, which carries a
 * per-run token (…/?token=…). Every API request is authorised by the header
 * `x-taizhang-token` alone — never by a cookie, which a browser would also
 * send to any other program listening on 127.0.0.1:
 *
 * - a script sends the printed token itself;
 * - the page (renderer/src/api/webSession.ts) reads the token from its
 *   address once, trades it for a per-tab session secret (POST /api/session),
 *   keeps that in sessionStorage (per tab, per origin — port included), and
 *   removes the token from the address bar.
 *
 * Each tab's session has its own operator (操作员) slot, and the printed token
 * one more for scripts (sessions.ts); calls carry it to the core as their
 * caller. index.html and the assets hold no secret and are served to anyone
 * who can reach 127.0.0.1; a tab without a session shows
 * "请使用启动时显示的地址打开". The Host header must name us (DNS rebinding)
 * and a cross-origin Origin is refused.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Caller, Core, OperatorSlot } from '../core';
import { ApiError, type ApiErrorBody } from '../../shared/api/errors';
import { WEB_SESSION_PATH, WEB_TOKEN_HEADER } from '../../shared/api/webDoor';
import { errorLogBeside, type ErrorLog } from '../core/log';
import { SessionTable } from './sessions';
import { answer, readJson, refuse, RendererFiles, sendJson, serveEvents } from './http';

export interface WebHostOptions {
  core: Core;
  /** Folder with the built renderer (index.html and assets/). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /** Where unexpected failures go (taizhang.log beside the database by default). */
  log?: ErrorLog;
}

export interface WebHost {
  /** The address to open: carries the token, once; the page then lives at `origin`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = WEB_TOKEN_HEADER;

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const NO_SESSION: ApiErrorBody = {
  code: 'forbidden',
  message: '缺少或错误的访问令牌：请使用启动时显示的地址（含 ?token=…）重新打开科创台账。',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const log = options.log ?? errorLogBeside(core.dbPath);
  const files = new RendererFiles(options.rendererDir);
  if (!files.exists()) {
    throw new ApiError('not_found', `找不到界面文件 ${path.join(files.dir, 'index.html')}：请先运行 npm run build:web。`);
  }
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  const sessions = new SessionTable();
  // Scripts calling with the printed token share this slot: named once with operator.set, it holds for their calls.
  const tokenSlot: OperatorSlot = { name: null };
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  /** Who a request is, by its x-taizhang-token header alone (cookies are ignored): a script, a tab, or nobody. */
  const callerOf = (req: http.IncomingMessage): Caller | null => {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !given) return null;
    if (sameToken(given, token)) return { kind: 'session', slot: tokenSlot };
    const slot = sessions.slotOf(given);
    return slot ? { kind: 'session', slot } : null;
  };

  const serveApi = async (req: http.IncomingMessage, pathname: string, res: http.ServerResponse) => {
    const origin = req.headers.origin;
    if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      return refuse(res, 403, { code: 'forbidden', message: '拒绝来自其他网站的请求。' });
    }
    if (pathname === WEB_SESSION_PATH && req.method === 'POST') {
      // Only the printed token opens a session; a session secret cannot mint more.
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return refuse(res, 403, NO_SESSION);
      return sendJson(res, 200, { ok: true, value: { session: sessions.open() } });
    }
    const caller = callerOf(req);
    if (!caller) return refuse(res, 403, NO_SESSION);
    if (pathname === '/api/events' && req.method === 'GET') return serveEvents(core, res);
    if (pathname === '/api/call' && req.method === 'POST') {
      const body = await readJson<{ method?: unknown; request?: unknown }>(req, res);
      if (body === null) return;
      const result = await core.call(String(body?.method ?? ''), body?.request, caller);
      return sendJson(res, 200, result);
    }
    return refuse(res, 404, { code: 'unknown_method', message: '未知的接口地址。' });
  };

  const server = http.createServer((req, res) =>
    void answer(req, res, {
      files,
      api: serveApi,
      log,
      name: 'web host',
      refused: (r, out) => {
        if (allowedHosts().has(r.headers.host ?? '')) return false;
        refuse(out, 403, { code: 'forbidden', message: '只接受本机地址 127.0.0.1 的访问。' });
        return true;
      },
    }),
  );

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
