/**
 * 数据填报 on both engines (issue 22): the example plan with eight months of
 * generated 示例数据 figures (the same Op writes them to each store); the
 * same calls on a SQLite file and on a PostgreSQL store give deep-equal
 * answers — the grid, the full sheet, one unit's year, saves with their
 * patches, the revision and the history after them, locks refusing writes,
 * the operator name — and the same refusals; a save that fails half-way
 * leaves either store as it was. Times of writes made during the test
 * (`at`, `changedAt`, `lockedAt`) are "now" on each store and compared as
 * timestamps only.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveFiguresOp } from '../../electron/core/entry/save';
import { saveForViewOn } from '../../electron/core/entry/savePatch';
import { lockViewOp } from '../../electron/core/entry/locking';
import { FULL_SCOPE, readScopeOfCaller } from '../../electron/core/access/scope';
import { entryGridOp, entrySheetOp } from '../../electron/core/entry/methods';
import { progressViewOp } from '../../electron/core/figures/progressView';
import { reviewModeOf } from '../../electron/core/review/onSave';
import { buildRemindersOp, recordRemindersOp } from '../../electron/core/entry/reminders';
import { approveFiguresOp, listReviewRowsOp } from '../../electron/core/review/service';
import { buildProgressSheetOp, saveProgressOp } from '../../electron/core/entry/progress';
import type { Caller } from '../../electron/core/caller';
import type { Op } from '../../electron/core/store/query';
import type { FigureEdit, FigureSaveResult } from '../../shared/entry/views';
import { openEngine, stopEngines, type EngineStore } from '../helpers/engines';
import { sameRandomCodes, writeExampleWithSamples } from '../helpers/exampleStores';

const AT = '2022-08-31T08:00:00.000Z';
const WANG: Caller = { kind: 'command', operator: '王区' };
let lite: EngineStore;
let pg: EngineStore;
let planId: number;
/** Ids both stores share (the same Ops wrote them in the same order). */
const id = { hongdu: 0, jingshan: 0, district: 0, dept: 0, monthly: 0, quarterly: 0, ratio: 0 };

async function fill(s: EngineStore): Promise<number> {
  const planId = await writeExampleWithSamples(s, 8, AT);
  await sameRandomCodes(s);
  return planId;
}

const one = async (s: EngineStore, text: string) => Number(Object.values((await s.sql(text))[0])[0]);

/** A stored figure (the same on both stores) and its indicator's decimals: the values saved below keep the entry rules (cumulative, near the target). */
async function figure(indicatorId: number, unitId: number, period: string): Promise<{ value: number; step: number }> {
  const value = await one(lite, `SELECT value FROM figures WHERE indicator_id = ${indicatorId} AND unit_id = ${unitId} AND period = '${period}'`);
  const decimals = await one(lite, `SELECT decimals FROM indicators WHERE id = ${indicatorId}`);
  expect(Number.isFinite(value)).toBe(true);
  return { value, step: 10 ** -decimals };
}
const round = (v: number, step: number) => Math.round(v / step) * step;
/** A value between two cumulative figures, different from both. */
async function between(indicatorId: number, unitId: number, before: string, after: string): Promise<number> {
  const [a, b] = [await figure(indicatorId, unitId, before), await figure(indicatorId, unitId, after)];
  const v = Number(round((a.value + b.value) / 2, a.step).toFixed(6));
  expect(v > a.value && v < b.value).toBe(true);
  return v;
}
/** A value k steps above a figure. */
async function above(indicatorId: number, unitId: number, period: string, k: number): Promise<number> {
  const f = await figure(indicatorId, unitId, period);
  return Number((f.value + k * f.step).toFixed(6));
}

