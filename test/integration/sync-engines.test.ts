/**
 * 同步 on both engines (issue 22): the district's `taizhang serve` (the server
 * door on the loopback, as in sync.test.ts) over a SQLite file and over a
 * PostgreSQL store, each holding the 青云谱区 example with three months of
 * generated 示例数据, and for each two desktops — 洪都街道 and 京山街道, each
 * its own SQLite file, logged in with its 填报员 account — doing the same
 * things in the same order. Every answer the desktops and the district get,
 * what the servers store and what the desktops store are compared between the
 * two servers (times, the server's address and the desktops' random batch ids
 * masked): the first pull, figures and progress pushed (待审核), the
 * district's figures and 审核 pulled, a figure and a progress conflict listed
 * and resolved, a push replayed — one after another and at once — answered
 * with its first answer and written once, two desktops pushing at once, and
 * pushes and resolutions interrupted after their writes (or refused) leaving
 * either server unchanged. The desktop's side refuses a PostgreSQL store,
 * saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewList } from '../../shared/review/states';
import type { SyncConflictView, SyncMarks, SyncReport } from '../../shared/sync/views';
import type { PushAnswer, PushRequest } from '../../shared/sync/wire';
import { resolveConflictOp } from '../../electron/core/sync/conflicts';
import { pushOp } from '../../electron/core/sync/serverPush';
import { PASSWORD } from '../helpers/accounts';
import { ENGINES, openEngine, stopEngines, type EngineName, type EngineStore } from '../helpers/engines';
import { interrupted } from '../helpers/engineWrites';
import { sameRandomCodes, writeExampleWithSamples } from '../helpers/exampleStores';
import { callOver, loginOrThrow } from '../helpers/serverClient';
import { desktopIds, openDesktop, serveEngine, type Desktop, type District } from '../helpers/sync';
import { tempDir } from '../helpers/tempDb';
import type { Server } from '../../electron/web/server';

const AT = '2022-04-01T08:00:00.000Z';

interface Side {
  s: EngineStore;
  district: District & { server: Server };
  hongdu: Desktop;
  jingshan: Desktop;
  cleanup: () => void;
}

const sides = {} as Record<EngineName, Side>;

async function openSide(engine: EngineName): Promise<Side> {
  const t = tempDir(`taizhang-sync-${engine}-`);
  const s = await openEngine(engine);
  await writeExampleWithSamples(s, 3, AT);
  await sameRandomCodes(s);
  // The store's exchange id is random: the same on both, so what the desktops keep of it compares whole.
  await s.sql(`INSERT INTO settings (key, value) VALUES ('exchange.databaseId', 'sync-engines-server')`);
  const district = await serveEngine(s, t.dir, { 洪都填报员: '洪都街道', 京山填报员: '京山街道' });
  const hongdu = openDesktop(t.dir, 'hongdu', '王芳');
  const jingshan = openDesktop(t.dir, 'jingshan', '李明');
  await hongdu.call('sync.configure', { server: district.server.origin, account: '洪都填报员' });
  await jingshan.call('sync.configure', { server: district.server.origin, account: '京山填报员' });
  return { s, district, hongdu, jingshan, cleanup: t.cleanup };
}

beforeAll(async () => {
  for (const engine of ENGINES) sides[engine] = await openSide(engine);
  // Ids are the same on both servers: requests can name them alike.
  expect(sides.postgres.district.unit).toEqual(sides.sqlite.district.unit);
  expect(sides.postgres.district.ind).toEqual(sides.sqlite.district.ind);
  expect(sides.postgres.district.task).toEqual(sides.sqlite.district.task);
}, 180_000);

afterAll(async () => {
  for (const side of Object.values(sides)) {
    await side.district.server.close();
    side.hongdu.core.close();
    side.jingshan.core.close();
    await side.s.close();
    side.cleanup();
  }
  await stopEngines();
}, 60_000);

/** The same steps on both sides, one after the other: the two answers. */
async function both<T>(step: (side: Side) => Promise<T>): Promise<[T, T]> {
  return [await step(sides.sqlite), await step(sides.postgres)];
}

