/**
 * Accounts (用户) on both engines (issue 22): the same tests on a SQLite file
 * and on a PostgreSQL store of a throwaway cluster, through the same code —
 * the login rules (five wrong passwords lock the account for 15 minutes,
 * decided under the write lock, so attempts at once all count; a disabled
 * account; every attempt recorded with the client's address, never the
 * password), the session lookup, the admin's rules (unique names, the unit
 * of an entry account, the last enabled admin kept, the operator required),
 * all-or-nothing writes, and `taizhang user …` with `--db` a file or a
 * `postgres://` URL.
 *
 * The HTTP side of logging in (cookies, 401/403, the door's sessions) is
 * server.test.ts's, on SQLite; logged-in accounts as callers and `serve` on
 * both engines are access-engines.test.ts's.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountEvent, AccountView } from '../../shared/accounts/roles';
import { accountForSessionOp, loginOn, lockedMessage, WRONG_CREDENTIALS, type LoginResult } from '../../electron/core/accounts/login';
import { changeOwnPasswordOn, setUserDisabledOp } from '../../electron/core/accounts/service';
import { insertUserOp } from '../../electron/core/db/repos/users';
import type { Op } from '../../electron/core/store/query';
import { addAccount, PASSWORD } from '../helpers/accounts';
import { taizhang } from '../helpers/cli';
import { ENGINES, openEngine, stopEngines, type EngineStore } from '../helpers/engines';

afterAll(stopEngines, 60_000);

const FROM = '192.0.2.7';
const DISTRICT = { kind: 'command' as const, operator: '王区' };

describe.each(ENGINES)('accounts on %s', (engine) => {
  let s: EngineStore;
  let unit: Record<string, number>;

  beforeEach(async () => {
    s = await openEngine(engine);
    await s.sql(
      `INSERT INTO units (id, name, kind, parent_id, sort_order, code) VALUES (1, '青云谱区', 'district', NULL, 0, '360104'), (2, '洪都街道', 'street', 1, 1, 'U1'), (3, '京山街道', 'street', 1, 2, 'U2'), (4, '区科工局', 'department', 1, 3, 'U3')`,
    );
    unit = { 青云谱区: 1, 洪都街道: 2, 京山街道: 3, 区科工局: 4 };
  }, 120_000);
  afterEach(async () => {
    await s?.close();
  });

  /** A call as the district's CLI (operator 王区): the value, or throws with the code and message. */
  async function call<T>(method: string, request: unknown, caller: { kind: 'command'; operator?: string } = DISTRICT): Promise<T> {
    const r = await s.core.call(method, request, caller);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as T;
  }
  const refusal = (method: string, request: unknown, caller?: { kind: 'command'; operator?: string }) =>
    call(method, request, caller).then(
      () => {
        throw new Error(`${method} should have been refused`);
      },
      (err: Error & { code: string }) => ({ code: err.code, message: err.message }),
    );
  const events = async (userId?: number) => (await call<{ events: AccountEvent[] }>('users.events', userId === undefined ? {} : { userId })).events;
  const userRow = async (name: string) => (await s.sql(`SELECT failed_logins, locked_until, last_login_at, disabled_at FROM users WHERE name = '${name}'`))[0];
  /** Everything the accounts' tables hold, as text. */
  const storedText = async () => JSON.stringify([await s.sql('SELECT * FROM users ORDER BY id'), await s.sql('SELECT * FROM account_events ORDER BY id')]);

  describe('logging in', () => {
    let street: AccountView;
    beforeEach(async () => {
      await addAccount(s.core, '王区', 'admin');
      street = await addAccount(s.core, '洪都填报员', 'entry', unit['洪都街道']);
    });

    it('the right password logs in, recorded with the address; the session lookup answers the account as it is now', async () => {
      const r = await loginOn(s.store, ' 洪都填报员 ', PASSWORD, FROM);
      expect(r).toEqual({
        ok: true,
        account: { id: street.id, name: '洪都填报员', role: 'entry', unitId: unit['洪都街道'], unitName: '洪都街道', passwordSetAt: street.passwordSetAt },
      });
      const account = (r as Extract<LoginResult, { ok: true }>).account;
      expect((await userRow('洪都填报员')).last_login_at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
      expect((await events(street.id))[0]).toMatchObject({ action: 'login', userName: '洪都填报员', from: FROM, detail: null });

      const lookup = () => s.store.read(accountForSessionOp(account.id, account.passwordSetAt));
      expect(await lookup()).toEqual(account);
      // A changed unit takes effect at once…
      await call('users.update', { id: street.id, role: 'entry', unitId: unit['京山街道'] });
      expect(await lookup()).toMatchObject({ unitId: unit['京山街道'], unitName: '京山街道' });
      // …a disabled account ends the session, enabling it brings it back…
      await call('users.disable', { id: street.id, disabled: true });
      expect(await lookup()).toBeNull();
      await call('users.disable', { id: street.id, disabled: false });
      expect(await lookup()).not.toBeNull();
      // …and a new password ends it for good; an unknown account has none.
      await call('users.setPassword', { id: street.id, password: '新的密码-2022' });
      expect(await lookup()).toBeNull();
      expect(await s.store.read(accountForSessionOp(9999, account.passwordSetAt))).toBeNull();
    });

    it('an unknown name gets the wrong password’s answer; both are recorded, never the password', async () => {
      const unknown = await loginOn(s.store, '没有这个人', 'secret-typed-1', FROM);
      const wrong = await loginOn(s.store, '洪都填报员', 'secret-typed-2', FROM);
      expect(unknown).toEqual({ ok: false, message: WRONG_CREDENTIALS });
      expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS });
      expect(WRONG_CREDENTIALS).toBe('账户名或密码不正确。连续输错 5 次，账户将被锁定 15 分钟。');
      const [second, first] = await events();
      expect(first).toMatchObject({ userId: null, userName: '没有这个人', action: 'login_failed', detail: '无此账户', from: FROM });
      expect(second).toMatchObject({ userId: street.id, userName: '洪都填报员', action: 'login_failed', detail: '连续第 1 次', from: FROM });
      expect((await loginOn(s.store, '   ', 'x', null)).ok).toBe(false);
      expect((await events())[0]).toMatchObject({ userName: '（空）', from: null });
      expect(await storedText()).not.toContain('secret-typed');
    });

    it('five wrong passwords lock the account for 15 minutes: even the right one is refused until then; the count starts again after', async () => {
      let t = Date.parse('2024-03-05T06:00:00.000Z');
      const now = () => new Date(t);
      for (let i = 1; i <= 4; i++) {
        expect(await loginOn(s.store, '洪都填报员', `wrong-${i}-xx`, FROM, now)).toEqual({ ok: false, message: WRONG_CREDENTIALS });
        expect((await userRow('洪都填报员')).failed_logins).toBe(i);
      }
      const until = '2024-03-05T06:15:00.000Z';
      expect(await loginOn(s.store, '洪都填报员', 'wrong-5-xx', FROM, now)).toEqual({ ok: false, message: lockedMessage(until), lockedUntil: until });
      expect(lockedMessage(until)).toMatch(/^密码连续输错 5 次，账户已锁定 15 分钟：请在 \d\d:\d\d 以后再试，或请管理员重置密码。$/);
      expect(await userRow('洪都填报员')).toMatchObject({ failed_logins: 0, locked_until: until });

      t = Date.parse('2024-03-05T06:14:59.000Z');
      expect(await loginOn(s.store, '洪都填报员', PASSWORD, FROM, now)).toEqual({ ok: false, message: lockedMessage(until), lockedUntil: until });
      const actions = (await events(street.id)).map((e) => [e.action, e.detail]);
      expect(actions.slice(0, 3)).toEqual([
        ['login_failed', '账户锁定期间'],
        ['locked', `锁定至 ${until}`],
        ['login_failed', '连续第 5 次'],
      ]);

      t = Date.parse('2024-03-05T06:15:01.000Z');
      expect(await loginOn(s.store, '洪都填报员', 'wrong-6-xx', FROM, now)).toEqual({ ok: false, message: WRONG_CREDENTIALS });
      expect((await userRow('洪都填报员')).failed_logins).toBe(1);
      expect((await loginOn(s.store, '洪都填报员', PASSWORD, FROM, now)).ok).toBe(true);
      expect(await userRow('洪都填报员')).toMatchObject({ failed_logins: 0, locked_until: null, last_login_at: '2024-03-05T06:15:01.000Z' });
      expect((await events(street.id)).every((e) => e.action === 'add' || e.from === FROM)).toBe(true);
      expect(await storedText()).not.toContain('wrong-');
    });

    it('wrong passwords at the same moment all count (each decided under the write lock), and an admin’s reset opens the lock', async () => {
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => loginOn(s.store, '洪都填报员', `at-once-${i}-xx`, FROM)));
      expect(answers.filter((a) => !a.ok && a.lockedUntil).length).toBe(1);
      expect(answers.filter((a) => !a.ok && a.message === WRONG_CREDENTIALS).length).toBe(4);
      const actions = (await events(street.id)).map((e) => e.action);
      expect(actions.filter((a) => a === 'login_failed')).toHaveLength(5);
      expect(actions.filter((a) => a === 'locked')).toHaveLength(1);
      expect((await loginOn(s.store, '洪都填报员', PASSWORD, FROM)).ok).toBe(false);

      await call('users.setPassword', { id: street.id, password: '重置后的密码-2022' });
      expect(await userRow('洪都填报员')).toMatchObject({ failed_logins: 0, locked_until: null });
      expect((await loginOn(s.store, '洪都填报员', '重置后的密码-2022', FROM)).ok).toBe(true);
      expect((await events(street.id)).find((e) => e.action === 'password')).toMatchObject({ detail: '管理员重置密码', by: '王区' });
    });

    it('a disabled account is refused — told so only with the right password', async () => {
      await call('users.disable', { id: street.id, disabled: true });
      expect(await loginOn(s.store, '洪都填报员', PASSWORD, FROM)).toEqual({ ok: false, message: '账户“洪都填报员”已停用，不能登录。如需使用，请联系管理员启用。' });
      expect(await loginOn(s.store, '洪都填报员', 'not-it-xxxx', FROM)).toEqual({ ok: false, message: WRONG_CREDENTIALS });
      expect((await events(street.id)).slice(0, 2).map((e) => e.detail)).toEqual(['连续第 1 次', '账户已停用']);
      await call('users.disable', { id: street.id, disabled: false });
      expect((await loginOn(s.store, '洪都填报员', PASSWORD, FROM)).ok).toBe(true);
    });

    it('an account changes its own password: the old one first, never the same again', async () => {
      const me = { id: street.id, name: street.name, role: street.role, unitId: street.unitId };
      await expect(changeOwnPasswordOn(s.store, me, 'not-the-old-one', '新密码-2022-xyz')).rejects.toThrow('原密码不正确，密码未修改。');
      await expect(changeOwnPasswordOn(s.store, me, PASSWORD, PASSWORD)).rejects.toThrow('新密码与原密码相同，请换一个。');
      await changeOwnPasswordOn(s.store, me, PASSWORD, '新密码-2022-xyz');
      expect((await loginOn(s.store, '洪都填报员', PASSWORD, FROM)).ok).toBe(false);
      expect((await loginOn(s.store, '洪都填报员', '新密码-2022-xyz', FROM)).ok).toBe(true);
      expect((await events(street.id)).find((e) => e.action === 'password')).toMatchObject({ detail: '本人修改密码', by: '洪都填报员' });
    });
  });

  describe('an admin’s rules', () => {
    it('names are unique in any case; an entry account needs a reporting unit, the others none', async () => {
      const wang = await addAccount(s.core, 'Wang', 'viewer');
      expect(wang).toMatchObject({ name: 'Wang', role: 'viewer', unitId: null, unitName: null, disabled: false, lockedUntil: null, lastLoginAt: null, createdBy: '测试管理员' });
      expect(wang).not.toHaveProperty('passwordHash');
      const refusals = [
        [{ name: 'wang', role: 'viewer' }, 'bad_request', '账户名“wang”已存在，请换一个名字。'],
        [{ name: '甲', role: 'entry' }, 'bad_request', '填报员账户需要绑定所填报的单位（街道、镇或集聚区）。'],
        [{ name: '甲', role: 'entry', unitId: unit['区科工局'] }, 'bad_request', '“区科工局”是部门，部门不填报指标：填报员请绑定街道、镇或集聚区。'],
        [{ name: '甲', role: 'entry', unitId: 999 }, 'not_found', '找不到编号为 999 的单位，请重新选择。'],
        [{ name: '甲', role: 'viewer', unitId: unit['洪都街道'] }, 'bad_request', '查看账户不绑定单位（只有填报员绑定所填报的单位）。'],
      ] as const;
      for (const [request, code, message] of refusals) {
        expect(await refusal('users.add', { password: PASSWORD, ...request })).toEqual({ code, message });
      }
      // Checked by the contract before the core, with the same sentence on both engines (request.ts).
      expect(await refusal('users.add', { name: '乙', role: 'viewer', password: 'short' })).toEqual({ code: 'bad_request', message: '字段“password”不正确：密码至少8位' });
      // Without an operator a write is refused, saying how to give one.
      expect(await refusal('users.add', { name: '乙', role: 'viewer', password: PASSWORD }, { kind: 'command' })).toEqual({
        code: 'bad_request',
        message: '尚未设置操作员姓名：请加 --operator 姓名，记录会写明由谁修改。',
      });
      expect((await call<{ users: AccountView[] }>('users.list', {})).users.map((u) => u.name)).toEqual(['Wang']);
      expect((await events()).map((e) => [e.action, e.userName, e.detail, e.by])).toEqual([['add', 'Wang', '查看', '测试管理员']]);

      const entry = await addAccount(s.core, '洪都填报员', 'entry', unit['洪都街道']);
      expect(entry).toMatchObject({ unitId: unit['洪都街道'], unitName: '洪都街道' });
      expect((await events())[0]).toMatchObject({ action: 'add', detail: '填报员 · 洪都街道' });
      expect(await call('account.me', {})).toEqual({ account: null });
    });

    it('the last enabled admin cannot be disabled or demoted; nothing is written when refused', async () => {
      const wang = await addAccount(s.core, '王区', 'admin');
      const li = await addAccount(s.core, '李局长', 'viewer');
      const before = await events();
      expect(await refusal('users.disable', { id: wang.id, disabled: true })).toEqual({
        code: 'bad_request',
        message: '“王区”是唯一可用的管理员账户，不能停用：请先新建或启用另一个管理员账户。',
      });
      expect((await refusal('users.update', { id: wang.id, role: 'viewer', unitId: null })).message).toBe(
        '“王区”是唯一可用的管理员账户，不能改为其他角色：请先新建或启用另一个管理员账户。',
      );
      expect(await events()).toEqual(before);
      expect((await userRow('王区')).disabled_at).toBeNull();

      // A second admin: now either may go, but not both.
      expect(await call('users.update', { id: li.id, role: 'admin', unitId: null })).toMatchObject({ role: 'admin' });
      expect(await call('users.disable', { id: wang.id, disabled: true })).toMatchObject({ disabled: true });
      expect((await refusal('users.disable', { id: li.id, disabled: true })).message).toContain('“李局长”是唯一可用的管理员账户');
      expect((await refusal('users.update', { id: 9999, role: 'viewer', unitId: null })).code).toBe('not_found');
      // Enabling the first again; asking for what already is writes nothing.
      await call('users.disable', { id: wang.id, disabled: false });
      const settled = await events();
      await call('users.disable', { id: wang.id, disabled: false });
      await call('users.update', { id: li.id, role: 'admin', unitId: null });
      expect(await events()).toEqual(settled);
      expect(settled.slice(0, 3).map((e) => [e.action, e.userName, e.detail, e.by])).toEqual([
        ['enable', '王区', null, '王区'],
        ['disable', '王区', null, '王区'],
        ['role', '李局长', '查看 → 管理员', '王区'],
      ]);
      // Disabled accounts are listed after the enabled ones.
      await call('users.disable', { id: wang.id, disabled: true });
      expect((await call<{ users: AccountView[] }>('users.list', {})).users.map((u) => `${u.name}:${u.role}:${u.disabled}`)).toEqual([
        '李局长:admin:false',
        '王区:admin:true',
      ]);
    });
  });

  describe('all or nothing', () => {
    it('a write that fails half-way leaves nothing of it; two adds of one name at once give one account', async () => {
      await addAccount(s.core, '王区', 'admin');
      const li = await addAccount(s.core, '李局长', 'viewer');
      const before = await storedText();
      // 停用 written (the row and its record), then an entry account without a unit: the CHECK of migration 012 fails.
      function* halfThenFail(): Op<void> {
        yield* setUserDisabledOp(li.id, true, '王区');
        yield* insertUserOp({ name: '无单位', role: 'entry', unitId: null, passwordHash: 'x', by: '王区', at: new Date().toISOString() });
      }
      await expect(s.store.write(halfThenFail())).rejects.toThrow();
      expect(await storedText()).toBe(before);

      const both = await Promise.all([0, 1].map(() => s.core.call('users.add', { name: '张三', role: 'viewer', password: PASSWORD }, DISTRICT)));
      expect(both.filter((r) => r.ok)).toHaveLength(1);
      expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'bad_request', message: '账户名“张三”已存在，请换一个名字。' } });
      expect((await s.sql(`SELECT count(*) AS n FROM users WHERE name = '张三'`))[0].n).toBe(1);
      expect((await events()).filter((e) => e.userName === '张三')).toHaveLength(1);
    });
  });

  describe('taizhang user', () => {
    it('add/list/disable/enable/passwd/role: passwords only from standard input, Chinese refusals', async () => {
      await addAccount(s.core, '王区', 'admin');
      await addAccount(s.core, '洪都填报员', 'entry', unit['洪都街道']);
      await addAccount(s.core, '李局长', 'viewer');
      const db = ['--db', s.db, '--operator', '王区'];
      const add = await taizhang(['user', 'add', '--name', '京山填报员', '--role', 'entry', '--unit', '京山街道', '--password-stdin', '--json', ...db], {}, 'jingshan-2022\n');
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      expect(JSON.parse(add.stdout)).toMatchObject({ ok: true, user: { name: '京山填报员', role: 'entry', unit: '京山街道', disabled: false } });
      expect((await loginOn(s.store, '京山填报员', 'jingshan-2022', FROM)).ok).toBe(true);
      // No password on the command line.
      const noStdin = await taizhang(['user', 'add', '--name', '甲', '--role', 'viewer', ...db]);
      expect(noStdin.code).toBe(2);
      expect(noStdin.stderr).toContain('--password-stdin');
      // A name taken: refused (1); an entry account without a unit: usage (2); a short password: refused; an unknown unit: usage, with the closest names.
      expect((await taizhang(['user', 'add', '--name', '京山填报员', '--role', 'viewer', '--password-stdin', ...db], {}, 'another-2022')).code).toBe(1);
      expect((await taizhang(['user', 'add', '--name', '乙', '--role', 'entry', '--password-stdin', ...db], {}, 'another-2022')).code).toBe(2);
      const short = await taizhang(['user', 'add', '--name', '丙', '--role', 'viewer', '--password-stdin', '--json', ...db], {}, 'short');
      expect(short.code).not.toBe(0);
      expect(JSON.parse(short.stdout).error.message).toContain('密码至少8位');
      const far = await taizhang(['user', 'add', '--name', '丁', '--role', 'entry', '--unit', '京山街', '--password-stdin', ...db], {}, 'another-2022');
      expect(far.code).toBe(2);
      expect(far.stderr).toContain('找不到单位“京山街”。是否指：京山街道');
      const list = JSON.parse((await taizhang(['user', 'list', '--json', '--db', s.db])).stdout) as { users: { name: string; role: string }[] };
      expect(list.users.map((u) => `${u.name}:${u.role}`).sort()).toEqual(['京山填报员:entry', '李局长:viewer', '洪都填报员:entry', '王区:admin'].sort());
      expect(await storedText()).not.toContain('jingshan-2022');
      if (s.engine === 'sqlite') {
        for (const file of [s.db, `${s.db}-wal`]) if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from('jingshan-2022'))).toBe(false);
      }
      // The last admin cannot be disabled.
      const last = await taizhang(['user', 'disable', '--name', '王区', ...db]);
      expect(last.code).toBe(1);
      expect(last.stderr).toContain('唯一可用的管理员');
      expect((await taizhang(['user', 'role', '--name', '李局长', '--role', 'admin', ...db])).code).toBe(0);
      const disabled = await taizhang(['user', 'disable', '--name', '王区', ...db]);
      expect(disabled.code).toBe(0);
      expect(disabled.stdout).toContain('已停用：王区  管理员  已停用');
      expect((await taizhang(['user', 'enable', '--name', '王区', '--json', ...db])).stdout).toContain('"disabled":false');
      // A new password from standard input: the old one no longer logs in.
      const passwd = await taizhang(['user', 'passwd', '--name', '京山填报员', '--password-stdin', ...db], {}, '新的密码-2022\n');
      expect(passwd.code).toBe(0);
      expect((await loginOn(s.store, '京山填报员', 'jingshan-2022', FROM)).ok).toBe(false);
      expect((await loginOn(s.store, '京山填报员', '新的密码-2022', FROM)).ok).toBe(true);
      // Every change is in the security record under --operator.
      const changes = (await events()).filter((e) => !e.action.startsWith('login')).map((e) => `${e.action}:${e.userName}:${e.by}`);
      expect(changes.slice(0, 5)).toEqual(['password:京山填报员:王区', 'enable:王区:王区', 'disable:王区:王区', 'role:李局长:王区', 'add:京山填报员:王区']);
    });
  });
});
