/**
 * The core on either engine's store: the 青云谱区 example loaded, read back through the API (as
 * every door does), requests validated and refused in Chinese. What only a SQLite file has (WAL,
 * user_version, a newer or foreign file refused untouched) is core-sqlite-file.test.ts's;
 * PostgreSQL's is postgres-migrations.test.ts's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';
import { taizhang } from '../helpers/cli';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let core: Core;

beforeEach(async () => {
  // The example as the app loads it into a new store; no operator (nothing here writes through the API).
  s = await testStore('example', { operator: null });
  core = s.core;
});
afterEach(async () => {
  await s.close();
});

async function call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
  const result = await core.call(method, request);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as ApiResponse<M>;
}

describe('a new store', () => {
  it('opens with the 青云谱区 2022 plan loaded', async () => {
    const info = await call('app.info', {});
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(info.dbPath).toBe(s.db);
    expect(info.plans).toHaveLength(1);
    expect(info.plans[0]).toMatchObject({
      title: '2022年青云谱区科技创新基础大提升工作要点',
      docNumber: '青政办发〔2022〕16号',
      issuedOn: '2022-06-16',
      yearStart: 2022,
      yearEnd: 2022,
    });
    // 青云谱区 + 7 sub-units; 11 departments named in the document.
    expect(info.counts).toMatchObject({ plans: 1, units: 8, departments: 11, indicators: 6, actionLines: 7, tasks: 16 });
    // 5 district goals with a point or range target (all six) + 7 sub-units × 3 decomposed indicators.
    expect(info.counts.targets).toBe(6 + 7 * 3);
  });

  it('does not load the example a second time when reopened', async () => {
    core = await s.reopen();
    expect((await call('app.info', {})).counts.plans).toBe(1);
    // Nor when a command names the example it holds (--example loads it only into a store without it).
    const info = await taizhang(['info', '--db', s.db, '--example', 'qingyunpu-2022', '--json']);
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ plans: 1, tasks: 16 });
  });
});

describe('the example read back through the API', () => {
  let planId: number;
  beforeEach(async () => {
    planId = (await call('plans.list', {}))[0].id;
  });

  it('has the six 工作目标 with their wording, parsed and re-formatted identically', async () => {
    const { goals, unit } = await call('plan.overview', { planId });
    expect(unit.name).toBe('青云谱区');
    expect(goals.map((g) => g.indicator.wordingText)).toEqual([
      '全社会R&D经费投入占全区GDP比重达到0.55%',
      '科技型中小企业140家',
      '高新技术企业76家',
      '新增市级以上研发平台和创新载体数量1-3个',
      '技术合同成交额突破7亿元',
      '万人有效发明专利拥有量突破27件',
    ]);
    for (const g of goals) expect(g.wordingFormatted).toBe(g.indicator.wordingText);
    const byName = Object.fromEntries(goals.map((g) => [g.indicator.name, g]));
    expect(byName['全社会R&D经费投入占GDP比重']).toMatchObject({ targetValue: 0.55, targetValueMax: null });
    expect(byName['全社会R&D经费投入占GDP比重'].indicator).toMatchObject({ measureUnit: '%', aggregation: 'none' });
    expect(byName['新增市级以上研发平台和创新载体'].targetValue).toBe(1);
    expect(byName['新增市级以上研发平台和创新载体'].targetValueMax).toBe(3);
    expect(byName['技术合同成交额']).toMatchObject({ targetValue: 7 });
    expect(byName['技术合同成交额'].indicator).toMatchObject({ measureUnit: '亿元', frequency: 'monthly', decimals: 4 });
    expect(byName['万人有效发明专利拥有量'].indicator.aggregation).toBe('none');
  });

  it('has the 7 action lines with the 16 tasks of 附件1, numbered 1..16 across the table', async () => {
    const table = await call('tasks.table', { planId });
    expect(table.taskCount).toBe(16);
    expect(table.actionLines.map((l) => l.title)).toEqual([
      '科技创新区域优化布局行动',
      '科技创新平台增量升级行动',
      '科技创新成果转化促进行动',
      '科技创新企业能力提升行动',
      '科技创新金融深度融合行动',
      '科技创新高端人才集聚行动',
      '科技创新关键技术攻坚行动',
    ]);
    expect(table.actionLines.map((l) => l.tasks.length)).toEqual([2, 2, 3, 4, 2, 2, 1]);
    const tasks = table.actionLines.flatMap((l) => l.tasks);
    expect(tasks.map((t) => t.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('resolves lead units, named units and group phrases to the units they mean', async () => {
    const tasks = (await call('tasks.table', { planId })).actionLines.flatMap((l) => l.tasks);
    const subUnits = ['三家店街道', '洪都街道', '徐家坊街道', '京山街道', '岱山街道', '青云谱镇', '新经济产业集聚区'];

    expect(tasks[0].leadUnitNames).toEqual(['区发改委']);
    expect(tasks[0].responsibleUnitNames).toEqual(['区发改委', '青云谱镇']);

    // Task 3: four departments, then "各街道、镇、集聚区" → all seven sub-units.
    expect(tasks[2].responsibleText).toBe('区科工局、区发改委、区人社局、区科协，各街道、镇、集聚区');
    expect(tasks[2].responsibleUnitNames).toEqual(['区科工局', '区发改委', '区人社局', '区科协', ...subUnits]);
    expect(tasks[2].units.filter((u) => u.viaPhrase === '各街道、镇、集聚区')).toHaveLength(7);

    expect(tasks[5].leadUnitNames).toEqual(['区市场监管局']);
    expect(tasks[12].leadUnitNames).toEqual(['区金融办']);

    // Task 14: 区直相关部门 read as the body text's 区委人才办、区人社局、区科工局.
    expect(tasks[13].leadUnitNames).toEqual(['区委人才办']);
    expect(tasks[13].responsibleUnitNames).toEqual(['区委人才办', '区人社局', '区科工局', ...subUnits]);
  });

  it('has the 附件2 targets for every sub-unit, adding up to the district (140/76/7)', async () => {
    const b = await call('targets.breakdown', { planId });
    expect(b.indicators.map((i) => i.name)).toEqual(['科技型中小企业', '高新技术企业', '技术合同成交额']);
    const [smes, hightech, contracts] = b.indicators.map((i) => i.id);
    expect(b.parent.unit.name).toBe('青云谱区');
    expect([b.parent.values[smes], b.parent.values[hightech], b.parent.values[contracts]]).toEqual([140, 76, 7]);
    expect(b.rows.map((r) => [r.unit.name, r.values[smes], r.values[hightech], r.values[contracts]])).toEqual([
      ['三家店街道', 21, 14, 3],
      ['洪都街道', 8, 4, 0.05],
      ['徐家坊街道', 39, 19, 3],
      ['京山街道', 13, 7, 0.5],
      ['岱山街道', 8, 6, 0.15],
      ['青云谱镇', 16, 7, 0.1],
      ['新经济产业集聚区', 35, 19, 0.2],
    ]);
    expect(b.checks.map((c) => [c.state, c.parent, c.sum, c.difference])).toEqual([
      ['match', 140, 140, 0],
      ['match', 76, 76, 0],
      ['match', 7, 7, 0],
    ]);
  });

  it('shows a changed sub-unit target as a mismatch with its difference', async () => {
    // Changed by another program while the core is open: the next read sees it.
    await s.run(
      `UPDATE targets SET value = 20 WHERE unit_id = (SELECT id FROM units WHERE name = '三家店街道')
         AND indicator_id = (SELECT id FROM indicators WHERE name = '科技型中小企业')`,
    );
    const b = await call('targets.breakdown', { planId });
    expect(b.checks[0]).toMatchObject({ state: 'mismatch', parent: 140, sum: 139, difference: -1 });
  });

  it('has the unit tree with kinds, the departments and the group phrases', async () => {
    const { units, groups } = await call('units.directory', {});
    const district = units.find((u) => u.name === '青云谱区')!;
    expect(district).toMatchObject({ kind: 'district', parentId: null });
    const children = units.filter((u) => u.parentId === district.id && u.kind !== 'department');
    expect(children.map((u) => [u.name, u.kind])).toEqual([
      ['三家店街道', 'street'],
      ['洪都街道', 'street'],
      ['徐家坊街道', 'street'],
      ['京山街道', 'street'],
      ['岱山街道', 'street'],
      ['青云谱镇', 'town'],
      ['新经济产业集聚区', 'zone'],
    ]);
    const all = groups.find((g) => g.phrase === '各街道、镇、集聚区')!;
    expect(all.memberIds).toEqual(children.map((u) => u.id));
    expect(all.aliases).toContain('各街办、镇、集聚区');
    expect(groups.find((g) => g.phrase === '各街道')!.memberIds).toHaveLength(5);
  });
});

describe('requests that cross a door', () => {
  it('are validated against their schema, with a Chinese message naming the field', async () => {
    const bad = await core.call('tasks.table', { planId: 'one' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad_request');
      expect(bad.error.message).toContain('planId');
    }
    const extra = await core.call('app.info', { drop: 'tables' });
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.error.message).toBe('请求不正确：含有不认识的字段：drop');
    const typed = await core.call('tasks.table', { planId: 'one' });
    // Plain Chinese, no library English ("期望 object", "expected number"): shared/api/validationMessages.ts.
    if (!typed.ok) expect(typed.error.message).toBe('字段“planId”不正确：应为数字，收到的是文本');
    const notAnObject = await core.call('tasks.table', 42);
    if (!notAnObject.ok) expect(notAnObject.error.message).toBe('请求不正确：应为对象，收到的是数字');
    expect(notAnObject.ok).toBe(false);
  });

  it('refuse unknown methods and unknown plans in Chinese', async () => {
    const unknown = await core.call('db.dropEverything', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const missing = await core.call('plan.overview', { planId: 999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!missing.ok) expect(missing.error.message).toMatch(/找不到/);
  });
});
