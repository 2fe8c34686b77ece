/**
 * Units (设置 → 单位与部门) on both engines (issue 22): `taizhang unit
 * list|add|rename|merge` on a SQLite file and on a postgres:// URL prints
 * the same (the copy a merge takes aside: its id is its time); a merge takes
 * a pg_dump copy on PostgreSQL that `taizhang backup undo` restores; and
 * every unit edit is all or nothing on both (interrupted after its last
 * write, or refused half-way by its own checks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Op } from '../../electron/core/store/query';
import { removeGroupOp, saveGroupOp } from '../../electron/core/units/groups';
import { reorderUnitsOp, saveUnitOp, setUnitActiveOp } from '../../electron/core/units/maintain';
import { mergeUnitsBacked } from '../../electron/core/units/merge';
import { taizhang } from '../helpers/cli';
import { ENGINES, openEngine, stopEngines, type EngineStore } from '../helpers/engines';
import { sameRandomCodes, writeExampleWithSamples } from '../helpers/exampleStores';
import { backupRunner, interrupted, storedRows, type BackupRunner } from '../helpers/engineWrites';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-units-engines-'));
const savedHome = process.env.XDG_CONFIG_HOME;
let lite: EngineStore;
let pg: EngineStore;

async function fill(s: EngineStore): Promise<void> {
  await writeExampleWithSamples(s, 9, '2022-09-30T08:00:00.000Z');
  await s.sql(`UPDATE units SET code = 'T' || id WHERE code LIKE 'U%'`);
}

beforeAll(async () => {
  process.env.XDG_CONFIG_HOME = home;
  [lite, pg] = [await openEngine('sqlite'), await openEngine('postgres')];
  await fill(lite);
  await fill(pg);
}, 180_000);

afterAll(async () => {
  await lite?.close();
  await pg?.close();
  await stopEngines();
  if (savedHome === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedHome;
  fs.rmSync(home, { recursive: true, force: true });
}, 60_000);

/** The same command on both stores: the same exit code and output (a copy's id, which is its time, aside). */
async function sameCli(args: string[]) {
  const unstamped = (text: string) => text.replace(/\d{8}-\d{6}-[0-9a-f]{4}/g, '<copy>').replace(/"createdAt":"[^"]+"/g, '"createdAt":"<time>"');
  const [a, b] = [await taizhang([...args, '--db', lite.db]), await taizhang([...args, '--db', pg.db])];
  expect({ code: b.code, stdout: unstamped(b.stdout), stderr: unstamped(b.stderr) }, args.join(' ')).toEqual({
    code: a.code,
    stdout: unstamped(a.stdout),
    stderr: unstamped(a.stderr),
  });
  return [a, b];
}

describe('taizhang unit on a file and on a postgres:// URL', () => {
  it('list, add, rename, merge (listed first, then --yes with a copy): the same output; the copy undone on PostgreSQL', async () => {
    await sameCli(['unit', 'list']);
    await sameCli(['unit', 'list', '--json']);
    const [added] = await sameCli(['unit', 'add', '--name', '新区街道', '--parent', '青云谱区', '--code', '360104999', '--operator', '王区', '--json']);
    expect(added.code).toBe(0);
    await sameCli(['unit', 'add', '--name', '新区街道', '--parent', '青云谱区', '--operator', '王区']); // refused: the name is taken
    await sameCli(['unit', 'rename', '--unit', '洪都街道', '--name', '洪都新街道', '--operator', '王区', '--json']);
    const [asked] = await sameCli(['unit', 'merge', '--unit', '京山街道', '--into', '洪都新街道', '--operator', '王区']);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('确认无误后请加 --yes');
    const [, merged] = await sameCli(['unit', 'merge', '--unit', '京山街道', '--into', '洪都新街道', '--yes', '--operator', '王区', '--json']);
    const { backup } = JSON.parse(merged.stdout) as { backup: { id: string } };
    expect(backup.id).toBeTruthy();
    await sameCli(['unit', 'list', '--json']);

    // The merge's copy is a pg_dump copy; undoing it brings 京山街道 back.
    const listed = JSON.parse((await taizhang(['backup', 'list', '--json', '--db', pg.db])).stdout) as { backups: { id: string; file: string; reason: string }[] };
    const copy = listed.backups.find((b) => b.id === backup.id)!;
    expect(copy.reason).toBe('合并单位 京山街道 → 洪都新街道');
    expect(copy.file.endsWith('.dump')).toBe(true);
    const undo = await taizhang(['backup', 'undo', backup.id, '--yes', '--db', pg.db, '--operator', '王区']);
    expect(undo.code).toBe(0);
    const after = JSON.parse((await taizhang(['unit', 'list', '--json', '--db', pg.db])).stdout);
    expect(JSON.stringify(after)).toContain('京山街道');
  });
});

