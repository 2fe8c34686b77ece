/**
 * What an admin does with accounts (设置 → 用户, `taizhang user …`), with the
 * rules: an entry account (填报员) is bound to one reporting unit, admin and
 * viewer accounts to none; names are unique; the last enabled admin cannot be
 * disabled or demoted (nobody could manage accounts any more). Every change is
 * one write transaction with its line in the security record. Passwords are
 * hashed before the transaction (the hash takes tens of milliseconds).
 *
 * Written once over the query layer (store/query.ts) for both engines: each
 * change is an Op run as one write transaction (`writeTxOp` on SQLite,
 * `writeTxPgOp` on PostgreSQL); the changes that hash a password first are
 * `…On(store, …)` flows over an OpStore. The functions named as before are
 * the SQLite forms the handlers call, with the same signatures.
 */
import { ApiError } from '../../../shared/api/errors';
import { ROLE_LABEL, type AccountRef, type AccountView, type Role } from '../../../shared/accounts/roles';
import { clipText } from '../../../shared/text/clip';
import type { Db } from '../db/open';
import { sqliteStore, writeTxOp } from '../db/tx';
import { getUnitOp } from '../db/repos/units';
import {
  countEnabledAdminsOp,
  findUserByNameOp,
  getUserOp,
  insertAccountEventOp,
  insertUserOp,
  publicView,
  setDisabledOp,
  setPasswordHashOp,
  setRoleAndUnitOp,
  type StoredUser,
} from '../db/repos/users';
import type { Op, OpStore } from '../store/query';
import { hashPassword, verifyPassword } from './passwords';

function* requireUserOp(id: number): Op<StoredUser> {
  const user = yield* getUserOp(id);
  if (!user) throw new ApiError('not_found', `找不到编号为 ${id} 的账户，它可能已被删除。请刷新后重试。`);
  return user;
}

/** The unit an account is bound to, checked: entry accounts need a reporting unit, the others none. */
function* unitForOp(role: Role, unitId: number | null | undefined): Op<number | null> {
  if (role !== 'entry') {
    if (unitId != null) throw new ApiError('bad_request', `${ROLE_LABEL[role]}账户不绑定单位（只有填报员绑定所填报的单位）。`);
    return null;
  }
  if (unitId == null) throw new ApiError('bad_request', '填报员账户需要绑定所填报的单位（街道、镇或集聚区）。');
  const unit = yield* getUnitOp(unitId);
  if (!unit) throw new ApiError('not_found', `找不到编号为 ${unitId} 的单位，请重新选择。`);
  if (unit.kind === 'department') throw new ApiError('bad_request', `“${unit.name}”是部门，部门不填报指标：填报员请绑定街道、镇或集聚区。`);
  return unit.id;
}

function* describeRoleOp(role: Role, unitId: number | null): Op<string> {
  if (role !== 'entry' || unitId == null) return ROLE_LABEL[role];
  return `${ROLE_LABEL[role]} · ${(yield* getUnitOp(unitId))?.name ?? unitId}`;
}

type NewAccount = { name: string; role: Role; unitId?: number | null; password: string };

/** A new account's name free and its unit right: checked before the (slow) hash, and again inside the transaction. */
function* checkNewAccountOp(name: string, input: NewAccount): Op<number | null> {
  if (yield* findUserByNameOp(name)) throw new ApiError('bad_request', `账户名“${clipText(name, 40)}”已存在，请换一个名字。`);
  return yield* unitForOp(input.role, input.unitId);
}

function* addUserOp(name: string, input: NewAccount, hash: string, by: string): Op<AccountView> {
  const unitId = yield* checkNewAccountOp(name, input);
  const at = new Date().toISOString();
  const id = yield* insertUserOp({ name, role: input.role, unitId, passwordHash: hash, by, at });
  yield* insertAccountEventOp({ userId: id, userName: name, action: 'add', detail: yield* describeRoleOp(input.role, unitId), by, at });
  return publicView(yield* requireUserOp(id));
}

export async function addUserOn(store: OpStore, input: NewAccount, by: string): Promise<AccountView> {
  const name = input.name.trim();
  await store.read(checkNewAccountOp(name, input));
  const hash = await hashPassword(input.password);
  return store.write(addUserOp(name, input, hash, by));
}

