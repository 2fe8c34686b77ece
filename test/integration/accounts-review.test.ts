/**
 * Accounts, roles and 审核 in the core, on either engine's store: every call goes
 * through dispatch's one permission table, as it does from the server door.
 * An entry account (填报员) writes only its own unit's figures and they wait for
 * approval; another unit's cell is refused and the attempt is recorded; a
 * viewer never writes; approved figures are read-only to the street but not to
 * the district; a 退回 carries its reason back; a street sees its own rows and
 * the district's published figures only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { AccountEvent, AccountView } from '../../shared/accounts/roles';
import type { EntryGridSheet, EntrySheet } from '../../shared/entry/views';
import type { ReviewEvent, ReviewList } from '../../shared/review/states';
import type { DashboardView } from '../../shared/dashboard/view';
import type { PlanUnitsView, TargetBreakdown } from '../../shared/api/views';
import { unpackCell } from '../../shared/entry/packedCell';
import { testStore, type TestStore } from '../helpers/testStore';
import { addAccount, callAs, refusedAs } from '../helpers/accounts';
import ExcelJS from 'exceljs';
import { asFile, fillWorkbook } from '../helpers/exchange';
import type { ReturnReview } from '../../shared/exchange/review';

let s: TestStore;
let core: Core;
let planId: number;
let unit: Record<string, number>;
let ind: Record<string, number>;
let admin: AccountView;
let hongdu: AccountView;
let jingshan: AccountView;
let leader: AccountView;

beforeEach(async () => {
  s = await testStore('example', { operator: null });
  core = s.core;
  const plans = await core.call('plans.list', {});
  planId = (plans as { ok: true; value: { id: number }[] }).value[0].id;
  const dir = (await core.call('units.directory', {})) as { ok: true; value: { units: { id: number; name: string }[] } };
  unit = Object.fromEntries(dir.value.units.map((u) => [u.name, u.id]));
  const sheet = (await core.call('entry.sheet', { planId, period: '2022-09' })) as { ok: true; value: EntrySheet };
  ind = Object.fromEntries(sheet.value.table.indicators.map((i) => [i.name, i.id]));
  admin = await addAccount(core, '王区', 'admin');
  hongdu = await addAccount(core, '洪都填报员', 'entry', unit['洪都街道']);
  jingshan = await addAccount(core, '京山填报员', 'entry', unit['京山街道']);
  leader = await addAccount(core, '李局长', 'viewer');
});
afterEach(async () => {
  await s.close();
});

const contract = (unitName: string, value: number | null, period = '2022-09') => ({ indicatorId: ind['技术合同成交额'], unitId: unit[unitName], period, value });
const save = (who: AccountView, ...edits: object[]) => callAs<{ changed: number; by: string }>(core, who, 'entry.save', { planId, edits });
const reviews = (who: AccountView = admin) => callAs<ReviewList>(core, who, 'review.list', { planId });
const events = () => callAs<{ events: AccountEvent[] }>(core, admin, 'users.events', {});
const rowOf = async (unitName: string, who: AccountView = admin) => (await reviews(who)).rows.find((r) => r.unitId === unit[unitName] && r.period === '2022-09');

describe('roles and the permission table', () => {
  it('an entry account saves its own unit’s figures under its own name, and they are 待审核', async () => {
    expect(await save(hongdu, contract('洪都街道', 0.03))).toMatchObject({ changed: 1, by: '洪都填报员' });
    const history = await callAs<{ changedBy: string }[]>(core, hongdu, 'entry.history', { planId, indicatorId: ind['技术合同成交额'], unitId: unit['洪都街道'], period: '2022-09' });
    expect(history.map((h) => h.changedBy)).toEqual(['洪都填报员']);
    const row = await rowOf('洪都街道');
    expect(row).toMatchObject({ state: 'pending', unitName: '洪都街道', periodLabel: '2022年1-9月', by: '洪都填报员' });
    expect(row!.figures.map((f) => [f.indicatorName, f.value])).toEqual([['技术合同成交额', 0.03]]);
  });

  it('洪都街道’s 填报员 saving 京山街道’s cell is refused (forbidden), nothing is written, and the attempt is recorded', async () => {
    const refused = await refusedAs(core, hongdu, 'entry.save', { planId, edits: [contract('京山街道', 1.2)] });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toBe('您的账户只能填报和查看“洪都街道”的数据，不能修改“京山街道”的数据。');
    // One foreign cell among its own refuses the whole request.
    expect((await refusedAs(core, hongdu, 'entry.save', { planId, edits: [contract('洪都街道', 0.03), contract('京山街道', 1.2)] })).code).toBe('forbidden');
    expect((await reviews()).rows).toEqual([]);
    const denied = (await events()).events.filter((e) => e.action === 'denied');
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({ userName: '洪都填报员', userId: hongdu.id, from: '192.0.2.7' });
    expect(denied[0].detail).toContain('entry.save');
    expect(denied[0].detail).toContain('京山街道');
    // Its own unit's reads of another unit are refused too.
    expect((await refusedAs(core, hongdu, 'entry.history', { planId, indicatorId: ind['技术合同成交额'], unitId: unit['京山街道'], period: '2022-09' })).code).toBe('forbidden');
    expect((await refusedAs(core, hongdu, 'dashboard.get', { planId, period: '2022-09', unitId: unit['京山街道'] })).code).toBe('forbidden');
    expect((await refusedAs(core, hongdu, 'progress.save', { planId, period: '2022-09', entries: [{ taskId: 1, unitId: unit['京山街道'], status: 'done', text: '完成', reportedOn: null }] })).code).toBe('forbidden');
  });

  it('a viewer reads the dashboard and exports but never writes', async () => {
    await save(hongdu, contract('洪都街道', 0.03));
    const dash = await callAs<DashboardView>(core, leader, 'dashboard.get', { planId, period: '2022-09' });
    expect(dash.units).toHaveLength(8);
    const xlsx = await callAs<{ byteLength: number }>(core, leader, 'export.excel', { planId, sheet: 'progress', period: '2022-09' });
    expect(xlsx.byteLength).toBeGreaterThan(1000);
    for (const [method, request] of [
      ['entry.save', { planId, edits: [contract('洪都街道', 0.05)] }],
      ['progress.save', { planId, period: '2022-09', entries: [{ taskId: 1, unitId: unit['洪都街道'], status: 'done', text: '完成', reportedOn: null }] }],
      ['summary.save', { planId, title: '改个标题' }],
      ['review.approve', { planId, unitId: unit['洪都街道'], period: '2022-09' }],
      ['entry.lock', { planId, period: '2022-09' }],
      ['users.add', { name: '新人', role: 'viewer', password: '12345678abc' }],
    ] as const) {
      const r = await refusedAs(core, leader, method, request);
      expect(r.code, method).toBe('forbidden');
    }
    expect((await refusedAs(core, leader, 'entry.save', { planId, edits: [contract('洪都街道', 0.05)] })).message).toBe('查看账户“李局长”只能查看和导出，不能修改数据。');
    expect((await rowOf('洪都街道'))!.figures[0].value).toBe(0.03);
  });

  it('an entry account cannot touch the plan, imports, exchange, locks, 审核, backups or accounts', async () => {
    for (const [method, request] of [
      ['entry.lock', { planId, period: '2022-09' }],
      ['review.approve', { planId, unitId: unit['洪都街道'], period: '2022-09' }],
      ['import.preview', { fileName: 'a.txt', text: 'x' }],
      ['exchange.export', { planId, period: '2022-09', unitIds: [unit['洪都街道']], format: 'xlsx' }],
      ['backup.list', {}],
      ['users.list', {}],
      ['goals.reorder', { planId, ids: [] }],
      ['targets.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: unit['洪都街道'], value: 9 }] }],
    ] as const) {
      const r = await refusedAs(core, hongdu, method, request);
      expect(r.code, method).toBe('forbidden');
      expect(r.message).toContain('只有管理员');
    }
    // An account's operator is its name: it cannot write under another.
    expect((await refusedAs(core, hongdu, 'operator.set', { name: '别人' })).message).toContain('不能另设操作员');
  });
});

describe('审核', () => {
  it('approved figures are read-only to the street; the district can still correct them, recorded', async () => {
    await save(hongdu, contract('洪都街道', 0.03));
    const row = (await rowOf('洪都街道'))!;
    // A stale approval (the street saved after the list was read) is refused.
    await save(hongdu, contract('洪都街道', 0.04));
    const stale = await refusedAs(core, admin, 'review.approve', { planId, unitId: unit['洪都街道'], period: '2022-09', revision: row.revision });
    expect(stale.code).toBe('conflict');
    const fresh = (await rowOf('洪都街道'))!;
    await callAs(core, admin, 'review.approve', { planId, unitId: unit['洪都街道'], period: '2022-09', revision: fresh.revision });
    expect((await rowOf('洪都街道'))!.state).toBe('approved');

    const locked = await refusedAs(core, hongdu, 'entry.save', { planId, edits: [contract('洪都街道', 0.05)] });
    expect(locked.code).toBe('bad_request');
    expect(locked.message).toBe('洪都街道 · 技术合同成交额（2022年1-9月）：已审核通过，不能再修改。如需更正，请联系区里的管理员退回后再改。');
    // Clearing is a change too.
    expect((await refusedAs(core, hongdu, 'entry.save', { planId, edits: [contract('洪都街道', null)] })).message).toContain('已审核通过');

    // The district corrects: allowed, in the figure's history and in the 审核 steps; still approved.
    expect(await save(admin, contract('洪都街道', 0.045))).toMatchObject({ changed: 1, by: '王区' });
    expect((await rowOf('洪都街道'))!.state).toBe('approved');
    const steps = await callAs<{ events: ReviewEvent[] }>(core, admin, 'review.history', { planId, unitId: unit['洪都街道'], period: '2022-09' });
    expect(steps.events.map((e) => [e.action, e.by])).toEqual([
      ['submit', '洪都填报员'],
      ['approve', '王区'],
      ['correct', '王区'],
    ]);
    // The grid tells the street's window the approved cell is read-only to it.
    const grid = await callAs<EntryGridSheet>(core, hongdu, 'entry.grid', { planId, period: '2022-09' });
    expect(grid.approvedReadOnly).toBe(true);
    expect(grid.reviews).toEqual([{ unitId: unit['洪都街道'], period: '2022-09', state: 'approved', reason: null }]);
    expect((await callAs<EntryGridSheet>(core, admin, 'entry.grid', { planId, period: '2022-09' })).approvedReadOnly).toBe(false);
  });

  it('a 退回 carries its reason to the street, which may change its figures again; they are 待审核 once saved', async () => {
    await save(hongdu, contract('洪都街道', 0.03));
    await callAs(core, admin, 'review.return', { planId, unitId: unit['洪都街道'], period: '2022-09', reason: '技术合同成交额单位应为亿元，请核实' });
    const seen = (await rowOf('洪都街道', hongdu))!;
    expect(seen).toMatchObject({ state: 'returned', reason: '技术合同成交额单位应为亿元，请核实', by: '王区' });
    // The street's grid carries it too (its window shows the reason above the grid).
    const grid = await callAs<EntryGridSheet>(core, hongdu, 'entry.grid', { planId, period: '2022-09' });
    expect(grid.reviews[0]).toMatchObject({ state: 'returned', reason: '技术合同成交额单位应为亿元，请核实' });
    expect((await refusedAs(core, admin, 'review.return', { planId, unitId: unit['洪都街道'], period: '2022-09', reason: '再退' })).message).toContain('已经退回');
    expect((await refusedAs(core, admin, 'review.return', { planId, unitId: unit['洪都街道'], period: '2022-09', reason: ' ' })).message).toContain('退回原因至少写2个字');

    await save(hongdu, contract('洪都街道', 0.06));
    const again = (await rowOf('洪都街道'))!;
    expect(again).toMatchObject({ state: 'pending', reason: '技术合同成交额单位应为亿元，请核实' });
    await callAs(core, admin, 'review.approve', { planId, unitId: unit['洪都街道'], period: '2022-09', revision: again.revision });
    expect((await rowOf('洪都街道'))).toMatchObject({ state: 'approved', reason: null });
    const steps = await callAs<{ events: ReviewEvent[] }>(core, hongdu, 'review.history', { planId, unitId: unit['洪都街道'], period: '2022-09' });
    expect(steps.events.map((e) => [e.action, e.reason])).toEqual([
      ['submit', null],
      ['return', '技术合同成交额单位应为亿元，请核实'],
      ['submit', null],
      ['approve', null],
    ]);
  });

  it('the district’s own typing (desktop, CLI, admin) needs no approval', async () => {
    await core.call('entry.save', { planId, edits: [contract('洪都街道', 0.03)] }, { kind: 'command', operator: '王区' });
    await save(admin, contract('京山街道', 1.2));
    expect((await reviews()).rows).toEqual([]);
    // …and so the streets see them in the district's total.
    const grid = await callAs<EntryGridSheet>(core, hongdu, 'entry.grid', { planId, period: '2022-09' });
    const col = grid.indicators.findIndex((i) => i.id === ind['技术合同成交额']);
    expect(unpackCell(grid.cells[0][col]).actual).toBeCloseTo(1.23);
  });
});

describe('what a street sees', () => {
  it('its own rows and the district’s published figures, never another street’s entries', async () => {
    await save(hongdu, contract('洪都街道', 0.03));
    await save(jingshan, contract('京山街道', 1.2));
    const col = (g: EntryGridSheet) => g.indicators.findIndex((i) => i.id === ind['技术合同成交额']);
    const district = (g: EntryGridSheet) => unpackCell(g.cells[0][col(g)]).actual;

    const street = await callAs<EntryGridSheet>(core, hongdu, 'entry.grid', { planId, period: '2022-09' });
    expect(street.units.map((u) => u.name)).toEqual(['青云谱区', '洪都街道']);
    expect(street.cells).toHaveLength(2);
    expect(unpackCell(street.cells[1][col(street)]).actual).toBe(0.03);
    // 京山街道's figure is not approved yet: not in the total the street sees.
    expect(district(street)).toBeCloseTo(0.03);
    expect(street.reviews.map((r) => r.unitId)).toEqual([unit['洪都街道']]);
    // The district sees everything, marked.
    const all = await callAs<EntryGridSheet>(core, admin, 'entry.grid', { planId, period: '2022-09' });
    expect(all.units).toHaveLength(8);
    expect(district(all)).toBeCloseTo(1.23);
    expect(all.reviews.map((r) => r.state)).toEqual(['pending', 'pending']);

    const js = (await rowOf('京山街道'))!;
    await callAs(core, admin, 'review.approve', { planId, unitId: unit['京山街道'], period: '2022-09', revision: js.revision });
    expect(district(await callAs<EntryGridSheet>(core, hongdu, 'entry.grid', { planId, period: '2022-09' }))).toBeCloseTo(1.23);

    // The other reads narrow the same way.
    const sheet = await callAs<EntrySheet>(core, hongdu, 'entry.sheet', { planId, period: '2022-09' });
    expect(sheet.table.rows.map((r) => r.unit.name)).toEqual(['洪都街道']);
    const units = await callAs<PlanUnitsView>(core, hongdu, 'plan.units', { planId });
    expect(units.units.map((u) => u.name)).toEqual(['青云谱区', '洪都街道']);
    const breakdown = await callAs<TargetBreakdown>(core, hongdu, 'targets.breakdown', { planId });
    expect(breakdown.rows.map((r) => r.unit.name)).toEqual(['洪都街道']);
    expect(breakdown.checks).toEqual([]);
    const dash = await callAs<DashboardView>(core, hongdu, 'dashboard.get', { planId, period: '2022-09' });
    expect(dash.unit).toMatchObject({ name: '洪都街道', isPlanUnit: false, row: 1 });
    expect(dash.units.map((u) => u.name)).toEqual(['青云谱区', '洪都街道']);
    expect(dash.reminders.rows.map((r) => r.unit.name)).toEqual(['洪都街道']);
    const list = await reviews(hongdu);
    expect(list.rows.map((r) => r.unitName)).toEqual(['洪都街道']);
    expect(list.counts).toEqual({ pending: 1, approved: 0, returned: 0 });
    // Its exports are its own unit's.
    const xlsx = await callAs<{ fileName: string }>(core, hongdu, 'export.excel', { planId, sheet: 'annex2' });
    expect(xlsx.fileName).toContain('洪都街道');
    const info = await callAs<{ dbPath: string }>(core, hongdu, 'app.info', {});
    expect(info.dbPath).toBe('');
  });
});

describe('one approval path, and what the exports say', () => {
  it('figures from a returned 填报表 land as 待审核 for that unit and period, with the file as the step’s source', async () => {
    const district = { kind: 'command' as const, operator: '王区' };
    const call = async <T>(method: string, request: unknown): Promise<T> => {
      const r = await core.call(method, request, district);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const { files } = await call<{ files: { fileName: string; base64: string }[] }>('exchange.export', { planId, period: '2022-12', unitIds: [unit['洪都街道']], format: 'xlsx' });
    const filled = await fillWorkbook(Buffer.from(files[0].base64, 'base64'), { values: { 技术合同成交额: '0.06' } });
    const [r] = (await call<{ reviews: ReturnReview[] }>('exchange.review', { planId, files: [asFile('洪都街道回报.xlsx', filled)] })).reviews;
    await call('exchange.apply', { planId, files: [{ ...asFile('洪都街道回报.xlsx', filled), accept: r.figures.map((c) => ({ key: c.key, seen: c.current })) }] });
    const row = (await reviews()).rows.find((x) => x.unitId === unit['洪都街道'] && x.period === '2022-12')!;
    expect(row).toMatchObject({ state: 'pending', by: '王区' });
    const steps = await callAs<{ events: ReviewEvent[] }>(core, admin, 'review.history', { planId, unitId: unit['洪都街道'], period: '2022-12' });
    expect(steps.events.map((e) => [e.action, e.source])).toEqual([['submit', '洪都街道回报.xlsx']]);
  });

  it('the 完成情况统计表 names the units whose figures are not approved yet; the dashboard marks them', async () => {
    await save(hongdu, contract('洪都街道', 0.03));
    // The workbook read back as Excel would: every cell's text.
    const exportedText = async () => {
      const file = await callAs<{ base64: string }>(core, admin, 'export.excel', { planId, sheet: 'progress', period: '2022-09' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const texts: string[] = [];
      wb.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
      return texts.join('\n');
    };
    expect(await exportedText()).toContain('以下单位本期的完成数尚未经区里审核通过：洪都街道（待审核）。');
    const dash = await callAs<DashboardView>(core, admin, 'dashboard.get', { planId, period: '2022-09' });
    expect(dash.reviews).toEqual([{ unitId: unit['洪都街道'], period: '2022-09', state: 'pending', reason: null }]);
    // Approved: the note goes.
    const row = (await rowOf('洪都街道'))!;
    await callAs(core, admin, 'review.approve', { planId, unitId: unit['洪都街道'], period: '2022-09', revision: row.revision });
    const after = await exportedText();
    expect(after).toContain('4. 排名为各下级单位');
    expect(after).not.toContain('尚未经区里审核通过');
  });
});
