/** `taizhang plan list|new` and `--empty`, in-process (run(argv, io)). */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/main';
import { tempDir } from '../helpers/tempDb';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-plan-cli-');
});
afterAll(() => tmp?.cleanup());

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') });
  return { code, out, err };
}

describe('taizhang plan', () => {
  it('--empty starts a database without the example', async () => {
    const r = await cli('info', '--db', path.join(tmp.dir, 'empty.db'), '--empty', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ plans: 0, units: 0 });
  });

  it('lists plans and makes 2023 from 2022 with the tasks', async () => {
    const db = path.join(tmp.dir, 'a.db');
    const made = await cli('plan', 'new', '--year', '2023', '--from', '1', '--copy-tasks', '--operator', '王芳', '--json', '--db', db);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.out)).toEqual({ ok: true, planId: 2, title: '2023年青云谱区科技创新工作要点', yearStart: 2023, yearEnd: 2023 });
    const listed = JSON.parse((await cli('plan', 'list', '--json', '--db', db)).out);
    expect(listed.plans).toEqual([
      { id: 2, title: '2023年青云谱区科技创新工作要点', yearStart: 2023, yearEnd: 2023, docNumber: null, unit: '青云谱区', archived: false, example: false },
      { id: 1, title: '2022年青云谱区科技创新基础大提升工作要点', yearStart: 2022, yearEnd: 2022, docNumber: '青政办发〔2022〕16号', unit: '青云谱区', archived: false, example: true },
    ]);
    const info = JSON.parse((await cli('info', '--json', '--db', db)).out);
    expect(info.tasks).toBe(32);
  });

  it('refuses wrong usage with exit 2 and a duplicate title with exit 1', async () => {
    const db = path.join(tmp.dir, 'b.db');
    expect((await cli('plan', 'new', '--db', db, '--operator', '王芳')).code).toBe(2);
    expect((await cli('plan', 'new', '--year', '20x3', '--db', db, '--operator', '王芳')).code).toBe(2);
    const dup = await cli('plan', 'new', '--year', '2022', '--title', '2022年青云谱区科技创新基础大提升工作要点', '--db', db, '--operator', '王芳');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('已有同名的工作要点');
  });
});
