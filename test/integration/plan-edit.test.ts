/**
 * Keeping the plan in the window (issue 14), through the API on either
 * engine's store: goals added, edited, reordered and removed (with what goes listed and
 * a backup); targets per unit with history and the lock rule; action lines and
 * tasks; a 2023 plan copied from 2022 whose 同比 is computed from 2022's
 * figures with nothing typed; plan details, archive and delete; first run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { RemovalResult } from '../../shared/api/methods/planEdit';
import { call } from '../helpers/importDb';
import { testStore, TEST_OPERATOR, type Fill, type TestStore } from '../helpers/testStore';

const opened: TestStore[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

/** A store with the example (or as asked), the operator set unless told; `rows` reads it back. */
async function example(fill: Fill = 'example', operator?: null): Promise<{ core: Core; rows: TestStore['rows'] }> {
  const s = await testStore(fill, { operator });
  opened.push(s);
  return { core: s.core, rows: s.rows };
}

async function refused(core: Core, method: string, req: unknown): Promise<string> {
  const r = await core.call(method, req);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error.message;
}

async function ids(core: Core) {
  const plan = (await call(core, 'plans.list', {}))[0];
  const overview = await call(core, 'plan.overview', { planId: plan.id });
  const dir = await call(core, 'units.directory', {});
  const unit = Object.fromEntries(dir.units.map((u) => [u.name, u.id]));
  const indicator = Object.fromEntries(overview.goals.map((g) => [g.indicator.name, g.indicator]));
  return { plan, overview, unit, indicator, dir };
}

const newGoal = {
  name: '新增市级以上孵化器',
  measureUnit: '家',
  aggregation: 'sum' as const,
  frequency: 'yearly' as const,
  decimals: 0,
  decomposed: false,
  strive: false,
  comparator: '达到' as const,
  quantity: { kind: 'point' as const, value: 2 },
  baseline: 1,
};

