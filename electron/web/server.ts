/**
 * The intranet server (`taizhang serve`): the same renderer and API as the
 * single-user host (host.ts), for many people at once, each logged in with
 * an account (electron/core/accounts/). It binds where it is told (behind
 * nginx for TLS: README → 部署到内网服务器).
 *
 * The login protocol (names in shared/api/webDoor.ts):
 * - POST /api/login {"name","password"} → the core decides (lockout, disabled
 *   accounts, the security record); on success an HttpOnly, SameSite=Strict
 *   session cookie and {"ok":true,"csrf":"…","account":{…}};
 * - every /api/call and /api/events needs the cookie (else 401) and the csrf
 *   in the x-taizhang-csrf header (a cookie without it gets 403);
 * - GET /api/session answers the csrf again for a page that reloaded;
 * - POST /api/logout ends the session.
 *
 * Every call goes to the core with the account as its caller, looked up
 * again on every request (a disabled account or a new password ends the
 * session at once); what it may do is decided in the core's dispatch
 * (access/permissions.ts), never here. A refusal there answers HTTP 403.
 *
 * The client's address, for the security record: the socket's, or — when the
 * request comes through a proxy on this machine — its X-Real-IP /
 * X-Forwarded-For. A cookie gets `Secure` when that proxy says the browser
 * used https (X-Forwarded-Proto), or always with `secureCookie`.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Caller, Core, SessionAccount } from '../core';
import { ApiError, type ApiErrorBody } from '../../shared/api/errors';
import {
  CSRF_HEADER,
  DOOR_META,
  SERVER_LOGIN_PATH,
  SERVER_LOGOUT_PATH,
  SERVER_SESSION_PATH,
  SESSION_COOKIE,
} from '../../shared/api/webDoor';
import { errorLogBeside, type ErrorLog } from '../core/log';
import { AccountSessionTable, sameCsrf, type AccountSession } from './accountSessions';
import { answer, readJson, refuse, RendererFiles, sendJson, serveEvents } from './http';

export interface ServerOptions {
  core: Core;
  rendererDir: string;
  /** Address to bind: 127.0.0.1 (behind a proxy on this machine, the default) or 0.0.0.0 / a LAN address. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  log?: ErrorLog;
  /** Always mark the cookie Secure (the browser reaches us by https through a proxy that does not say so). */
  secureCookie?: boolean;
  /** The session table (tests pass one with their own clock). */
  sessions?: AccountSessionTable;
  /** Logins checked at once (default MAX_LOGINS_IN_FLIGHT). */
  maxLoginsInFlight?: number;
}

export interface Server {
  origin: string;
  host: string;
  port: number;
  sessions: AccountSessionTable;
  close(): Promise<void>;
}

const LOGIN_BODY_BYTES = 16 * 1024;
/**
 * Logins being checked at once: each costs one scrypt (tens of ms of a libuv thread), so a flood of
 * them must not queue without end; past this many, more are told to try again in a moment.
 */
export const MAX_LOGINS_IN_FLIGHT = 32;

const NOT_LOGGED_IN: ApiErrorBody = { code: 'unauthorized', message: '尚未登录或登录已过期，请重新登录。' };
const NO_CSRF: ApiErrorBody = { code: 'forbidden', message: '请求缺少防跨站校验（x-taizhang-csrf），已拒绝。请刷新页面后重试。' };
const SESSION_ENDED: ApiErrorBody = { code: 'unauthorized', message: '账户已停用或密码已更改，本次登录已失效，请重新登录。' };

