/**
 * sub_unit_sums (migration 014): the sums of the sub-units' figures that the
 * dashboard's trend lines read, kept by triggers. After every kind of write —
 * entry, a changed and a removed figure, a unit made a department and back,
 * a unit moved to another parent, a merge, an indicator removed, a backup
 * undone — the table equals the sums worked out afresh from the figures with
 * the sub-unit rule of shared/model/units.ts (subUnitsOf).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { listUnitsOp } from '../../electron/core/db/repos/units';
import type { UnitMergeResult } from '../../shared/api/methods/units';
import { subUnitsOf } from '../../shared/model/units';
import { call } from '../helpers/importDb';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let core: Core;
beforeAll(async () => {
  s = await testStore('example');
  core = s.core;
});
afterAll(() => s?.close());

type Sum = { parent: number; indicator: number; period: string; total: number; reported: number };
const byKey = (a: Sum, b: Sum) => a.parent - b.parent || a.indicator - b.indicator || a.period.localeCompare(b.period);
const rounded = (s: Sum): Sum => ({ ...s, total: Math.round(s.total * 1e6) / 1e6 });

/** The table as the triggers keep it. */
const kept = async () =>
  (await s.rows<Sum>('SELECT parent_id AS parent, indicator_id AS indicator, period, total, reported FROM sub_unit_sums')).map(rounded).sort(byKey);

/** The same sums worked out afresh: for every unit, its sub-units (shared/model/units.ts) and their figures. */
const fresh = async () => {
  const units = await s.store.read(listUnitsOp());
  const everyone = new Set(units.map((u) => u.id));
  const figures = await s.rows<{ indicator_id: number; unit_id: number; period: string; value: number }>('SELECT indicator_id, unit_id, period, value FROM figures');
  const sums = new Map<string, Sum>();
  for (const parent of units) {
    const subs = new Set(subUnitsOf(units, parent.id, everyone).map((u) => u.id));
    for (const { indicator_id: indicator, unit_id: unit, period, value } of figures) {
      if (!subs.has(unit)) continue;
      const key = `${parent.id}|${indicator}|${period}`;
      const sum = sums.get(key) ?? { parent: parent.id, indicator, period, total: 0, reported: 0 };
      sum.total += value;
      sum.reported += 1;
      sums.set(key, sum);
    }
  }
  return [...sums.values()].map(rounded).sort(byKey);
};

async function ids() {
  const plan = (await call(core, 'plans.list', {}))[0];
  const dir = await call(core, 'units.directory', {});
  const unit = Object.fromEntries(dir.units.map((u) => [u.name, u.id]));
  const overview = await call(core, 'plan.overview', { planId: plan.id });
  const indicator = Object.fromEntries(overview.goals.map((g) => [g.indicator.name, g.indicator.id]));
  return { plan, unit, indicator };
}