beforeAll(async () => {
  [lite, pg] = [await openEngine('sqlite'), await openEngine('postgres')];
  const ids = [await fill(lite), await fill(pg)];
  expect(ids[1]).toBe(ids[0]);
  planId = ids[0];
  id.hongdu = await one(lite, "SELECT id FROM units WHERE name = '洪都街道'");
  id.jingshan = await one(lite, "SELECT id FROM units WHERE name = '京山街道'");
  id.district = await one(lite, `SELECT unit_id FROM plans WHERE id = ${planId}`);
  id.dept = await one(lite, `SELECT id FROM units WHERE kind = 'department' AND parent_id = ${id.district} ORDER BY id LIMIT 1`);
  // A monthly, additive indicator split among the streets; a quarterly one; a ratio the district enters.
  id.monthly = await one(
    lite,
    `SELECT i.id FROM indicators i JOIN targets t ON t.indicator_id = i.id AND t.unit_id = ${id.hongdu}
     WHERE i.plan_id = ${planId} AND i.frequency = 'monthly' AND i.aggregation = 'sum' ORDER BY i.sort_order LIMIT 1`,
  );
  id.quarterly = await one(
    lite,
    `SELECT i.id FROM indicators i JOIN targets t ON t.indicator_id = i.id AND t.unit_id = ${id.hongdu}
     WHERE i.plan_id = ${planId} AND i.frequency = 'quarterly' AND i.aggregation = 'sum' ORDER BY i.sort_order LIMIT 1`,
  );
  id.ratio = await one(lite, `SELECT id FROM indicators WHERE plan_id = ${planId} AND aggregation = 'none' AND frequency = 'yearly' ORDER BY sort_order LIMIT 1`);
  for (const v of Object.values(id)) expect(v).toBeGreaterThan(0);
}, 180_000);

afterAll(async () => {
  await lite?.close();
  await pg?.close();
  await stopEngines();
}, 60_000);

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Times written during the test are each store's "now": kept as "<now>" once checked to be timestamps. Sample data's own time stays. */
function withoutNow<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' && ISO.test(v) && v !== AT ? '<now>' : v)) as T;
}

async function call(s: EngineStore, method: string, request: unknown, caller: Caller = WANG) {
  return s.core.call(method as never, request as never, caller);
}

/** The same call on both: both answer, and the answers are deep-equal (times of this test's writes aside). */
async function same(method: string, request: unknown, caller: Caller = WANG): Promise<unknown> {
  const a = await call(lite, method, request, caller);
  if (!a.ok) throw new Error(`${method} on SQLite: ${a.error.message}`);
  const b = await call(pg, method, request, caller);
  expect(withoutNow(b), `${method} ${JSON.stringify(request)}`).toEqual(withoutNow(a));
  return a.value;
}

/** The same refusal on both. */
async function sameRefusal(method: string, request: unknown, message: RegExp | string, caller: Caller = WANG): Promise<void> {
  const a = await call(lite, method, request, caller);
  const b = await call(pg, method, request, caller);
  expect(a.ok, JSON.stringify(request)).toBe(false);
  expect(b).toEqual(a);
  if (!a.ok) expect(a.error.message).toMatch(message);
}

/** Every row a save or lock can touch, as text: equal before and after means nothing was written. */
async function stored(s: EngineStore): Promise<string> {
  const tables = [
    'SELECT indicator_id, unit_id, period, value, note, entered_by FROM figures ORDER BY indicator_id, unit_id, period',
    'SELECT id, indicator_id, unit_id, period, old_value, new_value, changed_by FROM figure_history ORDER BY id',
    'SELECT plan_id, unit_id, period, state, reason FROM figure_reviews ORDER BY plan_id, unit_id, period',
    'SELECT id, plan_id, unit_id, period, action FROM figure_review_events ORDER BY id',
    'SELECT plan_id, period, locked_by FROM period_locks ORDER BY plan_id, period',
    'SELECT id, plan_id, period, action, reason FROM period_lock_events ORDER BY id',
    'SELECT parent_id, indicator_id, period, total, reported FROM sub_unit_sums ORDER BY parent_id, indicator_id, period',
    'SELECT task_id, unit_id, period, status, text, reported_on, entered_by FROM progress ORDER BY task_id, unit_id, period',
    'SELECT id, task_id, unit_id, period, old_status, new_status, new_text FROM progress_history ORDER BY id',
    'SELECT id, plan_id, period, unit_id, channel, sent_by FROM reminder_events ORDER BY id',
  ];
  const parts = [];
  for (const t of tables) parts.push(JSON.stringify(await s.sql(t)));
  return parts.join('\n');
}

