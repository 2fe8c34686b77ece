/**
 * The intranet server's sessions (`taizhang serve`): one per login, kept in
 * memory only (a restart asks everyone to log in again). The cookie carries
 * a random secret; the table keeps only its sha256 digest, with the account's
 * id and the moment its password was set (a new password ends the session),
 * the csrf token the page sends in a header, and when it was last used.
 *
 * A session ends after SESSION_IDLE_MINUTES without a request or
 * SESSION_MAX_HOURS after its login, whichever comes first; bounded to
 * MAX_SESSIONS (the least recently used is forgotten first).
 */
import crypto from 'node:crypto';
import { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } from '../../shared/accounts/roles';
import type { SessionAccount } from '../core';

export const MAX_SESSIONS = 20_000;

export interface AccountSession {
  account: SessionAccount;
  csrf: string;
  from: string | null;
  createdAt: number;
  lastSeenAt: number;
  /** Set when the session is removed (logout, expiry, pushed out): an open event stream stops. */
  ended: boolean;
}

const digest = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

export type SessionLookup = { session: AccountSession } | { session: null; expired: AccountSession | null };

export class AccountSessionTable {
  private readonly sessions = new Map<string, AccountSession>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits = { idleMs: SESSION_IDLE_MINUTES * 60_000, maxMs: SESSION_MAX_HOURS * 3_600_000, max: MAX_SESSIONS },
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** A new session for a login: the cookie's secret and the csrf token. */
  open(account: SessionAccount, from: string | null): { secret: string; session: AccountSession } {
    const secret = crypto.randomBytes(32).toString('base64url');
    const at = this.now();
    const session: AccountSession = { account, csrf: crypto.randomBytes(24).toString('base64url'), from, createdAt: at, lastSeenAt: at, ended: false };
    this.sessions.set(digest(secret), session);
    while (this.sessions.size > this.limits.max) this.remove(this.sessions.keys().next().value as string);
    return { secret, session };
  }

  /** The live session of a cookie's secret, marked as used now; an expired one is removed and handed back once (to record it). */
  lookup(secret: string | null | undefined): SessionLookup {
    if (!secret) return { session: null, expired: null };
    const key = digest(secret);
    const session = this.sessions.get(key);
    if (!session) return { session: null, expired: null };
    const at = this.now();
    if (this.pastLimits(session, at)) {
      this.remove(key);
      return { session: null, expired: session };
    }
    this.sessions.delete(key);
    session.lastSeenAt = at;
    this.sessions.set(key, session);
    return { session };
  }

  /** Whether this session is in the table and not past its limits (does not count as use). */
  holds(session: AccountSession): boolean {
    return !session.ended && !this.pastLimits(session, this.now());
  }

  close(secret: string): AccountSession | null {
    const key = digest(secret);
    const session = this.sessions.get(key) ?? null;
    this.remove(key);
    return session;
  }

  private pastLimits(session: AccountSession, at: number): boolean {
    return at - session.lastSeenAt > this.limits.idleMs || at - session.createdAt > this.limits.maxMs;
  }

  private remove(key: string): void {
    const session = this.sessions.get(key);
    if (session) session.ended = true;
    this.sessions.delete(key);
  }

  /** Every session of an account ends (its password changed here; other causes are caught per request by the core). */
  closeAccount(accountId: number): void {
    for (const [key, s] of this.sessions) if (s.account.id === accountId) this.remove(key);
  }
}

/** Compares the csrf header with the session's in constant time. */
export function sameCsrf(given: unknown, session: AccountSession): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

