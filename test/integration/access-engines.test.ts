/**
 * Logged-in accounts on both engines (issue 22): the same access checks —
 * one table (access/permissions.ts), one code (access/authorize.ts,
 * access/scope.ts) — on a SQLite file and on a PostgreSQL store, compared
 * answer for answer: an entry account (填报员) sees its own street and the
 * district's published figures only and is refused another street; a viewer
 * reads and is refused every write; each refusal is a 'denied' line in the
 * security record; a disabled account's session ends at once, a new password
 * of one's own ends it for good. Then `taizhang serve`'s door over both cores
 * (login over HTTP, dashboard.get, account.me, 403, a session ending), and
 * `taizhang serve --db postgres://…` as a process, with its daily pg_dump copy.
 *
 * The store: the 青云谱区 example with nine months of generated 示例数据
 * figures (dashboardSample.ts), 京山街道's September figures 待审核 (so hidden
 * from 洪都街道's account) and 洪都街道's own 退回.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AccountEvent, AccountView } from '../../shared/accounts/roles';
import type { DashboardView } from '../../shared/dashboard/view';
import { pgBackupPlace } from '../../electron/core/store/postgres/backup';
import { openPostgresCore, POSTGRES_READY_METHODS } from '../../electron/core/store/postgres/core';
import { METHOD_ACCESS } from '../../electron/core/access/permissions';
import ExcelJS from 'exceljs';
import { readManifest, writeManifest } from '../../electron/core/backup/store';
import { startServer } from '../../electron/web/server';
import { addAccount, callAs, PASSWORD, refusedAs } from '../helpers/accounts';
import { callOver, login, loginOrThrow } from '../helpers/serverClient';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tempDb';
import { openEngine, stopEngines, type EngineName, type EngineStore } from '../helpers/engines';
import { sameRandomCodes, writeExampleWithSamples } from '../helpers/exampleStores';

const AT = '2022-09-30T08:00:00.000Z';
const TODAY = '2022-10-08';
const FROM = '192.0.2.7';
const DISTRICT = { kind: 'command' as const, operator: '测试管理员' };

interface Fixture {
  s: EngineStore;
  planId: number;
  unit: Record<string, number>;
  admin: AccountView;
  hongdu: AccountView;
  jingshan: AccountView;
  viewer: AccountView;
}

const stores = {} as Record<EngineName, Fixture>;

async function fill(s: EngineStore): Promise<Fixture> {
  const planId = await writeExampleWithSamples(s, 9, AT);
  const unit = Object.fromEntries((await s.sql('SELECT id, name FROM units')).map((r) => [r.name as string, Number(r.id)]));
  await s.sql(`INSERT INTO figure_reviews (plan_id, unit_id, period, state, reason, by_name, at) VALUES
    (${planId}, ${unit['京山街道']}, '2022-09', 'pending', NULL, '京山填报员', '2022-10-02T01:00:00.000Z'),
    (${planId}, ${unit['洪都街道']}, '2022-09', 'returned', '数据有误', '王区', '2022-10-07T01:00:00.000Z')`);
  await sameRandomCodes(s);
  // The store's exchange id is random: the same on both, so sync.pull's answers compare whole.
  await s.sql(`INSERT INTO settings (key, value) VALUES ('exchange.databaseId', 'access-engines-store')`);
  return {
    s,
    planId,
    unit,
    admin: await addAccount(s.core, '王区', 'admin'),
    hongdu: await addAccount(s.core, '洪都填报员', 'entry', unit['洪都街道']),
    jingshan: await addAccount(s.core, '京山填报员', 'entry', unit['京山街道']),
    viewer: await addAccount(s.core, '李局长', 'viewer'),
  };
}

beforeAll(async () => {
  stores.sqlite = await fill(await openEngine('sqlite'));
  stores.postgres = await fill(await openEngine('postgres'));
  expect(stores.postgres.planId).toBe(stores.sqlite.planId);
  expect(stores.postgres.unit).toEqual(stores.sqlite.unit);
}, 180_000);

afterAll(async () => {
  await stores.sqlite?.s.close();
  await stores.postgres?.s.close();
  await stopEngines();
}, 60_000);

/** The same question to both stores: the two answers. */
async function both<T>(ask: (f: Fixture) => Promise<T>): Promise<[T, T]> {
  return [await ask(stores.sqlite), await ask(stores.postgres)];
}

