/**
 * Accounts (users) and their security record (account_events). Queries only;
 * the rules (who may be added, the last admin, lockout) are in core/accounts/.
 * The password hash never leaves this file except to the login check.
 *
 * Written over the query layer (store/query.ts): each query once, run on a
 * SQLite file (the synchronous functions, `runSync`) and on a PostgreSQL store
 * (the `…Op` generators, `runAsync`). The name compares without case on both
 * (SQLite NOCASE, PostgreSQL's ICU collation taizhang_nocase).
 */
import type { AccountAction, AccountEvent, AccountView, Role } from '../../../../shared/accounts/roles';
import type { Selectable } from 'kysely';
import type { Db } from '../open';
import type { AccountEventsTable } from '../../store/schema';
import { all, get, query, run, runSync, type Builder, type Op } from '../../store/query';

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

const selectUsers = (qb: Builder) => qb.selectFrom('users as u').leftJoin('units as n', 'n.id', 'u.unit_id').selectAll('u').select('n.name as unit_name');

const USER_BY_ID = query<UserRow, { id: number }>((qb, p) => selectUsers(qb).where('u.id', '=', p('id')));
const USER_BY_NAME = query<UserRow, { name: string }>((qb, p) => selectUsers(qb).where('u.name', '=', p('name')));
/** Enabled first, then by role and age. */
const ALL_USERS = query<UserRow>((qb) =>
  selectUsers(qb)
    .orderBy((eb) => eb('u.disabled_at', 'is not', null))
    .orderBy('u.role')
    .orderBy('u.id'),
);

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

export function* getUserOp(id: number): Op<StoredUser | undefined> {
  const row = yield* get(USER_BY_ID, { id });
  return row && toUser(row);
}

export function getUser(db: Db, id: number): StoredUser | undefined {
  return runSync(db, getUserOp(id));
}

/** By name as typed at login: spaces around it ignored, Latin letters in any case (the column is NOCASE). */
export function* findUserByNameOp(name: string): Op<StoredUser | undefined> {
  const row = yield* get(USER_BY_NAME, { name: name.trim() });
  return row && toUser(row);
}

export function findUserByName(db: Db, name: string): StoredUser | undefined {
  return runSync(db, findUserByNameOp(name));
}

export function* listUsersOp(): Op<StoredUser[]> {
  return (yield* all(ALL_USERS)).map(toUser);
}

export function listUsers(db: Db): StoredUser[] {
  return runSync(db, listUsersOp());
}

export type NewUser = {
  name: string;
  role: Role;
  unitId: number | null;
  passwordHash: string;
  by: string;
  at: string;
};

const INSERT_USER = query<{ id: number }, NewUser>((qb, p) =>
  qb
    .insertInto('users')
    .values({
      name: p('name'),
      role: p('role'),
      unit_id: p('unitId'),
      password_hash: p('passwordHash'),
      password_set_at: p('at'),
      created_by: p('by'),
      created_at: p('at'),
    })
    .returning('id'),
);

/** The new account's id (RETURNING id on both engines). */
export function* insertUserOp(u: NewUser): Op<number> {
  const row = yield* get(INSERT_USER, u);
  if (!row) throw new Error('INSERT … RETURNING id returned no row');
  return Number(row.id);
}

export function insertUser(db: Db, u: NewUser): number {
  return runSync(db, insertUserOp(u));
}

const SET_ROLE_AND_UNIT = query<never, { id: number; role: Role; unitId: number | null }>((qb, p) =>
  qb.updateTable('users').set({ role: p('role'), unit_id: p('unitId') }).where('id', '=', p('id')),
);

export function* setRoleAndUnitOp(id: number, role: Role, unitId: number | null): Op<void> {
  yield* run(SET_ROLE_AND_UNIT, { id, role, unitId });
}

const SET_DISABLED = query<never, { id: number; at: string | null }>((qb, p) => qb.updateTable('users').set({ disabled_at: p('at') }).where('id', '=', p('id')));

