/**
 * Accounts of `taizhang serve` (设置 → 用户, `taizhang user …`): admin only,
 * except account.me and account.changePassword, which are the caller's own.
 * Logging in and out is not a method: the server door does it
 * (POST /api/login, /api/logout), through the core's login (electron/core/accounts/login.ts).
 */
import { z } from 'zod';
import { method } from '../method';
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, type AccountEvent, type AccountRef, type AccountView } from '../../accounts/roles';

const id = z.number().int().positive();
export const accountName = z
  .string()
  .trim()
  .min(1, '账户名不能为空')
  .max(40, '账户名不能超过40字')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is this check's job
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: '账户名不能包含控制字符' });
export const password = z
  .string()
  .min(PASSWORD_MIN, `密码至少${PASSWORD_MIN}位`)
  .max(PASSWORD_MAX, `密码不能超过${PASSWORD_MAX}位`);
const role = z.enum(ROLES, { message: '角色应为 admin（管理员）、entry（填报员）或 viewer（查看）' });

/** What account.me answers: the logged-in account, or null for the desktop, `npm run web` and the CLI (no accounts there). */
export interface MeView {
  account: (AccountRef & { unitName: string | null }) | null;
}

export const accountMethods = {
  'account.me': method<MeView>()(z.object({}).strict(), 'Who is calling: the logged-in account (role, unit), or null where there are no accounts.'),
  'account.changePassword': method<{ ok: true }>()(
    z.object({ oldPassword: z.string().max(PASSWORD_MAX), newPassword: password }).strict(),
    "The logged-in account changes its own password (the old one first); its other sessions end.",
  ),
  'users.list': method<{ users: AccountView[] }>()(z.object({}).strict(), 'Every account with its role, unit, state and last login; never a password.'),
  'users.add': method<AccountView>()(
    z.object({ name: accountName, role, unitId: id.nullable().optional(), password }).strict(),
    'Adds an account (an entry account needs its unit); the password is stored only as a salted scrypt hash.',
  ),
  'users.update': method<AccountView>()(
    z.object({ id, role, unitId: id.nullable() }).strict(),
    "Changes an account's role and unit (绑定单位).",
  ),
  'users.disable': method<AccountView>()(
    z.object({ id, disabled: z.boolean() }).strict(),
    'Disables (停用) or enables an account; a disabled account cannot log in and its sessions end. Nothing it entered is removed.',
  ),
  'users.setPassword': method<AccountView>()(
    z.object({ id, password }).strict(),
    'Resets the password (重置密码): clears a lockout, ends the account’s sessions.',
  ),
  'users.events': method<{ events: AccountEvent[] }>()(
    z.object({ userId: id.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    'The security record (安全记录): logins, wrong passwords, lockouts, refused calls and account changes, newest first.',
  ),
} as const;