describe('工作目标', () => {
  it('adds a goal with its wording, target and baseline, edits it, and keeps every change in the history', async () => {
    const { core, rows } = await example();
    const { plan } = await ids(core);
    const { id } = await call(core, 'goals.save', { planId: plan.id, goal: newGoal });
    const added = (await call(core, 'plan.overview', { planId: plan.id })).goals.find((g) => g.indicator.id === id)!;
    expect(added.indicator.wordingText).toBe('新增市级以上孵化器达到2家');
    expect(added.targetValue).toBe(2);
    expect(added.indicator.baseline).toBe(1);
    expect(added.indicator.code).toMatch(/^I[0-9a-f]{10}$/);

    await call(core, 'goals.save', { planId: plan.id, goal: { ...newGoal, id, comparator: '突破', quantity: { kind: 'point', value: 3 }, strive: true } });
    const edited = (await call(core, 'plan.overview', { planId: plan.id })).goals.find((g) => g.indicator.id === id)!;
    expect(edited.indicator.wordingText).toBe('力争新增市级以上孵化器突破3家');
    expect(edited.targetValue).toBe(3);
    const edits = await call(core, 'plan.edits', { planId: plan.id, entity: 'indicator' });
    expect(edits.map((e) => e.summary)).toEqual([
      '工作目标“新增市级以上孵化器”目标表述：新增市级以上孵化器达到2家 → 力争新增市级以上孵化器突破3家',
      '新增工作目标：新增市级以上孵化器达到2家',
    ]);
    expect(edits[0].changedBy).toBe(TEST_OPERATOR);
    const history = await rows<{ kind: string; old_value: number | null; new_value: number | null; source: string }>("SELECT kind, old_value, new_value, source FROM target_history WHERE indicator_id = ? AND kind = 'target' ORDER BY id",
      id,
    );
    expect(history).toEqual([
      { kind: 'target', old_value: null, new_value: 2, source: '工作目标（窗口修改）' },
      { kind: 'target', old_value: 2, new_value: 3, source: '工作目标（窗口修改）' },
    ]);
  });

  it('refuses a negative count, a duplicate name and a frequency change under entered figures', async () => {
    const { core } = await example();
    const { plan, indicator, unit } = await ids(core);
    expect(await refused(core, 'goals.save', { planId: plan.id, goal: { ...newGoal, quantity: { kind: 'point', value: -8 } } })).toMatch(/目标值不能为负数（-8家）/);
    expect(await refused(core, 'goals.save', { planId: plan.id, goal: { ...newGoal, name: '高新技术企业' } })).toMatch(/已有同名指标/);
    const sme = indicator['科技型中小企业'];
    await call(core, 'entry.save', { planId: plan.id, edits: [{ indicatorId: sme.id, unitId: unit['洪都街道'], period: '2022Q3', value: 6 }] });
    const goal = {
      ...newGoal,
      id: sme.id,
      name: sme.name,
      measureUnit: sme.measureUnit,
      aggregation: sme.aggregation,
      decimals: sme.decimals,
      decomposed: sme.decomposed,
      frequency: 'monthly' as const,
      quantity: { kind: 'point' as const, value: 140 },
      baseline: sme.baseline,
    };
    expect(await refused(core, 'goals.save', { planId: plan.id, goal })).toMatch(/已有 1 个完成数是按季度填报的，不能改成按月/);
  });

  it('removing a goal with figures lists them, asks, and takes a backup first', async () => {
    const { core, rows } = await example();
    const { plan, indicator, unit } = await ids(core);
    const hte = indicator['高新技术企业'];
    await call(core, 'entry.save', { planId: plan.id, edits: [{ indicatorId: hte.id, unitId: unit['京山街道'], period: '2022', value: 5 }] });
    const asked = (await call(core, 'goals.remove', { planId: plan.id, indicatorId: hte.id })) as RemovalResult;
    expect(asked).toEqual({
      done: false,
      loses: ['“高新技术企业”已填报的 1 个完成数（1 个单位）将被删除', '分解到 7 个下级单位的目标值将被删除'],
      backup: null,
    });
    expect(await rows('SELECT id FROM indicators WHERE id = ?', hte.id)).toHaveLength(1);
    const done = (await call(core, 'goals.remove', { planId: plan.id, indicatorId: hte.id, confirm: true })) as RemovalResult;
    expect(done.done).toBe(true);
    expect(done.backup?.id).toBeTruthy();
    expect(await rows('SELECT id FROM indicators WHERE id = ?', hte.id)).toEqual([]);
    // The figure's history outlives it, and the backup can bring it all back.
    expect(await rows('SELECT new_value FROM figure_history WHERE indicator_id = ?', hte.id)).toEqual([{ new_value: 5 }]);
    await call(core, 'backup.undo', { id: done.backup!.id });
    expect(await rows('SELECT value FROM figures WHERE indicator_id = ?', hte.id)).toEqual([{ value: 5 }]);
  });

  it('undoing a removal after later writes lists them and asks first, on either engine', async () => {
    const { core, rows } = await example();
    const { plan, indicator, unit } = await ids(core);
    const done = (await call(core, 'goals.remove', { planId: plan.id, indicatorId: indicator['高新技术企业'].id, confirm: true })) as RemovalResult;
    expect(done.backup?.id).toBeTruthy();
    // A figure typed after the removal would go with the undo: listed, and nothing happens without confirm.
    const contract = indicator['技术合同成交额'].id;
    await call(core, 'entry.save', { planId: plan.id, edits: [{ indicatorId: contract, unitId: unit['洪都街道'], period: '2022-09', value: 0.04 }] });
    const asked = await call(core, 'backup.undo', { id: done.backup!.id });
    expect(asked.done).toBe(false);
    expect(asked.impact.lost).toEqual([expect.objectContaining({ what: 'figures', count: 1, text: expect.stringContaining('之后录入的完成数将一并撤销：洪都街道 · 技术合同成交额（2022-09）改为 0.04') })]);
    expect(await rows('SELECT count(*) AS n FROM indicators WHERE id = ?', indicator['高新技术企业'].id)).toEqual([{ n: 0 }]);
    expect((await call(core, 'backup.undo', { id: done.backup!.id, confirm: true })).done).toBe(true);
    expect(await rows('SELECT count(*) AS n FROM indicators WHERE id = ?', indicator['高新技术企业'].id)).toEqual([{ n: 1 }]);
    expect(await rows('SELECT count(*) AS n FROM figures WHERE indicator_id = ?', contract)).toEqual([{ n: 0 }]);
  });

  it('reorders goals', async () => {
    const { core } = await example();
    const { plan, overview } = await ids(core);
    const reversed = overview.goals.map((g) => g.indicator.id).reverse();
    await call(core, 'goals.reorder', { planId: plan.id, ids: reversed });
    expect((await call(core, 'plan.overview', { planId: plan.id })).goals.map((g) => g.indicator.id)).toEqual(reversed);
    expect(await refused(core, 'goals.reorder', { planId: plan.id, ids: reversed.slice(1) })).toMatch(/不一致/);
  });
});

