/**
 * 设置 → 单位与部门 through the API on either engine's store: add, rename (the old
 * name an alias, the tasks' texts and the 落款 follow), full names, order,
 * deactivate (kept in the plans that hold its data, gone from new ones),
 * merge two units (a conflicting figure listed first, kept unit's value
 * stays, the other in the history, backup and undo), group phrases.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { UnitMergeResult } from '../../shared/api/methods/units';
import { call } from '../helpers/importDb';
import { testStore, TEST_OPERATOR, type TestStore } from '../helpers/testStore';

const opened: TestStore[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

/** A store with the example, the operator set; `rows` reads it back. */
async function example(): Promise<{ core: Core; rows: TestStore['rows']; run: TestStore['run'] }> {
  const s = await testStore('example');
  opened.push(s);
  return { core: s.core, rows: s.rows, run: s.run };
}

async function refused(core: Core, method: string, req: unknown): Promise<string> {
  const r = await core.call(method as never, req as never);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error.message;
}

async function ids(core: Core) {
  const plan = (await call(core, 'plans.list', {}))[0];
  const dir = await call(core, 'units.directory', {});
  const unit = Object.fromEntries(dir.units.map((u) => [u.name, u]));
  const overview = await call(core, 'plan.overview', { planId: plan.id });
  const indicator = Object.fromEntries(overview.goals.map((g) => [g.indicator.name, g.indicator.id]));
  return { plan, dir, unit, indicator };
}

