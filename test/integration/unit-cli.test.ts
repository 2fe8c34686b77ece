/** `taizhang unit list|add|rename|merge`, in-process (run(argv, io)), on real database files. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/main';
import { tempDir } from '../helpers/tempDb';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-unit-cli-');
});
afterAll(() => tmp?.cleanup());

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') });
  return { code, out, err };
}

let n = 0;
const freshDb = () => path.join(tmp.dir, `u-${++n}.db`);

describe('taizhang unit', () => {
  it('lists the unit tree with codes and group phrases', async () => {
    const db = freshDb();
    const r = await cli('unit', 'list', '--json', '--db', db);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.out);
    expect(listed.units[0]).toMatchObject({ name: '青云谱区', code: '360104', kind: 'district', parent: null, active: true });
    expect(listed.units.find((u: { name: string }) => u.name === '洪都街道')).toMatchObject({ kind: 'street', parent: '青云谱区', aliases: [] });
    expect(listed.groups.find((g: { phrase: string }) => g.phrase === '各街道、镇、集聚区').members).toHaveLength(7);
    const text = await cli('unit', 'list', '--db', db);
    expect(text.out).toMatch(/^青云谱区 {2}\[区县\] {2}360104/);
    expect(text.out).toContain('  洪都街道  [街道]');
  });

  it('adds a street and a department, renames one, and refuses wrong usage (2) and a duplicate (1)', async () => {
    const db = freshDb();
    const added = await cli('unit', 'add', '--name', '朝阳街道', '--parent', '青云谱区', '--code', '360104010', '--operator', '王芳', '--json', '--db', db);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({ ok: true, name: '朝阳街道', code: '360104010', kind: 'street', parent: '青云谱区' });
    const dept = await cli('unit', 'add', '--name', '区教育局', '--parent', '360104', '--kind', 'department', '--operator', '王芳', '--db', db);
    expect(dept.code).toBe(0);
    expect(dept.out).toMatch(/^已新增部门：区教育局（代码 U[0-9a-f]{10}，属于青云谱区）/);

    const renamed = await cli('unit', 'rename', '--unit', '洪都街道', '--name', '洪都新城街道', '--operator', '王芳', '--json', '--db', db);
    expect(renamed.code).toBe(0);
    expect(JSON.parse(renamed.out)).toMatchObject({ ok: true, oldName: '洪都街道', name: '洪都新城街道' });
    const listed = JSON.parse((await cli('unit', 'list', '--json', '--db', db)).out);
    expect(listed.units.find((u: { name: string }) => u.name === '洪都新城街道').aliases).toEqual(['洪都街道']);

    expect((await cli('unit', 'add', '--db', db, '--operator', '王芳')).code).toBe(2);
    expect((await cli('unit', 'add', '--name', 'X街道', '--kind', 'village', '--db', db, '--operator', '王芳')).code).toBe(2);
    const unknown = await cli('unit', 'rename', '--unit', '洪都街', '--name', 'Y', '--db', db, '--operator', '王芳');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('找不到单位“洪都街”。是否指：洪都新城街道');
    const dup = await cli('unit', 'add', '--name', '京山街道', '--parent', '青云谱区', '--db', db, '--operator', '王芳', '--json');
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.out)).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('已有名为“京山街道”的街道') } });
    const noOperator = await cli('unit', 'add', '--name', '某街道', '--parent', '青云谱区', '--db', freshDb());
    expect(noOperator.code).toBe(1);
    expect(noOperator.err).toContain('--operator');
  });

  it('a merge that would drop values lists them and needs --yes; then it merges with a backup', async () => {
    const db = freshDb();
    // Two streets with a figure each for the same cell.
    await cli('info', '--db', db);
    const file = new Database(db);
    const id = (sql: string, name: string) => file.prepare(sql).pluck().get(name) as number;
    const indicator = id('SELECT id FROM indicators WHERE name = ?', '技术合同成交额');
    const put = file.prepare("INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (?, ?, '2022-09', ?, '测试', '2022-10-01T00:00:00Z')");
    put.run(indicator, id('SELECT id FROM units WHERE name = ?', '岱山街道'), 0.1);
    put.run(indicator, id('SELECT id FROM units WHERE name = ?', '青云谱镇'), 0.12);
    file.close();

    const asked = await cli('unit', 'merge', '--unit', '岱山街道', '--into', '青云谱镇', '--operator', '王芳', '--db', db);
    expect(asked.code).toBe(1);
    expect(asked.err).toContain('技术合同成交额（2022年1-9月）：保留青云谱镇的 0.12亿元，岱山街道的 0.1亿元 记入修改记录');
    expect(asked.err).toContain('请加 --yes');
    const askedJson = JSON.parse((await cli('unit', 'merge', '--unit', '岱山街道', '--into', '青云谱镇', '--operator', '王芳', '--db', db, '--json')).out);
    expect(askedJson).toMatchObject({ ok: false, conflictCount: 4, backup: null });

    const done = await cli('unit', 'merge', '--unit', '岱山街道', '--into', '青云谱镇', '--yes', '--operator', '王芳', '--db', db);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^已将“岱山街道”并入“青云谱镇”/);
    expect(done.out).toMatch(/taizhang backup undo \d{8}-\d{6}-[0-9a-f]{4}/);
    const listed = JSON.parse((await cli('unit', 'list', '--json', '--db', db)).out);
    expect(listed.units.map((u: { name: string }) => u.name)).not.toContain('岱山街道');
    expect(listed.units.find((u: { name: string }) => u.name === '青云谱镇').aliases).toContain('岱山街道');
    expect((await cli('unit', 'merge', '--unit', '区科工局', '--into', '青云谱镇', '--yes', '--operator', '王芳', '--db', db)).code).toBe(1);
  });
});