/** Keys whose values differ by run, not by engine: times, the server's address, the desktops' random batch ids. */
const MASKED = new Set(['at', 'changedAt', 'pulledAt', 'enteredAt', 'pushedAt', 'decidedAt', 'lastSyncAt', 'server', 'batchId', 'entered_at', 'changed_at', 'pushed_at', 'decided_at', 'server_at', 'pulled_at']);

function masked<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v) => (MASKED.has(key) && v !== null ? '<masked>' : v)) as T;
}

/** Both answers, masked, must be equal; the SQLite one is returned. */
function same<T>([lite, pg]: [T, T], what: string): T {
  expect(masked(pg), what).toEqual(masked(lite));
  return lite;
}

/** What a server stores of the sync: figures, progress, 审核, their histories, conflicts and the batches taken (times masked). */
async function serverRows(side: Side): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const tables = ['figures', 'figure_history', 'progress', 'progress_history', 'figure_reviews', 'figure_review_events', 'sync_conflicts'];
  for (const t of tables) out[t] = (await side.s.sql(`SELECT * FROM ${t}`)).map((r) => JSON.stringify(masked(r))).sort();
  // A batch's id is the desktop's random one: the rest of the row, and its recorded answer without it.
  out.sync_batches = (await side.s.sql('SELECT user_id, plan_id, sent_by, result FROM sync_batches'))
    .map((r) => JSON.stringify(masked({ ...r, result: JSON.parse(String(r.result)) })))
    .sort();
  return out;
}

async function sameServerRows(what: string): Promise<Record<string, string[]>> {
  return same(await both(serverRows), what);
}

/** What a desktop stores of its synced plan and the sync's bookkeeping (times masked). */
async function desktopRows(d: Desktop): Promise<Record<string, unknown[]>> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(d.dbPath, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of ['figures', 'progress', 'targets', 'tasks', 'task_units', 'units', 'indicators', 'sync_cells', 'sync_reviews', 'sync_links']) {
      out[t] = masked(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    }
    return out;
  } finally {
    db.close();
  }
}

async function sameDesktops(what: string): Promise<void> {
  same(await both((side) => desktopRows(side.hongdu)), `${what}: 洪都街道's desktop`);
  same(await both((side) => desktopRows(side.jingshan)), `${what}: 京山街道's desktop`);
}

const sync = (d: Desktop) => d.sync(PASSWORD);
const saveHere = async (d: Desktop, street: string, indicator: string, period: string, value: number) => {
  const ids = await desktopIds(d);
  await d.call('entry.save', { planId: ids.planId, edits: [{ indicatorId: ids.ind[indicator], unitId: ids.unit[street], period, value, confirmed: true }] });
};
const progressHere = async (d: Desktop, street: string, task: number, period: string, status: string, text: string) => {
  const ids = await desktopIds(d);
  await d.call('progress.save', { planId: ids.planId, period, entries: [{ taskId: ids.task[task], unitId: ids.unit[street], status, text, reportedOn: null }] });
};
const serverValue = async (side: Side, street: string, indicator: string, period: string) => {
  const { unit, ind } = side.district;
  const rows = await side.s.sql(`SELECT value FROM figures WHERE unit_id = ${unit[street]} AND indicator_id = ${ind[indicator]} AND period = '${period}'`);
  return rows.length ? Number(rows[0].value) : null;
};

