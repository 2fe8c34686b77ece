/**
 * The grid's cheap path on a real database: entry.grid is the same grid as
 * entry.sheet, only packed; a save that names its view answers with the cells
 * that changed, and applying that answer to the grid the client held gives
 * exactly the grid a full reload would; revisions tell own saves from others'.
 * Task progress: its history (修改记录) and the date rule in the core.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { unpackCell } from '../../shared/entry/packedCell';
import { applySheetPatch, applyUnitYearPatch } from '../../shared/entry/patch';
import type {
  EntryGridSheet,
  EntrySheet,
  FigureSaveResult,
  FigureView,
  ProgressHistoryEntry,
  ProgressSheet,
  SheetPatch,
  UnitYearPatch,
  UnitYearSheet,
} from '../../shared/entry/views';
import { testStore, type TestStore } from '../helpers/testStore';

let store: TestStore;
let core: Core;
let planId: number;
let unit: Record<string, number>;
let ind: Record<string, number>;

async function call<T>(method: string, request: unknown): Promise<T> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
async function refused(method: string, request: unknown): Promise<string> {
  const r = await core.call(method, request);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error.message;
}

beforeEach(async () => {
  store = await testStore('example', { operator: null });
  core = store.core;
  planId = (await call<{ id: number }[]>('plans.list', {}))[0].id;
  const dir = await call<{ units: { id: number; name: string }[] }>('units.directory', {});
  unit = Object.fromEntries(dir.units.map((u) => [u.name, u.id]));
  const grid = await call<EntryGridSheet>('entry.grid', { planId, period: '2022-09' });
  ind = Object.fromEntries(grid.indicators.map((i) => [i.name, i.id]));
  await call('operator.set', { name: '李明' });
});
afterEach(async () => {
  await store.close();
});

const contract = (unitName: string, period: string, value: number | null, extra: object = {}) => ({
  indicatorId: ind['技术合同成交额'],
  unitId: unit[unitName],
  period,
  value,
  ...extra,
});
const grid = (period: string) => call<EntryGridSheet>('entry.grid', { planId, period });
const saveIn = (view: FigureView | undefined, edits: object[]) => call<FigureSaveResult>('entry.save', { planId, edits, ...(view ? { view } : {}) });

describe('entry.grid', () => {
  it('is entry.sheet packed: the same target, figure, 完成率, status, rank, note and previous value in every cell', async () => {
    await saveIn(undefined, [
      contract('三家店街道', '2022-08', 2.4),
      contract('三家店街道', '2022-09', 2.1, { note: '核减重复合同' }),
      contract('洪都街道', '2022-09', 0.04),
      { indicatorId: ind['科技型中小企业'], unitId: unit['洪都街道'], period: '2022Q3', value: 5 },
    ]);
    const sheet = await call<EntrySheet>('entry.sheet', { planId, period: '2022-09' });
    const packed = await grid('2022-09');
    const rows = [sheet.table.parent, ...sheet.table.rows];
    expect(packed.units.map((u) => u.id)).toEqual(rows.map((r) => r.unit.id));
    let compared = 0;
    rows.forEach((row, r) =>
      packed.indicators.forEach((i, c) => {
        const full = row.cells[i.id];
        const fp = sheet.figurePeriods[i.id];
        const key = `${i.id}|${row.unit.id}|${fp}`;
        const cell = unpackCell(packed.cells[r][c]);
        expect(cell).toMatchObject({ target: full.target, targetMax: full.targetMax, actual: full.actual, source: full.actualSource, status: full.status });
        if (full.rate == null) expect(cell.rate).toBeNull();
        else expect(cell.rate).toBeCloseTo(full.rate, 9);
        expect(packed.ranks[i.id][r]).toBe(full.rank);
        if (fp) {
          expect(cell.note).toBe(sheet.notes[key] ?? null);
          expect(cell.previous).toBe(sheet.previous[key] ?? null);
        }
        compared++;
      }),
    );
    expect(compared).toBe(rows.length * packed.indicators.length);
    const sanjiadian = unpackCell(packed.cells[packed.units.findIndex((u) => u.name === '三家店街道')][packed.indicators.findIndex((i) => i.name === '技术合同成交额')]);
    expect(sanjiadian).toMatchObject({ actual: 2.1, note: '核减重复合同', previous: 2.4 });
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(sheet).length / 2);
  });
});

describe('entry.save with a view', () => {
  it('answers with the changed cells; patching the held grid gives exactly a fresh grid', async () => {
    const view: FigureView = { kind: 'units', period: '2022-09' };
    let held = await grid('2022-09');
    const steps: object[][] = [
      [contract('洪都街道', '2022-09', 0.04)], // a sub-unit: its cell, the district sum, ranks
      [contract('京山街道', '2022-09', 0.06), contract('徐家坊街道', '2022-09', 0.01)], // a paste
      [contract('洪都街道', '2022-08', 0.05, { note: '8月含跨年合同' })], // last month: 洪都's previous value in this view (above 1-9月: a note)
      [contract('洪都街道', '2022-09', 0.045, { note: '核减' })], // now a drop: note
      [{ indicatorId: ind['全社会R&D经费投入占GDP比重'], unitId: unit['青云谱区'], period: '2022', value: 0.6 }], // not shown at 2022-09
      [contract('京山街道', '2022-09', null)], // a clear
    ];
    for (const edits of steps) {
      const result = await saveIn(view, edits);
      expect(result.revisionBefore).toBe(held.revision);
      expect(result.revision).toBe(held.revision + result.changed);
      const patch = result.patch as SheetPatch;
      expect(patch.kind).toBe('units');
      held = applySheetPatch(held, patch, result.revision);
      expect(held).toEqual(await grid('2022-09'));
    }
  });

  it('sends a few cells, not the grid', async () => {
    const result = await saveIn({ kind: 'units', period: '2022-09' }, [contract('洪都街道', '2022-09', 0.04)]);
    const patch = result.patch as SheetPatch;
    // 洪都街道 and the district total of one indicator; the rank column of that indicator.
    expect(patch.cells.map(([u, i]) => [u, i])).toEqual([
      [unit['青云谱区'], ind['技术合同成交额']],
      [unit['洪都街道'], ind['技术合同成交额']],
    ]);
    expect(Object.keys(patch.ranks)).toEqual([String(ind['技术合同成交额'])]);
    const unchanged = await saveIn({ kind: 'units', period: '2022-09' }, [contract('洪都街道', '2022-09', 0.04)]);
    expect(unchanged).toMatchObject({ changed: 0, patch: { cells: [] } });
  });

  it('patches the flipped grid (one unit × months) the same way', async () => {
    const view: FigureView = { kind: 'unit', unitId: unit['青云谱区'], year: 2022 };
    let held = await call<UnitYearSheet>('entry.unitYear', { planId, unitId: unit['青云谱区'], year: 2022 });
    for (const edits of [[contract('洪都街道', '2022-03', 0.01)], [contract('洪都街道', '2022-04', 0.02), contract('京山街道', '2022-04', 0.03)]]) {
      const result = await saveIn(view, edits);
      held = applyUnitYearPatch(held, result.patch as UnitYearPatch, result.revision);
      expect(held).toEqual(await call<UnitYearSheet>('entry.unitYear', { planId, unitId: unit['青云谱区'], year: 2022 }));
    }
    // A sub-unit's own row: another unit's edit changes nothing in it.
    const own = await saveIn({ kind: 'unit', unitId: unit['洪都街道'], year: 2022 }, [contract('京山街道', '2022-05', 0.03)]);
    expect(Object.keys((own.patch as UnitYearPatch).cells)).toEqual([]);
  });

  it('tells the client when someone else saved in between (revisionBefore is not what it holds)', async () => {
    const held = await grid('2022-09');
    expect(await call('entry.revision', { planId })).toEqual({ revision: held.revision });
    await saveIn(undefined, [contract('京山街道', '2022-09', 0.02)]); // another door
    const mine = await saveIn({ kind: 'units', period: '2022-09' }, [contract('洪都街道', '2022-09', 0.04)]);
    expect(mine.revisionBefore).not.toBe(held.revision);
    expect(await call('entry.revision', { planId })).toEqual({ revision: mine.revision });
  });

  it('keeps the rules: a refused edit in a view changes nothing', async () => {
    const before = await grid('2022-09');
    expect(await refused('entry.save', { planId, edits: [contract('洪都街道', '2022-09', -1)], view: { kind: 'units', period: '2022-09' } })).toContain('不能为负数');
    expect(await grid('2022-09')).toEqual(before);
    expect(await refused('entry.save', { planId, edits: [contract('洪都街道', '2022-09', 1)], view: { kind: 'units', period: '2022-13' } })).toBeTruthy();
  });
});

describe('task progress: history and date', () => {
  async function firstRow() {
    const sheet = await call<ProgressSheet>('progress.sheet', { planId, period: '2022-09' });
    return sheet.rows.find((r) => r.taskSeq === 1 && r.unitName === '青云谱镇')!;
  }
  const entry = (row: { taskId: number; unitId: number }, over: object) => ({
    taskId: row.taskId,
    unitId: row.unitId,
    status: 'in_progress',
    text: '',
    reportedOn: '2022-09-28',
    ...over,
  });

  it('keeps every change of status, text and date with who and when', async () => {
    const row = await firstRow();
    expect(await call('progress.history', { planId, taskId: row.taskId, unitId: row.unitId, period: '2022-09' })).toEqual([]);
    await call('progress.save', { planId, period: '2022-09', entries: [entry(row, { text: '完成摸底' })] });
    await call('operator.set', { name: '王芳' });
    await call('progress.save', { planId, period: '2022-09', entries: [entry(row, { status: 'done', text: '完成摸底并上报', reportedOn: '2022-10-08' })] });
    const history = await call<ProgressHistoryEntry[]>('progress.history', { planId, taskId: row.taskId, unitId: row.unitId, period: '2022-09' });
    expect(history.map((h) => [h.oldStatus, h.newStatus, h.oldText, h.newText, h.reportedOn, h.changedBy])).toEqual([
      [null, 'in_progress', null, '完成摸底', '2022-09-28', '李明'],
      ['in_progress', 'done', '完成摸底', '完成摸底并上报', '2022-10-08', '王芳'],
    ]);
    expect(await refused('progress.history', { planId, taskId: 999_999, unitId: row.unitId, period: '2022-09' })).toContain('不属于本工作要点');
  });

  it('refuses a date outside the period window, saying where and which dates are allowed', async () => {
    const row = await firstRow();
    const msg = await refused('progress.save', { planId, period: '2022-09', entries: [entry(row, { reportedOn: '2022-11-15' })] });
    expect(msg).toBe(
      '任务1 · 青云谱镇（2022年1-9月）：日期2022年11月15日晚于2022年1-9月的报送截止日（2022年10月31日），请填写2022年1月1日至2022年10月31日之间的日期；之后的进展请填到下一期。',
    );
    expect(await refused('progress.save', { planId, period: '2022-09', entries: [entry(row, { reportedOn: '2021-12-31' })] })).toContain('早于');
    expect(await refused('progress.save', { planId, period: '2022-09', entries: [entry(row, { reportedOn: '2022-02-30' })] })).toContain('不是有效日期');
    expect((await firstRow()).status).toBeNull(); // nothing written
  });
});