export function addUser(db: Db, input: NewAccount, by: string): Promise<AccountView> {
  return addUserOn(sqliteStore(db), input, by);
}

/** Refuses to leave no enabled admin: nobody could manage accounts or approve figures any more. */
function* keepOneAdminOp(user: StoredUser, what: string): Op<void> {
  if (user.role === 'admin' && !user.disabled && (yield* countEnabledAdminsOp()) <= 1) {
    throw new ApiError('bad_request', `“${user.name}”是唯一可用的管理员账户，不能${what}：请先新建或启用另一个管理员账户。`);
  }
}

/** A new role and unit (a write Op: writeTxOp, writeTxPgOp). */
export function* updateUserOp(input: { id: number; role: Role; unitId: number | null }, by: string): Op<AccountView> {
  const user = yield* requireUserOp(input.id);
  const unitId = yield* unitForOp(input.role, input.unitId);
  if (user.role === input.role && user.unitId === unitId) return publicView(user);
  if (input.role !== 'admin') yield* keepOneAdminOp(user, '改为其他角色');
  yield* setRoleAndUnitOp(user.id, input.role, unitId);
  yield* insertAccountEventOp({
    userId: user.id,
    userName: user.name,
    action: 'role',
    detail: `${yield* describeRoleOp(user.role, user.unitId)} → ${yield* describeRoleOp(input.role, unitId)}`,
    by,
    at: new Date().toISOString(),
  });
  return publicView(yield* requireUserOp(input.id));
}

export function updateUser(db: Db, input: { id: number; role: Role; unitId: number | null }, by: string): AccountView {
  return writeTxOp(db, updateUserOp(input, by));
}

/** 停用 or 启用 (a write Op: writeTxOp, writeTxPgOp). */
export function* setUserDisabledOp(id: number, disabled: boolean, by: string): Op<AccountView> {
  const user = yield* requireUserOp(id);
  if (user.disabled === disabled) return publicView(user);
  if (disabled) yield* keepOneAdminOp(user, '停用');
  const at = new Date().toISOString();
  yield* setDisabledOp(id, disabled ? at : null);
  yield* insertAccountEventOp({ userId: id, userName: user.name, action: disabled ? 'disable' : 'enable', by, at });
  return publicView(yield* requireUserOp(id));
}

export function setUserDisabled(db: Db, id: number, disabled: boolean, by: string): AccountView {
  return writeTxOp(db, setUserDisabledOp(id, disabled, by));
}

function* setPasswordOp(id: number, hash: string, detail: string, by: string | null): Op<AccountView> {
  const user = yield* requireUserOp(id);
  const at = new Date().toISOString();
  yield* setPasswordHashOp(id, hash, at);
  yield* insertAccountEventOp({ userId: id, userName: user.name, action: 'password', detail, by: by ?? user.name, at });
  return publicView(yield* requireUserOp(id));
}

/** 重置密码 by an admin: also ends a lockout and the account's sessions. */
export async function resetPasswordOn(store: OpStore, id: number, password: string, by: string): Promise<AccountView> {
  await store.read(requireUserOp(id));
  const hash = await hashPassword(password);
  return store.write(setPasswordOp(id, hash, '管理员重置密码', by));
}

export function resetPassword(db: Db, id: number, password: string, by: string): Promise<AccountView> {
  return resetPasswordOn(sqliteStore(db), id, password, by);
}

/** The logged-in account changes its own password: the old one first. */
export async function changeOwnPasswordOn(store: OpStore, account: AccountRef, oldPassword: string, newPassword: string): Promise<void> {
  const user = await store.read(requireUserOp(account.id));
  if (!(await verifyPassword(oldPassword, user.passwordHash))) {
    throw new ApiError('bad_request', '原密码不正确，密码未修改。');
  }
  if (oldPassword === newPassword) throw new ApiError('bad_request', '新密码与原密码相同，请换一个。');
  const hash = await hashPassword(newPassword);
  await store.write(setPasswordOp(user.id, hash, '本人修改密码', null));
}

export function changeOwnPassword(db: Db, account: AccountRef, oldPassword: string, newPassword: string): Promise<void> {
  return changeOwnPasswordOn(sqliteStore(db), account, oldPassword, newPassword);
}