describe('指标分解', () => {
  it('saves targets per unit with history, refuses impossible values, and keeps locked targets', async () => {
    const { core, rows } = await example();
    const { plan, indicator, unit } = await ids(core);
    const sme = indicator['科技型中小企业'].id;
    const saved = await call(core, 'targets.save', { planId: plan.id, edits: [{ indicatorId: sme, unitId: unit['洪都街道'], value: 9 }] });
    expect(saved.changed).toBe(1);
    const breakdown = await call(core, 'targets.breakdown', { planId: plan.id });
    expect(breakdown.rows.find((r) => r.unit.name === '洪都街道')!.values[sme]).toBe(9);
    // 21+9+39+13+8+16+35 = 141 ≠ 140: the sum check says so.
    expect(breakdown.checks.find((c) => c.indicatorId === sme)).toMatchObject({ state: 'mismatch', sum: 141, parent: 140, difference: 1 });
    expect(await refused(core, 'targets.save', { planId: plan.id, edits: [{ indicatorId: sme, unitId: unit['京山街道'], value: -1 }] })).toBe(
      '京山街道 · 科技型中小企业：目标值不能为负数（-1家）。',
    );
    expect(await refused(core, 'targets.save', { planId: plan.id, edits: [{ indicatorId: sme, unitId: unit['京山街道'], value: 1.5 }] })).toMatch(/只能填整数/);
    expect(await refused(core, 'targets.save', { planId: plan.id, edits: [{ indicatorId: sme, unitId: unit['区科工局'], value: 1 }] })).toMatch(/不是本工作要点的单位或其下级单位/);
    await call(core, 'entry.lock', { planId: plan.id, period: '2022Q3' });
    expect(await refused(core, 'targets.save', { planId: plan.id, edits: [{ indicatorId: sme, unitId: unit['洪都街道'], value: 8 }] })).toMatch(/已有锁定的报告期（2022年1-9月、.*请先在“数据填报 → 锁定”中填写原因解锁/);
    const last = await rows<{ source: string; old_value: number; new_value: number }>('SELECT source, old_value, new_value FROM target_history ORDER BY id DESC LIMIT 1');
    expect(last).toEqual([{ source: '指标分解（窗口修改）', old_value: 8, new_value: 9 }]);
  });
});