/** The security record as the district reads it, newest first, without ids and times (they differ by run). */
async function events(f: Fixture, userId?: number): Promise<Omit<AccountEvent, 'id' | 'at'>[]> {
  const r = await f.s.core.call('users.events', userId === undefined ? {} : { userId }, DISTRICT);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { events: AccountEvent[] }).events.map(({ id: _id, at: _at, ...rest }) => rest);
}

const dashboardAs = (f: Fixture, a: AccountView, req: Record<string, unknown> = {}) =>
  callAs<DashboardView>(f.s.core, a, 'dashboard.get', { planId: f.planId, period: '2022-09', today: TODAY, ...req });

describe('what an account may read, on SQLite and PostgreSQL', () => {
  it('an entry account: its own street’s view, the district’s totals from published figures only — the same view on both', async () => {
    const [lite, pg] = await both((f) => dashboardAs(f, f.hongdu));
    expect(pg).toEqual(lite);
    const { unit } = stores.sqlite;
    // No unitId: its own unit (authorize fills it in).
    expect(lite.unit.id).toBe(unit['洪都街道']);
    expect(lite.units.map((u) => u.name)).toEqual(['青云谱区', '洪都街道']);

    // The admin's view of the same street: every street's row, and the district's totals with 京山街道's 待审核 figures.
    const [adminLite, adminPg] = await both((f) => dashboardAs(f, f.admin, { unitId: f.unit['洪都街道'] }));
    expect(adminPg).toEqual(adminLite);
    expect(adminLite.units.map((u) => u.name)).toContain('京山街道');
    const parentCells = (v: DashboardView) => v.cells[v.units.findIndex((u) => u.isParent)];
    expect(parentCells(lite)).not.toEqual(parentCells(adminLite));
    // The 催报 and 审核 marks of its own only.
    expect(lite.reviews.every((r) => r.unitId === unit['洪都街道'])).toBe(true);
    expect(adminLite.reviews.some((r) => r.unitId === unit['京山街道'])).toBe(true);

    // A viewer reads everything, as the admin does.
    const [viewerLite, viewerPg] = await both((f) => dashboardAs(f, f.viewer, { unitId: f.unit['洪都街道'] }));
    expect(viewerLite).toEqual(adminLite);
    expect(viewerPg).toEqual(adminLite);
  });

  it('account.me and app.info as an entry account: the same on both; where the store lives is the admin’s business', async () => {
    const [me, mePg] = await both((f) => callAs(f.s.core, f.hongdu, 'account.me', {}));
    expect(mePg).toEqual(me);
    expect(me).toMatchObject({ account: { name: '洪都填报员', role: 'entry', unitName: '洪都街道' } });
    const [info, infoPg] = await both((f) => callAs<{ dbPath: string }>(f.s.core, f.hongdu, 'app.info', {}));
    expect(infoPg).toEqual(info);
    expect(info.dbPath).toBe('');
    const [adminInfo, adminInfoPg] = await both((f) => callAs<{ dbPath: string }>(f.s.core, f.admin, 'app.info', {}));
    expect([adminInfo.dbPath, adminInfoPg.dbPath]).toEqual([stores.sqlite.s.db, stores.postgres.s.db]);
  });
});

/** The cells of an exported sheet, row by row: what the file says (its timestamps differ by run). */
async function sheetCells(answer: { base64: string }): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(answer.base64, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push(row.values as unknown[]));
  return rows;
}