describe('the operator name on SQLite and PostgreSQL', () => {
  it('operator.get and operator.set: the PC setting kept in the store, a command its own', async () => {
    const pc: Caller = { kind: 'pc' };
    expect(await same('operator.get', {}, pc)).toEqual({ name: null });
    await sameRefusal('entry.save', { planId, edits: [{ indicatorId: id.monthly, unitId: id.hongdu, period: '2022-09', value: 1 }] }, /尚未设置操作员姓名/, pc);
    expect(await same('operator.set', { name: '李四' }, pc)).toEqual({ name: '李四' });
    expect(await same('operator.get', {}, pc)).toEqual({ name: '李四' });
    expect(await same('operator.get', {}, { kind: 'command' })).toEqual({ name: '李四' });
    expect(await same('operator.get', {}, WANG)).toEqual({ name: '王区' });
    expect((await lite.sql("SELECT value FROM settings WHERE key = 'operator'"))[0].value).toBe('李四');
    expect((await pg.sql("SELECT value FROM settings WHERE key = 'operator'"))[0].value).toBe('李四');
  });
});

describe('reading the entry grid on SQLite and PostgreSQL', () => {
  it('entry.grid, entry.sheet and entry.unitYear: the same views for a month, a quarter, the year', async () => {
    for (const period of ['2022-08', '2022Q2', '2022', '2021-12']) {
      const grid = (await same('entry.grid', { planId, period })) as { cells: unknown[][]; units: unknown[]; revision: number; operator: string };
      // Not an empty answer that happens to agree.
      expect(grid.units.length).toBeGreaterThan(5);
      expect(grid.cells.flat().length).toBeGreaterThan(30);
      expect(grid.operator).toBe('王区');
      await same('entry.sheet', { planId, period });
    }
    const sheet = (await same('entry.sheet', { planId, period: '2022-08' })) as { notes: Record<string, string>; previous: Record<string, number> };
    expect(Object.keys(sheet.notes).length).toBeGreaterThan(5);
    expect(Object.keys(sheet.previous).length).toBeGreaterThan(5);
    for (const unitId of [id.hongdu, id.district]) {
      const year = (await same('entry.unitYear', { planId, unitId, year: 2022 })) as { cells: Record<string, unknown> };
      expect(Object.keys(year.cells).length).toBeGreaterThan(15);
    }
    expect(await same('entry.revision', { planId })).toEqual({ revision: await one(lite, 'SELECT max(id) FROM figure_history') });
  });

  it('refuses the same way: a period outside the plan, a plan that does not exist, a department', async () => {
    await sameRefusal('entry.grid', { planId, period: '2025-01' }, /不在本工作要点的年度/);
    await sameRefusal('entry.sheet', { planId: 424_242, period: '2022-08' }, /找不到编号为 424242 的工作要点/);
    await sameRefusal('entry.unitYear', { planId, unitId: id.dept, year: 2022 }, /部门/);
    await sameRefusal('entry.revision', { planId: 424_242 }, /找不到/);
    await sameRefusal('entry.history', { planId: 424_242, indicatorId: id.monthly, unitId: id.hongdu, period: '2022-08' }, /找不到/);
  });
});

