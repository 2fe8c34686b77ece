/**
 * What an admin does with accounts (设置 → 用户, `taizhang user …`), with the
 * rules: an entry account (填报员) is bound to one reporting unit, admin and
 * viewer accounts to none; names are unique; the last enabled admin cannot be
 * disabled or demoted (nobody could manage accounts any more). Every change is
 * one writeTx with its line in the security record. Passwords are hashed
 * before the transaction (the hash takes tens of milliseconds).
 */
import { ApiError } from '../../../shared/api/errors';
import { ROLE_LABEL, type AccountRef, type AccountView, type Role } from '../../../shared/accounts/roles';
import { clipText } from '../../../shared/text/clip';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { getUnit } from '../db/repos/units';
import {
  countEnabledAdmins,
  findUserByName,
  getUser,
  insertAccountEvent,
  insertUser,
  publicView,
  setDisabled,
  setPasswordHash,
  setRoleAndUnit,
  type StoredUser,
} from '../db/repos/users';
import { hashPassword, verifyPassword } from './passwords';

function requireUser(db: Db, id: number): StoredUser {
  const user = getUser(db, id);
  if (!user) throw new ApiError('not_found', `找不到编号为 ${id} 的账户，它可能已被删除。请刷新后重试。`);
  return user;
}

/** The unit an account is bound to, checked: entry accounts need a reporting unit, the others none. */
function unitFor(db: Db, role: Role, unitId: number | null | undefined): number | null {
  if (role !== 'entry') {
    if (unitId != null) throw new ApiError('bad_request', `${ROLE_LABEL[role]}账户不绑定单位（只有填报员绑定所填报的单位）。`);
    return null;
  }
  if (unitId == null) throw new ApiError('bad_request', '填报员账户需要绑定所填报的单位（街道、镇或集聚区）。');
  const unit = getUnit(db, unitId);
  if (!unit) throw new ApiError('not_found', `找不到编号为 ${unitId} 的单位，请重新选择。`);
  if (unit.kind === 'department') throw new ApiError('bad_request', `“${unit.name}”是部门，部门不填报指标：填报员请绑定街道、镇或集聚区。`);
  return unit.id;
}

const describeRole = (db: Db, role: Role, unitId: number | null) =>
  role === 'entry' && unitId != null ? `${ROLE_LABEL[role]} · ${getUnit(db, unitId)?.name ?? unitId}` : ROLE_LABEL[role];

export async function addUser(
  db: Db,
  input: { name: string; role: Role; unitId?: number | null; password: string },
  by: string,
): Promise<AccountView> {
  const name = input.name.trim();
  // Checked before the (slow) hash, and again inside the transaction.
  const check = () => {
    if (findUserByName(db, name)) throw new ApiError('bad_request', `账户名“${clipText(name, 40)}”已存在，请换一个名字。`);
    return unitFor(db, input.role, input.unitId);
  };
  check();
  const hash = await hashPassword(input.password);
  const id = writeTx(db, () => {
    const unitId = check();
    const at = new Date().toISOString();
    const newId = insertUser(db, { name, role: input.role, unitId, passwordHash: hash, by, at });
    insertAccountEvent(db, { userId: newId, userName: name, action: 'add', detail: describeRole(db, input.role, unitId), by, at });
    return newId;
  });
  return publicView(requireUser(db, id));
}

/** Refuses to leave no enabled admin: nobody could manage accounts or approve figures any more. */
function keepOneAdmin(db: Db, user: StoredUser, what: string): void {
  if (user.role === 'admin' && !user.disabled && countEnabledAdmins(db) <= 1) {
    throw new ApiError('bad_request', `“${user.name}”是唯一可用的管理员账户，不能${what}：请先新建或启用另一个管理员账户。`);
  }
}

export function updateUser(db: Db, input: { id: number; role: Role; unitId: number | null }, by: string): AccountView {
  writeTx(db, () => {
    const user = requireUser(db, input.id);
    const unitId = unitFor(db, input.role, input.unitId);
    if (user.role === input.role && user.unitId === unitId) return;
    if (input.role !== 'admin') keepOneAdmin(db, user, '改为其他角色');
    setRoleAndUnit(db, user.id, input.role, unitId);
    insertAccountEvent(db, {
      userId: user.id,
      userName: user.name,
      action: 'role',
      detail: `${describeRole(db, user.role, user.unitId)} → ${describeRole(db, input.role, unitId)}`,
      by,
      at: new Date().toISOString(),
    });
  });
  return publicView(requireUser(db, input.id));
}

export function setUserDisabled(db: Db, id: number, disabled: boolean, by: string): AccountView {
  writeTx(db, () => {
    const user = requireUser(db, id);
    if (user.disabled === disabled) return;
    if (disabled) keepOneAdmin(db, user, '停用');
    const at = new Date().toISOString();
    setDisabled(db, id, disabled ? at : null);
    insertAccountEvent(db, { userId: id, userName: user.name, action: disabled ? 'disable' : 'enable', by, at });
  });
  return publicView(requireUser(db, id));
}

export async function resetPassword(db: Db, id: number, password: string, by: string): Promise<AccountView> {
  requireUser(db, id);
  const hash = await hashPassword(password);
  writeTx(db, () => {
    const user = requireUser(db, id);
    const at = new Date().toISOString();
    setPasswordHash(db, id, hash, at);
    insertAccountEvent(db, { userId: id, userName: user.name, action: 'password', detail: '管理员重置密码', by, at });
  });
  return publicView(requireUser(db, id));
}

/** The logged-in account changes its own password: the old one first. */
export async function changeOwnPassword(db: Db, account: AccountRef, oldPassword: string, newPassword: string): Promise<void> {
  const user = requireUser(db, account.id);
  if (!(await verifyPassword(oldPassword, user.passwordHash))) {
    throw new ApiError('bad_request', '原密码不正确，密码未修改。');
  }
  if (oldPassword === newPassword) throw new ApiError('bad_request', '新密码与原密码相同，请换一个。');
  const hash = await hashPassword(newPassword);
  writeTx(db, () => {
    const at = new Date().toISOString();
    setPasswordHash(db, user.id, hash, at);
    insertAccountEvent(db, { userId: user.id, userName: user.name, action: 'password', detail: '本人修改密码', by: user.name, at });
  });
}
