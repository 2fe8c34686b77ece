/**
 * Plans on both engines (issue 22): the example plan with nine months of
 * 示例数据 figures, in a SQLite file and in a PostgreSQL store through the
 * same Ops; every read of the plan screens (plan.overview, plan.units,
 * tasks.table, targets.breakdown, targets.history, indicator.years,
 * plan.edits) answers deep-equal on both, ids included; the same edits made
 * on both leave the same reads; each write is all or nothing on both (a
 * failure half-way changes nothing); a removal takes its copy first — on
 * PostgreSQL a pg_dump copy that backup.undo restores —; and
 * `taizhang plan` runs on a postgres:// URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupList } from '../../shared/backup/types';
import type { RemovalResult } from '../../shared/api/methods/planEdit';
import type { UnitMergeResult } from '../../shared/api/methods/units';
import type { Unit, UnitGroup } from '../../shared/model/units';
import { taizhang } from '../helpers/cli';
import { ENGINES, openEngine, stopEngines, type EngineStore } from '../helpers/engines';
import { sameRandomCodes, writeExampleWithSamples } from '../helpers/exampleStores';
import { backupRunner, interrupted, storedRows, type BackupRunner } from '../helpers/engineWrites';
import type { BackedOp } from '../../electron/core/backup/service';
import type { Op } from '../../electron/core/store/query';
import { saveGoalOp, removeGoalBacked } from '../../electron/core/plans/goals';
import { saveTargetsOp } from '../../electron/core/plans/targets';
import { moveTaskOp, removeTaskBacked, saveTaskOp } from '../../electron/core/plans/tasks';
import { createPlanOp, deletePlanBacked, updatePlanOp } from '../../electron/core/plans/lifecycle';

const AT = '2022-09-30T08:00:00.000Z';
const OPERATOR = { kind: 'command' as const, operator: '王区' };
let lite: EngineStore;
let pg: EngineStore;
let planId: number;

async function fill(s: EngineStore): Promise<number> {
  const planId = await writeExampleWithSamples(s, 9, AT);
  await sameRandomCodes(s);
  return planId;
}

// PostgreSQL's copies go to the per-user folder's backups/: a temporary one here.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-plans-engines-'));
const savedHome = process.env.XDG_CONFIG_HOME;

beforeAll(async () => {
  process.env.XDG_CONFIG_HOME = home;
  [lite, pg] = [await openEngine('sqlite'), await openEngine('postgres')];
  const ids = [await fill(lite), await fill(pg)];
  expect(ids[1]).toBe(ids[0]);
  planId = ids[0];
}, 180_000);

afterAll(async () => {
  await lite?.close();
  await pg?.close();
  await stopEngines();
  if (savedHome === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedHome;
  fs.rmSync(home, { recursive: true, force: true });
}, 60_000);

/** Times differ between the two runs (edits are stamped when made), and so do the random codes of new units and indicators (repos/units.ts newCode): one placeholder for each. */
const timeless = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v)
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
      .replace(/"[UI][0-9a-f]{10}"/g, '"<code>"'),
  );

async function call<T>(s: EngineStore, method: string, request: unknown): Promise<T> {
  const r = await s.core.call(method, request, OPERATOR);
  if (!r.ok) throw Object.assign(new Error(`${s.engine} ${method}: ${r.error.message}`), { code: r.error.code });
  return r.value as T;
}

/** The same call on both engines: the answers must be deep-equal (times aside); the SQLite one is returned. */
async function same<T>(method: string, request: unknown): Promise<T> {
  const [a, b] = [await call<T>(lite, method, request), await call<T>(pg, method, request)];
  expect(timeless(b), `${method} ${JSON.stringify(request)}`).toEqual(timeless(a));
  return a;
}

/** A removal's answer without its copy's id and time (they differ per engine), with whether it took one. */
const withoutCopy = <T extends { backup: { id: string } | null }>(r: T) => ({ ...r, backup: r.backup ? 'taken' : null });