/** Every table a unit edit writes, row by row (sorted), as text. */
const TABLES = ['units', 'unit_groups', 'unit_group_members', 'unit_aliases', 'targets', 'target_history', 'tasks', 'task_units', 'figures', 'figure_history', 'progress', 'progress_history', 'plans', 'edit_history', 'users'];
const stored = (s: EngineStore) => storedRows(s, TABLES);


describe.each(ENGINES)('each unit edit is all or nothing on %s', (engine) => {
  let s: EngineStore;
  let backed: BackupRunner;
  const id = async (name: string) => Number(((await s.sql(`SELECT id FROM units WHERE name = '${name}'`)) as { id: number }[])[0].id);
  beforeAll(async () => {
    s = await openEngine(engine);
    await fill(s);
    backed = await backupRunner(s);
  }, 180_000);
  afterAll(async () => {
    await backed?.close();
    await s?.close();
  });

  it('interrupted after its last write: nothing stays, and a merge leaves no copy listed', async () => {
    const before = await stored(s);
    const district = await id('青云谱区');
    const streets = ((await s.sql(`SELECT id FROM units WHERE parent_id = ${district} AND kind <> 'department' ORDER BY sort_order`)) as { id: number }[]).map((r) => Number(r.id));
    const [group] = (await s.sql("SELECT id, aliases FROM unit_groups WHERE phrase = '各街道'")) as { id: number; aliases: string }[];
    const writes: [string, Op<unknown>][] = [
      ['units.save add', saveUnitOp('王区', { name: '新区街道', kind: 'street', fullName: null, parentId: district })],
      ['units.save rename', saveUnitOp('王区', { id: await id('洪都街道'), name: '洪都新街道', kind: 'street', fullName: null })],
      ['units.reorder', reorderUnitsOp('王区', district, [...streets].reverse())],
      ['units.setActive', setUnitActiveOp('王区', await id('京山街道'), false)],
      ['groups.save', saveGroupOp('王区', { id: group.id, ownerUnitId: district, phrase: '各街道办', aliases: JSON.parse(group.aliases), memberIds: streets.slice(0, 2) })],
      ['groups.remove', removeGroupOp('王区', group.id)],
    ];
    for (const [what, op] of writes) {
      await expect(s.store.write(interrupted(op)), what).rejects.toThrow('interrupted');
      expect(await stored(s), what).toBe(before);
    }
    const copies = async () => ((await s.core.call('backup.list', {})) as { ok: true; value: { backups: unknown[] } }).value.backups.length;
    const listed = await copies();
    const merge = mergeUnitsBacked('王区', await id('京山街道'), await id('洪都街道'), true);
    await expect(backed.run({ spec: merge.spec, op: interrupted(merge.op) })).rejects.toThrow('interrupted');
    expect(await stored(s)).toBe(before);
    expect(await copies()).toBe(listed);
  });

  it('refused half-way: a phrase reworded (the tasks\' texts written) while a member that reported through it is taken out', async () => {
    const before = await stored(s);
    const district = await id('青云谱区');
    const [group] = (await s.sql("SELECT id, aliases FROM unit_groups WHERE phrase = '各街道、镇、集聚区'")) as { id: number; aliases: string }[];
    const [reported] = (await s.sql(
      "SELECT p.unit_id FROM progress p JOIN task_units tu ON tu.task_id = p.task_id AND tu.unit_id = p.unit_id WHERE tu.via_phrase = '各街道、镇、集聚区' ORDER BY p.unit_id",
    )) as { unit_id: number }[];
    expect(reported).toBeDefined();
    const members = ((await s.sql(`SELECT unit_id FROM unit_group_members WHERE group_id = ${group.id} ORDER BY sort_order`)) as { unit_id: number }[]).map((r) => Number(r.unit_id));
    const r = await s.core.call(
      'groups.save',
      { group: { id: group.id, ownerUnitId: district, phrase: '各街道镇集聚区', aliases: JSON.parse(group.aliases), memberIds: members.filter((m) => m !== Number(reported.unit_id)) } },
      { kind: 'command', operator: '王区' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('已通过') } });
    expect(await stored(s)).toBe(before);
  });
});
