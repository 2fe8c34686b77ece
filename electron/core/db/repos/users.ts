/**
 * Accounts (users) and their security record (account_events). SQL only; the
 * rules (who may be added, the last admin, lockout) are in core/accounts/.
 * The password hash never leaves this file except to the login check.
 */
import type { AccountAction, AccountEvent, AccountView, Role } from '../../../../shared/accounts/roles';
import type { Db } from '../open';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  unit_id: number | null;
  unit_name: string | null;
  password_hash: string;
  password_set_at: string;
  failed_logins: number;
  locked_until: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  created_by: string;
  created_at: string;
}

/** An account with what only the login check reads. */
export interface StoredUser extends AccountView {
  passwordHash: string;
  failedLogins: number;
}

const SELECT = 'SELECT u.*, n.name AS unit_name FROM users u LEFT JOIN units n ON n.id = u.unit_id';

const toUser = (r: UserRow): StoredUser => ({
  id: r.id,
  name: r.name,
  role: r.role,
  unitId: r.unit_id,
  unitName: r.unit_name,
  disabled: r.disabled_at != null,
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
  passwordSetAt: r.password_set_at,
  passwordHash: r.password_hash,
  failedLogins: r.failed_logins,
});

/** The view for screens and the CLI: the same without the hash and the counter. */
export function publicView(u: StoredUser): AccountView {
  const { passwordHash: _h, failedLogins: _f, ...view } = u;
  return view;
}

export function getUser(db: Db, id: number): StoredUser | undefined {
  const row = db.prepare(`${SELECT} WHERE u.id = ?`).get(id) as UserRow | undefined;
  return row && toUser(row);
}

/** By name as typed at login: spaces around it ignored, Latin letters in any case (the column is NOCASE). */
export function findUserByName(db: Db, name: string): StoredUser | undefined {
  const row = db.prepare(`${SELECT} WHERE u.name = ?`).get(name.trim()) as UserRow | undefined;
  return row && toUser(row);
}

export function listUsers(db: Db): StoredUser[] {
  return (db.prepare(`${SELECT} ORDER BY u.disabled_at IS NOT NULL, u.role, u.id`).all() as UserRow[]).map(toUser);
}

export interface NewUser {
  name: string;
  role: Role;
  unitId: number | null;
  passwordHash: string;
  by: string;
  at: string;
}

export function insertUser(db: Db, u: NewUser): number {
  return Number(
    db
      .prepare(
        `INSERT INTO users (name, role, unit_id, password_hash, password_set_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(u.name, u.role, u.unitId, u.passwordHash, u.at, u.by, u.at).lastInsertRowid,
  );
}

export function setRoleAndUnit(db: Db, id: number, role: Role, unitId: number | null): void {
  db.prepare('UPDATE users SET role = ?, unit_id = ? WHERE id = ?').run(role, unitId, id);
}

export function setDisabled(db: Db, id: number, at: string | null): void {
  db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(at, id);
}

/** A new password also ends a lockout and counts as the account's fresh start (its sessions end). */
export function setPasswordHash(db: Db, id: number, hash: string, at: string): void {
  db.prepare('UPDATE users SET password_hash = ?, password_set_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?').run(hash, at, id);
}

export function recordLoginFailure(db: Db, id: number, failures: number, lockedUntil: string | null): void {
  db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(failures, lockedUntil, id);
}

export function recordLoginSuccess(db: Db, id: number, at: string): void {
  db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(at, id);
}

export function countEnabledAdmins(db: Db): number {
  return db.prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL").pluck().get() as number;
}

export function countUsers(db: Db): number {
  return db.prepare('SELECT count(*) FROM users').pluck().get() as number;
}

export interface EventInput {
  userId: number | null;
  userName: string;
  action: AccountAction;
  detail?: string | null;
  by?: string | null;
  from?: string | null;
  at: string;
}

export function insertAccountEvent(db: Db, e: EventInput): void {
  db.prepare('INSERT INTO account_events (user_id, user_name, action, detail, by_name, from_addr, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    e.userId,
    e.userName,
    e.action,
    e.detail ?? null,
    e.by ?? null,
    e.from ?? null,
    e.at,
  );
}

export function listAccountEvents(db: Db, userId: number | undefined, limit: number): AccountEvent[] {
  const rows = (
    userId == null
      ? db.prepare('SELECT * FROM account_events ORDER BY id DESC LIMIT ?').all(limit)
      : db.prepare('SELECT * FROM account_events WHERE user_id = ? ORDER BY id DESC LIMIT ?').all(userId, limit)
  ) as { id: number; user_id: number | null; user_name: string; action: AccountAction; detail: string | null; by_name: string | null; from_addr: string | null; at: string }[];
  return rows.map((r) => ({ id: r.id, userId: r.user_id, userName: r.user_name, action: r.action, detail: r.detail, by: r.by_name, from: r.from_addr, at: r.at }));
}