const isLoopback = (addr: string | undefined) => addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The client's address: a proxy on this machine names it; anyone else is who the socket says. */
export function clientAddress(req: http.IncomingMessage): string | null {
  const peer = req.socket.remoteAddress;
  if (isLoopback(peer)) {
    const real = header(req, 'x-real-ip')?.trim();
    if (real) return real.slice(0, 64);
    const forwarded = header(req, 'x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return peer ?? null;
}

function cookieOf(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const { core } = options;
  const log = options.log ?? errorLogBeside(core.dbPath);
  const files = new RendererFiles(options.rendererDir, `<meta name="${DOOR_META}" content="server">`);
  if (!files.exists()) {
    throw new ApiError('not_found', `找不到界面文件 ${path.join(files.dir, 'index.html')}：请先运行 npm run build:web。`);
  }
  const sessions = options.sessions ?? new AccountSessionTable();

  const secure = (req: http.IncomingMessage) =>
    options.secureCookie === true || (isLoopback(req.socket.remoteAddress) && header(req, 'x-forwarded-proto') === 'https');
  const cookie = (req: http.IncomingMessage, value: string, maxAge?: number) =>
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}${secure(req) ? '; Secure' : ''}`;

  /** The page's origin is ours: the Host it asked for (a proxy keeps it: proxy_set_header Host $host). */
  const crossOrigin = (req: http.IncomingMessage) => {
    const origin = header(req, 'origin');
    if (!origin) return false;
    const host = (isLoopback(req.socket.remoteAddress) && header(req, 'x-forwarded-host')) || header(req, 'host');
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  };

  const accountView = (a: SessionAccount) => ({ id: a.id, name: a.name, role: a.role, unitId: a.unitId, unitName: a.unitName });

  /**
   * The session of the request's cookie, its account as it is now; or the refusal already sent. The
   * core answers the account at once on a SQLite file, as a Promise on a PostgreSQL store (awaited only then).
   */
  const sessionOf = async (req: http.IncomingMessage, res: http.ServerResponse, csrf: boolean): Promise<AccountSession | null> => {
    const secret = cookieOf(req, SESSION_COOKIE);
    const found = sessions.lookup(secret);
    if (!found.session) {
      if (found.expired) await core.auth.loggedOut(found.expired.account, clientAddress(req), '会话过期');
      refuse(res, 401, NOT_LOGGED_IN, secret ? { 'Set-Cookie': cookie(req, '', 0) } : {});
      return null;
    }
    const { session } = found;
    if (csrf && !sameCsrf(header(req, CSRF_HEADER), session)) {
      refuse(res, 403, NO_CSRF);
      return null;
    }
    const looked = core.auth.account(session.account.id, session.account.passwordSetAt);
    const account = looked instanceof Promise ? await looked : looked;
    if (!account) {
      sessions.close(secret!);
      refuse(res, 401, SESSION_ENDED, { 'Set-Cookie': cookie(req, '', 0) });
      return null;
    }
    session.account = account;
    return session;
  };

  let loginsInFlight = 0;
  const login = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (loginsInFlight >= (options.maxLoginsInFlight ?? MAX_LOGINS_IN_FLIGHT)) {
      req.resume();
      return refuse(res, 429, { code: 'too_many', message: '同时登录的人太多，请稍等几秒再试。' }, { 'Retry-After': '3' });
    }
    loginsInFlight++;
    try {
      await checkLogin(req, res);
    } finally {
      loginsInFlight--;
    }
  };

  const checkLogin = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = await readJson<{ name?: unknown; password?: unknown }>(req, res, LOGIN_BODY_BYTES);
    if (body === null) return;
    if (typeof body.name !== 'string' || typeof body.password !== 'string' || !body.name.trim() || !body.password) {
      return refuse(res, 400, { code: 'bad_request', message: '请填写账户名和密码。' });
    }
    const from = clientAddress(req);
    const result = await core.auth.login(body.name, body.password, from);
    if (!result.ok) {
      return refuse(res, 401, { code: 'unauthorized', message: result.message, ...(result.lockedUntil ? { details: { lockedUntil: result.lockedUntil } } : {}) });
    }
    // A session cookie the request already carried is replaced, never reused (no fixation).
    const old = cookieOf(req, SESSION_COOKIE);
    if (old) sessions.close(old);
    const { secret, session } = sessions.open(result.account, from);
    sendJson(res, 200, { ok: true, csrf: session.csrf, account: accountView(result.account) }, { 'Set-Cookie': cookie(req, secret) });
  };

  const serveApi = async (req: http.IncomingMessage, pathname: string, res: http.ServerResponse) => {
    if (crossOrigin(req)) return refuse(res, 403, { code: 'forbidden', message: '拒绝来自其他网站的请求。' });
    if (pathname === SERVER_LOGIN_PATH && req.method === 'POST') return login(req, res);
    if (pathname === SERVER_SESSION_PATH && req.method === 'GET') {
      const session = await sessionOf(req, res, false);
      if (session) sendJson(res, 200, { ok: true, csrf: session.csrf, account: accountView(session.account) });
      return;
    }
    if (pathname === SERVER_LOGOUT_PATH && req.method === 'POST') {
      const session = await sessionOf(req, res, true);
      if (!session) return;
      sessions.close(cookieOf(req, SESSION_COOKIE)!);
      await core.auth.loggedOut(session.account, clientAddress(req));
      return sendJson(res, 200, { ok: true }, { 'Set-Cookie': cookie(req, '', 0) });
    }
    if (pathname === '/api/events' && req.method === 'GET') {
      const session = await sessionOf(req, res, true);
      if (session) serveEvents(core, res, () => sessions.holds(session));
      return;
    }
    if (pathname === '/api/call' && req.method === 'POST') {
      const session = await sessionOf(req, res, true);
      if (!session) return;
      const body = await readJson<{ method?: unknown; request?: unknown }>(req, res);
      if (body === null) return;
      const caller: Caller = { kind: 'account', account: session.account, from: clientAddress(req) };
      const started = performance.now();
      const result = await core.call(String(body?.method ?? ''), body?.request, caller);
      // How long the core took, for the load bench and an administrator's browser tools (no data in it).
      res.setHeader('Server-Timing', `core;dur=${(performance.now() - started).toFixed(1)}`);
      const status = result.ok ? 200 : result.error.code === 'forbidden' ? 403 : result.error.code === 'unauthorized' ? 401 : 200;
      // A new password of one's own ends every session of the account, this one too: the page logs in again.
      if (result.ok && body.method === 'account.changePassword') sessions.closeAccount(session.account.id);
      return sendJson(res, status, result);
    }
    return refuse(res, 404, { code: 'unknown_method', message: '未知的接口地址。' });
  };

  const server = http.createServer((req, res) => void answer(req, res, { files, api: serveApi, log, name: 'taizhang serve' }));
  // Many browsers keep connections open; the server answers them all from one thread.
  server.keepAliveTimeout = 65_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${port}`,
    host,
    port,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