describe('every method PostgreSQL runs that narrows its answer to the caller', () => {
  // The request each is asked with as 洪都街道's 填报员; its answer must be SQLite's, narrowed the same way.
  const requests = (f: Fixture): Record<string, Record<string, unknown>> => ({
    'app.info': {},
    'dashboard.get': { planId: f.planId, period: '2022-09', today: TODAY },
    'plan.overview': { planId: f.planId },
    'plan.units': { planId: f.planId },
    'targets.breakdown': { planId: f.planId },
    'targets.history': { planId: f.planId },
    'indicator.years': { planId: f.planId, indicatorId: 1 },
    'figures.progress': { planId: f.planId, period: '2022-09' },
    'summary.get': { planId: f.planId, year: 2022 },
    'summary.prefill': { planId: f.planId, year: 2022 },
    'export.excel': { planId: f.planId, sheet: 'progress', period: '2022-09' },
    'entry.sheet': { planId: f.planId, period: '2022-09' },
    'entry.grid': { planId: f.planId, period: '2022-09' },
    'entry.reminders': { planId: f.planId, period: '2022-09' },
    'review.list': { planId: f.planId, state: 'all' },
    // 同步 (the server's side): the street's own plan data and 审核 states only.
    'sync.pull': { protocol: 1 },
    'sync.push': { protocol: 1, batchId: 'access-engines-batch-0001', serverPlanId: f.planId, sentBy: '王芳', figures: [], progress: [] },
  });
  // Files drawn from a view asked above by the same Op and scope (loadDashboardOp, loadSummaryDocumentOp): their
  // bytes carry creation times and process-wide chart ids, so the view they draw is what is compared.
  const drawnFromAbove: Record<string, string> = {
    'dashboard.pdf': 'dashboard.get',
    'dashboard.pages': 'dashboard.get',
    'summary.preview': 'summary.prefill',
    'summary.pdf': 'summary.prefill',
    'summary.docx': 'summary.prefill',
  };

  it('each answers an entry account on PostgreSQL what it answers on SQLite (and the list here is complete)', async () => {
    const narrowing = POSTGRES_READY_METHODS.filter((m) => (METHOD_ACCESS[m].unit as readonly string[]).includes('answer'));
    const listed = [...Object.keys(requests(stores.sqlite)), ...Object.keys(drawnFromAbove)];
    // A method that joins the PostgreSQL core with an 'answer' rule must be asked here.
    expect(narrowing.filter((m) => !listed.includes(m))).toEqual([]);
    for (const method of Object.keys(requests(stores.sqlite))) {
      if (!narrowing.includes(method as never)) continue;
      const [lite, pg] = await both((f) => callAs<Record<string, unknown>>(f.s.core, f.hongdu, method, requests(f)[method]).catch((e: Error) => { throw new Error(`${method} (${f.s.engine}): ${e.message}`); }));
      if (method === 'export.excel') expect(await sheetCells(pg as { base64: string }), method).toEqual(await sheetCells(lite as { base64: string }));
      else expect(pg, method).toEqual(lite);
    }
    // Narrowed indeed: 附件2 shows the 填报员 its own street's row only, the admin every street's.
    const [own] = await both((f) => callAs<{ rows: { unit: { name: string } }[] }>(f.s.core, f.hongdu, 'targets.breakdown', { planId: f.planId }));
    const [all] = await both((f) => callAs<{ rows: { unit: { name: string } }[] }>(f.s.core, f.admin, 'targets.breakdown', { planId: f.planId }));
    expect(own.rows.map((r) => r.unit.name)).not.toContain('京山街道');
    expect(all.rows.map((r) => r.unit.name)).toContain('京山街道');
    // A pull carries the street's own 审核 (退回) and never 京山街道's 待审核 state or figures.
    const [pull] = await both((f) => callAs<{ plans: { units: { name: string }[]; reviews: { state: string }[]; figures: { unitId: number }[] }[] }>(f.s.core, f.hongdu, 'sync.pull', { protocol: 1 }));
    expect(pull.plans[0].units.map((u) => u.name)).toEqual(['青云谱区', '洪都街道']);
    expect(pull.plans[0].reviews.map((r) => r.state)).toEqual(['returned']);
    expect(pull.plans[0].figures.every((x) => x.unitId !== stores.sqlite.unit['京山街道'])).toBe(true);
  });
});

