/**
 * Issue 23 end to end, in one process: a real `taizhang serve` (startServer
 * over a real store of the project's engine — a SQLite file or a PostgreSQL
 * database, test/helpers/testStore.ts — reached over HTTP on the loopback) and
 * two desktop databases (always SQLite files: a desktop is one PC's) — 洪都街道 and 京山街道 — each logged in with its own 填报员
 * account. Both enter while the server is down (queued, nothing lost), sync
 * (待审核 on the server through the one 审核), the district approves one and
 * returns the other with a reason, and both see the outcome after their next
 * sync. Then a conflict: the district changes a cell the street changed too —
 * kept on both sides, decided by the district, the street's value in the
 * history. (The server killed mid-push: sync-interrupted.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { startServer, type Server } from '../../electron/web/server';
import type { ReviewList } from '../../shared/review/states';
import type { SyncConflictView } from '../../shared/sync/views';
import { testStore, type TestStore } from '../helpers/testStore';
import { addAccount, PASSWORD } from '../helpers/accounts';
import { fakeSystemStore, openDesktop, type Desktop } from '../helpers/sync';

let server: Server;
let serverCore: Core;
let port = 0;
let rendererDir: string;
/** The server's store. */
let s: TestStore;
let hongdu: Desktop;
let jingshan: Desktop;
const store = fakeSystemStore();
/** The server's ids. */
let planId: number;
const unit: Record<string, number> = {};
const ind: Record<string, number> = {};