/** The same removal on both engines: the same answer, aside from the copy's id. */
async function sameRemoval<T extends { backup: { id: string } | null }>(method: string, request: unknown): Promise<[T, T]> {
  const [a, b] = [await call<T>(lite, method, request), await call<T>(pg, method, request)];
  expect(timeless(withoutCopy(b)), `${method} ${JSON.stringify(request)}`).toEqual(timeless(withoutCopy(a)));
  return [a, b];
}

/** Every read of the plan screens, compared on both engines. */
async function sameReads(): Promise<void> {
  const overview = await same<{ goals: { indicator: { id: number } }[] }>('plan.overview', { planId });
  await same('plan.units', { planId });
  await same('tasks.table', { planId });
  await same('targets.breakdown', { planId });
  await same('targets.history', { planId });
  await same('plan.edits', { planId });
  await same('plan.edits', { planId, entity: 'task' });
  await same('units.edits', {});
  await same('units.aliases', {});
  await same('units.directory', {});
  const plans = await same<{ id: number }[]>('plans.list', {});
  for (const p of plans) if (p.id !== planId) await same('tasks.table', { planId: p.id }), await same('plan.overview', { planId: p.id });
  for (const g of overview.goals.slice(0, 3)) await same('indicator.years', { planId, indicatorId: g.indicator.id });
}

describe('plans on SQLite and PostgreSQL', () => {
  it('read the same: overview, units, tasks, breakdown, history, edits, an indicator across years', async () => {
    await sameReads();
    const overview = await same<{ goals: unknown[]; counts: { tasks: number } }>('plan.overview', { planId });
    expect(overview.goals.length).toBeGreaterThan(5);
    expect(overview.counts.tasks).toBeGreaterThan(10);
    const years = await same<{ year: number; target: number | null }[]>('indicator.years', { planId, indicatorId: 1 });
    expect(years.map((y) => y.year)).toEqual([2022]);
    expect(years[0].target).not.toBeNull();
  });

  it('taizhang plan list prints the same for a file and a postgres:// URL, JSON and text', async () => {
    for (const json of [['--json'], []]) {
      const [a, b] = [await taizhang(['plan', 'list', ...json, '--db', lite.db]), await taizhang(['plan', 'list', ...json, '--db', pg.db])];
      expect(a.code).toBe(0);
      expect(b).toEqual(a);
    }
  });

  it('refuse the same way: a plan that is not there, an indicator of another plan', async () => {
    for (const [method, req] of [
      ['plan.overview', { planId: 999 }],
      ['tasks.table', { planId: 999 }],
      ['indicator.years', { planId, indicatorId: 9999 }],
      ['plan.edits', { planId: 999 }],
    ] as const) {
      const [a, b] = [await lite.core.call(method, req, OPERATOR), await pg.core.call(method, req, OPERATOR)];
      expect(a.ok).toBe(false);
      expect(b).toEqual(a);
    }
  });
});

