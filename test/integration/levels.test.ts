/**
 * Plans that flow between levels (issue 20), end to end with three real
 * databases, through the command line as a script would run it:
 * city (南昌市 example) → 下达 package for 青云谱区 → the district (青云谱区
 * example) receives it as 上级下达 (differences listed, kept; a second version;
 * --adopt) → the district's package to 洪都街道 → the street opens it, enters
 * figures, returns them → the district takes the return → 上报 to the city
 * (package and workbook) → the city reviews and takes it: its grid holds
 * 青云谱区's totals. Refusals (wrong unit, the issuer's own database, a changed
 * file, an older version) write nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { tempDir } from '../helpers/tempDb';
import { testStore, type Fill, type TestStore } from '../helpers/testStore';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-levels-');
});
afterAll(() => tmp?.cleanup());

/** Each level's database, as a new one is made by the CLI: no operator set ('empty' for `--empty` or an example loaded by `--example`). */
const stores: TestStore[] = [];
const newStore = async (fill: Fill) => {
  const s = await testStore(fill, { operator: null });
  stores.push(s);
  return s;
};
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const p = (...parts: string[]) => path.join(tmp.dir, ...parts);
const json = (r: { code: number; stdout: string; stderr: string }) => {
  expect(r.code, r.stderr || r.stdout).toBe(0);
  return JSON.parse(r.stdout);
};

/** API calls on a database (the window's way), on the core opened anew: it reads what the CLI wrote since. */
async function withCore<T>(s: TestStore, fn: (call: <R>(m: string, req: unknown) => Promise<R>) => Promise<T>): Promise<T> {
  const core = await s.reopen();
  return await fn(async <R,>(m: string, req: unknown) => {
    const r = await core.call(m as never, req as never, { kind: 'command', operator: '测试员' });
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as R;
  });
}

const read = <T = Record<string, unknown>>(s: TestStore, sql: string, ...args: unknown[]): Promise<T[]> => s.rows<T>(sql, ...args);

const targetOf = async (s: TestStore, unit: string, indicator: string) =>
  (
    await read<{ value: number }>(
      s,
      `SELECT t.value FROM targets t JOIN units u ON u.id = t.unit_id JOIN indicators i ON i.id = t.indicator_id WHERE u.name = ? AND i.name = ?`,
      unit,
      indicator,
    )
  )[0]?.value ?? null;

