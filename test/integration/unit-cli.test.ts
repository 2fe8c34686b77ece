/** `taizhang unit list|add|rename|merge`, in-process (test/helpers/cli.ts taizhang), on either engine's store. */
import { afterEach, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { testStore, type TestStore } from '../helpers/testStore';

const stores: TestStore[] = [];
/** A new store with the example, without an operator (each command names its own). */
async function freshStore(): Promise<TestStore> {
  const s = await testStore('example', { operator: null });
  stores.push(s);
  return s;
}
const freshDb = async () => (await freshStore()).db;
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('taizhang unit', () => {
  it('lists the unit tree with codes and group phrases', async () => {
    const db = await freshDb();
    const r = await taizhang(['unit', 'list', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout);
    expect(listed.units[0]).toMatchObject({ name: '青云谱区', code: '360104', kind: 'district', parent: null, active: true });
    expect(listed.units.find((u: { name: string }) => u.name === '洪都街道')).toMatchObject({ kind: 'street', parent: '青云谱区', aliases: [] });
    expect(listed.groups.find((g: { phrase: string }) => g.phrase === '各街道、镇、集聚区').members).toHaveLength(7);
    const text = await taizhang(['unit', 'list', '--db', db]);
    expect(text.stdout).toMatch(/^青云谱区 {2}\[区县\] {2}360104/);
    expect(text.stdout).toContain('  洪都街道  [街道]');
  });

  it('adds a street and a department, renames one, and refuses wrong usage (2) and a duplicate (1)', async () => {
    const db = await freshDb();
    const added = await taizhang(['unit', 'add', '--name', '朝阳街道', '--parent', '青云谱区', '--code', '360104010', '--operator', '王芳', '--json', '--db', db]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, name: '朝阳街道', code: '360104010', kind: 'street', parent: '青云谱区' });
    const dept = await taizhang(['unit', 'add', '--name', '区教育局', '--parent', '360104', '--kind', 'department', '--operator', '王芳', '--db', db]);
    expect(dept.code).toBe(0);
    expect(dept.stdout).toMatch(/^已新增部门：区教育局（代码 U[0-9a-f]{10}，属于青云谱区）/);

    const renamed = await taizhang(['unit', 'rename', '--unit', '洪都街道', '--name', '洪都新城街道', '--operator', '王芳', '--json', '--db', db]);
    expect(renamed.code).toBe(0);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ ok: true, oldName: '洪都街道', name: '洪都新城街道' });
    const listed = JSON.parse((await taizhang(['unit', 'list', '--json', '--db', db])).stdout);
    expect(listed.units.find((u: { name: string }) => u.name === '洪都新城街道').aliases).toEqual(['洪都街道']);

    expect((await taizhang(['unit', 'add', '--db', db, '--operator', '王芳'])).code).toBe(2);
    expect((await taizhang(['unit', 'add', '--name', 'X街道', '--kind', 'village', '--db', db, '--operator', '王芳'])).code).toBe(2);
    const unknown = await taizhang(['unit', 'rename', '--unit', '洪都街', '--name', 'Y', '--db', db, '--operator', '王芳']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('找不到单位“洪都街”。是否指：洪都新城街道');
    const dup = await taizhang(['unit', 'add', '--name', '京山街道', '--parent', '青云谱区', '--db', db, '--operator', '王芳', '--json']);
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.stdout)).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('已有名为“京山街道”的街道') } });
    const noOperator = await taizhang(['unit', 'add', '--name', '某街道', '--parent', '青云谱区', '--db', await freshDb()]);
    expect(noOperator.code).toBe(1);
    expect(noOperator.stderr).toContain('--operator');
  });

  it('a merge that would drop values lists them and needs --yes; then it merges with a backup', async () => {
    const s = await freshStore();
    const { db } = s;
    // Two streets with a figure each for the same cell.
    const id = async (sql: string, name: string) => (await s.rows<{ id: number }>(sql, name))[0].id;
    const indicator = await id('SELECT id FROM indicators WHERE name = ?', '技术合同成交额');
    const put = async (unitId: number, value: number) =>
      s.run("INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (?, ?, '2022-09', ?, '测试', '2022-10-01T00:00:00Z')", indicator, unitId, value);
    await put(await id('SELECT id FROM units WHERE name = ?', '岱山街道'), 0.1);
    await put(await id('SELECT id FROM units WHERE name = ?', '青云谱镇'), 0.12);

    const asked = await taizhang(['unit', 'merge', '--unit', '岱山街道', '--into', '青云谱镇', '--operator', '王芳', '--db', db]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('技术合同成交额（2022年1-9月）：保留青云谱镇的 0.12亿元，岱山街道的 0.1亿元 记入修改记录');
    expect(asked.stderr).toContain('请加 --yes');
    const askedJson = JSON.parse((await taizhang(['unit', 'merge', '--unit', '岱山街道', '--into', '青云谱镇', '--operator', '王芳', '--db', db, '--json'])).stdout);
    expect(askedJson).toMatchObject({ ok: false, conflictCount: 4, backup: null });

    const done = await taizhang(['unit', 'merge', '--unit', '岱山街道', '--into', '青云谱镇', '--yes', '--operator', '王芳', '--db', db]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^已将“岱山街道”并入“青云谱镇”/);
    expect(done.stdout).toMatch(/taizhang backup undo \d{8}-\d{6}-[0-9a-f]{4}/);
    const listed = JSON.parse((await taizhang(['unit', 'list', '--json', '--db', db])).stdout);
    expect(listed.units.map((u: { name: string }) => u.name)).not.toContain('岱山街道');
    expect(listed.units.find((u: { name: string }) => u.name === '青云谱镇').aliases).toContain('岱山街道');
    expect((await taizhang(['unit', 'merge', '--unit', '区科工局', '--into', '青云谱镇', '--yes', '--operator', '王芳', '--db', db])).code).toBe(1);
  });
});
