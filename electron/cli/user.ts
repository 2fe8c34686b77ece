/**
 * `taizhang user add|list|disable|enable|passwd|role`: the accounts of
 * `taizhang serve` from the terminal (the same as 设置 → 用户). Passwords are
 * read from standard input (--password-stdin), never from the command line,
 * where they would stay in the shell's history and the process list. The
 * operator (--operator, or the PC's) is recorded in the security record.
 */
import { ApiError } from '../../shared/api/errors';
import { ROLE_LABEL, ROLES, type AccountView, type Role } from '../../shared/accounts/roles';
import { callOrThrow, type CliCommand, type CliContext } from './command';
import { unitIdOf } from './lookup';
import { optionText, Refusal, UsageError } from './output';

const USAGE = [
  'taizhang user add --name 账户名 --role admin|entry|viewer [--unit 单位] --password-stdin [--json]',
  'taizhang user list [--json]',
  'taizhang user disable --name 账户名 [--json]        （停用：不能再登录，已录入的数据保留）',
  'taizhang user enable --name 账户名 [--json]',
  'taizhang user passwd --name 账户名 --password-stdin [--json]   （重置密码，同时解除锁定）',
  'taizhang user role --name 账户名 --role admin|entry|viewer [--unit 单位] [--json]',
  '',
  '密码从标准输入读取，例如：printf "%s" "$PASSWORD" | taizhang user add --name 王芳 --role admin --password-stdin --operator 王芳',
].join('\n');

function roleOf(ctx: CliContext): Role {
  const role = optionText(ctx.options?.role);
  if (!role) throw new UsageError('请用 --role 给出角色：admin（管理员）、entry（填报员）或 viewer（查看）。');
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`角色“${role.slice(0, 20)}”不正确：应为 admin（管理员）、entry（填报员）或 viewer（查看）。`);
  return role as Role;
}

function nameOf(ctx: CliContext): string {
  const name = optionText(ctx.options?.name);
  if (!name) throw new UsageError('请用 --name 给出账户名。');
  return name;
}

/** The password from standard input: one line (a trailing line break is not part of it). */
async function passwordOf(ctx: CliContext): Promise<string> {
  if (ctx.options?.['password-stdin'] !== true) {
    throw new UsageError('请用 --password-stdin 从标准输入提供密码（不在命令行上写密码：它会留在命令历史和进程列表里）。');
  }
  if (!ctx.io.in) throw new UsageError('此环境无法读取标准输入。');
  const password = (await ctx.io.in()).replace(/\r?\n$/, '');
  if (!password) throw new UsageError('标准输入中没有密码。');
  return password;
}

async function findUser(ctx: CliContext, name: string): Promise<AccountView> {
  const { users } = await callOrThrow(ctx.core, 'users.list', {});
  const user = users.find((u) => u.name.toLowerCase() === name.toLowerCase());
  if (!user) throw new UsageError(`找不到账户“${name}”。可用 taizhang user list 查看全部账户。`);
  return user;
}

const line = (u: AccountView) =>
  [
    u.name,
    ROLE_LABEL[u.role] + (u.unitName ? `（${u.unitName}）` : ''),
    u.disabled ? '已停用' : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? `锁定至 ${u.lockedUntil}` : '可用',
    u.lastLoginAt ? `最近登录 ${u.lastLoginAt}` : '从未登录',
  ].join('  ');

const jsonOf = (u: AccountView) => ({
  id: u.id,
  name: u.name,
  role: u.role,
  unit: u.unitName,
  disabled: u.disabled,
  lockedUntil: u.lockedUntil,
  lastLoginAt: u.lastLoginAt,
  createdAt: u.createdAt,
  createdBy: u.createdBy,
});

function print(ctx: CliContext, u: AccountView, done: string): number {
  if (ctx.json) ctx.io.out(JSON.stringify({ ok: true, user: jsonOf(u) }));
  else ctx.io.out(`${done}：${line(u)}`);
  return 0;
}

/** Core refusals (a name taken, the last admin, a department as unit) are exit 1; wrong usage stays 2. */
const refusing = (err: unknown): never => {
  throw err instanceof ApiError && err.code === 'bad_request' && !err.message.includes('--operator') ? new Refusal(err.message) : err;
};

export const userCommand: CliCommand = {
  name: 'user',
  summary: '管理 taizhang serve 的账户：user add|list|disable|enable|passwd|role',
  usage: USAGE,
  // The accounts run on a PostgreSQL store too (issue 22: the same Ops and rules, store/postgres/core.ts).
  postgres: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  async run(ctx) {
    const [sub] = ctx.args;
    switch (sub) {
      case 'list': {
        const { users } = await callOrThrow(ctx.core, 'users.list', {});
        if (ctx.json) ctx.io.out(JSON.stringify({ users: users.map(jsonOf) }));
        else ctx.io.out(users.length ? users.map(line).join('\n') : '还没有账户。用 taizhang user add … --role admin 新建第一个管理员账户。');
        return 0;
      }
      case 'add': {
        const name = nameOf(ctx);
        const role = roleOf(ctx);
        const unitId = role === 'entry' ? await unitIdOf(ctx, optionText(ctx.options?.unit)) : undefined;
        if (role === 'entry' && unitId === undefined) throw new UsageError('填报员账户需要 --unit 给出所填报的单位（街道、镇或集聚区）。');
        if (role !== 'entry' && optionText(ctx.options?.unit)) throw new UsageError(`${ROLE_LABEL[role]}账户不绑定单位：去掉 --unit。`);
        const password = await passwordOf(ctx);
        const user = await callOrThrow(ctx.core, 'users.add', { name, role, unitId: unitId ?? null, password }).catch(refusing);
        return print(ctx, user, '已新建账户');
      }
      case 'disable':
      case 'enable': {
        const user = await findUser(ctx, nameOf(ctx));
        const after = await callOrThrow(ctx.core, 'users.disable', { id: user.id, disabled: sub === 'disable' }).catch(refusing);
        return print(ctx, after, sub === 'disable' ? '已停用' : '已启用');
      }
      case 'passwd': {
        const user = await findUser(ctx, nameOf(ctx));
        const password = await passwordOf(ctx);
        const after = await callOrThrow(ctx.core, 'users.setPassword', { id: user.id, password }).catch(refusing);
        return print(ctx, after, '已重置密码');
      }
      case 'role': {
        const user = await findUser(ctx, nameOf(ctx));
        const role = roleOf(ctx);
        const unitId = role === 'entry' ? await unitIdOf(ctx, optionText(ctx.options?.unit)) : undefined;
        if (role === 'entry' && unitId === undefined) throw new UsageError('填报员账户需要 --unit 给出所填报的单位。');
        const after = await callOrThrow(ctx.core, 'users.update', { id: user.id, role, unitId: unitId ?? null }).catch(refusing);
        return print(ctx, after, '已修改角色');
      }
      default:
        throw new UsageError(sub ? `未知的子命令“${sub}”。` : '请写明子命令：add、list、disable、enable、passwd 或 role。');
    }
  },
};
