/**
 * Task progress (任务进展) through 同步, as figures go: a real `taizhang serve`
 * (in this process, on the loopback, over a store of the project's engine:
 * a SQLite file or a PostgreSQL database, test/helpers/testStore.ts) and
 * 洪都街道's desktop database (a SQLite file). When the street pushes progress for a task whose progress
 * the district changed since the street's last pull, it is a conflict on the
 * district's 同步冲突 (the street's text, the text both started from, the
 * district's), decided by take or keep — a write with the operator named —
 * and the desktop takes the outcome at its next sync; nothing is lost on
 * either side. Each of the unit's progress entries carries the same sync mark
 * as a figure cell: 待发送, 已发送, 已审核, 已退回 (with the reason), 冲突.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressSheet } from '../../shared/entry/views';
import type { ReviewList } from '../../shared/review/states';
import type { SyncCellMark, SyncConflictView } from '../../shared/sync/views';
import { PASSWORD } from '../helpers/accounts';
import { desktopIds, openDesktop, serveDistrictStore, type Desktop, type StoreDistrictServer } from '../helpers/sync';
import { testStore } from '../helpers/testStore';

let district: StoreDistrictServer;
let hongdu: Desktop;
let ids: Awaited<ReturnType<typeof desktopIds>>;

const TASK = 4; // 洪都街道 is one of its responsible units (各街道、镇、集聚区)

const saveHere = (period: string, status: string, text: string, task = TASK) =>
  hongdu.call('progress.save', { planId: ids.planId, period, entries: [{ taskId: ids.task[task], unitId: ids.unit['洪都街道'], status, text, reportedOn: null }] });
const saveThere = (period: string, status: string, text: string, task = TASK) =>
  district.call('progress.save', { planId: district.planId, period, entries: [{ taskId: district.task[task], unitId: district.unit['洪都街道'], status, text, reportedOn: null }] });
const serverProgress = async (period: string, task = TASK) =>
  (await district.read<{ status: string; text: string } | undefined>('SELECT status, text FROM progress WHERE task_id = ? AND unit_id = ? AND period = ?', district.task[task], district.unit['洪都街道'], period)) ?? null;
const localProgress = async (period: string, task = TASK) =>
  (await hongdu.call<ProgressSheet>('progress.sheet', { planId: ids.planId, period, unitId: ids.unit['洪都街道'] })).rows.find((r) => r.taskId === ids.task[task]);
const progressMark = async (period: string, task = TASK): Promise<SyncCellMark | undefined> =>
  (await hongdu.marks(ids.planId)).marks.find((m) => m.kind === 'progress' && m.taskId === ids.task[task] && m.period === period);
const sync = () => hongdu.sync(PASSWORD);

beforeAll(async () => {
  district = await serveDistrictStore(await testStore('example', { operator: null }), { 洪都填报员: '洪都街道' });
  hongdu = openDesktop(district.s.dir, 'hongdu', '王芳');
  await hongdu.call('sync.configure', { server: district.server.origin, account: '洪都填报员' });
  await sync();
  ids = await desktopIds(hongdu);
}, 60_000);
afterAll(async () => {
  hongdu?.core.close();
  await district?.close();
});

describe('task progress through sync', () => {
  it('progress entered here is 待发送, then 已发送 once the server holds it', async () => {
    await saveHere('2022-09', 'in_progress', '完成辖区企业摸底调研');
    expect(await progressMark('2022-09')).toMatchObject({ state: 'queued' });
    const r = await sync();
    expect(r.pushed).toMatchObject({ applied: 1, conflicts: 0 });
    expect(await serverProgress('2022-09')).toEqual({ status: 'in_progress', text: '完成辖区企业摸底调研' });
    expect(await progressMark('2022-09')).toMatchObject({ state: 'sent' });
  });

  it('a progress conflict reaches the district’s 同步冲突 with all three texts; 采用填报单位的值 writes the street’s, the district’s in the history', async () => {
    await saveThere('2022-09', 'done', '区里核实：摸底调研已完成');
    await saveHere('2022-09', 'in_progress', '完成摸底调研，启动高企申报辅导');
    const r = await sync();
    // The pull keeps this PC's text (listed as a conflict) …
    expect(r.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'progress', kept: true }));
    // … and the push does not overwrite the district's: a conflict for the district, recorded there.
    expect(r.pushed.conflicts).toBe(1);
    expect(r.conflicts[0]).toMatchObject({ mine: '推进中：完成摸底调研，启动高企申报辅导', theirs: '已完成：区里核实：摸底调研已完成' });
    expect(await serverProgress('2022-09')).toEqual({ status: 'done', text: '区里核实：摸底调研已完成' });
    expect(await progressMark('2022-09')).toMatchObject({ state: 'conflict' });
    // Syncing again sends nothing and the conflict stays one.
    expect((await sync()).pushed.batches).toBe(0);

    const { conflicts } = await district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: district.planId });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      kind: 'progress',
      unitName: '洪都街道',
      taskId: district.task[TASK],
      indicatorId: null,
      period: '2022-09',
      value: { status: 'in_progress', text: '完成摸底调研，启动高企申报辅导' },
      base: { status: 'in_progress', text: '完成辖区企业摸底调研' },
      current: { status: 'done', text: '区里核实：摸底调研已完成' },
      state: 'open',
      pushedBy: '洪都填报员',
    });
    expect(conflicts[0].indicatorName).toMatch(/^任务4：/);

    // A decision is a write: without an operator it is refused and nothing changes.
    const refused = await district.core.call('sync.resolve', { id: conflicts[0].id, take: true }, { kind: 'command' });
    expect(refused.ok).toBe(false);
    expect((await serverProgress('2022-09'))?.status).toBe('done');

    const { conflict } = await district.call<{ conflict: SyncConflictView }>('sync.resolve', { id: conflicts[0].id, take: true });
    expect(conflict).toMatchObject({ state: 'taken', decidedBy: '王区', current: { status: 'in_progress', text: '完成摸底调研，启动高企申报辅导' } });
    expect(await serverProgress('2022-09')).toEqual({ status: 'in_progress', text: '完成摸底调研，启动高企申报辅导' });
    const history = await district.call<{ oldText: string | null; newText: string; changedBy: string }[]>('progress.history', {
      planId: district.planId,
      taskId: district.task[TASK],
      unitId: district.unit['洪都街道'],
      period: '2022-09',
    });
    expect(history.map((h) => h.newText)).toEqual(['完成辖区企业摸底调研', '区里核实：摸底调研已完成', '完成摸底调研，启动高企申报辅导']);
    expect(history.at(-1)).toMatchObject({ oldText: '区里核实：摸底调研已完成', changedBy: '王区' });
    // Decided once: a second decision is refused.
    await expect(district.call('sync.resolve', { id: conflicts[0].id, take: false })).rejects.toThrow(/已由王区处理过了/);

    // The desktop's next sync: the entry agrees on both sides, nothing changes here, the mark is 已发送.
    const after = await sync();
    expect(after.pulled.changes.filter((c) => c.kind === 'progress')).toEqual([]);
    expect(after.pushed.batches).toBe(0);
    expect(await localProgress('2022-09')).toMatchObject({ status: 'in_progress', text: '完成摸底调研，启动高企申报辅导' });
    expect(await progressMark('2022-09')).toMatchObject({ state: 'sent' });
  });

  it('保留区里的值: the desktop takes the district’s entry at its next sync, its own text kept in the entry’s history', async () => {
    await saveHere('2022-10', 'in_progress', '组织3家企业申报省级专精特新');
    await sync();
    await saveThere('2022-10', 'late', '区里：申报材料未按期报送');
    await saveHere('2022-10', 'done', '3家企业已完成申报');
    expect((await sync()).pushed.conflicts).toBe(1);
    const { conflicts } = await district.call<{ conflicts: SyncConflictView[] }>('sync.conflicts', { planId: district.planId });
    const c = conflicts.find((x) => x.period === '2022-10')!;
    const { conflict } = await district.call<{ conflict: SyncConflictView }>('sync.resolve', { id: c.id, take: false });
    expect(conflict).toMatchObject({ state: 'kept', decidedBy: '王区' });
    expect(await serverProgress('2022-10')).toEqual({ status: 'late', text: '区里：申报材料未按期报送' });

    const r = await sync();
    expect(r.pulled.changes).toContainEqual(expect.objectContaining({ kind: 'progress', new: expect.stringContaining('区里保留原值') }));
    expect(await localProgress('2022-10')).toMatchObject({ status: 'late', text: '区里：申报材料未按期报送' });
    const history = await hongdu.call<{ newText: string }[]>('progress.history', { planId: ids.planId, taskId: ids.task[TASK], unitId: ids.unit['洪都街道'], period: '2022-10' });
    expect(history.map((h) => h.newText)).toEqual(expect.arrayContaining(['组织3家企业申报省级专精特新', '3家企业已完成申报', '区里：申报材料未按期报送']));
    expect((await progressMark('2022-10'))?.state).toBe('sent');
    expect(r.pushed.batches).toBe(0);
  });

  it('the period’s 审核 marks the progress the server held when it was decided: 已退回 with the reason, 已审核; an entry sent since is 已发送', async () => {
    const figure = (period: string, value: number) =>
      hongdu.call('entry.save', { planId: ids.planId, edits: [{ indicatorId: ids.ind['技术合同成交额'], unitId: ids.unit['洪都街道'], period, value, confirmed: true }] });
    await figure('2022-08', 1.8);
    await saveHere('2022-08', 'in_progress', '8月：走访企业12家');
    await figure('2022-09', 2.4);
    await sync();
    const rows = (await district.call<ReviewList>('review.list', { planId: district.planId })).rows.filter((r) => r.unitName === '洪都街道');
    const rev = (p: string) => rows.find((r) => r.period === p)!.revision;
    await district.call('review.approve', { planId: district.planId, unitId: district.unit['洪都街道'], period: '2022-08', revision: rev('2022-08') });
    await district.call('review.return', { planId: district.planId, unitId: district.unit['洪都街道'], period: '2022-09', reason: '进展过于简略，请写明申报企业名单', revision: rev('2022-09') });
    await sync();
    expect(await progressMark('2022-08')).toMatchObject({ state: 'approved' });
    expect(await progressMark('2022-09')).toMatchObject({ state: 'returned', message: '进展过于简略，请写明申报企业名单' });
    // The same rule as the figure of the same period.
    const figureMark = (await hongdu.marks(ids.planId)).marks.find((m) => m.kind === 'figure' && m.period === '2022-09');
    expect(figureMark).toMatchObject({ state: 'returned', message: '进展过于简略，请写明申报企业名单' });

    // The street writes more and syncs: the district's 退回 was about the old text, so this one is 已发送.
    await saveHere('2022-09', 'in_progress', '申报企业：江西洪都科技、南昌谱新材料');
    expect(await progressMark('2022-09')).toMatchObject({ state: 'queued' });
    await sync();
    expect(await progressMark('2022-09')).toMatchObject({ state: 'sent' });
    // And after a further pull (the server's time of the entry is now known) it stays 已发送.
    await sync();
    expect(await progressMark('2022-09')).toMatchObject({ state: 'sent' });
  });
});