describe('refusals, on SQLite and PostgreSQL', () => {
  it('an entry account asking for another street is refused, and the attempt is in the security record — the same on both', async () => {
    const [a, b] = await both((f) => refusedAs(f.s.core, f.hongdu, 'dashboard.get', { planId: f.planId, period: '2022-09', unitId: f.unit['京山街道'] }));
    expect(a).toEqual({ code: 'forbidden', message: '您的账户只能填报和查看“洪都街道”的数据，不能查看“京山街道”的数据。' });
    expect(b).toEqual(a);
    // The district's own rules are an admin's.
    const [c, d] = await both((f) => refusedAs(f.s.core, f.hongdu, 'users.list', {}));
    expect(c).toEqual({ code: 'forbidden', message: '此操作只有管理员可以进行，您的账户“洪都填报员”是填报员账户。' });
    expect(d).toEqual(c);

    const [lite, pg] = await both(async (f) => (await events(f, f.hongdu.id)).slice(0, 2));
    expect(pg).toEqual(lite);
    expect(lite).toEqual([
      { userId: stores.sqlite.hongdu.id, userName: '洪都填报员', action: 'denied', detail: `users.list：${c.message}`, by: null, from: FROM },
      { userId: stores.sqlite.hongdu.id, userName: '洪都填报员', action: 'denied', detail: `dashboard.get：${a.message}`, by: null, from: FROM },
    ]);
  });

  it('a viewer is refused every write, before its request is even read; each refusal recorded', async () => {
    const write = (f: Fixture) => ({ planId: f.planId, edits: [{ indicatorId: 1, unitId: f.unit['洪都街道'], period: '2022-09', value: 1 }] });
    const [a, b] = await both((f) => refusedAs(f.s.core, f.viewer, 'entry.save', write(f)));
    expect(a).toEqual({ code: 'forbidden', message: '查看账户“李局长”只能查看和导出，不能修改数据。' });
    expect(b).toEqual(a);
    // A request of the wrong shape gets the same refusal: a role that may not call learns nothing about the shape.
    const [c, d] = await both((f) => refusedAs(f.s.core, f.viewer, 'entry.save', { nonsense: true }));
    expect([c, d]).toEqual([a, a]);
    const [e, g] = await both((f) => refusedAs(f.s.core, f.viewer, 'users.add', { name: '新人', role: 'viewer', unitId: null, password: PASSWORD }));
    expect(e).toEqual({ code: 'forbidden', message: '此操作只有管理员可以进行，您的账户“李局长”是查看账户。' });
    expect(g).toEqual(e);
    // The backups are the admin's, as the table says: listed for the admin account, refused to the viewer.
    const [h, k] = await both((f) => refusedAs(f.s.core, f.viewer, 'backup.list', {}));
    expect(h).toEqual({ code: 'forbidden', message: '此操作只有管理员可以进行，您的账户“李局长”是查看账户。' });
    expect(k).toEqual(h);
    const [listed, listedPg] = await both((f) => callAs<{ backups: unknown[] }>(f.s.core, f.admin, 'backup.list', {}));
    expect([Array.isArray(listed.backups), Array.isArray(listedPg.backups)]).toEqual([true, true]);
    const [lite, pg] = await both(async (f) => (await events(f, f.viewer.id)).filter((x) => x.action === 'denied'));
    expect(pg).toEqual(lite);
    expect(lite.map((x) => x.detail)).toEqual([`backup.list：${h.message}`, `users.add：${e.message}`, `entry.save：${a.message}`, `entry.save：${a.message}`]);
    // Nothing was added.
    const [names, namesPg] = await both(async (f) => (await f.s.sql('SELECT name FROM users ORDER BY id')).map((r) => r.name));
    expect(namesPg).toEqual(names);
    expect(names).not.toContain('新人');
  });

  it('changing one’s own password is an account’s only: a command is told so, the same on both', async () => {
    const [a, b] = await both(async (f) => {
      const r = await f.s.core.call('account.changePassword', { oldPassword: PASSWORD, newPassword: '另一个密码-2022' }, DISTRICT);
      return r.ok ? null : r.error;
    });
    expect(a).toEqual({ code: 'bad_request', message: '只有用账户登录后才能修改自己的密码（本机版和命令行没有账户）。' });
    expect(b).toEqual(a);
  });
});

