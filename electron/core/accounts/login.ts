/**
 * Logging in to `taizhang serve`, in the core so every server door (today the
 * HTTP one; the PostgreSQL store and desktop sync later) shares one rule:
 *
 * - the same answer, and about the same time, for an unknown name and a
 *   wrong password (a dummy hash is checked for unknown names), so the
 *   answer does not say which accounts exist;
 * - LOCKOUT_FAILURES (5) wrong passwords in a row lock the account for
 *   LOCKOUT_MINUTES (15): meanwhile even the right password is refused, with
 *   the time it opens again; an admin's password reset ends the lock;
 * - a disabled account is refused (told so only with the right password);
 * - every attempt is in the security record (account_events), with the
 *   address it came from — never the password.
 *
 * A session's account is looked up again on every request (accountForSession),
 * so a disabled account, a new password or a changed role takes effect at once.
 *
 * Written once over the query layer (store/query.ts) for both engines: the
 * reads and the decision under the write lock are Ops; `loginOn` awaits the
 * password check between them and runs them on an OpStore (a SQLite file or
 * a PostgreSQL store). `login`, `accountForSession` and `recordLogout` are
 * the SQLite forms the doors call, unchanged.
 */
import { LOCKOUT_FAILURES, LOCKOUT_MINUTES, type AccountRef } from '../../../shared/accounts/roles';
import { clipText } from '../../../shared/text/clip';
import type { Db } from '../db/open';
import { sqliteStore, writeTxOp } from '../db/tx';
import { findUserByNameOp, getUserOp, insertAccountEventOp, recordLoginFailureOp, recordLoginSuccessOp } from '../db/repos/users';
import { runSync, type Op, type OpStore } from '../store/query';
import { verifyNobody, verifyPassword } from './passwords';

/** A logged-in account as the door keeps it: with the moment its password was set (a new one ends the session). */
export interface SessionAccount extends AccountRef {
  unitName: string | null;
  passwordSetAt: string;
}

export type LoginResult = { ok: true; account: SessionAccount } | { ok: false; message: string; lockedUntil?: string };

export const WRONG_CREDENTIALS = `账户名或密码不正确。连续输错 ${LOCKOUT_FAILURES} 次，账户将被锁定 ${LOCKOUT_MINUTES} 分钟。`;

/** "14:05" in the server's local time: when a locked account opens again. */
function clock(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function lockedMessage(until: string): string {
  return `密码连续输错 ${LOCKOUT_FAILURES} 次，账户已锁定 ${LOCKOUT_MINUTES} 分钟：请在 ${clock(until)} 以后再试，或请管理员重置密码。`;
}

/**
 * The attempt decided, inside ONE write transaction, on the account's row as it is now (two wrong
 * attempts at once both count): locked, wrong password (the fifth locks), disabled, or in.
 */
function* decideLoginOp(userId: number, right: boolean, from: string | null, now: () => Date): Op<LoginResult> {
  const current = (yield* getUserOp(userId))!;
  const at = now();
  const iso = at.toISOString();
  const event = (action: 'login' | 'login_failed' | 'locked', detail?: string) =>
    insertAccountEventOp({ userId: current.id, userName: current.name, action, detail, from, at: iso });
  if (current.lockedUntil && new Date(current.lockedUntil) > at) {
    yield* event('login_failed', '账户锁定期间');
    return { ok: false, message: lockedMessage(current.lockedUntil), lockedUntil: current.lockedUntil };
  }
  if (!right) {
    const failures = current.failedLogins + 1;
    if (failures >= LOCKOUT_FAILURES) {
      const until = new Date(at.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
      // The count starts again once the lock has run out.
      yield* recordLoginFailureOp(current.id, 0, until);
      yield* event('login_failed', `连续第 ${failures} 次`);
      yield* event('locked', `锁定至 ${until}`);
      return { ok: false, message: lockedMessage(until), lockedUntil: until };
    }
    yield* recordLoginFailureOp(current.id, failures, null);
    yield* event('login_failed', `连续第 ${failures} 次`);
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  if (current.disabled) {
    yield* event('login_failed', '账户已停用');
    return { ok: false, message: `账户“${current.name}”已停用，不能登录。如需使用，请联系管理员启用。` };
  }
  yield* recordLoginSuccessOp(current.id, iso);
  yield* event('login');
  return { ok: true, account: sessionAccountOf(current) };
}

/** A login on either engine: the password checked outside any transaction (it takes tens of ms), the decision inside one. */
export async function loginOn(store: OpStore, name: string, password: string, from: string | null, now: () => Date = () => new Date()): Promise<LoginResult> {
  const typed = clipText(name.trim(), 40);
  const user = await store.read(findUserByNameOp(name));
  if (!user) {
    await verifyNobody(password);
    await store.write(insertAccountEventOp({ userId: null, userName: typed || '（空）', action: 'login_failed', detail: '无此账户', from, at: now().toISOString() }));
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  const right = await verifyPassword(password, user.passwordHash);
  return store.write(decideLoginOp(user.id, right, from, now));
}

export function login(db: Db, name: string, password: string, from: string | null, now: () => Date = () => new Date()): Promise<LoginResult> {
  return loginOn(sqliteStore(db), name, password, from, now);
}

function sessionAccountOf(u: { id: number; name: string; role: AccountRef['role']; unitId: number | null; unitName: string | null; passwordSetAt: string }): SessionAccount {
  return { id: u.id, name: u.name, role: u.role, unitId: u.unitId, unitName: u.unitName, passwordSetAt: u.passwordSetAt };
}

/**
 * The account behind a session, as it is now; null when the session must end:
 * the account is gone or disabled, or its password was changed since the login.
 */
export function* accountForSessionOp(id: number, passwordSetAt: string): Op<SessionAccount | null> {
  const user = yield* getUserOp(id);
  if (!user || user.disabled || user.passwordSetAt !== passwordSetAt) return null;
  return sessionAccountOf(user);
}

export function accountForSession(db: Db, id: number, passwordSetAt: string): SessionAccount | null {
  return runSync(db, accountForSessionOp(id, passwordSetAt));
}

/** A logout (or a session that ran out) in the security record: a write Op (writeTxOp, writeTxPgOp). */
export function recordLogoutOp(account: AccountRef, from: string | null, why = '退出登录', at = new Date()): Op<void> {
  return insertAccountEventOp({ userId: account.id, userName: account.name, action: 'logout', detail: why, from, at: at.toISOString() });
}

export function recordLogout(db: Db, account: AccountRef, from: string | null, why = '退出登录'): void {
  writeTxOp(db, recordLogoutOp(account, from, why));
}