describe('saving figures on SQLite and PostgreSQL', () => {
  it('entry.save with the grid view, the flipped view and none: the same answers, patches, revision, history and grid after', async () => {
    const edit = { indicatorId: id.monthly, unitId: id.hongdu, period: '2022-09' };
    const before = (await same('entry.revision', { planId })) as { revision: number };
    const [v1, v2] = [await above(id.monthly, id.hongdu, '2022-08', 2), await above(id.monthly, id.hongdu, '2022-08', 3)];
    const saved = (await same('entry.save', { planId, edits: [{ ...edit, value: v1 }], view: { kind: 'units', period: '2022-09' } })) as {
      changed: number;
      revisionBefore: number;
      revision: number;
      patch: { cells: unknown[]; ranks: Record<string, unknown[]> };
      by: string;
    };
    expect(saved).toMatchObject({ changed: 1, revisionBefore: before.revision, revision: before.revision + 1, by: '王区' });
    expect(saved.patch.cells.length).toBeGreaterThanOrEqual(2);
    expect(saved.patch.ranks[id.monthly]?.length).toBeGreaterThan(5);
    // The same value again writes nothing; a note is a change.
    expect(await same('entry.save', { planId, edits: [{ ...edit, value: v1 }], view: { kind: 'units', period: '2022-09' } })).toMatchObject({ changed: 0 });
    await same('entry.save', { planId, edits: [{ ...edit, value: v2, note: '含补报' }], view: { kind: 'unit', unitId: id.hongdu, year: 2022 } });
    const q3 = await above(id.quarterly, id.hongdu, '2022Q2', 1);
    await same('entry.save', { planId, edits: [{ indicatorId: id.quarterly, unitId: id.hongdu, period: '2022Q3', value: q3 }] });
    // The district's own yearly ratio, last year's value again.
    const ratio = (await figure(id.ratio, id.district, '2021')).value;
    await same('entry.save', { planId, edits: [{ indicatorId: id.ratio, unitId: id.district, period: '2022', value: ratio }], view: { kind: 'units', period: '2022' } });
    // Cleared: the history keeps the old value.
    await same('entry.save', { planId, edits: [{ ...edit, value: null }], view: { kind: 'units', period: '2022-09' } });
    const history = (await same('entry.history', { planId, ...edit })) as { oldValue: number | null; newValue: number | null; note: string | null; changedBy: string }[];
    expect(history.map((h) => [h.oldValue, h.newValue, h.note, h.changedBy])).toEqual([
      [null, v1, null, '王区'],
      [v1, v2, '含补报', '王区'],
      [v2, null, null, '王区'],
    ]);
    expect(await same('entry.revision', { planId })).toEqual({ revision: before.revision + 5 });
    await same('entry.grid', { planId, period: '2022-09' });
    await same('entry.unitYear', { planId, unitId: id.district, year: 2022 });
    expect(await stored(pg)).toBe(await stored(lite));
  });

  it('an entry account’s save (审核 mode "unit") makes the cell 待审核 on both; approved figures are refused to it', async () => {
    const edit = { indicatorId: id.monthly, unitId: id.hongdu, period: '2022-07', value: await between(id.monthly, id.hongdu, '2022-06', '2022-08') };
    const corrected = { ...edit, value: await above(id.monthly, id.hongdu, '2022-06', 1) };
    const view = { kind: 'units', period: '2022-07' } as const;
    const [a, b] = [
      await saveForViewOn(lite.store, planId, [edit], '洪都填报员', 'entry', view, 'unit', FULL_SCOPE),
      await saveForViewOn(pg.store, planId, [edit], '洪都填报员', 'entry', view, 'unit', FULL_SCOPE),
    ];
    expect(withoutNow(b)).toEqual(withoutNow(a));
    expect(a.patch?.reviews).toEqual([{ unitId: id.hongdu, period: '2022-07', state: 'pending', reason: null }]);
    expect(await stored(pg)).toBe(await stored(lite));
    for (const s of [lite, pg]) await s.sql(`UPDATE figure_reviews SET state = 'approved' WHERE unit_id = ${id.hongdu} AND period = '2022-07'`);
    const refusals = [];
    for (const s of [lite, pg]) refusals.push(await saveForViewOn(s.store, planId, [corrected], '洪都填报员', 'entry', view, 'unit', FULL_SCOPE).catch((e: Error) => e.message));
    expect(refusals[0]).toMatch(/已审核通过，不能再修改/);
    expect(refusals[1]).toBe(refusals[0]);
    // The district corrects it: a 'correct' step beside the history, on both.
    await same('entry.save', { planId, edits: [corrected] });
    expect(await stored(pg)).toBe(await stored(lite));
    expect(await one(pg, "SELECT count(*) FROM figure_review_events WHERE action = 'correct'")).toBe(1);
  });
});

