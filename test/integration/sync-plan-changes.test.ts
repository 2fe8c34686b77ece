/**
 * What the district changes in the plan reaches the street's desktop at its
 * next sync, listed as differences — and nothing the street entered goes
 * silently: a target the district removed for the unit is removed here too
 * while the figures entered against it stay (the list says how many); a task
 * taken from the unit stops being its task here while the progress it entered
 * stays in the database (and is no longer sent); a task given to it appears in
 * its 任务进展. And a unit merge (units.merge) on either side keeps the sync
 * bookkeeping: a desktop's own unit merged keeps its cells' states and sends
 * nothing new; a server's conflicts follow the unit they were about.
 * A real `taizhang serve` in this process over a store of the project's engine
 * (test/helpers/testStore.ts); the desktops are real SQLite files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressSheet } from '../../shared/entry/views';
import type { TargetBreakdown } from '../../shared/api/views';
import type { SyncConflictView } from '../../shared/sync/views';
import { PASSWORD } from '../helpers/accounts';
import { desktopIds, openDesktop, serveDistrictStore, type Desktop, type StoreDistrictServer } from '../helpers/sync';
import { testStore } from '../helpers/testStore';

let district: StoreDistrictServer;
let hongdu: Desktop;
let jingshan: Desktop;
let ids: Awaited<ReturnType<typeof desktopIds>>;

const CONTRACT = '技术合同成交额';
const saveFigure = (d: Desktop, i: typeof ids, unitName: string, period: string, value: number) =>
  d.call('entry.save', { planId: i.planId, edits: [{ indicatorId: i.ind[CONTRACT], unitId: i.unit[unitName], period, value, confirmed: true }] });
const localTargets = async () => {
  const b = await hongdu.call<TargetBreakdown>('targets.breakdown', { planId: ids.planId });
  return b.rows.find((r) => r.unit.name === '洪都街道')?.values ?? {};
};
const sheetTasks = async (period: string) =>
  (await hongdu.call<ProgressSheet>('progress.sheet', { planId: ids.planId, period, unitId: ids.unit['洪都街道'] })).rows.map((r) => r.taskSeq);

beforeAll(async () => {
  district = await serveDistrictStore(await testStore('example', { operator: null }), { 洪都填报员: '洪都街道', 京山填报员: '京山街道' });
  hongdu = openDesktop(district.s.dir, 'hongdu', '王芳');
  jingshan = openDesktop(district.s.dir, 'jingshan', '李明');
  await hongdu.call('sync.configure', { server: district.server.origin, account: '洪都填报员' });
  await jingshan.call('sync.configure', { server: district.server.origin, account: '京山填报员' });
  await hongdu.sync(PASSWORD);
  await jingshan.sync(PASSWORD);
  ids = await desktopIds(hongdu);
}, 60_000);
afterAll(async () => {
  hongdu?.core.close();
  jingshan?.core.close();
  await district?.close();
});

describe('the district’s plan changes at the street’s next sync', () => {
  it('a target removed for the unit: removed here, listed, its history kept, the figures entered against it stay', async () => {
    expect((await localTargets())[ids.ind[CONTRACT]]).toBe(0.05);
    await saveFigure(hongdu, ids, '洪都街道', '2022-08', 1.2);
    await saveFigure(hongdu, ids, '洪都街道', '2022-09', 1.9);
    await hongdu.sync(PASSWORD);
    await district.call('targets.save', { planId: district.planId, edits: [{ indicatorId: district.ind[CONTRACT], unitId: district.unit['洪都街道'], value: null }] });

    const r = await hongdu.sync(PASSWORD);
    expect(r.pulled.changes).toContainEqual({
      plan: expect.any(String),
      kind: 'target',
      label: `目标：洪都街道 · ${CONTRACT}`,
      old: '0.05',
      new: '区里已删除该目标（本机已填的 2 个完成数保留）',
    });
    expect((await localTargets())[ids.ind[CONTRACT]] ?? null).toBeNull();
    const history = await hongdu.call<{ indicatorId: number; unitId: number; oldValue: number | null; newValue: number | null; source: string }[]>('targets.history', { planId: ids.planId });
    expect(history.find((h) => h.indicatorId === ids.ind[CONTRACT] && h.unitId === ids.unit['洪都街道'])).toMatchObject({ oldValue: 0.05, newValue: null, source: expect.stringContaining('同步') });
    const sheet = await hongdu.call<{ table: { cells: unknown } }>('entry.sheet', { planId: ids.planId, period: '2022-09' });
    expect(JSON.stringify(sheet)).toContain('1.9');
    const figureHistory = await hongdu.call<{ newValue: number | null }[]>('entry.history', { planId: ids.planId, indicatorId: ids.ind[CONTRACT], unitId: ids.unit['洪都街道'], period: '2022-09' });
    expect(figureHistory.at(-1)?.newValue).toBe(1.9);
    // Nothing to send, nothing listed again at the next sync; the server still holds the figures.
    expect(r.pushed.batches).toBe(0);
    const again = await hongdu.sync(PASSWORD);
    expect(again.pulled.changes).toEqual([]);
    expect((await district.read<{ value: number }>('SELECT value FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?', district.ind[CONTRACT], district.unit['洪都街道'], '2022-09')).value).toBe(1.9);
    // The target comes back when the district sets it again.
    await district.call('targets.save', { planId: district.planId, edits: [{ indicatorId: district.ind[CONTRACT], unitId: district.unit['洪都街道'], value: 2.5 }] });
    const back = await hongdu.sync(PASSWORD);
    expect(back.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'target', old: null, new: '2.5' }));
    expect((await localTargets())[ids.ind[CONTRACT]]).toBe(2.5);
  });

  it('a task reassigned away from the unit while it entered progress offline: gone from its 任务进展, the progress kept (and said so), not sent; a task given to it appears', async () => {
    // (The server refuses to take a unit off a task it has progress for there: the case is progress not yet sent.)
    await hongdu.call('progress.save', {
      planId: ids.planId,
      period: '2022-09',
      entries: [{ taskId: ids.task[4], unitId: ids.unit['洪都街道'], status: 'in_progress', text: '洪都：对接3家高企培育对象', reportedOn: null }],
    });
    expect((await hongdu.settings()).queued).toBe(1);
    expect(await sheetTasks('2022-09')).toContain(4);
    expect(await sheetTasks('2022-09')).not.toContain(5);
    const table = await district.call<{ actionLines: { tasks: { id: number; seq: number; actionLineId: number; content: string; deadline: string | null; units: { unitId: number; role: string }[] }[] }[] }>(
      'tasks.table',
      { planId: district.planId },
    );
    const serverTask = (seq: number) => table.actionLines.flatMap((l) => l.tasks).find((t) => t.seq === seq)!;
    const save = (seq: number, responsible: number[]) => {
      const t = serverTask(seq);
      return district.call('tasks.save', {
        planId: district.planId,
        task: {
          id: t.id,
          actionLineId: t.actionLineId,
          content: t.content,
          leadUnitIds: t.units.filter((u) => u.role === 'lead').map((u) => u.unitId),
          responsible: responsible.map((unitId) => ({ unitId })),
          deadline: t.deadline,
        },
      });
    };
    await save(4, [district.unit['区科工局'], district.unit['京山街道']]);
    await save(5, [district.unit['区科工局'], district.unit['洪都街道']]);

    const r = await hongdu.sync(PASSWORD);
    expect(r.pulled.changes).toContainEqual(
      expect.objectContaining({ kind: 'task', label: '任务4的牵头/责任单位', old: '洪都街道（责任）', new: '不再有洪都街道（责任）；本机已填的 1 条进展保留在本机，不再发送' }),
    );
    expect(r.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'task', label: '任务5的牵头/责任单位', old: null, new: '新增洪都街道（责任）' }));
    const tasks = await sheetTasks('2022-09');
    expect(tasks).not.toContain(4);
    expect(tasks).toContain(5);
    // The street's text stays in its database, with its history.
    const kept = await hongdu.call<{ newText: string }[]>('progress.history', { planId: ids.planId, taskId: ids.task[4], unitId: ids.unit['洪都街道'], period: '2022-09' });
    expect(kept.map((h) => h.newText)).toContain('洪都：对接3家高企培育对象');
    // It is no longer sent (the server would refuse it): nothing waits.
    expect(r.pushed.batches).toBe(0);
    expect((await hongdu.settings()).queued).toBe(0);
    expect((await district.read<{ n: number }>('SELECT count(*) AS n FROM progress WHERE task_id = ? AND unit_id = ?', district.task[4], district.unit['洪都街道'])).n).toBe(0);
    // The new task takes progress and sends it.
    await hongdu.call('progress.save', {
      planId: ids.planId,
      period: '2022-09',
      entries: [{ taskId: ids.task[5], unitId: ids.unit['洪都街道'], status: 'not_started', text: '', reportedOn: null }],
    });
    const sent = await hongdu.sync(PASSWORD);
    expect(sent.pushed).toMatchObject({ applied: 1, refused: 0 });
    expect((await hongdu.sync(PASSWORD)).pulled.changes).toEqual([]);
  });
});

describe('a unit merge keeps the sync bookkeeping', () => {
  it('on the desktop: its own unit merged into another keeps every cell’s state; the next sync sends nothing and empties nothing on the server', async () => {
    const before = await hongdu.marks(ids.planId);
    expect(before.queued).toBe(0);
    const states = (m: typeof before) => m.marks.map((x) => `${x.kind}|${x.indicatorId ?? x.taskId}|${x.period}|${x.state}`).sort();
    expect(states(before).length).toBeGreaterThan(0);
    const { id: newUnit } = await hongdu.call<{ id: number }>('units.save', {
      unit: { name: '洪都新城街道', fullName: null, kind: 'street', parentId: ids.unit['青云谱区'] },
    });
    const merged = await hongdu.call<{ done: boolean }>('units.merge', { fromId: ids.unit['洪都街道'], intoId: newUnit, confirm: true });
    expect(merged.done).toBe(true);

    const after = await hongdu.marks(ids.planId);
    expect(after.queued).toBe(0);
    expect(after.marks.every((m) => m.unitId === newUnit)).toBe(true);
    expect(states(after)).toEqual(states(before));
    const units = (await hongdu.call<{ units: unknown[] }>('units.directory', {})).units.length;
    const r = await hongdu.sync(PASSWORD);
    expect(r).toMatchObject({ ok: true, pushed: { batches: 0 } });
    // The server's unit is still found here (no new 洪都街道 made); the figures there are untouched.
    expect((await hongdu.call<{ units: unknown[] }>('units.directory', {})).units.length).toBe(units);
    expect((await district.read<{ value: number }>('SELECT value FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?', district.ind[CONTRACT], district.unit['洪都街道'], '2022-09')).value).toBe(1.9);
    // A value changed for the kept unit is sent as the street's, as before the merge.
    const now = await desktopIds(hongdu);
    await saveFigure(hongdu, now, '洪都新城街道', '2022-10', 2.2);
    expect((await hongdu.sync(PASSWORD)).pushed.applied).toBe(1);
    expect((await district.read<{ value: number }>('SELECT value FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?', district.ind[CONTRACT], district.unit['洪都街道'], '2022-10')).value).toBe(2.2);
  });

  it('on the server: a street merged away keeps its open conflicts, now the kept unit’s, and the district still decides them', async () => {
    const j = await desktopIds(jingshan);
    await saveFigure(jingshan, j, '京山街道', '2022-11', 4);
    await jingshan.sync(PASSWORD);
    await district.call('entry.save', { planId: district.planId, edits: [{ indicatorId: district.ind[CONTRACT], unitId: district.unit['京山街道'], period: '2022-11', value: 4.1, confirmed: true }] });
    await saveFigure(jingshan, j, '京山街道', '2022-11', 4.5);
    expect((await jingshan.sync(PASSWORD)).pushed.conflicts).toBe(1);

    const { id: into } = await district.call<{ id: number }>('units.save', { unit: { name: '京山片区', fullName: null, kind: 'street', parentId: district.unit['青云谱区'] } });
    expect((await district.call<{ done: boolean }>('units.merge', { fromId: district.unit['京山街道'], intoId: into, confirm: true })).done).toBe(true);
    const { conflicts } = await district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: district.planId });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ unitId: into, unitName: '京山片区', value: 4.5, current: 4.1, state: 'open' });
    await district.call('sync.resolve', { id: conflicts[0].id, take: true });
    expect((await district.read<{ value: number }>('SELECT value FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?', district.ind[CONTRACT], into, '2022-11')).value).toBe(4.5);
  });
});
