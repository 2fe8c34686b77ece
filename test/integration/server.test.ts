/**
 * `taizhang serve` over real HTTP on a real store of either engine (a SQLite
 * file or a PostgreSQL database, test/helpers/testStore.ts): the login protocol
 * (HttpOnly SameSite=Strict cookie, csrf header, 401/403), the roles the core
 * enforces seen from the door (an entry account of 洪都街道 saving 京山街道's
 * cell gets 403 and the attempt is recorded; a viewer cannot write), a
 * disabled account, five wrong passwords locking an account, logout, expiry,
 * and the `taizhang serve` command. The login rules themselves and `taizhang
 * user` run on both engines in accounts-engines.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Core } from '../../electron/core';
import { startServer, type Server } from '../../electron/web/server';
import { AccountSessionTable } from '../../electron/web/accountSessions';
import type { AccountEvent, AccountView } from '../../shared/accounts/roles';
import { testStore, type TestStore } from '../helpers/testStore';
import { addAccount, PASSWORD } from '../helpers/accounts';
import { callOver, login, loginOrThrow } from '../helpers/serverClient';
import { ROOT, taizhang } from '../helpers/cli';

let s: TestStore;
let core: Core;
let server: Server;
let dbPath: string;
let rendererDir: string;
let planId: number;
let unit: Record<string, number>;
let contractId: number;
let clock = Date.now();

beforeEach(async () => {
  // The store as `taizhang serve` finds it: the example plan, no operator set (the logged-in account is the operator).
  s = await testStore('example', { operator: null });
  dbPath = s.db;
  rendererDir = path.join(s.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  core = s.core;
  planId = ((await core.call('plans.list', {})) as { ok: true; value: { id: number }[] }).value[0].id;
  const dir = (await core.call('units.directory', {})) as { ok: true; value: { units: { id: number; name: string }[] } };
  unit = Object.fromEntries(dir.value.units.map((u) => [u.name, u.id]));
  const sheet = (await core.call('entry.sheet', { planId, period: '2022-09' })) as { ok: true; value: { table: { indicators: { id: number; name: string }[] } } };
  contractId = sheet.value.table.indicators.find((i) => i.name === '技术合同成交额')!.id;
  await addAccount(core, '王区', 'admin');
  await addAccount(core, '洪都填报员', 'entry', unit['洪都街道']);
  await addAccount(core, '李局长', 'viewer');
  clock = Date.now();
  server = await startServer({ core, rendererDir, port: 0, sessions: new AccountSessionTable(() => clock) });
});
afterEach(async () => {
  await server.close();
  await s.close();
});

const cell = (unitName: string, value: number) => ({ indicatorId: contractId, unitId: unit[unitName], period: '2022-09', value });
const events = async () => {
  const r = await core.call('users.events', {}, { kind: 'command', operator: '测试' });
  return (r as { ok: true; value: { events: AccountEvent[] } }).value.events;
};

describe('the login protocol', () => {
  it('a login sets an HttpOnly, SameSite=Strict cookie and answers the csrf; calls need both', async () => {
    const a = await login(server.origin, '洪都填报员', PASSWORD);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: true, account: { name: '洪都填报员', role: 'entry', unitName: '洪都街道' } });
    expect(a.body.csrf).toMatch(/^[\w-]{20,}$/);
    const cookie = a.setCookie.find((c) => c.startsWith('taizhang_session='))!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure'); // plain http on the loopback; behind https see the next test
    const session = a.session!;

    const ok = await callOver(server.origin, session, 'account.me', {});
    expect(ok).toMatchObject({ status: 200, body: { ok: true, value: { account: { name: '洪都填报员', unitName: '洪都街道' } } } });
    // How long the core took rides along (Server-Timing), for the load bench and an administrator's tools.
    expect(ok.coreMs).toBeGreaterThanOrEqual(0);
    // The cookie without the csrf header: 403.
    const noCsrf = await callOver(server.origin, session, 'account.me', {}, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error!.message).toContain('x-taizhang-csrf');
    // A wrong csrf: 403 too.
    expect((await callOver(server.origin, { ...session, csrf: 'x'.repeat(32) }, 'account.me', {})).status).toBe(403);
    // No cookie at all: 401, not logged in.
    const none = await callOver(server.origin, null, 'account.me', {});
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'unauthorized', message: '尚未登录或登录已过期，请重新登录。' });
    // The page gets its csrf back after a reload (the cookie is HttpOnly; the csrf lived in the tab).
    const again = await fetch(`${server.origin}/api/session`, { headers: { Cookie: session.cookie } });
    expect(await again.json()).toMatchObject({ ok: true, csrf: session.csrf, account: { name: '洪都填报员' } });
  });

  it('through an https proxy on this machine the cookie is Secure, and the record names the browser’s address', async () => {
    const a = await login(server.origin, '王区', PASSWORD, { 'X-Forwarded-Proto': 'https', 'X-Real-IP': '10.1.2.3' });
    expect(a.setCookie.find((c) => c.startsWith('taizhang_session='))).toContain('Secure');
    expect((await events()).find((e) => e.action === 'login')).toMatchObject({ userName: '王区', from: '10.1.2.3' });
  });

  it('the page is served with the server’s mark, and a request from another site is refused', async () => {
    const page = await (await fetch(`${server.origin}/`)).text();
    expect(page).toContain('<meta name="taizhang-door" content="server">');
    const session = await loginOrThrow(server.origin, '王区', PASSWORD);
    const res = await fetch(`${server.origin}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'x-taizhang-csrf': session.csrf, Origin: 'http://evil.example' },
      body: JSON.stringify({ method: 'account.me', request: {} }),
    });
    expect(res.status).toBe(403);
  });

  it('a new password of one’s own ends every session of the account; the new one logs in', async () => {
    const here = await loginOrThrow(server.origin, '洪都填报员', PASSWORD);
    const there = await loginOrThrow(server.origin, '洪都填报员', PASSWORD);
    const wrongOld = await callOver(server.origin, here, 'account.changePassword', { oldPassword: 'not-the-old-one', newPassword: '新密码-2022-xyz' });
    expect(wrongOld.body.error!.message).toBe('原密码不正确，密码未修改。');
    const changed = await callOver(server.origin, here, 'account.changePassword', { oldPassword: PASSWORD, newPassword: '新密码-2022-xyz' });
    expect(changed).toMatchObject({ status: 200, body: { ok: true } });
    expect((await callOver(server.origin, here, 'account.me', {})).status).toBe(401);
    expect((await callOver(server.origin, there, 'account.me', {})).status).toBe(401);
    expect((await login(server.origin, '洪都填报员', PASSWORD)).status).toBe(401);
    expect((await login(server.origin, '洪都填报员', '新密码-2022-xyz')).status).toBe(200);
  });

  it('a flood of logins is told to wait (429) instead of queueing without end', async () => {
    const narrow = await startServer({ core, rendererDir, port: 0, maxLoginsInFlight: 1 });
    try {
      const answers = await Promise.all([login(narrow.origin, '王区', PASSWORD), login(narrow.origin, '李局长', PASSWORD)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 429]);
      expect(answers.find((a) => a.status === 429)!.body.error!.message).toBe('同时登录的人太多，请稍等几秒再试。');
    } finally {
      await narrow.close();
    }
  });

  it('logout ends the session', async () => {
    const session = await loginOrThrow(server.origin, '王区', PASSWORD);
    const out = await fetch(`${server.origin}/api/logout`, { method: 'POST', headers: { Cookie: session.cookie, 'x-taizhang-csrf': session.csrf } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toContain('Max-Age=0');
    expect((await callOver(server.origin, session, 'account.me', {})).status).toBe(401);
    expect((await events()).map((e) => e.action)).toContain('logout');
  });

  it('a session ends after two hours without a request, and is recorded as run out', async () => {
    const session = await loginOrThrow(server.origin, '王区', PASSWORD);
    clock += 119 * 60_000;
    expect((await callOver(server.origin, session, 'account.me', {})).status).toBe(200);
    clock += 121 * 60_000;
    expect((await callOver(server.origin, session, 'account.me', {})).status).toBe(401);
    expect((await events()).find((e) => e.action === 'logout')).toMatchObject({ userName: '王区', detail: '会话过期' });
  });
});

describe('roles at the door', () => {
  it('洪都街道’s 填报员 saving 京山街道’s cell gets 403 and the attempt is logged; its own cell is saved under its name', async () => {
    const street = await loginOrThrow(server.origin, '洪都填报员', PASSWORD);
    const refused = await callOver(server.origin, street, 'entry.save', { planId, edits: [cell('京山街道', 1.2)] });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', message: '您的账户只能填报和查看“洪都街道”的数据，不能修改“京山街道”的数据。' });
    const denied = (await events()).find((e) => e.action === 'denied')!;
    expect(denied).toMatchObject({ userName: '洪都填报员', from: '127.0.0.1' });
    expect(denied.detail).toContain('entry.save');
    const own = await callOver(server.origin, street, 'entry.save', { planId, edits: [cell('洪都街道', 0.03)] });
    expect(own).toMatchObject({ status: 200, body: { ok: true, value: { changed: 1, by: '洪都填报员' } } });
    // The account's name is the operator: it cannot pose as someone else.
    expect((await callOver(server.origin, street, 'operator.set', { name: '王区' })).body.ok).toBe(false);
  });

  it('a viewer reads but cannot write', async () => {
    const viewer = await loginOrThrow(server.origin, '李局长', PASSWORD);
    expect((await callOver(server.origin, viewer, 'dashboard.get', { planId, period: '2022-09' })).status).toBe(200);
    const write = await callOver(server.origin, viewer, 'entry.save', { planId, edits: [cell('洪都街道', 0.03)] });
    expect(write.status).toBe(403);
    expect(write.body.error!.message).toBe('查看账户“李局长”只能查看和导出，不能修改数据。');
  });

  it('a disabled account cannot log in, and its open session ends at once', async () => {
    const street = await loginOrThrow(server.origin, '洪都填报员', PASSWORD);
    const admin = await loginOrThrow(server.origin, '王区', PASSWORD);
    const { users } = (await callOver(server.origin, admin, 'users.list', {})).body.value as { users: AccountView[] };
    const id = users.find((u) => u.name === '洪都填报员')!.id;
    expect((await callOver(server.origin, admin, 'users.disable', { id, disabled: true })).status).toBe(200);
    const again = await login(server.origin, '洪都填报员', PASSWORD);
    expect(again.status).toBe(401);
    expect(again.body.error!.message).toBe('账户“洪都填报员”已停用，不能登录。如需使用，请联系管理员启用。');
    const old = await callOver(server.origin, street, 'account.me', {});
    expect(old.status).toBe(401);
    expect(old.body.error!.message).toContain('已停用或密码已更改');
  });

  it('five wrong passwords lock the account for a while: even the right one is refused, an admin’s reset opens it', async () => {
    for (let i = 1; i <= 4; i++) {
      const wrong = await login(server.origin, '洪都填报员', `错误密码${i}xxxx`);
      expect(wrong.status).toBe(401);
      expect(wrong.body.error!.message).toBe('账户名或密码不正确。连续输错 5 次，账户将被锁定 15 分钟。');
    }
    const fifth = await login(server.origin, '洪都填报员', '错误密码5xxxx');
    expect(fifth.body.error!.message).toMatch(/^密码连续输错 5 次，账户已锁定 15 分钟：请在 \d\d:\d\d 以后再试，或请管理员重置密码。$/);
    const right = await login(server.origin, '洪都填报员', PASSWORD);
    expect(right.status).toBe(401);
    expect(right.body.error!.message).toContain('已锁定');
    // An unknown name gets the same answer as a wrong password: the answer does not tell which accounts exist.
    expect((await login(server.origin, '没有这个人', PASSWORD)).body.error!.message).toBe('账户名或密码不正确。连续输错 5 次，账户将被锁定 15 分钟。');
    const actions = (await events()).filter((e) => e.userName === '洪都填报员').map((e) => e.action);
    expect(actions.filter((a) => a === 'login_failed')).toHaveLength(6);
    expect(actions).toContain('locked');
    // Never a password in the record.
    expect(JSON.stringify(await events())).not.toContain('错误密码');
    const r = await taizhang(['user', 'passwd', '--name', '洪都填报员', '--password-stdin', '--db', dbPath, '--operator', '王区'], {}, '新的密码-2022\n');
    expect(r.code).toBe(0);
    expect((await login(server.origin, '洪都填报员', '新的密码-2022')).status).toBe(200);
  });
});

describe('several sessions writing at once', () => {
  it('three streets and the district save at the same moment: every save lands, under its own account, in its own history', async () => {
    const db = ['--db', dbPath, '--operator', '王区'];
    for (const [name, u] of [['京山填报员', '京山街道'], ['岱山填报员', '岱山街道']]) {
      expect((await taizhang(['user', 'add', '--name', name, '--role', 'entry', '--unit', u, '--password-stdin', ...db], {}, PASSWORD)).code).toBe(0);
    }
    const who = [['洪都填报员', '洪都街道'], ['京山填报员', '京山街道'], ['岱山填报员', '岱山街道'], ['王区', '三家店街道']] as const;
    const sessions = await Promise.all(who.map(([name]) => loginOrThrow(server.origin, name, PASSWORD)));
    // Ten saves each, all in flight together: 40 writers on one database through one server.
    const answers = await Promise.all(
      who.flatMap(([, unitName], k) =>
        Array.from({ length: 10 }, (_, n) => callOver(server.origin, sessions[k], 'entry.save', { planId, edits: [cell(unitName, 0.01 * (n + 1))], view: { kind: 'units', period: '2022-09' } })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect(answers.every((a) => a.body.ok)).toBe(true);
    for (const [name, unitName] of who) {
      const r = await core.call('entry.history', { planId, indicatorId: contractId, unitId: unit[unitName], period: '2022-09' }, { kind: 'pc' });
      const history = (r as { ok: true; value: { changedBy: string }[] }).value;
      expect(history, unitName).toHaveLength(10);
      expect(new Set(history.map((h) => h.changedBy))).toEqual(new Set([name]));
    }
    // The streets' saves wait for 审核; the district's own need none.
    const list = (await core.call('review.list', { planId }, { kind: 'pc' })) as { ok: true; value: { rows: { unitName: string; state: string }[] } };
    expect(list.value.rows.map((r) => `${r.unitName}:${r.state}`).sort()).toEqual(['京山街道:pending', '岱山街道:pending', '洪都街道:pending']);
  });
});

describe('the commands', () => {
  it('taizhang serve refuses to start without an admin account', async () => {
    // A store of its own with the example plan and no account at all.
    const fresh = await testStore('example', { operator: null });
    try {
      const r = await taizhang(['serve', '--db', fresh.db, '--port', '0']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('还没有可用的管理员账户');
    } finally {
      await fresh.close();
    }
  });

  it('taizhang serve as a process: listens where told, serves logins, stops cleanly on SIGTERM', async () => {
    await server.close();
    await core.close();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/taizhang.mjs'), 'serve', '--db', dbPath, '--host', '127.0.0.1', '--port', '0', '--json'], {
      cwd: ROOT,
      env: { ...process.env, TAIZHANG_RENDERER_DIR: rendererDir },
    });
    // Stopped whatever happens below: a failed assertion or a hang must not leave a server running.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const first = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    const started = JSON.parse(first) as { ok: true; url: string; port: number };
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
    const session = await loginOrThrow(started.url, '洪都填报员', PASSWORD);
    expect((await callOver(started.url, session, 'entry.save', { planId, edits: [cell('洪都街道', 0.04)] })).body).toMatchObject({ ok: true, value: { by: '洪都填报员' } });
    // Through the command's door the account is still the caller: another unit's cell is refused.
    expect((await callOver(started.url, session, 'entry.save', { planId, edits: [cell('京山街道', 1)] })).status).toBe(403);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    // Reopened for afterEach.
    core = await s.reopen();
    server = await startServer({ core, rendererDir, port: 0 });
  }, 60_000);
});
