/** Accounts for the tests: added through the API as the CLI adds them, and calls made as a logged-in account. */
import type { Caller, Core } from '../../electron/core';
import type { AccountView, Role } from '../../shared/accounts/roles';

export const PASSWORD = '示例密码-2022';

/** Adds an account as a CLI command would (no accounts there: the district's own door). */
export async function addAccount(core: Core, name: string, role: Role, unitId: number | null = null, password = PASSWORD): Promise<AccountView> {
  const r = await core.call('users.add', { name, role, unitId, password }, { kind: 'command', operator: '测试管理员' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as AccountView;
}

export const asAccount = (a: AccountView): Caller => ({ kind: 'account', account: { id: a.id, name: a.name, role: a.role, unitId: a.unitId }, from: '192.0.2.7' });

/** A call as that account: the value, or throws with the code and message. */
export async function callAs<T>(core: Core, a: AccountView, method: string, request: unknown): Promise<T> {
  const r = await core.call(method, request, asAccount(a));
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

/** The refusal of a call as that account: its code and message (throws when it was not refused). */
export async function refusedAs(core: Core, a: AccountView, method: string, request: unknown): Promise<{ code: string; message: string }> {
  const r = await core.call(method, request, asAccount(a));
  if (r.ok) throw new Error(`${method} should have been refused for ${a.name}`);
  return r.error;
}