export function* setDisabledOp(id: number, at: string | null): Op<void> {
  yield* run(SET_DISABLED, { id, at });
}

const SET_PASSWORD_HASH = query<never, { id: number; hash: string; at: string }>((qb, p) =>
  qb.updateTable('users').set({ password_hash: p('hash'), password_set_at: p('at'), failed_logins: 0, locked_until: null }).where('id', '=', p('id')),
);

/** A new password also ends a lockout and counts as the account's fresh start (its sessions end). */
export function* setPasswordHashOp(id: number, hash: string, at: string): Op<void> {
  yield* run(SET_PASSWORD_HASH, { id, hash, at });
}

const RECORD_LOGIN_FAILURE = query<never, { id: number; failures: number; lockedUntil: string | null }>((qb, p) =>
  qb.updateTable('users').set({ failed_logins: p('failures'), locked_until: p('lockedUntil') }).where('id', '=', p('id')),
);

export function* recordLoginFailureOp(id: number, failures: number, lockedUntil: string | null): Op<void> {
  yield* run(RECORD_LOGIN_FAILURE, { id, failures, lockedUntil });
}

const RECORD_LOGIN_SUCCESS = query<never, { id: number; at: string }>((qb, p) =>
  qb.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: p('at') }).where('id', '=', p('id')),
);

export function* recordLoginSuccessOp(id: number, at: string): Op<void> {
  yield* run(RECORD_LOGIN_SUCCESS, { id, at });
}

type Count = { n: number };
const ENABLED_ADMINS = query<Count>((qb) =>
  qb
    .selectFrom('users')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n')),
);

export function* countEnabledAdminsOp(): Op<number> {
  return (yield* get(ENABLED_ADMINS))?.n ?? 0;
}

export function countEnabledAdmins(db: Db): number {
  return runSync(db, countEnabledAdminsOp());
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

type EventRow = Required<Omit<EventInput, 'detail' | 'by' | 'from'>> & { detail: string | null; by: string | null; from: string | null };

const INSERT_EVENT = query<never, EventRow>((qb, p) =>
  qb.insertInto('account_events').values({
    user_id: p('userId'),
    user_name: p('userName'),
    action: p('action'),
    detail: p('detail'),
    by_name: p('by'),
    from_addr: p('from'),
    at: p('at'),
  }),
);

export function* insertAccountEventOp(e: EventInput): Op<void> {
  yield* run(INSERT_EVENT, { userId: e.userId, userName: e.userName, action: e.action, detail: e.detail ?? null, by: e.by ?? null, from: e.from ?? null, at: e.at });
}

export function insertAccountEvent(db: Db, e: EventInput): void {
  runSync(db, insertAccountEventOp(e));
}

/** A row of account_events as read (its columns declared once, in store/schema.ts). */
type EventRecordRow = Selectable<AccountEventsTable>;

const EVENTS = query<EventRecordRow, { limit: number }>((qb, p) => qb.selectFrom('account_events').selectAll().orderBy('id', 'desc').limit(p('limit')));
const USER_EVENTS = query<EventRecordRow, { userId: number; limit: number }>((qb, p) =>
  qb.selectFrom('account_events').selectAll().where('user_id', '=', p('userId')).orderBy('id', 'desc').limit(p('limit')),
);

/** The security record, newest first: everyone's, or one account's. */
export function* listAccountEventsOp(userId: number | undefined, limit: number): Op<AccountEvent[]> {
  const rows = userId == null ? yield* all(EVENTS, { limit }) : yield* all(USER_EVENTS, { userId, limit });
  return rows.map((r) => ({ id: r.id, userId: r.user_id, userName: r.user_name, action: r.action, detail: r.detail, by: r.by_name, from: r.from_addr, at: r.at }));
}

export function listAccountEvents(db: Db, userId: number | undefined, limit: number): AccountEvent[] {
  return runSync(db, listAccountEventsOp(userId, limit));
}
