/**
 * Accounts of `taizhang serve` (the intranet server): who may do what.
 * Pure: the core checks (electron/core/access/), the screens show.
 *
 * - admin (管理员): the district — everything, 审核 included.
 * - entry (填报员): bound to one unit (a street, town or zone): enters that
 *   unit's figures and task progress; sees its own targets and figures and
 *   the district's published (审核通过) figures, never another unit's entries.
 * - viewer (查看): leaders — the dashboard, the grid and the exports, no writes.
 */
export const ROLES = ['admin', 'entry', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  admin: '管理员',
  entry: '填报员',
  viewer: '查看',
};

/** Who is logged in, as the core and the screens see it (never the password hash). */
export interface AccountRef {
  id: number;
  name: string;
  role: Role;
  /** The unit an entry account enters for; null for admin and viewer accounts. */
  unitId: number | null;
}

export interface AccountView extends AccountRef {
  unitName: string | null;
  disabled: boolean;
  /** ISO time until which wrong passwords keep the account locked; null when it is not locked. */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  createdBy: string;
  passwordSetAt: string;
}

/** One line of the accounts' security record (安全记录): logins, lockouts, refusals, changes. */
export interface AccountEvent {
  id: number;
  userId: number | null;
  userName: string;
  action: AccountAction;
  detail: string | null;
  by: string | null;
  from: string | null;
  at: string;
}

export const ACCOUNT_ACTIONS = [
  'add',
  'disable',
  'enable',
  'password',
  'role',
  'login',
  'login_failed',
  'locked',
  'logout',
  'denied',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const ACCOUNT_ACTION_LABEL: Record<AccountAction, string> = {
  add: '新建账户',
  disable: '停用',
  enable: '启用',
  password: '设置密码',
  role: '修改角色或单位',
  login: '登录',
  login_failed: '密码错误',
  locked: '锁定',
  logout: '退出登录',
  denied: '越权操作被拒绝',
};

/** Wrong passwords in a row that lock an account, and for how long. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

/** Passwords: long enough to resist guessing on an intranet, short enough to type. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** A server session ends after this long without a request, and in any case this long after the login. */
export const SESSION_IDLE_MINUTES = 120;
export const SESSION_MAX_HOURS = 12;