describe('period locks on SQLite and PostgreSQL', () => {
  it('entry.lock refuses writes to the period and what it covers; entry.unlock needs it locked; entry.locks lists both with their steps', async () => {
    expect(await same('entry.lock', { planId, period: '2022-06' })).toEqual({ locked: ['2022-06', '2022Q2'] });
    const locks = (await same('entry.locks', { planId })) as { locks: { period: string; lockedBy: string }[]; events: unknown[] };
    expect(locks.locks.map((l) => [l.period, l.lockedBy])).toEqual([
      ['2022-06', '王区'],
      ['2022Q2', '王区'],
    ]);
    await sameRefusal('entry.save', { planId, edits: [{ indicatorId: id.monthly, unitId: id.hongdu, period: '2022-06', value: 5 }] }, /该报告期已锁定/);
    await sameRefusal('entry.save', { planId, edits: [{ indicatorId: id.quarterly, unitId: id.hongdu, period: '2022Q2', value: 5 }] }, /该报告期已锁定/);
    const grid = (await same('entry.grid', { planId, period: '2022-06' })) as { locked: string[]; viewLocked: boolean };
    expect(grid).toMatchObject({ locked: ['2022-06', '2022Q2'], viewLocked: true });
    // Locking again locks nothing new.
    expect(await same('entry.lock', { planId, period: '2022-06' })).toEqual({ locked: [] });
    await sameRefusal('entry.unlock', { planId, period: '2022-05', reason: '更正' }, /未锁定，无需解锁/);
    await sameRefusal('entry.lock', { planId, period: '2025-06' }, /不在本工作要点的年度/);
    expect(await same('entry.unlock', { planId, period: '2022-06', reason: '街道补报' })).toEqual({ unlocked: ['2022-06', '2022Q2'] });
    const after = (await same('entry.locks', { planId })) as { locks: unknown[]; events: { action: string; reason: string | null }[] };
    expect(after.locks).toEqual([]);
    expect(after.events.map((e) => [e.action, e.reason])).toEqual([
      ['unlock', '街道补报'],
      ['unlock', '街道补报'],
      ['lock', null],
      ['lock', null],
    ]);
    await same('entry.save', { planId, edits: [{ indicatorId: id.monthly, unitId: id.hongdu, period: '2022-06', value: await between(id.monthly, id.hongdu, '2022-05', '2022-06') }] });
    expect(await stored(pg)).toBe(await stored(lite));
  });
});

describe('审核 on SQLite and PostgreSQL', () => {
  it('review.list, review.approve, review.return, review.history: the same states, conflicts, refusals and steps', async () => {
    const third = await one(
      lite,
      `SELECT t.unit_id FROM targets t JOIN units u ON u.id = t.unit_id WHERE t.indicator_id = ${id.monthly}
       AND t.unit_id NOT IN (${id.hongdu}, ${id.jingshan}, ${id.district}) AND u.kind <> 'department' ORDER BY t.unit_id LIMIT 1`,
    );
    // Two streets' 填报员 save (审核 mode "unit", review/onSave.ts): 待审核 on both stores.
    for (const unitId of [id.jingshan, third]) {
      const edit = { indicatorId: id.monthly, unitId, period: '2022-09', value: await above(id.monthly, unitId, '2022-08', 1) };
      for (const s of [lite, pg]) await saveForViewOn(s.store, planId, [edit], '街道填报员', 'entry', undefined, 'unit', FULL_SCOPE);
    }
    const list = (await same('review.list', { planId })) as { rows: { unitId: number; period: string; state: string; revision: number; figures: unknown[] }[]; counts: Record<string, number> };
    const [a, b] = [list.rows.find((r) => r.unitId === id.jingshan)!, list.rows.find((r) => r.unitId === third)!];
    expect([a.state, b.state]).toEqual(['pending', 'pending']);
    expect(a.figures.length).toBeGreaterThan(0);
    expect(list.counts.pending).toBeGreaterThanOrEqual(2);
    await sameRefusal('review.approve', { planId, unitId: a.unitId, period: a.period, revision: a.revision - 1 }, /又被修改过/);
    await sameRefusal('review.approve', { planId, unitId: id.district, period: '2022-09' }, /不在审核中/);
    expect(await same('review.approve', { planId, unitId: a.unitId, period: a.period, revision: a.revision })).toEqual({ ok: true });
    await sameRefusal('review.approve', { planId, unitId: a.unitId, period: a.period }, /已经审核通过/);
    expect(await same('review.return', { planId, unitId: b.unitId, period: b.period, revision: b.revision, reason: ' 数值偏高，请核实 ' })).toEqual({ ok: true });
    await sameRefusal('review.return', { planId, unitId: b.unitId, period: b.period, reason: '再退' }, /已经退回/);
    for (const state of ['all', 'pending', 'returned', 'approved']) await same('review.list', { planId, state });
    const history = (await same('review.history', { planId, unitId: b.unitId, period: b.period })) as { events: { action: string; reason: string | null; by: string }[] };
    expect(history.events.map((e) => [e.action, e.reason, e.by])).toEqual([
      ['submit', null, '街道填报员'],
      ['return', '数值偏高，请核实', '王区'],
    ]);
    await sameRefusal('review.history', { planId: 424_242, unitId: b.unitId, period: b.period }, /找不到/);
    // The grid shows the marks the same way.
    const grid = (await same('entry.grid', { planId, period: '2022-09' })) as { reviews: { unitId: number; state: string }[] };
    expect(grid.reviews.filter((r) => r.unitId === a.unitId || r.unitId === b.unitId).map((r) => r.state).sort()).toEqual(['approved', 'returned']);
    expect(await stored(pg)).toBe(await stored(lite));
  });
});

