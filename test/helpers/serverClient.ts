/** A client of `taizhang serve` for the tests: log in as a browser does (cookie + csrf) and call the API over HTTP. */
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/api/webDoor';

export interface ServerSession {
  cookie: string;
  csrf: string;
}

export interface LoginAnswer {
  status: number;
  body: { ok: boolean; csrf?: string; account?: { name: string; role: string; unitName: string | null }; error?: { code: string; message: string } };
  setCookie: string[];
  session: ServerSession | null;
}

export async function login(origin: string, name: string, password: string, headers: Record<string, string> = {}): Promise<LoginAnswer> {
  const res = await fetch(`${origin}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ name, password }),
  });
  const body = (await res.json()) as LoginAnswer['body'];
  const setCookie = res.headers.getSetCookie();
  const pair = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return { status: res.status, body, setCookie, session: body.ok && pair && body.csrf ? { cookie: pair, csrf: body.csrf } : null };
}

export async function loginOrThrow(origin: string, name: string, password: string): Promise<ServerSession> {
  const a = await login(origin, name, password);
  if (!a.session) throw new Error(`login of ${name} failed: ${a.status} ${JSON.stringify(a.body)}`);
  return a.session;
}

/** POST /api/call with the session's cookie and (unless `csrf: false`) its csrf header. */
export async function callOver(
  origin: string,
  session: ServerSession | null,
  method: string,
  request: unknown,
  options: { csrf?: boolean } = {},
): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } }; coreMs: number | null }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (session) headers.Cookie = session.cookie;
  if (session && options.csrf !== false) headers[CSRF_HEADER] = session.csrf;
  const res = await fetch(`${origin}/api/call`, { method: 'POST', headers, body: JSON.stringify({ method, request }) });
  const timing = /core;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
  return { status: res.status, body: (await res.json()) as never, coreMs: timing ? Number(timing[1]) : null };
}