describe('the same edits on SQLite and PostgreSQL', () => {
  let unit: Record<string, Unit>;
  let groups: UnitGroup[];
  const directory = async () => {
    const d = await same<{ units: Unit[]; groups: UnitGroup[] }>('units.directory', {});
    unit = Object.fromEntries(d.units.map((u) => [u.name, u]));
    groups = d.groups;
  };

  it('goals, targets, action lines and tasks: the same answers, ids and reads', async () => {
    await directory();
    const goal = {
      name: '新增市级以上孵化器',
      measureUnit: '家',
      aggregation: 'sum',
      frequency: 'quarterly',
      decimals: 0,
      decomposed: true,
      strive: false,
      comparator: '达到',
      quantity: { kind: 'point', value: 2 },
      baseline: 1,
    };
    const { id: goalId } = await same<{ id: number }>('goals.save', { planId, goal });
    await same('goals.save', { planId, goal: { ...goal, id: goalId, comparator: '突破', quantity: { kind: 'point', value: 3 }, strive: true, baseline: 2 } });
    const overview = await same<{ goals: { indicator: { id: number } }[] }>('plan.overview', { planId });
    await same('goals.reorder', { planId, ids: overview.goals.map((g) => g.indicator.id).reverse() });
    await same('targets.save', {
      planId,
      edits: [
        { indicatorId: goalId, unitId: unit['洪都街道'].id, value: 1 },
        { indicatorId: goalId, unitId: unit['京山街道'].id, value: 2 },
      ],
    });
    await same('targets.save', { planId, edits: [{ indicatorId: goalId, unitId: unit['京山街道'].id, value: null }] });

    const { id: lineId } = await same<{ id: number }>('actionLines.save', { planId, title: '推进科技金融' });
    await same('actionLines.save', { planId, id: lineId, title: '推进科技金融融合' });
    const streets = groups.find((g) => g.phrase === '各街道')!;
    const task = { actionLineId: lineId, content: '推动科技型企业获得知识产权质押融资', leadUnitIds: [unit['区科工局'].id], responsible: [{ groupId: streets.id }], deadline: '2022-12-31' };
    const { id: taskId } = await same<{ id: number }>('tasks.save', { planId, task });
    await same('tasks.save', { planId, task: { ...task, id: taskId, content: '推动知识产权质押融资', responsible: [{ unitId: unit['洪都街道'].id }] } });
    const table = await same<{ actionLines: { id: number }[] }>('tasks.table', { planId });
    await same('tasks.move', { planId, taskId, actionLineId: table.actionLines[0].id, index: 0 });
    await same('actionLines.move', { planId, id: lineId, index: 0 });
    await sameReads();
  });

  it('plans: update, archive, a new year copied with its tasks, a ledger, an example', async () => {
    await same('plan.update', { planId, title: '2022年青云谱区科技创新工作要点（修订）', docNumber: '青科字〔2022〕1号', issuer: '青云谱区科工局', issuedOn: '2022-03-01', yearStart: 2022, yearEnd: 2022 });
    await same('plan.archive', { planId, archived: true });
    await same('plan.archive', { planId, archived: false });
    // The next year from this one: indicators, this year's figures as 上年同期, its year-end figures as 基数, its tasks.
    const { planId: next } = await same<{ planId: number }>('plan.create', { title: '2023年工作要点', yearStart: 2023, yearEnd: 2023, fromPlanId: planId, copyTasks: true });
    await same('plan.create', { title: '2024年工作要点', yearStart: 2024, yearEnd: 2024 });
    const copied = (await same<{ counts: { tasks: number; figures: number }; goals: { indicator: { baseline: number | null } }[] }>('plan.overview', { planId: next }));
    expect(copied.counts.tasks).toBeGreaterThan(10);
    expect(copied.counts.figures).toBeGreaterThan(50);
    await same('ledger.create', { unitName: '东湖区', kind: 'district', year: 2023 });
    await same('example.load', { name: 'nanchang-2022' });
    // Refused the same way: the example again, a duplicate title.
    for (const [method, req] of [
      ['example.load', { name: 'nanchang-2022' }],
      ['plan.create', { title: '2024年工作要点', yearStart: 2024, yearEnd: 2024 }],
    ] as const) {
      const [a, b] = [await lite.core.call(method, req, OPERATOR), await pg.core.call(method, req, OPERATOR)];
      expect(a.ok).toBe(false);
      expect(b).toEqual(a);
    }
    await sameReads();
  });

  it('units and group phrases: add, rename (an alias, the tasks\' texts), order, deactivate; phrases edited and removed', async () => {
    await directory();
    const district = unit['青云谱区'];
    const { id: added } = await same<{ id: number }>('units.save', { unit: { name: '新区街道', kind: 'street', fullName: null, parentId: district.id, code: 'T900' } });
    await same('units.save', { unit: { id: unit['洪都街道'].id, name: '洪都新街道', kind: 'street', fullName: '南昌市青云谱区洪都新街道办事处' } });
    await directory();
    const streets = Object.values(unit).filter((u) => u.parentId === district.id && u.kind !== 'department');
    await same('units.reorder', { parentId: district.id, ids: streets.map((u) => u.id).reverse() });
    await same('units.setActive', { unitId: added, active: false });
    const { id: groupId } = await same<{ id: number }>('groups.save', {
      group: { ownerUnitId: district.id, phrase: '有关街道', aliases: ['相关街道'], memberIds: [unit['洪都新街道'].id, unit['京山街道'].id] },
    });
    const streetsGroup = groups.find((g) => g.phrase === '各街道')!;
    await same('groups.save', { group: { id: streetsGroup.id, ownerUnitId: district.id, phrase: '各街道办', aliases: streetsGroup.aliases, memberIds: [...streetsGroup.memberIds, added] } });
    await same('groups.remove', { groupId });
    await same('units.edits', { unitId: unit['洪都新街道'].id });
    const aliases = await same<{ alias: string }[]>('units.aliases', {});
    expect(aliases.map((a) => a.alias)).toContain('洪都街道');
    await sameReads();
  });

  it('removals list what goes, then take a copy first — a pg_dump copy on PostgreSQL that backup.undo restores', async () => {
    await directory();
    const table = await same<{ actionLines: { tasks: { id: number; seq: number }[] }[] }>('tasks.table', { planId });
    // A task of the example with 任务进展 (the sample months wrote some): listed, then removed with a copy.
    const [{ id: withProgressId }] = await lite.sql('SELECT min(task_id) AS id FROM progress');
    const withProgress = table.actionLines.flatMap((l) => l.tasks).find((t) => t.id === withProgressId)!;
    const [asked] = await sameRemoval<RemovalResult>('tasks.remove', { planId, taskId: withProgress.id });
    expect(asked.done).toBe(false);
    expect(asked.loses.join()).toMatch(/条任务进展将被删除/);
    const before = { tasks: await call(pg, 'tasks.table', { planId }), overview: await call(pg, 'plan.overview', { planId }) };
    const [onFile, onPg] = await sameRemoval<RemovalResult>('tasks.remove', { planId, taskId: withProgress.id, confirm: true });
    expect(onFile.backup).not.toBeNull();
    expect(onPg.backup).not.toBeNull();
    await sameReads();

    // The copy is listed as the operation's, a pg_dump file; undoing it brings the task and its progress back.
    const list = await call<BackupList>(pg, 'backup.list', {});
    const entry = list.backups.find((b) => b.id === onPg.backup!.id)!;
    expect(entry).toMatchObject({ kind: 'operation', operation: 'plan.edit', reason: `删除任务${withProgress.seq}`, by: '王区' });
    expect(entry.file.endsWith('.dump')).toBe(true);
    expect(fs.readFileSync(entry.file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(entry.after).not.toBeNull();
    const undone = await call<{ done: boolean }>(pg, 'backup.undo', { id: entry.id, confirm: true });
    expect(undone.done).toBe(true);
    expect(timeless({ tasks: await call(pg, 'tasks.table', { planId }), overview: await call(pg, 'plan.overview', { planId }) })).toEqual(timeless(before));
    // And on the file, the same undo: both stores agree again.
    expect((await call<{ done: boolean }>(lite, 'backup.undo', { id: onFile.backup!.id, confirm: true })).done).toBe(true);
    await sameReads();
  });

  it('a goal with figures, a merge of two streets with values both hold, a whole plan: listed, then done with a copy', async () => {
    await directory();
    const overview = await same<{ goals: { indicator: { id: number; name: string } }[] }>('plan.overview', { planId });
    const sme = overview.goals.find((g) => g.indicator.name === '科技型中小企业')!.indicator;
    const [asked] = await sameRemoval<RemovalResult>('goals.remove', { planId, indicatorId: sme.id });
    expect(asked.done).toBe(false);
    const [removed] = await sameRemoval<RemovalResult>('goals.remove', { planId, indicatorId: sme.id, confirm: true });
    expect(removed.backup).not.toBeNull();

    const [mergeAsked] = await sameRemoval<UnitMergeResult>('units.merge', { fromId: unit['京山街道'].id, intoId: unit['洪都新街道'].id });
    expect(mergeAsked.done).toBe(false);
    expect(mergeAsked.conflictCount).toBeGreaterThan(0);
    const [merged] = await sameRemoval<UnitMergeResult>('units.merge', { fromId: unit['京山街道'].id, intoId: unit['洪都新街道'].id, confirm: true });
    expect(merged).toMatchObject({ done: true, backup: expect.anything() });
    await sameReads();

    const plans = await same<{ id: number; title: string }[]>('plans.list', {});
    const copied = plans.find((p) => p.title === '2023年工作要点')!;
    const [deleteAsked] = await sameRemoval<RemovalResult>('plan.delete', { planId: copied.id });
    expect(deleteAsked.done).toBe(false);
    const [deleted] = await sameRemoval<RemovalResult>('plan.delete', { planId: copied.id, confirm: true });
    expect(deleted.backup).not.toBeNull();
    await sameReads();
    expect((await same<{ id: number }[]>('plans.list', {})).some((p) => p.id === copied.id)).toBe(false);
  });
});

/** Every table a plan edit writes, row by row (sorted), as text: what must not change when a write fails. */
const TABLES = ['plans', 'units', 'unit_groups', 'unit_group_members', 'unit_aliases', 'indicators', 'targets', 'target_history', 'action_lines', 'tasks', 'task_units', 'figures', 'figure_history', 'progress', 'progress_history', 'edit_history', 'period_lock_events', 'reminder_events', 'settings'];
const stored = (s: EngineStore) => storedRows(s, TABLES);


describe.each(ENGINES)('each plan edit is all or nothing on %s', (engine) => {
  let s: EngineStore;
  let backed: BackupRunner;
  beforeAll(async () => {
    s = await openEngine(engine);
    await fill(s);
    backed = await backupRunner(s);
  }, 180_000);
  afterAll(async () => {
    await backed?.close();
    await s?.close();
  });

  it('interrupted after its last write, every edit leaves the store as it was', async () => {
    const before = await stored(s);
    const [line] = (await s.sql('SELECT id FROM action_lines ORDER BY seq')) as { id: number }[];
    const [task] = (await s.sql('SELECT min(task_id) AS id FROM progress')) as { id: number }[];
    const [lead] = (await s.sql("SELECT id FROM units WHERE name = '区科工局'")) as { id: number }[];
    const [street] = (await s.sql("SELECT id FROM units WHERE name = '洪都街道'")) as { id: number }[];
    const [goal] = (await s.sql("SELECT id FROM indicators WHERE name = '科技型中小企业'")) as { id: number }[];
    const goalInput = { name: '新增孵化器', measureUnit: '家', aggregation: 'sum', frequency: 'yearly', decimals: 0, decomposed: true, strive: false, comparator: '达到', quantity: { kind: 'point', value: 2 }, baseline: 1 } as const;
    const writes: [string, Op<unknown>][] = [
      ['goals.save', saveGoalOp('王区', planId, goalInput)],
      ['targets.save', saveTargetsOp('王区', planId, [{ indicatorId: goal.id, unitId: street.id, value: 99 }])],
      ['tasks.save', saveTaskOp('王区', planId, { actionLineId: line.id, content: '新任务', leadUnitIds: [lead.id], responsible: [{ unitId: street.id }], deadline: null })],
      ['tasks.move', moveTaskOp('王区', planId, task.id, line.id, 0)],
      ['plan.create', createPlanOp('王区', { title: '2023年', yearStart: 2023, yearEnd: 2023, fromPlanId: planId, copyTasks: true })],
      ['plan.update', updatePlanOp('王区', planId, { title: '改名', docNumber: null, issuer: null, issuedOn: null, yearStart: 2022, yearEnd: 2022 })],
    ];
    for (const [what, op] of writes) {
      await expect(s.store.write(interrupted(op)), what).rejects.toThrow('interrupted');
      expect(await stored(s), what).toBe(before);
    }
    // The removals, through their backup runner: rolled back, and the copy they took is gone from the list.
    const listed = async () => (await s.core.call('backup.list', {})) as { ok: true; value: BackupList };
    const copies = (await listed()).value.backups.length;
    const removals: [string, BackedOp<unknown>][] = [
      ['tasks.remove', removeTaskBacked('王区', planId, task.id, true)],
      ['goals.remove', removeGoalBacked('王区', planId, goal.id, true)],
      ['plan.delete', deletePlanBacked('王区', planId, true)],
    ];
    for (const [what, removal] of removals) {
      await expect(backed.run({ spec: removal.spec, op: interrupted(removal.op) }), what).rejects.toThrow('interrupted');
      expect(await stored(s), what).toBe(before);
      expect((await listed()).value.backups.length, what).toBe(copies);
    }
    // Run any other way, a removal stops at its copy, before its first write.
    await expect(s.store.write(removeTaskBacked('王区', planId, task.id, true).op)).rejects.toThrow(/takeCopyOp/);
    expect(await stored(s)).toBe(before);
  });

  it('refused half-way by its own checks, an edit leaves the store as it was', async () => {
    const before = await stored(s);
    const [goal] = (await s.sql("SELECT id FROM indicators WHERE name = '科技型中小企业'")) as { id: number }[];
    const [street] = (await s.sql("SELECT id FROM units WHERE name = '洪都街道'")) as { id: number }[];
    // The first target is written, the second is not a number a target can be: nothing stays.
    const targets = await s.core.call('targets.save', { planId, edits: [{ indicatorId: goal.id, unitId: street.id, value: 77 }, { indicatorId: goal.id, unitId: street.id + 1, value: -5 }] }, OPERATOR);
    expect(targets.ok).toBe(false);
    // The task's row is updated, then its units would drop one that reported progress: refused, nothing stays.
    const [reported] = (await s.sql('SELECT task_id, unit_id FROM progress ORDER BY task_id, unit_id')) as { task_id: number; unit_id: number }[];
    const [{ action_line_id: lineId }] = (await s.sql(`SELECT action_line_id FROM tasks WHERE id = ${reported.task_id}`)) as { action_line_id: number }[];
    const [lead] = (await s.sql("SELECT id FROM units WHERE name = '区科工局'")) as { id: number }[];
    const task = await s.core.call(
      'tasks.save',
      { planId, task: { id: reported.task_id, actionLineId: lineId, content: '改写的任务', leadUnitIds: [lead.id], responsible: [{ unitId: lead.id }], deadline: null } },
      OPERATOR,
    );
    expect(task).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('已为任务') } });
    expect(await stored(s)).toBe(before);
  });

  it('taizhang plan list / new on this store', async () => {
    const made = await taizhang(['plan', 'new', '--year', '2023', '--from', String(planId), '--copy-tasks', '--operator', '王芳', '--json', '--db', s.db]);
    expect(made.code).toBe(0);
    const { planId: newId } = JSON.parse(made.stdout);
    const listed = JSON.parse((await taizhang(['plan', 'list', '--json', '--db', s.db])).stdout) as { plans: { id: number; title: string }[] };
    expect(listed.plans.map((p) => p.id)).toContain(newId);
    const dup = await taizhang(['plan', 'new', '--year', '2023', '--from', String(planId), '--db', s.db, '--operator', '王芳']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('已有同名的工作要点');
    expect((await taizhang(['plan', 'list', '--db', s.db])).stdout).toContain('2023');
  });
});