describe('units and departments', () => {
  it('adds a street with its code, refuses a duplicate name and a department without a unit', async () => {
    const { core } = await example();
    const { unit } = await ids(core);
    const { id } = await call(core, 'units.save', { unit: { name: '朝阳街道', fullName: null, kind: 'street', parentId: unit['青云谱区'].id, code: '360104009' } });
    const dir = await call(core, 'units.directory', {});
    expect(dir.units.find((u) => u.id === id)).toMatchObject({ name: '朝阳街道', code: '360104009', kind: 'street', active: true });
    // After the other sub-units, before the departments.
    const streets = dir.units.filter((u) => u.parentId === unit['青云谱区'].id && u.kind !== 'department').sort((a, b) => a.sortOrder - b.sortOrder);
    expect(streets.at(-1)!.name).toBe('朝阳街道');
    expect(await refused(core, 'units.save', { unit: { name: '洪都 街道', fullName: null, kind: 'street', parentId: unit['青云谱区'].id } })).toMatch(/已有名为“洪都街道”的街道/);
    expect(await refused(core, 'units.save', { unit: { name: '区教育局', fullName: null, kind: 'department', parentId: null } })).toMatch(/部门须属于一个单位/);
    expect(await refused(core, 'units.save', { unit: { name: '某街道', fullName: null, kind: 'street', parentId: unit['青云谱区'].id, code: '360104009' } })).toMatch(/已被“朝阳街道”使用/);
  });

  it('renames a department: the old name becomes an alias, tasks’ texts and the 附件1 export follow, the history says so', async () => {
    const { core, rows } = await example();
    const { plan, unit } = await ids(core);
    const bureau = unit['区科工局'];
    await call(core, 'units.save', { unit: { id: bureau.id, name: '区科技局', fullName: '青云谱区科学技术局', kind: 'department' } });
    const aliases = await call(core, 'units.aliases', {});
    expect(aliases).toContainEqual(expect.objectContaining({ alias: '区科工局', unitId: bureau.id, unitName: '区科技局', createdBy: TEST_OPERATOR }));
    const tasks = (await call(core, 'tasks.table', { planId: plan.id })).actionLines.flatMap((l) => l.tasks);
    const led = tasks.filter((t) => t.units.some((u) => u.unitId === bureau.id && u.role === 'lead'));
    expect(led.length).toBeGreaterThan(0);
    for (const t of led) expect(t.leadText.split(/[、，]/)).toContain('区科技局');
    expect(tasks.some((t) => /区科工局/.test(t.leadText + t.responsibleText))).toBe(false);
    // 附件1 prints the texts as written: the new name, never the old one.
    const file = await call(core, 'export.excel', { planId: plan.id, sheet: 'annex1' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const leads: string[] = [];
    wb.worksheets[0].eachRow((row) => leads.push(String(row.getCell(3).value ?? '')));
    expect(leads.filter((l) => l === '区科技局')).toHaveLength(led.filter((t) => t.leadText === '区科技局').length);
    expect(leads.some((l) => l.includes('区科工局'))).toBe(false);
    const edits = await call(core, 'units.edits', { unitId: bureau.id });
    expect(edits.map((e) => e.summary)).toContain('部门“区科工局”名称：区科工局 → 区科技局');
    expect(edits.map((e) => e.summary)).toContain('部门“区科工局”全称：（空） → 青云谱区科学技术局');
    // The 落款 of the district's summary is the bureau's full name as kept.
    const summary = await call(core, 'summary.get', { planId: plan.id, year: 2022 });
    expect(summary.defaults.issuer).toBe('青云谱区科学技术局');
    expect((await rows("SELECT count(DISTINCT entity_id) AS n FROM edit_history WHERE entity = 'task' AND summary LIKE '%单位改名为“区科技局”%'"))[0]).toMatchObject({ n: led.length });
  });

  it('a street’s full name signs its summary', async () => {
    const { core } = await example();
    const { plan, unit } = await ids(core);
    const street = unit['洪都街道'];
    expect((await call(core, 'summary.get', { planId: plan.id, unitId: street.id, year: 2022 })).defaults.issuer).toBe('洪都街道办事处');
    await call(core, 'units.save', { unit: { id: street.id, name: '洪都街道', fullName: '南昌市青云谱区洪都街道办事处', kind: 'street' } });
    expect((await call(core, 'summary.get', { planId: plan.id, unitId: street.id, year: 2022 })).defaults.issuer).toBe('南昌市青云谱区洪都街道办事处');
  });

  it('reorders sub-units and refuses an order that leaves one out', async () => {
    const { core } = await example();
    const { plan, unit, dir } = await ids(core);
    const district = unit['青云谱区'].id;
    const subs = dir.units.filter((u) => u.parentId === district && u.kind !== 'department').sort((a, b) => a.sortOrder - b.sortOrder);
    const reversed = subs.map((u) => u.id).reverse();
    await call(core, 'units.reorder', { parentId: district, ids: reversed });
    const breakdown = await call(core, 'targets.breakdown', { planId: plan.id });
    expect(breakdown.rows.map((r) => r.unit.id)).toEqual(reversed);
    expect(await refused(core, 'units.reorder', { parentId: district, ids: reversed.slice(1) })).toMatch(/不一致/);
  });

  it('deactivates a street: kept in the plan that holds its targets, gone from a new plan and from new targets', async () => {
    const { core } = await example();
    const { plan, unit, indicator } = await ids(core);
    const zone = unit['新经济产业集聚区'];
    await call(core, 'units.setActive', { unitId: zone.id, active: false });
    expect((await call(core, 'targets.breakdown', { planId: plan.id })).rows.map((r) => r.unit.name)).toContain('新经济产业集聚区');
    const { planId } = await call(core, 'plan.create', { title: '2023年青云谱区科技创新工作要点', yearStart: 2023, yearEnd: 2023, fromPlanId: plan.id });
    const next = await call(core, 'targets.breakdown', { planId });
    expect(next.rows.map((r) => r.unit.name)).not.toContain('新经济产业集聚区');
    expect(next.rows).toHaveLength(6);
    const sme = next.indicators.find((i) => i.name === '科技型中小企业')!.id;
    expect(await refused(core, 'targets.save', { planId, edits: [{ indicatorId: sme, unitId: zone.id, value: 3 }] })).toMatch(/不是本工作要点的单位或其下级单位/);
    // The 2022 plan's targets of the zone can still be corrected.
    await call(core, 'targets.save', { planId: plan.id, edits: [{ indicatorId: indicator['科技型中小企业'], unitId: zone.id, value: 17 }] });
    expect(await refused(core, 'units.setActive', { unitId: unit['青云谱区'].id, active: false })).toMatch(/是工作要点“.*”所属的单位，不能停用/);
    await call(core, 'units.setActive', { unitId: zone.id, active: true });
    expect((await call(core, 'targets.breakdown', { planId })).rows).toHaveLength(7);
  });

  it('merges two streets: the conflicting figure is listed first, the kept value stays, the other goes to the history; backup and undo', async () => {
    const { core, rows } = await example();
    const { plan, unit, indicator } = await ids(core);
    const from = unit['徐家坊街道'].id;
    const into = unit['京山街道'].id;
    const contract = indicator['技术合同成交额'];
    const sme = indicator['科技型中小企业'];
    await call(core, 'entry.save', {
      planId: plan.id,
      edits: [
        { indicatorId: contract, unitId: from, period: '2022-09', value: 0.08, confirmed: true },
        { indicatorId: contract, unitId: into, period: '2022-09', value: 2.1, confirmed: true },
        { indicatorId: contract, unitId: from, period: '2022-10', value: 0.09, confirmed: true },
        { indicatorId: sme, unitId: from, period: '2022Q3', value: 9 },
        { indicatorId: sme, unitId: into, period: '2022Q3', value: 9 },
      ],
    });
    const before = await call(core, 'figures.progress', { planId: plan.id, period: '2022-10' });
    const asked = (await call(core, 'units.merge', { fromId: from, intoId: into })) as UnitMergeResult;
    expect(asked.done).toBe(false);
    expect(asked.backup).toBeNull();
    // The same value in both is no conflict; targets of both streets are.
    expect(asked.conflicts).toContain('技术合同成交额（2022年1-9月）：保留京山街道的 2.1亿元，徐家坊街道的 0.08亿元 记入修改记录');
    expect(asked.conflicts.filter((c) => /目标/.test(c))).toHaveLength(3);
    expect(asked.conflictCount).toBe(4);
    expect(await rows('SELECT count(*) AS n FROM units WHERE id = ?', from)).toEqual([{ n: 1 }]);

    const done = (await call(core, 'units.merge', { fromId: from, intoId: into, confirm: true })) as UnitMergeResult;
    expect(done).toMatchObject({ done: true, conflictCount: 4, moved: { figures: 1 } });
    expect(done.backup?.id).toBeTruthy();
    expect(await rows('SELECT count(*) AS n FROM units WHERE id = ?', from)).toEqual([{ n: 0 }]);
    // The kept value stays; the other is in the cell's history with the merge as its source.
    expect(await rows('SELECT value FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?', contract, into, '2022-09')).toEqual([{ value: 2.1 }]);
    expect(
      await rows("SELECT old_value, new_value, source FROM figure_history WHERE indicator_id = ? AND unit_id = ? AND period = '2022-09' AND source LIKE '单位合并%'", contract, into),
    ).toEqual([{ old_value: 0.08, new_value: 2.1, source: '单位合并：徐家坊街道 → 京山街道' }]);
    // Its own history moved too (the first entry of the 1-10月 figure).
    expect(await rows("SELECT unit_id FROM figure_history WHERE indicator_id = ? AND period = '2022-10' AND new_value = 0.09", contract)).toEqual([{ unit_id: into }]);
    const after = await call(core, 'figures.progress', { planId: plan.id, period: '2022-10' });
    expect(after.rows.map((r) => r.unit.name)).not.toContain('徐家坊街道');
    expect(after.rows.find((r) => r.unit.id === into)!.cells[contract].actual).toBe(0.09);
    expect(before.rows).toHaveLength(7);
    // Tasks the merged street worked on now name the kept one, once.
    const tasks = (await call(core, 'tasks.table', { planId: plan.id })).actionLines.flatMap((l) => l.tasks);
    expect(tasks.some((t) => t.units.some((u) => u.unitId === from))).toBe(false);
    // The old name reads as the kept unit in imports; the record of the merge.
    expect(await call(core, 'units.aliases', {})).toContainEqual(expect.objectContaining({ alias: '徐家坊街道', unitId: into }));
    expect((await call(core, 'units.edits', { unitId: into }))[0].summary).toMatch(/^合并单位：徐家坊街道并入京山街道（移入完成数 1 个/);
    // Undo brings both streets back.
    await call(core, 'backup.undo', { id: done.backup!.id, confirm: true });
    expect(await rows('SELECT value FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?', contract, from, '2022-09')).toEqual([{ value: 0.08 }]);
  });

  it('a merge carries the merged street’s 审核 and 填报员 account to the kept one (taizhang serve)', async () => {
    const { core, rows, run } = await example();
    const { plan, unit } = await ids(core);
    const from = unit['岱山街道'].id;
    const into = unit['青云谱镇'].id;
    const at = '2022-10-05T09:00:00Z';
    await run(`INSERT INTO users (name, role, unit_id, password_hash, password_set_at, created_by, created_at) VALUES ('岱山填报员', 'entry', ?, 'x', ?, '管理员', ?)`, from, at, at);
    const review = (...values: unknown[]) => run('INSERT INTO figure_reviews (plan_id, unit_id, period, state, reason, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)', ...values);
    await review(plan.id, from, '2022-09', 'returned', '数字有误', '管理员', at); // both hold 2022-09: the kept unit's stays
    await review(plan.id, into, '2022-09', 'approved', null, '管理员', at);
    await review(plan.id, from, '2022-08', 'pending', null, '岱山填报员', at); // only the merged one: it moves
    await run(`INSERT INTO figure_review_events (plan_id, unit_id, period, action, reason, by_name, at) VALUES (?, ?, '2022-09', 'return', '数字有误', '管理员', ?)`, plan.id, from, at);
    const done = (await call(core, 'units.merge', { fromId: from, intoId: into, confirm: true })) as UnitMergeResult;
    expect(done.done).toBe(true);
    expect(await rows('SELECT unit_id FROM users WHERE name = ?', '岱山填报员')).toEqual([{ unit_id: into }]);
    expect(await rows('SELECT period, state FROM figure_reviews WHERE unit_id = ? ORDER BY period', into)).toEqual([
      { period: '2022-08', state: 'pending' },
      { period: '2022-09', state: 'approved' },
    ]);
    expect(await rows('SELECT count(*) AS n FROM figure_review_events WHERE unit_id = ?', into)).toEqual([{ n: 1 }]);
  });

  it('refuses merging a unit into itself, a department into a street, and a district into its own street', async () => {
    const { core } = await example();
    const { unit } = await ids(core);
    expect(await refused(core, 'units.merge', { fromId: unit['洪都街道'].id, intoId: unit['洪都街道'].id })).toMatch(/合并到它自己/);
    expect(await refused(core, 'units.merge', { fromId: unit['区科工局'].id, intoId: unit['洪都街道'].id })).toMatch(/部门只能与部门合并/);
    expect(await refused(core, 'units.merge', { fromId: unit['青云谱区'].id, intoId: unit['洪都街道'].id })).toMatch(/不能把上级单位合并到自己的下级/);
  });
});

describe('group phrases', () => {
  it('adds a phrase, rewords it in the tasks that use it, relinks a new member, and removes it', async () => {
    const { core } = await example();
    const { plan, unit, dir } = await ids(core);
    const district = unit['青云谱区'].id;
    const streets = dir.groups.find((g) => g.phrase === '各街道、镇、集聚区')!;
    const users = () =>
      call(core, 'tasks.table', { planId: plan.id }).then((t) => t.actionLines.flatMap((l) => l.tasks).filter((x) => x.units.some((u) => u.viaPhrase)));
    const before = await users();
    expect(before.length).toBeGreaterThan(0);
    // A new street joins the phrase: the tasks through it gain it as responsible.
    const { id: newStreet } = await call(core, 'units.save', { unit: { name: '朝阳街道', fullName: null, kind: 'street', parentId: district } });
    await call(core, 'groups.save', { group: { id: streets.id, ownerUnitId: district, phrase: '各街道（镇、集聚区）', aliases: streets.aliases, memberIds: [...streets.memberIds, newStreet] } });
    const after = await users();
    for (const t of after) {
      expect(t.responsibleText).toContain('各街道（镇、集聚区）');
      expect(t.responsibleText).not.toContain('各街道、镇、集聚区');
      expect(t.units.some((u) => u.unitId === newStreet && u.viaPhrase === '各街道（镇、集聚区）')).toBe(true);
    }
    // A street that reported progress through the phrase cannot be taken out of it.
    const task = after[0];
    await call(core, 'progress.save', { planId: plan.id, period: '2022Q3', entries: [{ taskId: task.id, unitId: unit['洪都街道'].id, status: 'in_progress', text: '推进中', reportedOn: '2022-09-30' }] });
    const without = [...streets.memberIds, newStreet].filter((id) => id !== unit['洪都街道'].id);
    expect(await refused(core, 'groups.save', { group: { id: streets.id, ownerUnitId: district, phrase: '各街道（镇、集聚区）', aliases: [], memberIds: without } })).toMatch(/洪都街道已通过“各街道（镇、集聚区）”为相关任务填写了任务进展/);
    const { id: direct } = await call(core, 'groups.save', { group: { ownerUnitId: district, phrase: '区直相关单位', aliases: [], memberIds: [unit['区科工局'].id, unit['区发改委'].id] } });
    expect(await refused(core, 'groups.save', { group: { ownerUnitId: district, phrase: '区直相关单位', aliases: [], memberIds: [unit['区科工局'].id] } })).toMatch(/已有组合称谓/);
    await call(core, 'groups.remove', { groupId: direct });
    expect((await call(core, 'units.directory', {})).groups.some((g) => g.id === direct)).toBe(false);
  });
});