describe('任务分解', () => {
  it('adds, edits, moves and removes action lines and tasks; progress is listed before it goes', async () => {
    const { core, rows } = await example();
    const { plan, unit, dir } = await ids(core);
    const streets = dir.groups.find((g) => g.phrase === '各街道、镇、集聚区')!;
    const { id: lineId } = await call(core, 'actionLines.save', { planId: plan.id, title: '（八）科技金融融合行动' });
    const { id: taskId } = await call(core, 'tasks.save', {
      planId: plan.id,
      task: { actionLineId: lineId, content: '推动科技型企业获得知识产权质押融资', leadUnitIds: [unit['区金融办']], responsible: [{ groupId: streets.id }], deadline: '2022-12-31' },
    });
    let table = await call(core, 'tasks.table', { planId: plan.id });
    const task = table.actionLines.flatMap((l) => l.tasks).find((t) => t.id === taskId)!;
    expect(task).toMatchObject({ seq: 17, leadText: '区金融办', responsibleText: '各街道、镇、集聚区' });
    // Progress at one of the streets the phrase stands for.
    await call(core, 'progress.save', {
      planId: plan.id,
      period: '2022Q3',
      entries: [{ taskId, unitId: unit['洪都街道'], status: 'in_progress', text: '已对接银行2家', reportedOn: '2022-09-30' }],
    });
    // A street with progress cannot be dropped from the responsible units.
    expect(
      await refused(core, 'tasks.save', { planId: plan.id, task: { id: taskId, actionLineId: lineId, content: '推动知识产权质押融资', leadUnitIds: [unit['区金融办']], responsible: [{ unitId: unit['京山街道'] }], deadline: null } }),
    ).toMatch(/洪都街道已为任务17填写了任务进展/);
    // Move the new line to the front: every 序号 follows.
    await call(core, 'actionLines.move', { planId: plan.id, id: lineId, index: 0 });
    table = await call(core, 'tasks.table', { planId: plan.id });
    expect(table.actionLines[0].tasks[0]).toMatchObject({ id: taskId, seq: 1 });
    expect(table.actionLines.flatMap((l) => l.tasks).map((t) => t.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    const asked = (await call(core, 'tasks.remove', { planId: plan.id, taskId })) as RemovalResult;
    expect(asked).toEqual({ done: false, loses: ['任务1（推动科技型企业获得知识产权质押融资）的 1 条任务进展将被删除'], backup: null });
    const done = (await call(core, 'tasks.remove', { planId: plan.id, taskId, confirm: true })) as RemovalResult;
    expect(done.done).toBe(true);
    expect(await rows('SELECT count(*) AS n FROM progress')).toEqual([{ n: 0 }]);
    table = await call(core, 'tasks.table', { planId: plan.id });
    expect(table.actionLines.flatMap((l) => l.tasks).map((t) => t.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const summaries = (await call(core, 'plan.edits', { planId: plan.id, entity: 'task' })).map((e) => e.summary);
    expect(summaries[0]).toBe('删除任务1：推动科技型企业获得知识产权质押融资（任务1（推动科技型企业获得知识产权质押融资）的 1 条任务进展将被删除）');
  });
});

describe('plans and years', () => {
  it('a 2023 plan copied from 2022 computes 同比 from 2022’s figures with nothing typed', async () => {
    const { core } = await example();
    const { plan, indicator, unit } = await ids(core);
    const contract = indicator['技术合同成交额'];
    // 2022 year-end figures of two streets.
    await call(core, 'entry.save', {
      planId: plan.id,
      edits: [
        { indicatorId: contract.id, unitId: unit['洪都街道'], period: '2022-12', value: 3.2, confirmed: true },
        { indicatorId: contract.id, unitId: unit['京山街道'], period: '2022-12', value: 2.5, confirmed: true },
      ],
    });
    const { planId } = await call(core, 'plan.create', { title: '2023年青云谱区科技创新工作要点', yearStart: 2023, yearEnd: 2023, fromPlanId: plan.id, copyTasks: true });
    const next = await call(core, 'plan.overview', { planId });
    expect(next.goals.map((g) => g.indicator.name)).toEqual((await call(core, 'plan.overview', { planId: plan.id })).goals.map((g) => g.indicator.name));
    const nextContract = next.goals.find((g) => g.indicator.name === '技术合同成交额')!;
    expect(nextContract.targetValue).toBeNull(); // targets to fill
    expect(nextContract.indicator.code).toBe(contract.code);
    expect((await call(core, 'tasks.table', { planId })).actionLines.flatMap((l) => l.tasks)).toHaveLength(16);
    // A 2023 figure: 同比 against 2022's, copied as 上年同期.
    await call(core, 'entry.save', { planId, edits: [{ indicatorId: nextContract.indicator.id, unitId: unit['洪都街道'], period: '2023-12', value: 4 }] });
    const progress = await call(core, 'figures.progress', { planId, period: '2023-12' });
    const hongdu = progress.rows.find((r) => r.unit.name === '洪都街道')!.cells[nextContract.indicator.id];
    expect(hongdu.lastYear).toBe(3.2);
    expect(hongdu.yoy).toBeCloseTo(0.25, 10);
    // The district's 2022 year-end total (sum of its streets) is the 2023 baseline.
    expect(nextContract.indicator.baseline).toBeCloseTo(5.7, 10);
    // And the indicator's years side by side.
    const years = await call(core, 'indicator.years', { planId, indicatorId: nextContract.indicator.id });
    expect(years.map((y) => [y.year, y.actual])).toEqual([
      [2022, 5.7],
      [2023, 4],
    ]);
  });

  it('edits the plan’s details, archives it, and deletes a plan only after listing what goes', async () => {
    const { core, rows } = await example();
    const { plan } = await ids(core);
    const { planId } = await call(core, 'plan.create', { title: '2021—2025年科技创新实施方案', yearStart: 2021, yearEnd: 2025 });
    await call(core, 'plan.update', { planId, title: '“十四五”科技创新实施方案', docNumber: '青府发〔2021〕8号', issuer: null, issuedOn: '2021-09-01', yearStart: 2021, yearEnd: 2025 });
    expect((await call(core, 'plans.list', {})).find((p) => p.id === planId)).toMatchObject({ title: '“十四五”科技创新实施方案', yearStart: 2021, yearEnd: 2025, docNumber: '青府发〔2021〕8号' });
    await call(core, 'plan.archive', { planId, archived: true });
    expect((await call(core, 'plans.list', {})).find((p) => p.id === planId)!.archivedAt).toBeTruthy();
    const asked = (await call(core, 'plan.delete', { planId: plan.id })) as RemovalResult;
    expect(asked.done).toBe(false);
    expect(asked.loses).toEqual(['工作要点“2022年青云谱区科技创新基础大提升工作要点”将被删除', '27 个目标值将被删除', '16 项任务将被删除']);
    const done = (await call(core, 'plan.delete', { planId: plan.id, confirm: true })) as RemovalResult;
    expect(done.done && done.backup).toBeTruthy();
    expect(await rows('SELECT count(*) AS n FROM plans WHERE id = ?', plan.id)).toEqual([{ n: 0 }]);
    expect(await rows('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
  });
});

describe('plan.units', () => {
  it('lists the plan’s unit, its sub-units in order, then its departments — and says when the plan is gone', async () => {
    const { core } = await example();
    const { plan } = await ids(core);
    const { units } = await call(core, 'plan.units', { planId: plan.id });
    expect(units.map((u) => [u.role, u.name])).toEqual([
      ['plan', '青云谱区'],
      ...['三家店街道', '洪都街道', '徐家坊街道', '京山街道', '岱山街道', '青云谱镇', '新经济产业集聚区'].map((n) => ['sub', n]),
      ...['区科工局', '区发改委', '区商务局', '区市场监管局', '区税务局', '区人社局', '区科协', '区住建局', '区统计局', '区金融办', '区委人才办'].map((n) => ['department', n]),
    ]);
    expect(units[0]).toMatchObject({ code: '360104', kind: 'district', parentId: null });
    expect(await refused(core, 'plan.units', { planId: 999 })).toBe('找不到编号为 999 的工作要点，它可能已被删除。请在顶部重新选择工作要点。');
    // Every feature says the same.
    for (const [method, req] of [
      ['figures.progress', { planId: 999, period: '2022-09' }],
      ['targets.breakdown', { planId: 999 }],
      ['entry.sheet', { planId: 999, period: '2022-09' }],
      ['summary.get', { planId: 999 }],
      ['export.excel', { planId: 999, sheet: 'annex1' }],
    ] as const) {
      expect(await refused(core, method, req), method).toBe('找不到编号为 999 的工作要点，它可能已被删除。请在顶部重新选择工作要点。');
    }
  });
});

describe('first run', () => {
  it('新建台账 without the example, then the example one click away, marked 示例', async () => {
    const { core } = await example('empty', null);
    await call(core, 'operator.set', { name: '李科长' });
    expect(await call(core, 'plans.list', {})).toEqual([]);
    const { planId } = await call(core, 'ledger.create', { unitName: '东湖区', kind: 'district', year: 2023 });
    const plans = await call(core, 'plans.list', {});
    expect(plans).toEqual([expect.objectContaining({ id: planId, title: '2023年东湖区科技创新工作要点', yearStart: 2023, example: false })]);
    await call(core, 'example.load', {});
    const withExample = await call(core, 'plans.list', {});
    expect(withExample.find((p) => p.example)?.title).toBe('2022年青云谱区科技创新基础大提升工作要点');
    expect(await refused(core, 'example.load', {})).toMatch(/示例“2022年青云谱区科技创新基础大提升工作要点”已在台账中/);
    // The bureau's own unit and the example's stand side by side; codes identify them.
    const dir = await call(core, 'units.directory', {});
    expect(dir.units.find((u) => u.name === '青云谱区')?.code).toBe('360104');
    expect(dir.units.find((u) => u.name === '东湖区')?.code).toMatch(/^U[0-9a-f]{10}$/);
  });
});
