/** `taizhang plan list|new` and `--empty`, in-process (test/helpers/cli.ts taizhang), on either engine. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { testStore, type Fill, type TestStore } from '../helpers/testStore';

const stores: TestStore[] = [];
/** A store of the test's own, without an operator (each command names its own). */
async function store(fill: Fill): Promise<TestStore> {
  const s = await testStore(fill, { operator: null });
  stores.push(s);
  return s;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('taizhang plan', () => {
  it('--empty starts a database without the example', async () => {
    // A new database: on SQLite a new file; on PostgreSQL a new database (which starts empty with or without --empty).
    const s = await store('empty');
    const db = s.engine === 'sqlite' ? path.join(s.dir, 'empty.db') : s.db;
    const r = await taizhang(['info', '--db', db, '--empty', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ plans: 0, units: 0 });
  });

  it('lists plans and makes 2023 from 2022 with the tasks', async () => {
    const { db } = await store('example');
    const made = await taizhang(['plan', 'new', '--year', '2023', '--from', '1', '--copy-tasks', '--operator', '王芳', '--json', '--db', db]);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toEqual({ ok: true, planId: 2, title: '2023年青云谱区科技创新工作要点', yearStart: 2023, yearEnd: 2023 });
    const listed = JSON.parse((await taizhang(['plan', 'list', '--json', '--db', db])).stdout);
    expect(listed.plans).toEqual([
      { id: 2, title: '2023年青云谱区科技创新工作要点', yearStart: 2023, yearEnd: 2023, docNumber: null, unit: '青云谱区', archived: false, example: false },
      { id: 1, title: '2022年青云谱区科技创新基础大提升工作要点', yearStart: 2022, yearEnd: 2022, docNumber: '青政办发〔2022〕16号', unit: '青云谱区', archived: false, example: true },
    ]);
    const info = JSON.parse((await taizhang(['info', '--json', '--db', db])).stdout);
    expect(info.tasks).toBe(32);
  });

  it('refuses wrong usage with exit 2 and a duplicate title with exit 1', async () => {
    const { db } = await store('example');
    expect((await taizhang(['plan', 'new', '--db', db, '--operator', '王芳'])).code).toBe(2);
    expect((await taizhang(['plan', 'new', '--year', '20x3', '--db', db, '--operator', '王芳'])).code).toBe(2);
    const dup = await taizhang(['plan', 'new', '--year', '2022', '--title', '2022年青云谱区科技创新基础大提升工作要点', '--db', db, '--operator', '王芳']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('已有同名的工作要点');
  });
});