describe('a 填报员’s scope as a parameter (what the PostgreSQL core gives an account caller)', () => {
  it('the Ops given an entry account’s scope answer on PostgreSQL what the SQLite handlers answer that account', async () => {
    const account: Caller = { kind: 'account', account: { id: 999, name: '洪都填报员', role: 'entry', unitId: id.hongdu } };
    // Its scope as the PostgreSQL core gives it (access/scope.ts), fresh for each call as there; it hides other streets' figures not approved yet.
    const scope = () => readScopeOfCaller(account);
    expect((await pg.store.read(scope().hiddenInOp(planId)))?.size).toBeGreaterThan(0);
    const sqlite = async (method: string, request: unknown) => {
      const r = await call(lite, method, request, account);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const grid = (await sqlite('entry.grid', { planId, period: '2022-09' })) as { units: { id: number }[]; approvedReadOnly: boolean };
    expect(grid.approvedReadOnly).toBe(true);
    expect(grid.units.map((u) => u.id)).toEqual([id.district, id.hongdu]);
    expect(await pg.store.read(entryGridOp(planId, '2022-09', account, scope()))).toEqual(grid);
    expect(await pg.store.read(entrySheetOp(planId, '2022-09', account, scope()))).toEqual(await sqlite('entry.sheet', { planId, period: '2022-09' }));
    // access/authorize.ts gives an entry account's request without unitId its own unit (dispatch's step, before the handler).
    expect(await pg.store.read(progressViewOp(planId, '2022-09', id.hongdu, scope()))).toEqual(await sqlite('figures.progress', { planId, period: '2022-09' }));
    // Its save: 待审核 (reviewModeOf), the patch narrowed to its row and the district's.
    const edit = { indicatorId: id.monthly, unitId: id.hongdu, period: '2022-10', value: await above(id.monthly, id.hongdu, '2022-08', 4) };
    const view = { kind: 'units', period: '2022-10' } as const;
    const a = (await sqlite('entry.save', { planId, edits: [edit], view })) as FigureSaveResult;
    const b = await saveForViewOn(pg.store, planId, [edit], '洪都填报员', undefined, view, reviewModeOf(account), scope());
    expect(withoutNow(b)).toEqual(withoutNow(a));
    expect(a.patch?.reviews).toEqual([{ unitId: id.hongdu, period: '2022-10', state: 'pending', reason: null }]);
    expect(await stored(pg)).toBe(await stored(lite));
  });
});

describe('任务进展 and the 完成情况 table on SQLite and PostgreSQL', () => {
  it('progress.sheet, progress.save, progress.history: the same sheets, saves, refusals and history', async () => {
    const sheet = (await same('progress.sheet', { planId, period: '2022-08' })) as { rows: { taskId: number; unitId: number; status: string | null }[]; operator: string };
    expect(sheet.rows.filter((r) => r.status !== null).length).toBeGreaterThan(5);
    expect(sheet.operator).toBe('王区');
    const row = sheet.rows[0];
    await same('progress.sheet', { planId, period: '2022-08', unitId: row.unitId });
    const entry = { taskId: row.taskId, unitId: row.unitId, status: 'in_progress', text: '  已完成立项  ', reportedOn: '2022-09-20' };
    expect(await same('progress.save', { planId, period: '2022-09', entries: [entry] })).toMatchObject({ changed: 1, by: '王区' });
    expect(await same('progress.save', { planId, period: '2022-09', entries: [{ ...entry, status: 'done', text: '已完成' }] })).toMatchObject({ changed: 1 });
    const history = (await same('progress.history', { planId, taskId: row.taskId, unitId: row.unitId, period: '2022-09' })) as { oldStatus: string | null; newStatus: string; newText: string }[];
    expect(history.map((h) => [h.oldStatus, h.newStatus, h.newText])).toEqual([
      [null, 'in_progress', '已完成立项'],
      ['in_progress', 'done', '已完成'],
    ]);
    await same('progress.sheet', { planId, period: '2022-09' });
    await sameRefusal('progress.save', { planId, period: '2022-09', entries: [{ ...entry, unitId: id.hongdu === row.unitId ? id.jingshan : 99_999 }] }, /责任单位中没有单位/);
    await sameRefusal('progress.save', { planId, period: '2022-09', entries: [{ ...entry, reportedOn: '2099-01-01' }] }, /./);
    await sameRefusal('progress.history', { planId, taskId: 99_999, unitId: row.unitId, period: '2022-09' }, /不属于本工作要点/);
    await same('entry.lock', { planId, period: '2022-10' });
    await sameRefusal('progress.save', { planId, period: '2022-10', entries: [{ ...entry, reportedOn: '2022-10-08' }] }, /已锁定，任务进展不能修改/);
    expect(((await same('progress.sheet', { planId, period: '2022-10' })) as { locked: boolean }).locked).toBe(true);
    await same('entry.unlock', { planId, period: '2022-10', reason: '补报进展' });
    expect(await stored(pg)).toBe(await stored(lite));
  });

  it('figures.progress: the same table for the district, a street, a quarter and the year; the same refusals', async () => {
    for (const req of [{ period: '2022-08' }, { period: '2022-08', unitId: id.hongdu }, { period: '2022Q2' }, { period: '2022' }]) {
      const table = (await same('figures.progress', { planId, ...req })) as { rows: unknown[]; indicators: unknown[] };
      expect(table.indicators.length).toBeGreaterThan(5);
      expect(JSON.stringify(table)).toMatch(/"value":\d/);
    }
    await sameRefusal('figures.progress', { planId, period: '2022-08', unitId: id.dept }, /部门/);
    await sameRefusal('figures.progress', { planId: 424_242, period: '2022-08' }, /找不到编号为 424242 的工作要点/);
  });
});

describe('催报 on SQLite and PostgreSQL', () => {
  it('entry.reminders, entry.remindersSent, entry.remindersExport: the same list, records and workbook', async () => {
    const list = (await same('entry.reminders', { planId, period: '2022-09' })) as { rows: { unit: { id: number }; missingFigures: string[]; lastReminder: unknown }[] };
    const owing = list.rows.filter((r) => r.missingFigures.length > 0).map((r) => r.unit.id);
    expect(owing.length).toBeGreaterThan(2);
    const sent = (await same('entry.remindersSent', { planId, period: '2022-09', unitIds: owing.slice(0, 2), channel: 'notice' })) as { recorded: number; by: string };
    expect(sent).toMatchObject({ recorded: 2, by: '王区' });
    await sameRefusal('entry.remindersSent', { planId, period: '2022-09', unitIds: [owing[0], 99_999], channel: 'list' }, /99999 的单位不在本期催报名单中/);
    const after = (await same('entry.reminders', { planId, period: '2022-09' })) as typeof list;
    expect(after.rows.filter((r) => r.lastReminder !== null).map((r) => r.unit.id)).toEqual(owing.slice(0, 2));
    await same('entry.reminders', { planId, period: '2022-08' });
    expect(await stored(pg)).toBe(await stored(lite));
    const rows = async (s: EngineStore) => {
      const r = await call(s, 'entry.remindersExport', { planId, period: '2022-09', deadline: '2022-10-08' });
      if (!r.ok) throw new Error(r.error.message);
      const file = r.value as { fileName: string; base64: string };
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const values: unknown[] = [file.fileName];
      wb.getWorksheet('催报名单')!.eachRow((row) => values.push(withoutNow(row.values)));
      return values;
    };
    const workbook = await rows(lite);
    expect(workbook.length).toBeGreaterThan(owing.length);
    expect(await rows(pg)).toEqual(workbook);
  });
});

/**
 * Last: on PostgreSQL the ids a rolled-back insert drew are not given back (sequences are not
 * transactional), so after these the two stores' next history ids differ — the revision still only
 * grows, and equal revisions still mean nothing changed.
 */
describe('refusals and interruptions write nothing, on SQLite and PostgreSQL', () => {
  it('refuses the same way, and writes nothing: a department, a unit outside the plan, another frequency, a sub-unit without target, a value too large', async () => {
    const before = [await stored(lite), await stored(pg)];
    const save = (e: Partial<FigureEdit>) => ({ planId, edits: [{ indicatorId: id.monthly, unitId: id.hongdu, period: '2022-09', value: 1, ...e }] });
    await sameRefusal('entry.save', save({ unitId: id.dept }), /部门/);
    await sameRefusal('entry.save', save({ unitId: 99_999 }), /找不到编号为 99999 的单位/);
    await sameRefusal('entry.save', save({ indicatorId: 99_999 }), /不属于本工作要点/);
    await sameRefusal('entry.save', save({ period: '2022Q3' }), /报送/);
    await sameRefusal('entry.save', save({ period: '2025-01' }), /不在本工作要点的年度/);
    await sameRefusal('entry.save', save({ indicatorId: id.ratio }), /./);
    await sameRefusal('entry.save', save({ value: 1e15 }), /./);
    expect([await stored(lite), await stored(pg)]).toEqual(before);
  });

  it('all or nothing: a save refused at its second edit, or any write (save, lock, 催报, 审核, progress) interrupted after its writes, leaves either store as it was', async () => {
    const first = { indicatorId: id.monthly, unitId: id.hongdu, period: '2022-09', value: await above(id.monthly, id.hongdu, '2022-08', 2) };
    const second = { indicatorId: id.quarterly, unitId: id.hongdu, period: '2022Q3', value: await above(id.quarterly, id.hongdu, '2022Q2', 2) };
    for (const s of [lite, pg]) {
      const before = await stored(s);
      const r = await call(s, 'entry.save', { planId, edits: [first, { ...first, unitId: id.dept }] });
      expect(r.ok).toBe(false);
      expect(await stored(s)).toBe(before);
      // Interrupted after every write of the save (figure, history, 审核 state and step): nothing of it stays.
      function* savedThenFail(): Op<void> {
        const changed = yield* saveFiguresOp(planId, [first, second], '王区', new Date().toISOString(), 'entry', 'unit');
        expect(changed).toBe(2);
        throw new Error('interrupted');
      }
      await expect(s.store.write(savedThenFail())).rejects.toThrow('interrupted');
      expect(await stored(s)).toBe(before);
      function* lockedThenFail(): Op<void> {
        expect(yield* lockViewOp(planId, '2022-12', '王区')).toEqual(['2022-12', '2022Q4', '2022']);
        throw new Error('interrupted');
      }
      await expect(s.store.write(lockedThenFail())).rejects.toThrow('interrupted');
      expect(await stored(s)).toBe(before);
      // A 催报 recorded, a 审核 step, task progress: each interrupted after its writes.
      const reminded = (await s.store.read(buildRemindersOp(planId, '2022-09'))).rows.map((r) => r.unit.id).slice(0, 3);
      const returned = (await s.store.read(listReviewRowsOp(planId, 'returned'))).rows[0];
      expect(returned).toBeDefined();
      const task = (await s.store.read(buildProgressSheetOp(planId, '2022-09', null))).rows[1];
      function* othersThenFail(): Op<void> {
        expect((yield* recordRemindersOp(planId, '2022-09', reminded, 'list', '王区')).recorded).toBe(3);
        yield* approveFiguresOp({ planId, unitId: returned.unitId, period: returned.period }, '王区');
        const entry = { taskId: task.taskId, unitId: task.unitId, status: 'late' as const, text: '滞后', reportedOn: '2022-09-21' };
        expect(yield* saveProgressOp(planId, '2022-09', [entry], '王区', new Date().toISOString())).toBe(1);
        throw new Error('interrupted');
      }
      await expect(s.store.write(othersThenFail())).rejects.toThrow('interrupted');
      expect(await stored(s)).toBe(before);
    }
  });
});