describe('desktops syncing with taizhang serve over a SQLite file and over PostgreSQL', () => {
  it('the first sync pulls the same plan from either server: targets, tasks, the street’s figures and the district’s', async () => {
    const first = same(await both((side) => sync(side.hongdu)), 'first sync of 洪都街道');
    expect(first).toMatchObject({ ok: true, offline: false, pulled: { plans: 1, created: 1 }, pushed: { batches: 0 } });
    same(await both((side) => sync(side.jingshan)), 'first sync of 京山街道');
    await sameDesktops('after the first pull');
    // The sample months came down with the plan: the street's own figures, never another street's.
    const ids = await desktopIds(sides.postgres.hongdu);
    expect(Object.keys(ids.unit)).not.toContain('京山街道');
    const marks = same(await both(async (side) => side.hongdu.marks((await desktopIds(side.hongdu)).planId)), 'marks after the pull');
    expect(marks).toMatchObject({ linked: true, queued: 0 });
  });

  it('figures and progress pushed land as 待审核 on either server, with the same stored rows', async () => {
    const reports = await both(async (side) => {
      await saveHere(side.hongdu, '洪都街道', '技术合同成交额', '2022-09', 2.5);
      await progressHere(side.hongdu, '洪都街道', 4, '2022-09', 'in_progress', '完成辖区企业摸底调研');
      await saveHere(side.jingshan, '京山街道', '技术合同成交额', '2022-09', 2.1);
      return [await sync(side.hongdu), await sync(side.jingshan)];
    });
    const [h, j] = same(reports, 'the pushes');
    expect(h.pushed).toMatchObject({ batches: 1, applied: 2, conflicts: 0, refused: 0 });
    expect(j.pushed).toMatchObject({ batches: 1, applied: 1 });
    for (const side of Object.values(sides)) expect(await serverValue(side, '洪都街道', '技术合同成交额', '2022-09')).toBe(2.5);
    const rows = await sameServerRows('after the pushes');
    expect(rows.sync_batches).toHaveLength(2);
    const reviews = same(await both((side) => side.district.call<ReviewList>('review.list', { planId: side.district.planId, state: 'all' })), 'review.list');
    expect(reviews.rows.filter((r) => r.period === '2022-09' && r.state === 'pending').map((r) => r.unitName).sort()).toEqual(['京山街道', '洪都街道'].sort());
    const history = same(
      await both((side) =>
        side.district.call<{ changedBy: string; source: string }[]>('entry.history', {
          planId: side.district.planId,
          indicatorId: side.district.ind['技术合同成交额'],
          unitId: side.district.unit['洪都街道'],
          period: '2022-09',
        }),
      ),
      'history on the server',
    );
    expect(history.at(-1)).toMatchObject({ changedBy: '洪都填报员', source: '同步（王芳）' });
    await sameDesktops('after the pushes');
  });

  it('the district’s figure and its 审核 come down at the next sync, the same from either server', async () => {
    const reports = await both(async (side) => {
      const { district } = side;
      await district.call('entry.save', {
        planId: district.planId,
        edits: [{ indicatorId: district.ind['全社会R&D经费投入占GDP比重'], unitId: district.unit['青云谱区'], period: '2022', value: 2.1, confirmed: true }],
      });
      const list = await district.call<ReviewList>('review.list', { planId: district.planId, state: 'all' });
      const row = (u: string) => list.rows.find((r) => r.unitName === u && r.period === '2022-09')!;
      await district.call('review.approve', { planId: district.planId, unitId: district.unit['洪都街道'], period: '2022-09', revision: row('洪都街道').revision });
      await district.call('review.return', { planId: district.planId, unitId: district.unit['京山街道'], period: '2022-09', reason: '与登记台账不符，请核实', revision: row('京山街道').revision });
      return [await sync(side.hongdu), await sync(side.jingshan)];
    });
    const [h, j] = same(reports, 'the pulls');
    expect(h.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'review', new: '已审核' }));
    expect(j.reviews).toContainEqual(expect.objectContaining({ period: '2022-09', state: 'returned', reason: '与登记台账不符，请核实' }));
    await sameDesktops('after the district’s changes');
    const ids = await desktopIds(sides.postgres.hongdu);
    const sheet = await sides.postgres.hongdu.call<{ table: unknown }>('entry.sheet', { planId: ids.planId, period: '2022' });
    expect(JSON.stringify(sheet)).toContain('2.1');
    await sameServerRows('after the district’s changes');
  });

  it('a figure and a progress conflict are listed the same and resolved the same: taken, kept', async () => {
    const reports = await both(async (side) => {
      const { district, hongdu } = side;
      await saveHere(hongdu, '洪都街道', '技术合同成交额', '2022-10', 3);
      await sync(hongdu);
      // The district changes both cells meanwhile; the street changes them again offline.
      await district.call('entry.save', {
        planId: district.planId,
        edits: [{ indicatorId: district.ind['技术合同成交额'], unitId: district.unit['洪都街道'], period: '2022-10', value: 3.2, confirmed: true }],
      });
      await district.call('progress.save', {
        planId: district.planId,
        period: '2022-09',
        entries: [{ taskId: district.task[4], unitId: district.unit['洪都街道'], status: 'done', text: '区里核实：摸底调研已完成', reportedOn: null }],
      });
      await saveHere(hongdu, '洪都街道', '技术合同成交额', '2022-10', 3.4);
      await progressHere(hongdu, '洪都街道', 4, '2022-09', 'in_progress', '完成摸底调研，启动高企申报辅导');
      return sync(hongdu);
    });
    const r = same(reports, 'the sync with two conflicts');
    expect(r.pushed.conflicts).toBe(2);
    const listed = same(await both((side) => side.district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: side.district.planId })), 'sync.conflicts');
    expect(listed.conflicts.map((c) => [c.kind, c.state, c.current])).toEqual([
      ['progress', 'open', { status: 'done', text: '区里核实：摸底调研已完成' }],
      ['figure', 'open', 3.2],
    ]);
    expect(listed.conflicts[1]).toMatchObject({ unitName: '洪都街道', indicatorName: '技术合同成交额', value: 3.4, base: 3 });
    await sameServerRows('the conflicts recorded');

    const resolved = await both(async (side) => {
      const { conflicts } = await side.district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: side.district.planId });
      const figure = conflicts.find((c) => c.kind === 'figure')!;
      const progress = conflicts.find((c) => c.kind === 'progress')!;
      return [
        await side.district.call<{ conflict: SyncConflictView }>('sync.resolve', { id: figure.id, take: true }),
        await side.district.call<{ conflict: SyncConflictView }>('sync.resolve', { id: progress.id, take: false }),
      ];
    });
    const [taken, kept] = same(resolved, 'sync.resolve');
    expect(taken.conflict).toMatchObject({ state: 'taken', decidedBy: '王区', current: 3.4 });
    expect(kept.conflict).toMatchObject({ state: 'kept', decidedBy: '王区' });
    for (const side of Object.values(sides)) expect(await serverValue(side, '洪都街道', '技术合同成交额', '2022-10')).toBe(3.4);
    // Decided once: a second decision is refused the same way on both.
    const again = await both(async (side) => {
      const { conflicts } = await side.district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: side.district.planId, state: 'all' });
      return side.district.call('sync.resolve', { id: conflicts[0].id, take: true }).catch((e: Error & { code?: string }) => ({ code: e.code, message: e.message }));
    });
    expect(same(again, 'a second decision')).toMatchObject({ code: 'bad_request', message: expect.stringContaining('已由王区处理过了') });
    await sameServerRows('after the decisions');
    same(await both((side) => sync(side.hongdu)), 'the sync after the decisions');
    await sameDesktops('after the decisions');
  });

  it('a push replayed — after its answer, and twice at once — answers its first answer and is written once; two desktops at once take turns', async () => {
    const request = (side: Side, batchId: string, street: string, value: number): PushRequest => ({
      protocol: 1,
      batchId,
      serverPlanId: side.district.planId,
      sentBy: '王芳',
      figures: [{ indicatorId: side.district.ind['技术合同成交额'], period: '2022-11', value, note: null, base: null }],
      progress:
        street === '洪都街道'
          ? [{ taskId: side.district.task[7], period: '2022-10', status: 'in_progress', text: '组织企业参加技术交易会', reportedOn: null, base: null }]
          : [],
    });
    const answers = await both(async (side) => {
      const origin = side.district.server.origin;
      const hongdu = await loginOrThrow(origin, '洪都填报员', PASSWORD);
      const jingshan = await loginOrThrow(origin, '京山填报员', PASSWORD);
      const push = async (session: typeof hongdu, req: PushRequest) => {
        const r = await callOver(origin, session, 'sync.push', req);
        if (!r.body.ok) throw new Error(`${side.s.engine}: ${r.body.error?.message}`);
        return r.body.value as PushAnswer;
      };
      // The same batch twice at once (an answer lost, the desktop retrying while the first is still running), and
      // another street's batch beside them.
      const together = await Promise.all([
        push(hongdu, request(side, 'sync-engines-hongdu-0001', '洪都街道', 4)),
        push(hongdu, request(side, 'sync-engines-hongdu-0001', '洪都街道', 4)),
        push(jingshan, request(side, 'sync-engines-jingshan-0001', '京山街道', 4.4)),
      ]);
      const later = await push(hongdu, request(side, 'sync-engines-hongdu-0001', '洪都街道', 4));
      // Another account may not replay someone else's batch.
      const stolen = await callOver(origin, jingshan, 'sync.push', request(side, 'sync-engines-hongdu-0001', '京山街道', 9));
      return { together, later, stolen: stolen.body };
    });
    const { together, later, stolen } = same(answers, 'the replayed pushes');
    const [a, b, other] = together;
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.results).toEqual(b.results);
    expect(a.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(other).toMatchObject({ replayed: false, results: [{ outcome: 'applied' }] });
    expect(later).toMatchObject({ replayed: true, results: a.results });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'bad_request', message: '该同步批次属于另一个账户，已拒绝。' } });
    const rows = await sameServerRows('after the replays');
    const written = rows.figure_history.filter((r) => r.includes('"period":"2022-11"') && r.includes('"new_value":4,'));
    expect(written).toHaveLength(1);
    // One batch recorded per street for these pushes: the replays added none.
    expect(rows.sync_batches.filter((r) => r.includes('"key":"f|5|2022-11"')).map((r) => JSON.parse(r).user_id)).toEqual(
      [sides.sqlite.district.accounts['洪都填报员'].id, sides.sqlite.district.accounts['京山填报员'].id].sort(),
    );
    for (const side of Object.values(sides)) {
      expect(await serverValue(side, '洪都街道', '技术合同成交额', '2022-11')).toBe(4);
      expect(await serverValue(side, '京山街道', '技术合同成交额', '2022-11')).toBe(4.4);
    }
  });

  it('a push or a decision interrupted after its writes, or refused, leaves either server unchanged', async () => {
    // An open conflict to decide: the district changes a cell the street then pushes from an older base.
    await both(async (side) => {
      const { district } = side;
      await district.call('entry.save', {
        planId: district.planId,
        edits: [{ indicatorId: district.ind['技术合同成交额'], unitId: district.unit['洪都街道'], period: '2022-11', value: 4.2, confirmed: true }],
      });
      const origin = district.server.origin;
      const session = await loginOrThrow(origin, '洪都填报员', PASSWORD);
      const r = await callOver(origin, session, 'sync.push', {
        protocol: 1,
        batchId: 'sync-engines-hongdu-0002',
        serverPlanId: district.planId,
        sentBy: '王芳',
        figures: [{ indicatorId: district.ind['技术合同成交额'], period: '2022-11', value: 4.5, note: null, base: 4 }],
        progress: [],
      });
      expect(r.body).toMatchObject({ ok: true, value: { results: [{ outcome: 'conflict' }] } });
    });
    const before = await sameServerRows('before the interruptions');
    const hongdu = (side: Side) => {
      const a = side.district.accounts['洪都填报员'];
      return { id: a.id, name: a.name, role: a.role, unitId: a.unitId };
    };
    const batch = (side: Side, batchId: string): PushRequest => ({
      protocol: 1,
      batchId,
      serverPlanId: side.district.planId,
      sentBy: '王芳',
      // Applied, a conflict, unchanged and a progress entry: every kind of write a push makes.
      figures: [
        { indicatorId: side.district.ind['技术合同成交额'], period: '2022-12', value: 5, note: null, base: null },
        { indicatorId: side.district.ind['技术合同成交额'], period: '2022-11', value: 4.6, note: null, base: 4 },
        { indicatorId: side.district.ind['技术合同成交额'], period: '2022-10', value: 3.4, note: null, base: 3.4 },
      ],
      progress: [{ taskId: side.district.task[8], period: '2022-12', status: 'done', text: '完成', reportedOn: null, base: null }],
    });
    const failures = await both(async (side) => {
      const out: string[] = [];
      const at = new Date().toISOString();
      // Interrupted after its last write (the batch's answer recorded): nothing of it stays.
      await side.s.store.write(interrupted(pushOp(hongdu(side), batch(side, 'sync-engines-hongdu-0003'), at))).catch((e: Error) => out.push(e.message));
      // A decision interrupted after it took the street's value and closed the conflict.
      const { conflicts } = await side.district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: side.district.planId });
      expect(conflicts).toHaveLength(1);
      await side.s.store.write(interrupted(resolveConflictOp(conflicts[0].id, true, '王区', at))).catch((e: Error) => out.push(e.message));
      // Refused: a plan the street does not report in, over the door.
      const origin = side.district.server.origin;
      const session = await loginOrThrow(origin, '洪都填报员', PASSWORD);
      const refused = await callOver(origin, session, 'sync.push', { ...batch(side, 'sync-engines-hongdu-0004'), serverPlanId: 999 });
      out.push(refused.body.error?.code ?? 'answered');
      return out;
    });
    expect(same(failures, 'the failures')).toEqual(['interrupted', 'interrupted', 'not_found']);
    expect(await sameServerRows('after the interruptions')).toEqual(before);
    // The batch was not recorded: sent again for real, it is applied (not answered as a replay).
    const applied = await both((side) => side.s.store.write(pushOp(hongdu(side), batch(side, 'sync-engines-hongdu-0003'), new Date().toISOString())));
    expect(same(applied, 'the batch sent again')).toMatchObject({ replayed: false, results: [{ outcome: 'applied' }, { outcome: 'conflict' }, { outcome: 'unchanged' }, { outcome: 'applied' }] });
    // The same rows but for the histories' ids: PostgreSQL's sequences do not give back the ids a rolled-back insert drew.
    same(await both(async (side) => JSON.parse(JSON.stringify(await serverRows(side)).replace(/\\"id\\":\d+,/g, ''))), 'after the batch sent again');
  });

  it('a PostgreSQL store refuses the desktop’s side of 同步, saying why; its plans are linked to no server', async () => {
    const pg = sides.postgres.s.core;
    for (const [method, request] of [
      ['sync.settings', {}],
      ['sync.configure', { server: 'http://10.1.2.3:4420', account: '洪都填报员' }],
      ['sync.run', {}],
    ] as const) {
      const r = await pg.call(method, request, { kind: 'command', operator: '王区' });
      expect(r, method).toEqual({
        ok: false,
        error: {
          code: 'bad_request',
          message: `PostgreSQL 数据库“${sides.postgres.s.db}”是服务器的数据库（taizhang serve），各单位的台账电脑与它同步，它自己不向别的服务器同步：“设置 → 服务器”和同步属于台账电脑自己的台账文件。请在台账电脑上用它的台账文件同步（taizhang sync --db 台账文件 …），服务器这边用 taizhang serve --db postgres://… 接收各单位的同步。未作任何修改。`,
        },
      });
    }
    const marks = same(await both((side) => side.district.call<SyncMarks>('sync.marks', { planId: side.district.planId })), 'the server’s marks');
    expect(marks).toEqual({ planId: sides.sqlite.district.planId, linked: false, server: null, lastSyncAt: null, marks: [], queued: 0 });
    // The server's own side answers the desktop's question for a desktop that syncs with it: a SyncReport.
    const r: SyncReport = await sync(sides.postgres.hongdu);
    expect(r).toMatchObject({ ok: true, pushed: { batches: 0 } });
  });
});
