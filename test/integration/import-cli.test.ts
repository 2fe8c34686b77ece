/**
 * `taizhang import` as a user runs it (a child process of bin/taizhang.mjs):
 * the JSON the issue specifies, exit 0 when committed (or, with --dry-run,
 * when it would be), 1 when errors stopped it, and nothing written then.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDb';
import { taizhang } from '../helpers/cli';
import { call, storesClosedAfterEach } from '../helpers/importDb';
import { dumpStore } from '../helpers/testStore';
import { makeFixtures, qingyunpuWorkbook, type Fixtures } from '../fixtures/import/make-fixtures';

let tmp: { dir: string; cleanup(): void };
let fx: Fixtures;
beforeAll(async () => {
  tmp = tempDir('taizhang-import-cli-');
  fx = await makeFixtures(path.join(tmp.dir, 'fx'));
});
afterAll(() => tmp?.cleanup());
const store = storesClosedAfterEach();

describe('taizhang import', () => {
  it('--dry-run --json checks the workbook, prints the specified object, writes nothing; then it commits', async () => {
    // The example, as `taizhang info` makes a new file; no operator set.
    const s = await store('example', { operator: null });
    const { db } = s;
    const before = await dumpStore(s);
    const dry = await taizhang(['import', fx.file('qingyunpu-annexes.xlsx'), '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect(Object.keys(out).sort()).toEqual(['counts', 'diff', 'kind', 'ok', 'problems']);
    expect(out).toEqual({
      ok: true,
      kind: 'tasks',
      counts: { actionLines: 7, tasks: 16, units: expect.any(Number), indicators: 3, targets: 24 },
      // The example already holds 003's annexes: the commit would change nothing.
      diff: { added: 0, changed: 0, removed: 0, items: [] },
      problems: [expect.objectContaining({ level: 'warning', sheet: '附件1', row: 23, column: 'D' })],
    });
    expect(await dumpStore(s)).toBe(before);
    // A real commit needs the operator: without one the file is checked, nothing written, and --operator asked for.
    const noOperator = await taizhang(['import', fx.file('qingyunpu-annex2-gbk.csv'), '--db', db, '--plan', '1', '--json']);
    expect(noOperator.code).toBe(1);
    const stopped = JSON.parse(noOperator.stdout);
    expect(stopped.problems).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining('--operator') })]);
    // Stopped for the operator, it still says what the file holds.
    expect(stopped).toMatchObject({ ok: false, kind: 'targets', counts: { units: 8, indicators: 3, targets: 24 } });
    expect(await dumpStore(s)).toBe(before);
    const real = await taizhang(['import', fx.file('qingyunpu-annex2-gbk.csv'), '--db', db, '--plan', '1', '--operator', '王芳']);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('已导入');
    expect(real.stdout).toContain('8 个单位、3 个指标、24 个目标值');
  });

  it('a removed task with progress stops it until --allow-delete-progress', async () => {
    const s = await store('example');
    const { core, db } = s;
    const [plan] = await call(core, 'plans.list', {});
    const sheet = await call(core, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
    const row = sheet.rows.find((r) => r.taskSeq === 16)!;
    await call(core, 'progress.save', {
      planId: plan.id,
      period: '2022Q3',
      entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'done', text: '已完成', reportedOn: null }],
    });
    const wb = await qingyunpuWorkbook();
    const ws = wb.getWorksheet('附件1')!;
    ws.spliceRows(ws.rowCount, 1);
    wb.removeWorksheet(wb.getWorksheet('附件2')!.id);
    const file = path.join(tmp.dir, 'without-16.xlsx');
    await wb.xlsx.writeFile(file);
    const before = await dumpStore(s);
    const refused = await taizhang(['import', file, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/错误（工作表“附件1”）：任务16（.+）已有 1 条任务进展/);
    expect(await dumpStore(s)).toBe(before);
    const r = await taizhang(['import', file, '--db', db, '--allow-delete-progress']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 项行动、15 项任务'); // task 16 was the only one of (七)
  });

  it('exit 1 with the problem in JSON for a broken file, and nothing written', async () => {
    const s = await store('example', { operator: null });
    const { db } = s;
    const before = await dumpStore(s);
    const r = await taizhang(['import', fx.file('encrypted.xlsx'), '--db', db, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.kind).toBeNull();
    expect(out.problems).toEqual([{ level: 'error', sheet: '', row: 0, column: '', message: expect.stringContaining('文件设有打开密码') }]);
    expect(await dumpStore(s)).toBe(before);
  });

  it('unknown units stop it (exit 1), with sheet, row and the suggestion', async () => {
    const { db } = await store('example', { operator: null });
    const r = await taizhang(['import', fx.file('nanchang-2022-tasks.xlsx'), '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/错误（工作表“重点任务” 第4行）：未知单位“市科技局”.*是否是“区科工局”/);
    expect(r.stderr).toContain('有错误，未写入任何数据。');
  });

  it('no plan in the database: exit 1 pointing at --new-plan; with it, the plan is started and filled', async () => {
    const s = await store('unitsOnly');
    const { db } = s;
    const before = await dumpStore(s);
    const refused = await taizhang(['import', fx.file('qingyunpu-annex1-gbk.csv'), '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).problems).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringContaining('--new-plan') }),
      expect.objectContaining({ level: 'warning', row: 22, column: 'D' }), // the csv has no "附件1" label row
    ]);
    expect(await dumpStore(s)).toBe(before);
    const r = await taizhang(['import', fx.file('qingyunpu-annex1-gbk.csv'), '--db', db, '--new-plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('→ 2022年工作要点（新建）');
    expect(r.stdout).toContain('7 项行动、16 项任务');
    const bad = await taizhang(['import', fx.file('qingyunpu-annex1-gbk.csv'), '--db', db, '--new-plan', '--year', '22']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year');
  });

  it('a missing file and a bad --plan say so', async () => {
    const { db } = await store('example', { operator: null });
    const missing = await taizhang(['import', path.join(tmp.dir, 'nope.xlsx'), '--db', db, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).problems[0].message).toContain('找不到文件');
    const bad = await taizhang(['import', fx.file('qingyunpu-annexes.xlsx'), '--db', db, '--plan', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--plan');
    const gone = await taizhang(['import', fx.file('qingyunpu-annexes.xlsx'), '--db', db, '--plan', '99', '--json']);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stdout).problems[0].message).toContain('找不到编号为 99 的工作要点');
  });
});