describe('sessions, on SQLite and PostgreSQL (core.auth, as the server door uses it)', () => {
  it('a disabled account’s session ends at once, enabling it brings it back; a new password of its own ends it for good', async () => {
    const [lite, pg] = await both(async (f) => {
      const { core } = f.s;
      const seen: unknown[] = [];
      const logged = await core.auth.login(' 京山填报员 ', PASSWORD, FROM);
      if (!logged.ok) throw new Error(logged.message);
      const { account } = logged;
      const lookup = async () => core.auth.account(account.id, account.passwordSetAt);
      seen.push(await lookup());
      // The admin, logged in, disables the account: the open session ends at the next request.
      await callAs(core, f.admin, 'users.disable', { id: f.jingshan.id, disabled: true });
      seen.push(await lookup());
      seen.push(await core.auth.login('京山填报员', PASSWORD, FROM));
      await callAs(core, f.admin, 'users.disable', { id: f.jingshan.id, disabled: false });
      seen.push(await lookup());
      // Its own new password: the old one first.
      seen.push(await refusedAs(core, f.jingshan, 'account.changePassword', { oldPassword: 'not-the-old-one', newPassword: '新密码-2022-xyz' }));
      seen.push(await callAs(core, f.jingshan, 'account.changePassword', { oldPassword: PASSWORD, newPassword: '新密码-2022-xyz' }));
      seen.push(await lookup());
      const again = await core.auth.login('京山填报员', '新密码-2022-xyz', FROM);
      seen.push(again.ok);
      if (again.ok) await core.auth.loggedOut(again.account, FROM);
      return { seen: JSON.parse(JSON.stringify(seen).replaceAll(account.passwordSetAt, '<set>')), events: await events(f, f.jingshan.id) };
    });
    expect(pg).toEqual(lite);
    const id = stores.sqlite.jingshan.id;
    expect(lite.seen).toEqual([
      { id, name: '京山填报员', role: 'entry', unitId: stores.sqlite.unit['京山街道'], unitName: '京山街道', passwordSetAt: '<set>' },
      null,
      { ok: false, message: '账户“京山填报员”已停用，不能登录。如需使用，请联系管理员启用。' },
      { id, name: '京山填报员', role: 'entry', unitId: stores.sqlite.unit['京山街道'], unitName: '京山街道', passwordSetAt: '<set>' },
      { code: 'bad_request', message: '原密码不正确，密码未修改。' },
      { ok: true },
      null,
      true,
    ]);
    expect(lite.events.map((e) => [e.action, e.by ?? null, e.from])).toEqual([
      ['logout', null, FROM],
      ['login', null, FROM],
      ['password', '京山填报员', null],
      ['enable', '王区', null],
      ['login_failed', null, FROM],
      ['disable', '王区', null],
      ['login', null, FROM],
      ['add', '测试管理员', null],
    ]);
  });
});

