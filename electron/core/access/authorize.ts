/**
 * The check dispatch.ts makes before every handler: may this caller make this
 * call, for these units? From the one table (permissions.ts). A refusal is an
 * ApiError 'forbidden' (HTTP 403 at the server door) with a Chinese sentence,
 * and a line in the security record (account_events 'denied') naming the
 * account, the method and what it reached for.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ApiMethod } from '../../../shared/api/contract';
import { ROLE_LABEL, type AccountRef } from '../../../shared/accounts/roles';
import { clipText } from '../../../shared/text/clip';
import type { Caller } from '../caller';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { getUnit } from '../db/repos/units';
import { insertAccountEvent } from '../db/repos/users';
import { METHOD_ACCESS, type MethodAccess } from './permissions';

type Request = Record<string, unknown>;

const unitName = (db: Db, id: number) => getUnit(db, id)?.name ?? `编号 ${id} 的单位`;

/** The ids an entry account reaches for through the rules of its method. */
function unitsNamed(access: MethodAccess, request: Request): number[] {
  const ids: number[] = [];
  const item = (list: unknown) =>
    Array.isArray(list) ? list.map((e) => (e as { unitId?: unknown })?.unitId).filter((u): u is number => typeof u === 'number') : [];
  if (access.unit.includes('request') && typeof request.unitId === 'number') ids.push(request.unitId);
  if (access.unit.includes('edits')) ids.push(...item(request.edits));
  if (access.unit.includes('entries')) ids.push(...item(request.entries));
  return ids;
}

/** Whether the account's role may make this call at all, whatever it asks (checked before the request is read). */
function roleRefusal(account: AccountRef, access: MethodAccess): string | null {
  const role = ROLE_LABEL[account.role];
  if (access.need === 'admin' && account.role !== 'admin') return `此操作只有管理员可以进行，您的账户“${account.name}”是${role}账户。`;
  if (access.need === 'enter' && account.role === 'viewer') return `查看账户“${account.name}”只能查看和导出，不能修改数据。`;
  if (account.role === 'entry' && account.unitId == null) return `填报员账户“${account.name}”没有绑定单位，请联系管理员在“设置 → 用户”中绑定。`;
  return null;
}

/** Whether an entry account reaches for another unit's rows in this request. */
function unitRefusal(db: Db, account: AccountRef, access: MethodAccess, request: Request): string | null {
  if (account.role !== 'entry' || account.unitId == null) return null;
  const other = unitsNamed(access, request).find((id) => id !== account.unitId);
  if (other !== undefined) {
    return `您的账户只能填报和查看“${unitName(db, account.unitId)}”的数据，不能${access.need === 'enter' ? '修改' : '查看'}“${unitName(db, other)}”的数据。`;
  }
  return null;
}

/** Records the refusal in the security record and throws it (HTTP 403 at the server door). */
function deny(db: Db, caller: Extract<Caller, { kind: 'account' }>, method: string, message: string): never {
  const { account } = caller;
  writeTx(db, () =>
    insertAccountEvent(db, {
      userId: account.id,
      userName: account.name,
      action: 'denied',
      detail: clipText(`${method}：${message}`, 300),
      from: caller.from ?? null,
      at: new Date().toISOString(),
    }),
  );
  throw new ApiError('forbidden', message);
}

/**
 * The first check, before the request is even validated: may this caller's role make this call?
 * A role that may not learns nothing about the request's shape.
 */
export function authorizeMethod(db: Db, caller: Caller, method: ApiMethod): void {
  const access: MethodAccess = METHOD_ACCESS[method];
  if (caller.kind !== 'account') {
    if (access.need === 'self') throw new ApiError('bad_request', '只有用账户登录后才能修改自己的密码（本机版和命令行没有账户）。');
    return;
  }
  const message = roleRefusal(caller.account, access);
  if (message) deny(db, caller, method, message);
}

/**
 * The second check, on the validated request: an entry account reaches only for its own unit.
 * Answers the request to run (an absent `unitId` becomes its own unit where the method has one)
 * or throws 'forbidden' after recording the attempt.
 */
export function authorize(db: Db, caller: Caller, method: ApiMethod, request: Request): Request {
  if (caller.kind !== 'account') return request;
  const access: MethodAccess = METHOD_ACCESS[method];
  const { account } = caller;
  const message = unitRefusal(db, account, access, request);
  if (message) deny(db, caller, method, message);
  if (account.role === 'entry' && access.unit.includes('request') && request.unitId === undefined) {
    return { ...request, unitId: account.unitId };
  }
  return request;
}
