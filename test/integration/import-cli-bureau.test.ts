/**
 * `taizhang import` with the bureau layouts of issue 12 (a child process, as
 * a user runs it): the diff in --json, --replace, --kind for an ambiguous
 * sheet, --new-plan for another year's table, and the aliases an earlier
 * import remembered. Each test starts the CLI a few times (about 1.5 s each,
 * more on a busy machine), hence the longer timeouts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDb';
import { taizhang } from '../helpers/cli';
import { call, fileRequest, storesClosedAfterEach } from '../helpers/importDb';
import { dumpStore } from '../helpers/testStore';
import { writeLayout } from '../fixtures/import/bureau-layouts';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-import-cli-bureau-');
});
afterAll(() => tmp?.cleanup());

const layoutFile = (id: string) => writeLayout(path.join(tmp.dir, 'layouts'), id);

const store = storesClosedAfterEach();

describe('taizhang import (issue 12)', () => {
  it('--dry-run --json prints the diff; merge by default, --replace removes what the file leaves out (listed first)', async () => {
    const s = await store('example');
    const db = s.db;
    const f = await layoutFile('two-streets-adjusted');
    const before = await dumpStore(s);
    const merged = await taizhang(['import', f, '--db', db, '--dry-run', '--json']);
    expect(merged.code).toBe(0);
    const out = JSON.parse(merged.stdout);
    expect(out.kind).toBe('targets');
    expect(out.diff).toEqual({
      added: 0,
      changed: 2,
      removed: 0,
      items: [
        { change: 'changed', kind: 'target', unit: '洪都街道', indicator: '科技型中小企业', task: null, old: '8', new: '10', label: '洪都街道 · 科技型中小企业' },
        { change: 'changed', kind: 'target', unit: '京山街道', indicator: '科技型中小企业', task: null, old: '13', new: '12', label: '京山街道 · 科技型中小企业' },
      ],
    });
    const replaced = JSON.parse((await taizhang(['import', f, '--db', db, '--dry-run', '--json', '--replace'])).stdout);
    expect(replaced.diff).toMatchObject({ added: 0, changed: 2, removed: 15 });
    expect(replaced.diff.items).toHaveLength(17);
    expect(replaced.diff.items.slice(0, 15).every((i: { change: string; kind: string; new: unknown }) => i.change === 'removed' && i.kind === 'target' && i.new === null)).toBe(true);
    expect(replaced.diff.items).toContainEqual(expect.objectContaining({ change: 'removed', unit: '三家店街道', indicator: '科技型中小企业', old: '21' }));
    expect(await dumpStore(s)).toBe(before);
    // Without --json the removals come first, in full.
    const text = await taizhang(['import', f, '--db', db, '--dry-run', '--replace']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/变化：新增 0 处，修改 2 处，删除 15 处\n {2}删除：\S+ · \S+（[\d.]+）\n/);
    expect(text.stdout).toContain('  删除：三家店街道 · 科技型中小企业（21）');
  }, 120_000);

  it('an ambiguous sheet stops with a message naming --kind; --kind goals reads it as goals', async () => {
    const s = await store('example');
    const db = s.db;
    const f = await layoutFile('ambiguous-tasks-or-goals');
    const refused = await taizhang(['import', f, '--db', db, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('看不准这张表是什么表');
    expect(refused.stderr).toContain('--kind tasks|targets|goals');
    const goals = await taizhang(['import', f, '--db', db, '--dry-run', '--json', '--kind', 'goals']);
    expect(goals.code).toBe(0);
    expect(JSON.parse(goals.stdout)).toMatchObject({ ok: true, kind: 'goals', counts: { indicators: 4, targets: 4 } });
    const bad = await taizhang(['import', f, '--db', db, '--kind', 'table']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind 应为 tasks');
  }, 120_000);

  it("another year's task table: refused with --new-plan named; with it, that year's plan is started", async () => {
    const s = await store('example');
    const db = s.db;
    const f = await layoutFile('tasks-other-year');
    const refused = await taizhang(['import', f, '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'error', row: 1, message: expect.stringMatching(/本表是2023年的.*--new-plan/) })]),
    );
    const started = await taizhang(['import', f, '--db', db, '--new-plan']);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('→ 2023年工作要点（新建）');
    expect(started.stdout).toContain('7 项行动、16 项任务');
  }, 120_000);

  it('a name mapped once in the window is read by the command line without asking', async () => {
    const s = await store('example');
    const { core, db } = s;
    const f = await layoutFile('short-names');
    const units = Object.fromEntries((await call(core, 'units.directory', {})).units.map((u) => [u.name, u.id]));
    const unitFixes = { 洪都: { unitId: units['洪都街道'] }, 新经济集聚区: { unitId: units['新经济产业集聚区'] } };
    expect((await call(core, 'import.commit', { ...fileRequest(f), options: { unitFixes } })).committed).toBe(true);
    const r = await taizhang(['import', f, '--db', db, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('按已记住的别名：“洪都”即“洪都街道”');
    expect(r.stdout).toContain('按已记住的别名：“新经济集聚区”即“新经济产业集聚区”');
  }, 120_000);
});
