/**
 * `taizhang backup …` in-process (run(argv, io), as the terminal calls it): create, list --json
 * with the promised fields, restore that refuses to take data away without --yes, undo, and the
 * exit statuses 0 / 1 / 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/main';
import { tempDir } from '../helpers/tempDb';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-backup-cli-');
});
afterAll(() => tmp?.cleanup());

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') });
  return { code, out, err };
}

describe('taizhang backup', () => {
  it('create, list --json, restore (refused without --yes when data would go), undo', async () => {
    const db = path.join(tmp.dir, 'a.db');
    expect((await cli('info', '--db', db)).code).toBe(0);
    const created = await cli('backup', 'create', '--note', '月底', '--json', '--db', db);
    expect(created.code).toBe(0);
    const id = JSON.parse(created.out).backup.id as string;

    const listed = JSON.parse((await cli('backup', 'list', '--json', '--db', db)).out);
    expect(listed.backups[0]).toEqual({
      id,
      file: path.join(tmp.dir, 'backups', `a-${id}.db`),
      createdAt: expect.any(String),
      reason: '手动备份：月底',
      bytes: expect.any(Number),
      counts: { plans: 1, units: 8, figures: 0, tasks: 16 },
      kind: 'manual',
      operation: null,
      by: null,
    });

    // A figure typed after the copy: restoring would take it away.
    const targets = path.join(tmp.dir, 't.csv');
    fs.writeFileSync(targets, '单位,科技型中小企业（家）\n洪都街道,30\n');
    expect((await cli('import', targets, '--operator', '王芳', '--db', db)).code).toBe(0);
    const refused = await cli('backup', 'restore', id, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/恢复将带走以下数据，未执行：\n  · 恢复后将失去 1 个目标值（新设或修改的）\n确认无误后请加 --yes 再运行。/);
    const done = await cli('backup', 'restore', id, '--yes', '--json', '--db', db);
    expect(done.code).toBe(0);
    const answer = JSON.parse(done.out);
    expect(answer.ok).toBe(true);
    expect(answer.before.reason).toMatch(/^恢复到 \d{4}-\d\d-\d\d \d\d:\d\d 的备份（手动备份：月底）$/);

    const undone = await cli('backup', 'undo', answer.before.id, '--yes', '--db', db);
    expect(undone.code).toBe(0);
    expect(undone.out).toContain('已撤销');
  });

  it('wrong usage exits 2 with the usage; a refused restore exits 1 with JSON', async () => {
    const db = path.join(tmp.dir, 'b.db');
    const none = await cli('backup', '--db', db);
    expect(none.code).toBe(2);
    expect(none.err).toContain('taizhang backup restore 备份编号|文件');
    expect((await cli('backup', 'undo', 'x', '--db', db)).code).toBe(2);
    const missing = await cli('backup', 'restore', path.join(tmp.dir, 'nothing.db'), '--json', '--db', db);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)).toEqual({ ok: false, error: { code: 'not_found', message: expect.stringContaining('找不到备份文件') } });
  });
});