async function rendererDir(): Promise<string> {
  const t = tempDir();
  onTestFinished(() => t.cleanup());
  fs.writeFileSync(path.join(t.dir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  return t.dir;
}

describe.each(['sqlite', 'postgres'] as const)('taizhang serve’s door over the %s core', (engine) => {
  it('logs in over HTTP, answers dashboard.get and account.me in the account’s scope, 403 for another street, 401 once disabled', async () => {
    const f = stores[engine];
    const server = await startServer({ core: f.s.core, rendererDir: await rendererDir(), port: 0 });
    onTestFinished(() => server.close());
    const street = await loginOrThrow(server.origin, '洪都填报员', PASSWORD);
    const me = await callOver(server.origin, street, 'account.me', {});
    expect(me).toMatchObject({ status: 200, body: { ok: true, value: { account: { name: '洪都填报员', unitName: '洪都街道' } } } });
    const view = await callOver(server.origin, street, 'dashboard.get', { planId: f.planId, period: '2022-09', today: TODAY });
    expect(view.status).toBe(200);
    // The same view as the core gives the account directly (the in-core comparison of both engines is above).
    expect(view.body.value).toEqual(await dashboardAs(f, f.hongdu));
    expect((view.body.value as DashboardView).units.map((u) => u.name)).toEqual(['青云谱区', '洪都街道']);
    const other = await callOver(server.origin, street, 'dashboard.get', { planId: f.planId, period: '2022-09', unitId: f.unit['京山街道'] });
    expect(other.status).toBe(403);

    // A second account's open session ends once the admin disables it over HTTP.
    await f.s.core.call('users.disable', { id: f.viewer.id, disabled: false }, DISTRICT);
    const viewer = await loginOrThrow(server.origin, '李局长', PASSWORD);
    const admin = await loginOrThrow(server.origin, '王区', PASSWORD);
    expect((await callOver(server.origin, viewer, 'account.me', {})).status).toBe(200);
    expect((await callOver(server.origin, admin, 'users.disable', { id: f.viewer.id, disabled: true })).status).toBe(200);
    const ended = await callOver(server.origin, viewer, 'account.me', {});
    expect(ended.status).toBe(401);
    expect(ended.body.error!.message).toBe('账户已停用或密码已更改，本次登录已失效，请重新登录。');
    expect((await login(server.origin, '李局长', PASSWORD)).status).toBe(401);
    await f.s.core.call('users.disable', { id: f.viewer.id, disabled: false }, DISTRICT);

    // Logging out is recorded with the address.
    const out = await fetch(`${server.origin}/api/logout`, { method: 'POST', headers: { Cookie: street.cookie, 'x-taizhang-csrf': street.csrf } });
    expect(out.status).toBe(200);
    expect((await events(f, f.hongdu.id))[0]).toMatchObject({ action: 'logout', detail: '退出登录', from: '127.0.0.1' });
    expect((await callOver(server.origin, street, 'account.me', {})).status).toBe(401);
  }, 60_000);
});

describe('taizhang serve --db postgres://…', () => {
  it('runs as a process: takes the daily pg_dump copy at start, serves logins, dashboard.get and account.me, stops on SIGTERM', async () => {
    const f = stores.postgres;
    const home = tempDir();
    onTestFinished(() => home.cleanup());
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/taizhang.mjs'), 'serve', '--db', f.s.db, '--host', '127.0.0.1', '--port', '0', '--json'], {
      cwd: ROOT,
      env: { ...process.env, TAIZHANG_RENDERER_DIR: await rendererDir(), XDG_CONFIG_HOME: home.dir },
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
    const started = JSON.parse(first) as { ok: true; url: string; port: number; db: string };
    expect(started).toMatchObject({ ok: true, url: `http://127.0.0.1:${started.port}`, db: f.s.db });

    // The daily copy, taken before the server listened: a pg_dump file listed as 每日备份.
    const place = pgBackupPlace(f.s.db, { ...process.env, XDG_CONFIG_HOME: home.dir });
    const daily = readManifest(place).filter((e) => e.kind === 'daily');
    expect(daily).toHaveLength(1);
    expect(daily[0]).toMatchObject({ reason: '每日备份', by: null });
    expect(fs.readFileSync(daily[0].file).subarray(0, 5).toString()).toBe('PGDMP');

    const session = await loginOrThrow(started.url, '洪都填报员', PASSWORD);
    expect((await callOver(started.url, session, 'account.me', {})).body).toMatchObject({ ok: true, value: { account: { name: '洪都填报员' } } });
    const view = await callOver(started.url, session, 'dashboard.get', { planId: f.planId, period: '2022-09', today: TODAY });
    expect(view.body.value).toEqual(await dashboardAs(f, f.hongdu));
    expect((await callOver(started.url, session, 'dashboard.get', { planId: f.planId, period: '2022-09', unitId: f.unit['京山街道'] })).status).toBe(403);

    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(err).toBe('');
  }, 120_000);
});

describe('the daily copy of a PostgreSQL store (taizhang serve takes it at start)', () => {
  it('not for a new store; once per 20 hours for an existing one; a failed copy is logged and never in the way', async () => {
    const home = tempDir();
    const saved = { xdg: process.env.XDG_CONFIG_HOME, bin: process.env.TAIZHANG_PG_BIN };
    process.env.XDG_CONFIG_HOME = home.dir;
    onTestFinished(() => {
      for (const [key, value] of [['XDG_CONFIG_HOME', saved.xdg], ['TAIZHANG_PG_BIN', saved.bin]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      home.cleanup();
    });
    const f = stores.postgres;
    await f.s.sql('CREATE DATABASE daily_copies');
    const url = f.s.db.replace(/\/[^/]+$/, '/daily_copies');
    const place = pgBackupPlace(url);
    const dailies = () => readManifest(place).filter((e) => e.kind === 'daily');
    const start = async () => (await openPostgresCore({ url, shown: url, dailyBackup: true })).close();
    /** The newest daily copy made to look 21 hours old. */
    const age = () => writeManifest(place, readManifest(place).map((e) => ({ ...e, createdAt: new Date(Date.parse(e.createdAt) - 21 * 3600_000).toISOString() })));

    await start();
    expect(dailies()).toEqual([]);
    await start();
    expect(dailies()).toHaveLength(1);
    expect(dailies()[0]).toMatchObject({ reason: '每日备份', by: null, schemaVersion: expect.any(Number) });
    await start();
    expect(dailies()).toHaveLength(1);
    age();
    await start();
    expect(dailies()).toHaveLength(2);

    // Without pg_dump the copy fails: the store opens all the same, the failure is in the log.
    age();
    process.env.TAIZHANG_PG_BIN = path.join(home.dir, 'no-such-folder');
    const core = await openPostgresCore({ url, shown: url, dailyBackup: true });
    expect((await core.call('app.info', {})).ok).toBe(true);
    await core.close();
    expect(dailies()).toHaveLength(2);
    expect(fs.readFileSync(path.join(home.dir, 'Taizhang', 'taizhang.log'), 'utf8')).toContain('[daily backup]');
  }, 120_000);
});
