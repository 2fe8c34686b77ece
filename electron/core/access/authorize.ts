/**
 * The check every core makes before a handler: may this caller make this
 * call, for these units? From the one table (permissions.ts). A refusal is an
 * ApiError 'forbidden' (HTTP 403 at the server door) with a Chinese sentence,
 * and a line in the security record (account_events 'denied') naming the
 * account, the method and what it reached for.
 *
 * Written once for both engines (store/query.ts): the decisions are a plain
 * function (the role) and an Op (the units, whose names the refusal says),
 * the record a write Op. `authorizeMethod`/`authorize` run them on a SQLite
 * file synchronously (dispatch.ts, before EVERY call: no promise there);
 * `authorizeMethodOn`/`authorizeOn` on an OpStore (the PostgreSQL core).
 */
import { ApiError } from '../../../shared/api/errors';
import type { ApiMethod } from '../../../shared/api/contract';
import { ROLE_LABEL, type AccountRef } from '../../../shared/accounts/roles';
import { clipText } from '../../../shared/text/clip';
import type { Caller } from '../caller';
import type { Db } from '../db/open';
import { writeTxOp } from '../db/tx';
import { getUnitOp } from '../db/repos/units';
import { insertAccountEventOp } from '../db/repos/users';
import { runSync, type Op, type OpStore } from '../store/query';
import { METHOD_ACCESS, type MethodAccess } from './permissions';

type Request = Record<string, unknown>;
type AccountCaller = Extract<Caller, { kind: 'account' }>;

function* unitNameOp(id: number): Op<string> {
  return (yield* getUnitOp(id))?.name ?? `编号 ${id} 的单位`;
}

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

/**
 * The first decision, before the request is read: null when the caller may make this call; the
 * account's refusal otherwise (to record and throw). A single-user door's caller always may, except
 * for what only an account can do (its own password).
 */
function methodRefusal(caller: Caller, method: ApiMethod): string | null {
  const access: MethodAccess = METHOD_ACCESS[method];
  if (caller.kind !== 'account') {
    if (access.need === 'self') throw new ApiError('bad_request', '只有用账户登录后才能修改自己的密码（本机版和命令行没有账户）。');
    return null;
  }
  return roleRefusal(caller.account, access);
}

type Decision = { allowed: Request } | { refused: string };

/** The second decision, on the validated request: an entry account reaches only for its own unit. */
function* requestDecisionOp(account: AccountRef, method: ApiMethod, request: Request): Op<Decision> {
  const access: MethodAccess = METHOD_ACCESS[method];
  if (account.role !== 'entry' || account.unitId == null) return { allowed: request };
  const other = unitsNamed(access, request).find((id) => id !== account.unitId);
  if (other !== undefined) {
    const own = yield* unitNameOp(account.unitId);
    return { refused: `您的账户只能填报和查看“${own}”的数据，不能${access.need === 'enter' ? '修改' : '查看'}“${yield* unitNameOp(other)}”的数据。` };
  }
  // An absent `unitId` is its own unit, where the method has one.
  if (access.unit.includes('request') && request.unitId === undefined) return { allowed: { ...request, unitId: account.unitId } };
  return { allowed: request };
}

/** The refusal's line in the security record: a write Op (its own write transaction). */
function deniedOp(caller: AccountCaller, method: string, message: string): Op<void> {
  const { account } = caller;
  return insertAccountEventOp({
    userId: account.id,
    userName: account.name,
    action: 'denied',
    detail: clipText(`${method}：${message}`, 300),
    from: caller.from ?? null,
    at: new Date().toISOString(),
  });
}

/**
 * The first check on a SQLite file, before the request is even validated: may this caller's role
 * make this call? A role that may not learns nothing about the request's shape.
 */
export function authorizeMethod(db: Db, caller: Caller, method: ApiMethod): void {
  const message = methodRefusal(caller, method);
  if (message) {
    writeTxOp(db, deniedOp(caller as AccountCaller, method, message));
    throw new ApiError('forbidden', message);
  }
}

/**
 * The second check on a SQLite file, on the validated request. Answers the request to run (an absent
 * `unitId` becomes its own unit where the method has one) or throws 'forbidden' after recording the attempt.
 */
export function authorize(db: Db, caller: Caller, method: ApiMethod, request: Request): Request {
  if (caller.kind !== 'account' || caller.account.role !== 'entry') return request;
  const decision = runSync(db, requestDecisionOp(caller.account, method, request));
  if ('refused' in decision) {
    writeTxOp(db, deniedOp(caller, method, decision.refused));
    throw new ApiError('forbidden', decision.refused);
  }
  return decision.allowed;
}

/** authorizeMethod on an OpStore (the PostgreSQL core): the same decision and record. */
export async function authorizeMethodOn(store: OpStore, caller: Caller, method: ApiMethod): Promise<void> {
  const message = methodRefusal(caller, method);
  if (message) {
    await store.write(deniedOp(caller as AccountCaller, method, message));
    throw new ApiError('forbidden', message);
  }
}

/** authorize on an OpStore (the PostgreSQL core): the same decision and record. */
export async function authorizeOn(store: OpStore, caller: Caller, method: ApiMethod, request: Request): Promise<Request> {
  if (caller.kind !== 'account' || caller.account.role !== 'entry') return request;
  const decision = await store.read(requestDecisionOp(caller.account, method, request));
  if ('refused' in decision) {
    await store.write(deniedOp(caller, method, decision.refused));
    throw new ApiError('forbidden', decision.refused);
  }
  return decision.allowed;
}
