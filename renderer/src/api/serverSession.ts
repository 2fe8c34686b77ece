/**
 * The page as `taizhang serve` serves it (the intranet server; the desktop
 * window and `npm run web` have no accounts). The server marks its page with
 * <meta name="taizhang-door" content="server">.
 *
 * Logging in (POST /api/login) sets an HttpOnly cookie the page never sees
 * and answers a csrf token, which every request sends in x-taizhang-csrf. The
 * token is kept in this tab's memory; after a reload, or in a new tab, the
 * page asks for it again with its cookie (GET /api/session). A 401 from any
 * request means the session is over (logged out, expired, account disabled):
 * the login page shows again.
 */
import { useSyncExternalStore } from 'react';
import type { Role } from '../../../shared/accounts/roles';
import { CSRF_HEADER, DOOR_META, SERVER_LOGIN_PATH, SERVER_LOGOUT_PATH, SERVER_SESSION_PATH } from '../../../shared/api/webDoor';

export interface ServerAccount {
  id: number;
  name: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
}

export type ServerState = { state: 'pending' } | { state: 'login'; notice: string | null } | { state: 'ready'; account: ServerAccount };

let current: ServerState = { state: 'pending' };
let csrf: string | null = null;
const watchers = new Set<() => void>();

function set(next: ServerState): void {
  current = next;
  watchers.forEach((w) => w());
}

/** Whether this page was served by `taizhang serve` (accounts and logins). */
export function isServerDoor(): boolean {
  return typeof document !== 'undefined' && document.querySelector(`meta[name="${DOOR_META}"]`)?.getAttribute('content') === 'server';
}

export function serverHeaders(): Record<string, string> {
  return csrf ? { [CSRF_HEADER]: csrf } : {};
}

/** The server no longer knows this session: back to the login page, saying why. */
export function serverSessionLost(notice: string | null = '登录已过期或已在别处退出，请重新登录。'): void {
  csrf = null;
  set({ state: 'login', notice });
}

interface SessionAnswer {
  ok?: boolean;
  csrf?: string;
  account?: ServerAccount;
  error?: { message?: string };
}

/** At start: a cookie from an earlier login in this browser may still hold a session. */
export async function establishServerSession(): Promise<void> {
  try {
    const response = await fetch(SERVER_SESSION_PATH, { cache: 'no-store', credentials: 'same-origin' });
    const body = (await response.json()) as SessionAnswer;
    if (response.ok && body.ok && body.csrf && body.account) {
      csrf = body.csrf;
      set({ state: 'ready', account: body.account });
      return;
    }
  } catch {
    // the server is unreachable: the login page says so when one tries
  }
  set({ state: 'login', notice: null });
}

/** Logs in; answers the Chinese refusal, or null when logged in. */
export async function logIn(name: string, password: string): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(SERVER_LOGIN_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, password }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    return '无法连接到台账服务器，请检查网络后重试。';
  }
  let body: SessionAnswer;
  try {
    body = (await response.json()) as SessionAnswer;
  } catch {
    return `服务器返回了无法识别的应答（HTTP ${response.status}）。`;
  }
  if (!response.ok || !body.ok || !body.csrf || !body.account) return body.error?.message ?? '登录失败，请重试。';
  csrf = body.csrf;
  set({ state: 'ready', account: body.account });
  return null;
}

export async function logOut(): Promise<void> {
  try {
    await fetch(SERVER_LOGOUT_PATH, { method: 'POST', headers: serverHeaders(), cache: 'no-store', credentials: 'same-origin' });
  } finally {
    serverSessionLost(null);
  }
}

export function useServerState(): ServerState {
  return useSyncExternalStore(
    (watch) => {
      watchers.add(watch);
      return () => watchers.delete(watch);
    },
    () => current,
  );
}

/** The logged-in account, or null where there are no accounts (desktop, `npm run web`). */
export function useAccount(): ServerAccount | null {
  const s = useServerState();
  return s.state === 'ready' ? s.account : null;
}

/**
 * Whether the district itself is at the keyboard: the desktop, `npm run web`, or an admin account at
 * `taizhang serve`. Screens hide what only the district does from other accounts — a convenience:
 * the core refuses it to them anyway (electron/core/access/permissions.ts).
 */
export function useIsDistrict(): boolean {
  const account = useAccount();
  return !account || account.role === 'admin';
}