const district = async <T>(method: string, request: unknown): Promise<T> => {
  const r = await serverCore.call(method, request, { kind: 'command', operator: '王区' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};
/** The figure as the server stores it, read from its store directly. */
const serverFigure = async (unitName: string, indicator: string, period: string) =>
  (await s.rows<{ value: number }>('SELECT value FROM figures WHERE unit_id = ? AND indicator_id = ? AND period = ?', unit[unitName], ind[indicator], period))[0]?.value ?? null;

async function start() {
  server = await startServer({ core: serverCore, rendererDir, port });
  port = server.port;
}

/** The desktop's own ids of its synced plan, unit and indicators. */
async function localIds(d: Desktop) {
  const plans = await d.call<{ id: number; title: string }[]>('plans.list', {});
  const plan = plans[0];
  const units = await d.call<{ units: { id: number; name: string; role: string }[] }>('plan.units', { planId: plan.id });
  const sheet = await d.call<{ table: { indicators: { id: number; name: string; code: string }[] } }>('entry.sheet', { planId: plan.id, period: '2022-09' });
  return {
    planId: plan.id,
    title: plan.title,
    unit: Object.fromEntries(units.units.map((u) => [u.name, u.id])),
    ind: Object.fromEntries(sheet.table.indicators.map((i) => [i.name, i.id])),
    codes: Object.fromEntries(sheet.table.indicators.map((i) => [i.name, i.code])),
  };
}

const save = (d: Desktop, ids: Awaited<ReturnType<typeof localIds>>, unitName: string, indicator: string, period: string, value: number) =>
  d.call('entry.save', { planId: ids.planId, edits: [{ indicatorId: ids.ind[indicator], unitId: ids.unit[unitName], period, value, confirmed: true }] });

beforeAll(async () => {
  // The district's store: the example plan, no operator (each call names its caller).
  s = await testStore('example', { operator: null });
  rendererDir = path.join(s.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  serverCore = s.core;
  planId = (await district<{ id: number }[]>('plans.list', {}))[0].id;
  for (const u of (await district<{ units: { id: number; name: string }[] }>('plan.units', { planId })).units) unit[u.name] = u.id;
  for (const i of (await district<{ table: { indicators: { id: number; name: string }[] } }>('entry.sheet', { planId, period: '2022-09' })).table.indicators) ind[i.name] = i.id;
  await addAccount(serverCore, '王区', 'admin');
  await addAccount(serverCore, '洪都填报员', 'entry', unit['洪都街道']);
  await addAccount(serverCore, '京山填报员', 'entry', unit['京山街道']);
  await start();
  hongdu = openDesktop(s.dir, 'hongdu', '王芳', store);
  jingshan = openDesktop(s.dir, 'jingshan', '李明');
});
afterAll(async () => {
  await server.close();
  for (const d of [hongdu, jingshan]) d?.core.close();
  await s.close();
});

describe('two streets syncing with the district’s server', () => {
  it('设置 → 服务器 keeps the password only with the system’s store, never in clear, and says where', async () => {
    const saved = await hongdu.call<{ passwordStored: boolean; secrets: { kind: string; text: string }; server: string }>('sync.configure', {
      server: server.origin.replace('http://', ''),
      account: '洪都填报员',
      password: PASSWORD,
    });
    expect(saved).toMatchObject({ passwordStored: true, secrets: { kind: 'system' }, server: server.origin });
    expect(saved.secrets.text).toContain('系统凭据存储加密');
    const raw = fs.readFileSync(hongdu.dbPath).toString('latin1') + (fs.existsSync(`${hongdu.dbPath}-wal`) ? fs.readFileSync(`${hongdu.dbPath}-wal`).toString('latin1') : '');
    expect(raw).not.toContain(Buffer.from(PASSWORD).toString('latin1'));
    expect(store.encrypted).toHaveLength(1);

    // Without a credential store (the CLI, `npm run web`): a password is refused, the address and account are kept.
    await expect(jingshan.call('sync.configure', { server: server.origin, account: '京山填报员', password: PASSWORD })).rejects.toThrow(/密码不保存/);
    const kept = await jingshan.call<{ passwordStored: boolean; secrets: { kind: string } }>('sync.configure', { server: server.origin, account: '京山填报员' });
    expect(kept).toMatchObject({ passwordStored: false, secrets: { kind: 'none' } });
    await expect(jingshan.sync()).rejects.toThrow(/密码不保存/);
  });

  it('the first sync brings the plan, identified by the server’s codes, with the unit’s targets and tasks', async () => {
    const a = await hongdu.sync();
    expect(a).toMatchObject({ ok: true, offline: false, pulled: { plans: 1, created: 1 } });
    const b = await jingshan.sync(PASSWORD);
    expect(b).toMatchObject({ ok: true, pulled: { created: 1 } });
    const ids = await localIds(hongdu);
    const serverCodes = serverCore && (await district<{ table: { indicators: { name: string; code: string }[] } }>('entry.sheet', { planId, period: '2022-09' })).table.indicators;
    expect(ids.codes).toEqual(Object.fromEntries(serverCodes.map((i) => [i.name, i.code])));
    expect(Object.keys(ids.unit)).toEqual(expect.arrayContaining(['青云谱区', '洪都街道']));
    expect(Object.keys(ids.unit)).not.toContain('京山街道'); // another unit's data is not this PC's to hold
    const targets = await hongdu.call<{ rows: unknown[] }>('targets.breakdown', { planId: ids.planId });
    expect(JSON.stringify(targets)).toContain('洪都街道');
    // A second sync with nothing changed changes nothing.
    const again = await hongdu.sync();
    expect(again.pulled).toMatchObject({ created: 0, changes: [] });
    expect(again.pushed).toMatchObject({ batches: 0 });
  });

  it('both enter offline: queued, nothing lost; the next sync lands them on the server as 待审核', async () => {
    await server.close();
    const h = await localIds(hongdu);
    const j = await localIds(jingshan);
    await save(hongdu, h, '洪都街道', '技术合同成交额', '2022-09', 2.5);
    await save(jingshan, j, '京山街道', '技术合同成交额', '2022-09', 2.1);
    const offline = await hongdu.sync();
    expect(offline).toMatchObject({ ok: false, offline: true, queued: 1 });
    expect(offline.message).toMatch(/连不上服务器.*排队/);
    expect((await hongdu.marks(h.planId)).marks).toContainEqual(expect.objectContaining({ indicatorId: h.ind['技术合同成交额'], period: '2022-09', state: 'queued' }));

    await start();
    const a = await hongdu.sync();
    const b = await jingshan.sync(PASSWORD);
    expect(a).toMatchObject({ ok: true, queued: 0, pushed: { applied: 1, conflicts: 0 } });
    expect(b).toMatchObject({ ok: true, queued: 0, pushed: { applied: 1 } });
    expect(await serverFigure('洪都街道', '技术合同成交额', '2022-09')).toBe(2.5);
    expect(await serverFigure('京山街道', '技术合同成交额', '2022-09')).toBe(2.1);
    const list = await district<ReviewList>('review.list', { planId });
    const pending = list.rows.filter((r) => r.state === 'pending' && r.period === '2022-09').map((r) => r.unitName);
    expect(pending).toEqual(expect.arrayContaining(['洪都街道', '京山街道']));
    // The server's history says who: the account, and the desktop's operator in the source.
    const history = await district<{ changedBy: string; source: string }[]>('entry.history', { planId, indicatorId: ind['技术合同成交额'], unitId: unit['洪都街道'], period: '2022-09' });
    expect(history.at(-1)).toMatchObject({ changedBy: '洪都填报员', source: '同步（王芳）' });
    expect((await hongdu.marks(h.planId)).marks).toContainEqual(expect.objectContaining({ indicatorId: h.ind['技术合同成交额'], period: '2022-09', state: 'sent' }));
  });

  it('the district approves one and returns the other with a reason; both see it after their next sync', async () => {
    const list = await district<ReviewList>('review.list', { planId });
    const row = (u: string) => list.rows.find((r) => r.unitName === u && r.period === '2022-09')!;
    await district('review.approve', { planId, unitId: unit['洪都街道'], period: '2022-09', revision: row('洪都街道').revision });
    await district('review.return', { planId, unitId: unit['京山街道'], period: '2022-09', reason: '技术合同成交额与登记台账不符，请核实', revision: row('京山街道').revision });

    const a = await hongdu.sync();
    const b = await jingshan.sync(PASSWORD);
    expect(a.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'review', new: '已审核' }));
    expect(b.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'review', new: '已退回（退回原因：技术合同成交额与登记台账不符，请核实）' }));
    const h = await localIds(hongdu);
    const j = await localIds(jingshan);
    expect((await hongdu.marks(h.planId)).marks).toContainEqual(expect.objectContaining({ indicatorId: h.ind['技术合同成交额'], period: '2022-09', state: 'approved' }));
    expect((await jingshan.marks(j.planId)).marks).toContainEqual(
      expect.objectContaining({ indicatorId: j.ind['技术合同成交额'], period: '2022-09', state: 'returned', message: '技术合同成交额与登记台账不符，请核实' }),
    );
    expect(b.reviews).toContainEqual(expect.objectContaining({ period: '2022-09', state: 'returned' }));

    // 京山 corrects and syncs: 待审核 again on the server, the reason kept beside it.
    await save(jingshan, j, '京山街道', '技术合同成交额', '2022-09', 2.3);
    const c = await jingshan.sync(PASSWORD);
    expect(c.pushed.applied).toBe(1);
    const again = await district<ReviewList>('review.list', { planId });
    expect(again.rows.find((r) => r.unitName === '京山街道' && r.period === '2022-09')).toMatchObject({ state: 'pending', reason: '技术合同成交额与登记台账不符，请核实' });
    // An approved figure changed on the desktop is not taken by the server: said per cell.
    await save(hongdu, h, '洪都街道', '技术合同成交额', '2022-09', 2.6);
    const d = await hongdu.sync();
    expect(d.pushed.refused).toBe(1);
    expect(d.refused[0].message).toMatch(/已审核通过/);
    expect(await serverFigure('洪都街道', '技术合同成交额', '2022-09')).toBe(2.5);
    expect((await hongdu.marks(h.planId)).marks).toContainEqual(expect.objectContaining({ period: '2022-09', indicatorId: h.ind['技术合同成交额'], state: 'refused' }));
  });

  it('a conflict: the district and the street change the same cell — both kept, the district decides, nothing lost', async () => {
    const h = await localIds(hongdu);
    await save(hongdu, h, '洪都街道', '技术合同成交额', '2022-10', 3);
    expect((await hongdu.sync()).pushed.applied).toBe(1);
    // Meanwhile the district corrects it on the server, and the street changes it again offline.
    await district('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: unit['洪都街道'], period: '2022-10', value: 3.2, confirmed: true }] });
    await save(hongdu, h, '洪都街道', '技术合同成交额', '2022-10', 3.4);

    const r = await hongdu.sync();
    // The pull does not take the district's value over the street's …
    expect(r.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'figure', kept: true, old: '3.4', new: '3.2' }));
    // … and the push does not overwrite the district's: a conflict for the district to decide.
    expect(r.pushed.conflicts).toBe(1);
    expect(r.conflicts[0]).toMatchObject({ mine: '3.4', theirs: '3.2' });
    expect(await serverFigure('洪都街道', '技术合同成交额', '2022-10')).toBe(3.2);
    const local = await hongdu.call<{ value: number }[]>('entry.history', { planId: h.planId, indicatorId: h.ind['技术合同成交额'], unitId: h.unit['洪都街道'], period: '2022-10' });
    expect(JSON.stringify(local)).toContain('3.4');
    expect((await hongdu.marks(h.planId)).marks).toContainEqual(expect.objectContaining({ period: '2022-10', state: 'conflict' }));
    // Syncing again sends nothing new and keeps the mark.
    const quiet = await hongdu.sync();
    expect(quiet.pushed).toMatchObject({ batches: 0 });

    const { conflicts } = await district<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ unitName: '洪都街道', indicatorName: '技术合同成交额', value: 3.4, base: 3, current: 3.2, state: 'open' });
    // The district keeps its value: the street's desktop takes it at the next sync, its own value in the history.
    await district('sync.resolve', { id: conflicts[0].id, take: false });
    const after = await hongdu.sync();
    expect(after.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'figure', new: expect.stringContaining('区里保留原值') }));
    const history = await hongdu.call<{ oldValue: number | null; newValue: number | null }[]>('entry.history', {
      planId: h.planId,
      indicatorId: h.ind['技术合同成交额'],
      unitId: h.unit['洪都街道'],
      period: '2022-10',
    });
    expect(history.map((e) => e.newValue)).toEqual(expect.arrayContaining([3, 3.4, 3.2]));
    expect((await hongdu.marks(h.planId)).marks.find((m) => m.period === '2022-10')?.state).not.toBe('conflict');
  });

  it('a conflict the district settles by taking the street’s value: it lands as 待审核', async () => {
    const j = await localIds(jingshan);
    await save(jingshan, j, '京山街道', '技术合同成交额', '2022-11', 4);
    await jingshan.sync(PASSWORD);
    await district('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: unit['京山街道'], period: '2022-11', value: 4.1, confirmed: true }] });
    await save(jingshan, j, '京山街道', '技术合同成交额', '2022-11', 4.5);
    expect((await jingshan.sync(PASSWORD)).pushed.conflicts).toBe(1);
    const { conflicts } = await district<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId });
    await district('sync.resolve', { id: conflicts[0].id, take: true });
    expect(await serverFigure('京山街道', '技术合同成交额', '2022-11')).toBe(4.5);
    const list = await district<ReviewList>('review.list', { planId });
    expect(list.rows.find((r) => r.unitName === '京山街道' && r.period === '2022-11')?.state).toBe('pending');
    const r = await jingshan.sync(PASSWORD);
    expect(r.pulled.changes.filter((c) => c.kind === 'figure')).toEqual([]);
    expect((await jingshan.marks(j.planId)).marks.find((m) => m.period === '2022-11')).toMatchObject({ state: 'sent' });
  });

  it('the server refuses the desktop side to its own accounts, and the sync side to the district’s doors', async () => {
    const r = await serverCore.call('sync.pull', { protocol: 1 }, { kind: 'pc' });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/填报员账户/) } });
  });
});