describe('sub_unit_sums', () => {
  it('equals the sums worked out afresh after every kind of write', async () => {
    const { plan, unit, indicator } = await ids();
    const contract = indicator['技术合同成交额'];
    const streets = ['洪都街道', '京山街道', '岱山街道', '徐家坊街道'].map((n) => unit[n]);
    expect(streets.every((id) => typeof id === 'number')).toBe(true);
    expect(await kept()).toEqual(await fresh());

    // Entry: several streets and months; figures of the district itself and of a department are no sub-unit's.
    const edits = streets.flatMap((unitId, k) =>
      ['2022-07', '2022-08', '2022-09'].map((period, m) => ({ indicatorId: contract, unitId, period, value: 0.1 * (k + 1) + m * 0.07, confirmed: true })),
    );
    await call(core, 'entry.save', { planId: plan.id, edits });
    const [{ id: department }] = await s.rows<{ id: number }>("SELECT id FROM units WHERE parent_id = ? AND kind = 'department' ORDER BY id LIMIT 1", plan.unitId);
    const insert = (unitId: number, value: number) =>
      s.run("INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (?, ?, '2022-09', ?, '测试员', 'now')", contract, unitId, value);
    await insert(plan.unitId, 9.9);
    await insert(department, 7.7);
    const afterEntry = await kept();
    expect(afterEntry).toEqual(await fresh());
    const sept = afterEntry.find((r) => r.parent === plan.unitId && r.indicator === contract && r.period === '2022-09')!;
    expect(sept.reported).toBe(4);
    expect(sept.total).toBeCloseTo(0.1 + 0.2 + 0.3 + 0.4 + 4 * 0.14, 9);

    // A changed value, a note-only change, a removed figure.
    await call(core, 'entry.save', { planId: plan.id, edits: [{ indicatorId: contract, unitId: streets[0], period: '2022-09', value: 3.25, confirmed: true }] });
    await s.run("UPDATE figures SET note = '核实' WHERE unit_id = ? AND period = '2022-08'", streets[1]);
    await s.run("DELETE FROM figures WHERE unit_id = ? AND period = '2022-07'", streets[2]);
    expect(await kept()).toEqual(await fresh());

    // The last figure of a sum removed: the row goes (no residue of rounding).
    await s.run("DELETE FROM figures WHERE period = '2022-07' AND unit_id IN (SELECT id FROM units WHERE parent_id = ?)", plan.unitId);
    expect((await kept()).some((r) => r.period === '2022-07')).toBe(false);
    expect(await kept()).toEqual(await fresh());

    // A street made a department and back; a street moved under another street and back.
    await s.run("UPDATE units SET kind = 'department' WHERE id = ?", streets[3]);
    expect(await kept()).toEqual(await fresh());
    await s.run("UPDATE units SET kind = 'street' WHERE id = ?", streets[3]);
    expect(await kept()).toEqual(await fresh());
    await s.run('UPDATE units SET parent_id = ? WHERE id = ?', streets[0], streets[1]);
    expect((await kept()).some((r) => r.parent === streets[0])).toBe(true);
    expect(await kept()).toEqual(await fresh());
    await s.run('UPDATE units SET parent_id = ? WHERE id = ?', plan.unitId, streets[1]);
    expect(await kept()).toEqual(await fresh());

    // A merge (figures moved from one street to another, conflicts kept in the history), then its undo.
    const merged = (await call(core, 'units.merge', { fromId: streets[2], intoId: streets[3], confirm: true })) as UnitMergeResult;
    expect(merged.done).toBe(true);
    expect(await kept()).toEqual(await fresh());
    await call(core, 'backup.undo', { id: merged.backup!.id, confirm: true });
    expect(await kept()).toEqual(await fresh());

    // A goal removed (工作目标 → 删除, confirmed): its figures go by the foreign key's cascade, and their sums with them.
    expect((await call(core, 'goals.remove', { planId: plan.id, indicatorId: contract, confirm: true })).done).toBe(true);
    expect((await kept()).some((r) => r.indicator === contract)).toBe(false);
    expect(await kept()).toEqual(await fresh());
  });

  it('a mistyped huge figure corrected leaves the small ones summed exactly', async () => {
    const { plan, unit, indicator } = await ids();
    const id = indicator['技术合同成交额'] ?? Object.values(indicator)[0];
    const [a, b] = [unit['三家店街道'], unit['青云谱镇']];
    const write = (unitId: number, value: number) =>
      s.run(
        "INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (?, ?, '2022-05', ?, '测试员', 'now') ON CONFLICT (indicator_id, unit_id, period) DO UPDATE SET value = excluded.value",
        id,
        unitId,
        value,
      );
    await write(a, 0.01);
    await write(b, 1e16); // typed with too many zeros, then corrected
    await write(b, 0.02);
    const may = (await kept()).find((r) => r.parent === plan.unitId && r.indicator === id && r.period === '2022-05')!;
    expect(may).toMatchObject({ reported: 2, total: 0.03 });
    expect(await kept()).toEqual(await fresh());
  });
});
