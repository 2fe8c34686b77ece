/**
 * The browser door's session (web host only; the desktop window has none).
 *
 * The printed address carries the run's token (…/?token=…#/figures). On
 * load the page trades it once for a session secret of its own
 * (POST /api/session), keeps the secret in sessionStorage — per tab and per
 * origin, port included, so no other local program or site can read it —
 * and removes the token from the address bar (keeping the #/route). Every
 * request then sends the secret in the x-taizhang-token header; nothing is
 * kept in a cookie. A tab without a session (opened without the token, or
 * after the host restarted) shows "请使用启动时显示的地址打开".
 */
import { useSyncExternalStore } from 'react';
import { WEB_SESSION_PATH, WEB_TOKEN_HEADER as TOKEN_HEADER } from '../../../shared/api/webDoor';
const STORAGE_KEY = 'taizhang.session';

export type SessionState = 'pending' | 'ready' | 'none';

let state: SessionState = 'pending';
const watchers = new Set<() => void>();

function setState(next: SessionState): void {
  if (state === next) return;
  state = next;
  watchers.forEach((w) => w());
}

function stored(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: no session
  }
}

/** The header that authorises this tab's requests (empty when it has no session). */
export function sessionHeaders(): Record<string, string> {
  const secret = stored();
  return secret ? { [TOKEN_HEADER]: secret } : {};
}

/** The host no longer knows this tab (restarted, or too many tabs): forget the secret and say how to get back in. */
export function sessionLost(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  setState('none');
}

/** Takes the token out of the address bar and history, keeping the path and the #/route. */
function dropTokenFromAddress(url: URL): void {
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** Runs once at start-up: a token in the address becomes this tab's session; else the stored one is used. */
export async function establishSession(): Promise<SessionState> {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    dropTokenFromAddress(url);
    try {
      const response = await fetch(WEB_SESSION_PATH, {
        method: 'POST',
        headers: { [TOKEN_HEADER]: token },
        cache: 'no-store',
        credentials: 'omit',
      });
      const body = (await response.json()) as { ok?: boolean; value?: { session?: unknown } };
      const secret = body?.ok ? body.value?.session : null;
      if (response.ok && typeof secret === 'string' && secret) {
        window.sessionStorage.setItem(STORAGE_KEY, secret);
        setState('ready');
        return state;
      }
    } catch {
      // unreachable host or storage refused: treated as no session
    }
    sessionLost();
    return state;
  }
  setState(stored() ? 'ready' : 'none');
  return state;
}

/** The session state for React (the app shows its "open the printed address" page on 'none'). */
export function useSessionState(): SessionState {
  return useSyncExternalStore(
    (watch) => {
      watchers.add(watch);
      return () => watchers.delete(watch);
    },
    () => state,
  );
}
