/**
 * The cumulative rule both ways, in the core (issue 16): a value that would make a LATER
 * period's cumulative figure drop is refused without a note, naming the later period; with a
 * note, or saved together with a later value that still rises, it is taken. The grid's cells
 * carry the next period's value so the window asks before the core refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackCell } from '../../shared/entry/packedCell';
import type { UnitYearSheet } from '../../shared/entry/views';
import { coreCalls, names } from '../helpers/exchange';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let planId: number;
let ind: Record<string, number>;
let unitId: number;

const tc = coreCalls({
  get core() {
    return s.core;
  },
});

beforeAll(async () => {
  s = await testStore('example', { operator: null });
  const n = await names(tc);
  planId = n.planId;
  unitId = n.unit['洪都街道'];
  ind = Object.fromEntries((await s.rows<{ id: number; name: string }>('SELECT id, name FROM indicators WHERE plan_id = ?', planId)).map((r) => [r.name, r.id]));
  await tc.call('operator.set', { name: '王芳' });
});
afterAll(() => s?.close());

const edit = (period: string, value: number | null, note?: string) => ({ indicatorId: ind['技术合同成交额'], unitId, period, value, note });

describe('the forward cumulative check', () => {
  it('refuses a 1-8月 above the saved 1-9月 without a note, naming 2022年1-9月; takes it with one', async () => {
    await tc.call('entry.save', { planId, edits: [edit('2022-09', 0.03)] });
    const refusal = await tc.refused('entry.save', { planId, edits: [edit('2022-08', 0.06)] });
    expect(refusal).toContain('洪都街道 · 技术合同成交额（2022年1-8月）');
    expect(refusal).toContain('本期累计数大于下期（2022年1-9月）已填的累计数 0.03');
    await tc.call('entry.save', { planId, edits: [edit('2022-08', 0.06, '8月数据含跨年合同，9月已核减')] });
  });

  it('takes a block that raises both months together, and checks each against the other as saved', async () => {
    await tc.call('entry.save', { planId, edits: [edit('2022-08', 0.05), edit('2022-09', 0.07)] });
    // The same block with 1-9月 below the new 1-8月 is refused as a whole (one note asked, on 1-9月): nothing written.
    const refusal = await tc.refused('entry.save', { planId, edits: [edit('2022-08', 0.09), edit('2022-09', 0.08)] });
    expect(refusal).toContain('洪都街道 · 技术合同成交额（2022年1-9月）：本期累计数小于上期（2022年1-8月）的累计数 0.09');
    const sheet = await tc.call<UnitYearSheet>('entry.unitYear', { planId, unitId, year: 2022 });
    expect(sheet.cells[`${ind['技术合同成交额']}|2022-08`].cell.actual).toBe(0.05);
    // The flipped grid's cells carry both neighbours for the window's own check.
    expect(sheet.cells[`${ind['技术合同成交额']}|2022-08`].next).toBe(0.07);
    expect(sheet.cells[`${ind['技术合同成交额']}|2022-09`].previous).toBe(0.05);
  });

  it('the main grid’s packed cell carries the next period’s value (slot 11)', async () => {
    const grid = await tc.call<{ units: { id: number }[]; indicators: { id: number }[]; cells: (number | string | null)[][][] }>('entry.grid', {
      planId,
      period: '2022-08',
    });
    const row = grid.units.findIndex((u) => u.id === unitId);
    const col = grid.indicators.findIndex((i) => i.id === ind['技术合同成交额']);
    expect(unpackCell(grid.cells[row][col])).toMatchObject({ actual: 0.05, next: 0.07 });
  });
});