describe('city → district → street → district → city', () => {
  it('flows a plan down as 上级下达 and the totals back up, each level in its own database', async () => {
    const city = await newStore('empty');
    const district = await newStore('example');
    const street = await newStore('empty');

    // The city: the 南昌市 example, its 13 districts, counties and zones as sub-units.
    const info = json(await taizhang(['info', '--db', city.db, '--example', 'nanchang-2022', '--json']));
    expect(info.planTitles).toEqual(['2022年南昌市科技创新基础大提升工作要点']);
    expect(info.tasks).toBe(23);
    expect((await read(city, "SELECT name FROM units WHERE parent_id = (SELECT id FROM units WHERE name = '南昌市') AND kind != 'department'"))).toHaveLength(13);
    expect((await read<{ sample_targets: number }>(city, 'SELECT sample_targets FROM plans'))[0].sample_targets).toBe(1);

    // 下达: the plan package for 青云谱区.
    const issued = json(await taizhang(['exchange', 'export', '--db', city.db, '--unit', '青云谱区', '--format', 'package', '--out', p('下达'), '--json']));
    expect(issued).toMatchObject({ ok: true, kind: 'issue', format: 'package', files: [{ unit: '青云谱区' }] });
    const pkgFile = issued.files[0].file as string;
    expect(path.basename(pkgFile)).toBe('青云谱区_2022.tzpkg');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    // Other districts' targets are not in it; the tasks naming 青云谱区 through "各县区、开发区、湾里管理局" are.
    expect(new Set(pkg.units.map((u: { name: string }) => u.name))).toEqual(new Set(['南昌市', '青云谱区']));
    expect(pkg.tasks.map((t: { seq: number }) => t.seq)).toEqual([8, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 23]);

    // The district: the 青云谱区 example (its own plan, 高新技术企业 76). A preview writes nothing.
    await taizhang(['info', '--db', district.db]);
    const dry = json(await taizhang(['exchange', 'import', '--db', district.db, pkgFile, '--dry-run', '--json']));
    expect(dry.ok).toBe(true);
    const f0 = dry.files[0];
    expect(f0).toMatchObject({ kind: 'issue', unit: '青云谱区', period: '2022', refusal: null, version: 1, plan: { created: false } });
    expect(f0.conflicts).toEqual([{ indicator: '高新技术企业', period: '2022', base: null, current: 76, value: 80 }]);
    expect(f0.changes.map((c: { indicator: string }) => c.indicator)).toEqual(['市级以上专业化小巨人企业', '市级基础研发平台']);
    expect((await read(district, 'SELECT * FROM upper_issues'))).toHaveLength(0);

    // Received: linked by name to the example's indicators; its own 76 kept; two indicators and 12 tasks added.
    const got = json(await taizhang(['exchange', 'import', '--db', district.db, pkgFile, '--operator', '王芳', '--json']));
    expect(got.files[0]).toMatchObject({ kind: 'issue', version: 1, applied: 14 });
    expect(await targetOf(district, '青云谱区', '高新技术企业')).toBe(76);
    expect(await targetOf(district, '青云谱区', '市级以上专业化小巨人企业')).toBe(4);
    expect((await read(district, "SELECT id FROM action_lines WHERE title LIKE '%（南昌市下达）'"))).toHaveLength(7);
    // Receiving again: already there, exit 0, nothing new.
    const again = json(await taizhang(['exchange', 'import', '--db', district.db, pkgFile, '--operator', '王芳', '--json']));
    expect(again.files[0]).toMatchObject({ alreadyReceived: true, applied: 0 });

    // The window's view: issued beside its own, and the streets' split checked against the issued value.
    const planId = (await read<{ id: number }>(district, 'SELECT id FROM plans'))[0].id;
    const view = await withCore(district, (call) => call<import('../../shared/exchange/issue').IssuedView>('exchange.issued', { planId }));
    const row = (n: string) => view.targets.find((t) => t.name === n)!;
    expect(view).toMatchObject({ issued: true, upperUnitName: '南昌市', sampleTargets: true });
    expect(row('高新技术企业')).toMatchObject({ issued: 80, local: 76, adopted: false, split: 76, splitUnits: 7, splitDifference: -4 });
    expect(row('技术合同成交额')).toMatchObject({ issued: 7, local: 7, adopted: true, split: 7, splitDifference: 0 });
    expect(row('市级基础研发平台')).toMatchObject({ issued: 3, split: null });
    // The district cannot change an issued target in 工作目标; its own goals stay editable.
    const goalEdit = await withCore(district, async (call) => {
      const [hi] = (await read<{ id: number; baseline: number | null }>(district, "SELECT id, baseline FROM indicators WHERE name = '高新技术企业'"));
      const goal = { id: hi.id, name: '高新技术企业', measureUnit: '家', aggregation: 'sum', frequency: 'yearly', decimals: 0, decomposed: true, strive: false, comparator: '', quantity: { kind: 'point', value: 90 }, baseline: hi.baseline };
      return call('goals.save', { planId, goal }).then(() => 'saved', (e: Error) => e.message);
    });
    expect(goalEdit).toContain('“高新技术企业”的目标由南昌市下达（第1版：80），不能在本级修改');
    expect(await targetOf(district, '青云谱区', '高新技术企业')).toBe(76);
    // What was issued cannot be edited, not even by SQL.
    await expect(district.run('UPDATE upper_issue_indicators SET value = 1')).rejects.toThrow(/不能修改/);

    // Wrong places: the issuer's own database, another district's ledger, a changed file.
    const own = await taizhang(['exchange', 'import', '--db', city.db, pkgFile, '--operator', '王芳', '--json']);
    expect(own.code).toBe(1);
    expect(JSON.parse(own.stdout).files[0].refusal).toContain('下达方自己的台账');
    const east = json(await taizhang(['exchange', 'export', '--db', city.db, '--unit', '东湖区', '--format', 'package', '--out', p('下达'), '--json']));
    const wrong = await taizhang(['exchange', 'import', '--db', district.db, east.files[0].file, '--operator', '王芳']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('本台账是青云谱区的');
    const tampered = p('改过的.tzpkg');
    fs.writeFileSync(tampered, fs.readFileSync(pkgFile, 'utf8').replace('"value":80', '"value":8'));
    const changed = JSON.parse(fs.readFileSync(tampered, 'utf8'));
    changed.identity.cells[0].target = 1; // the identification itself changed: its checksum no longer matches
    fs.writeFileSync(tampered, JSON.stringify(changed));
    const bad = await taizhang(['exchange', 'import', '--db', district.db, tampered, '--operator', '王芳']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('校验不符');

    // A second version: the city raises 技术合同成交额 for 青云谱区 to 8; the district sees 7 → 8 and, with --adopt, takes it.
    await withCore(city, async (call) => {
      const cityPlan = (await read<{ id: number }>(city, 'SELECT id FROM plans'))[0].id;
      const [ind] = (await read<{ id: number }>(city, "SELECT id FROM indicators WHERE name = '技术合同成交额'"));
      const [unit] = (await read<{ id: number }>(city, "SELECT id FROM units WHERE name = '青云谱区'"));
      await call('targets.save', { planId: cityPlan, edits: [{ indicatorId: ind.id, unitId: unit.id, value: 8 }] });
    });
    const v2 = json(await taizhang(['exchange', 'export', '--db', city.db, '--unit', '青云谱区', '--format', 'package', '--out', p('下达2'), '--json']));
    const v2dry = json(await taizhang(['exchange', 'import', '--db', district.db, v2.files[0].file, '--dry-run', '--json'])).files[0];
    expect(v2dry.version).toBe(2);
    expect(v2dry.items.find((i: { indicator: string }) => i.indicator === '技术合同成交额')).toMatchObject({ previousIssued: 7, issued: 8, local: 7, kind: 'different', taken: false });
    json(await taizhang(['exchange', 'import', '--db', district.db, v2.files[0].file, '--adopt', '--operator', '王芳', '--json']));
    expect(await targetOf(district, '青云谱区', '技术合同成交额')).toBe(8);
    expect(await targetOf(district, '青云谱区', '高新技术企业')).toBe(80);
    const view2 = await withCore(district, (call) => call<import('../../shared/exchange/issue').IssuedView>('exchange.issued', { planId }));
    expect(view2.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(view2.changes).toEqual([{ name: '技术合同成交额', measureUnit: '亿元', previous: 7, current: 8 }]);
    // Version 1 again, after version 2: already received; an older export than the current one is refused.
    expect(json(await taizhang(['exchange', 'import', '--db', district.db, pkgFile, '--operator', '王芳', '--json'])).files[0].alreadyReceived).toBe(true);
    const old = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    const { checksumOf } = await import('../../electron/core/exchange/checksum');
    old.identity.exportId = 'older-export';
    old.identity.exportedAt = '2000-01-01T00:00:00.000Z';
    old.identity.checksum = checksumOf(old.identity);
    fs.writeFileSync(p('旧版.tzpkg'), JSON.stringify(old));
    const older = await taizhang(['exchange', 'import', '--db', district.db, p('旧版.tzpkg'), '--operator', '王芳']);
    expect(older.code).toBe(1);
    expect(older.stderr).toContain('是旧版本');

    // District → street: the existing package, opened as a plan in the street's own (empty) database.
    const down = json(await taizhang(['exchange', 'export', '--db', district.db, '--unit', '洪都街道', '--period', '2022-12', '--format', 'package', '--out', p('数据包'), '--json']));
    const opened = json(await taizhang(['exchange', 'import', '--db', street.db, '--empty', down.files[0].file, '--operator', '赵敏', '--json']));
    expect(opened.files[0]).toMatchObject({ kind: 'package', unit: '洪都街道' });
    const streetBack = await withCore(street, async (call) => {
      const sPlan = (await read<{ id: number }>(street, 'SELECT id FROM plans'))[0].id;
      const id = async (n: string) => (await read<{ id: number }>(street, 'SELECT id FROM indicators WHERE name = ?', n))[0].id;
      const [hd] = (await read<{ id: number }>(street, "SELECT id FROM units WHERE name = '洪都街道'"));
      await call('entry.save', {
        planId: sPlan,
        edits: [
          { indicatorId: await id('高新技术企业'), unitId: hd.id, period: '2022', value: 5 },
          { indicatorId: await id('技术合同成交额'), unitId: hd.id, period: '2022-12', value: 0.08 },
        ],
      });
      return call<{ fileName: string; base64: string }>('exchange.exportReturn', { planId: sPlan });
    });
    fs.writeFileSync(p(streetBack.fileName), Buffer.from(streetBack.base64, 'base64'));
    const back = json(await taizhang(['exchange', 'import', '--db', district.db, p(streetBack.fileName), '--operator', '王芳', '--json']));
    expect(back.files[0]).toMatchObject({ kind: 'return', unit: '洪都街道' });
    expect(back.files[0].applied).toBeGreaterThan(0);

    // The other streets' figures typed in the district, and its progress on a task the city issued.
    await withCore(district, async (call) => {
      const id = async (n: string) => (await read<{ id: number }>(district, 'SELECT id FROM indicators WHERE name = ?', n))[0].id;
      const streets = (await read<{ id: number; name: string }>(district, "SELECT id, name FROM units WHERE kind IN ('street','town','zone') AND name != '洪都街道'"));
      const [hightech, contract] = [await id('高新技术企业'), await id('技术合同成交额')];
      await call('entry.save', {
        planId,
        edits: streets.flatMap((s, i) => [
          { indicatorId: hightech, unitId: s.id, period: '2022', value: 10 + i },
          { indicatorId: contract, unitId: s.id, period: '2022-12', value: 0.1 },
        ]),
      });
      const [task] = (await read<{ id: number }>(district, "SELECT id FROM tasks WHERE content = '培育壮大科技企业群体'"));
      const [root] = (await read<{ id: number }>(district, "SELECT id FROM units WHERE name = '青云谱区'"));
      await call('progress.save', { planId, period: '2022-12', entries: [{ taskId: task.id, unitId: root.id, status: 'done', text: '新认定高新技术企业80家', reportedOn: '2022-12-20' }] });
    });
    // 5 (洪都) + 10..15 (the other six) = 80; 0.08 + 6 × 0.1 = 0.68.
    const up = json(await taizhang(['exchange', 'export', '--db', district.db, '--to-parent', '--period', '2022-12', '--out', p('上报'), '--operator', '王芳', '--json']));
    expect(up).toMatchObject({ ok: true, kind: 'toParent', period: '2022-12', format: 'package', upper: '南昌市', progress: 1 });
    expect(path.basename(up.files[0].file)).toBe('青云谱区_2022年1-12月_上报.tzpkg');

    // The city reviews it like a street's return, then takes it: its grid holds 青云谱区's totals.
    const review = json(await taizhang(['exchange', 'import', '--db', city.db, up.files[0].file, '--dry-run', '--json'])).files[0];
    expect(review).toMatchObject({ kind: 'return', unit: '青云谱区', refusal: null, conflicts: [] });
    const change = (n: string) => review.changes.find((c: { indicator: string }) => c.indicator === n);
    expect(change('高新技术企业')).toMatchObject({ kind: 'new', old: null, new: 80 });
    expect(change('技术合同成交额').new).toBeCloseTo(0.68, 6);
    const taken = json(await taizhang(['exchange', 'import', '--db', city.db, up.files[0].file, '--operator', '张强', '--json']));
    expect(taken.files[0].applied).toBeGreaterThan(0);
    const cityFigure = async (n: string, period: string) =>
      (await read<{ value: number }>(
        city,
        "SELECT f.value FROM figures f JOIN units u ON u.id = f.unit_id JOIN indicators i ON i.id = f.indicator_id WHERE u.name = '青云谱区' AND i.name = ? AND f.period = ?",
        n,
        period,
      ))[0]?.value;
    expect(await cityFigure('高新技术企业', '2022')).toBe(80);
    expect(await cityFigure('技术合同成交额', '2022-12')).toBeCloseTo(0.68, 6);
    const status = json(await taizhang(['status', '--db', city.db, '--period', '2022-12', '--json']));
    expect(status.cells.find((c: { unit: string; indicator: string }) => c.unit === '青云谱区' && c.indicator === '高新技术企业')).toMatchObject({ actual: 80, target: 80 });

    // A corrected total goes up again as a change (its base is what was sent), not a conflict; as a workbook too.
    await withCore(district, async (call) => {
      const [ind] = (await read<{ id: number }>(district, "SELECT id FROM indicators WHERE name = '高新技术企业'"));
      const [hd] = (await read<{ id: number }>(district, "SELECT id FROM units WHERE name = '洪都街道'"));
      await call('entry.save', { planId, edits: [{ indicatorId: ind.id, unitId: hd.id, period: '2022', value: 6 }] });
    });
    const up2 = json(await taizhang(['exchange', 'export', '--db', district.db, '--to-parent', '--period', '2022-12', '--format', 'xlsx', '--out', p('上报2'), '--operator', '王芳', '--json']));
    expect(path.basename(up2.files[0].file)).toBe('青云谱区_2022年1-12月_上报.xlsx');
    const review2 = json(await taizhang(['exchange', 'import', '--db', city.db, up2.files[0].file, '--dry-run', '--json'])).files[0];
    expect(review2).toMatchObject({ kind: 'workbook', refusal: null, conflicts: [] });
    expect(review2.changes.find((c: { indicator: string }) => c.indicator === '高新技术企业')).toMatchObject({ kind: 'changed', old: 80, new: 81 });
  });

  it('receives into an empty database: the unit (with its code) and the plan are created', async () => {
    const city = await newStore('empty');
    const fresh = await newStore('empty');
    json(await taizhang(['info', '--db', city.db, '--example', 'nanchang-2022', '--json']));
    const issued = json(await taizhang(['exchange', 'export', '--db', city.db, '--unit', 'all', '--format', 'package', '--out', p('全部'), '--json']));
    expect(issued.files).toHaveLength(13);
    const file = issued.files.find((f: { unit: string }) => f.unit === '进贤县').file;
    const got = json(await taizhang(['exchange', 'import', '--db', fresh.db, '--empty', file, '--operator', '李明', '--json']));
    expect(got.files[0]).toMatchObject({ kind: 'issue', plan: { created: true, title: '2022年进贤县科技创新工作要点' }, conflicts: [] });
    expect((await read(fresh, "SELECT name, kind, code, parent_id FROM units"))).toEqual([{ name: '进贤县', kind: 'district', code: '360124', parent_id: null }]);
    expect(await targetOf(fresh, '进贤县', '高新技术企业')).toBe(90);
    // The receive took a checked copy first.
    // (Through the core, on either engine: a file's copies beside it, a PostgreSQL store's pg_dump copies.)
    const copies = await withCore(fresh, (call) => call<import('../../shared/backup/types').BackupList>('backup.list', {}));
    expect(copies.backups.filter((b) => b.kind === 'operation').map((b) => b.by)).toEqual(['李明']);
    // Without an operator it writes nothing and says how.
    const none = await taizhang(['exchange', 'import', '--db', (await newStore('empty')).db, '--empty', file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--operator');
  });

  it("reads a city's own table: its districts, 全市 as the total, group phrases of that level", async () => {
    const city = await newStore('empty');
    json(await taizhang(['info', '--db', city.db, '--example', 'nanchang-2022', '--json']));
    const csv = p('南昌市分解.csv');
    fs.writeFileSync(csv, '县区,高新技术企业（家）\n全市,2000\n东湖区,150\n西湖区, 120\n青云谱区,80\n');
    const r = json(await taizhang(['import', '--db', city.db, csv, '--dry-run', '--json']));
    expect(r.kind).toBe('targets');
    expect(r.problems.filter((x: { level: string }) => x.level === 'error')).toEqual([]);
    const tasks = p('任务.txt');
    fs.writeFileSync(tasks, '1.推进创新型县（区）试点建设。〔责任单位:市科技局，各县（市、区）政府〕\n2.深入开展科技交流。〔责任单位:市科技局，相关县（市、区）〕\n');
    const t = json(await taizhang(['import', '--db', city.db, tasks, '--dry-run', '--json']));
    expect(t.problems.filter((x: { level: string }) => x.level === 'error')).toEqual([]);
    expect(t.kind).toBe('tasks');
  });

  it('refuses an unknown example by name, with the ones there are', async () => {
    const r = await taizhang(['info', '--db', (await newStore('empty')).db, '--example', 'beijing-2022']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nanchang-2022');
  });
});
