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
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { taizhang } from '../helpers/cli';
import { tempDir } from '../helpers/tempDb';

let tmp: { dir: string; cleanup(): void };
beforeAll(() => {
  tmp = tempDir('taizhang-levels-');
});
afterAll(() => tmp?.cleanup());

const p = (...parts: string[]) => path.join(tmp.dir, ...parts);
const json = (r: { code: number; stdout: string; stderr: string }) => {
  expect(r.code, r.stderr || r.stdout).toBe(0);
  return JSON.parse(r.stdout);
};

/** One API call on a database (the window's way), closed again so the CLI can open the file. */
async function withCore<T>(db: string, fn: (call: <R>(m: string, req: unknown) => Promise<R>) => Promise<T>): Promise<T> {
  const core: Core = openCore({ dbPath: db, seedIfNew: false, dailyBackup: false });
  try {
    return await fn(async <R,>(m: string, req: unknown) => {
      const r = await core.call(m as never, req as never, { kind: 'command', operator: '测试员' });
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
      return r.value as R;
    });
  } finally {
    core.close();
  }
}

function read<T>(db: string, sql: string, ...args: unknown[]): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...args) as T[];
  } finally {
    d.close();
  }
}

const targetOf = (db: string, unit: string, indicator: string) =>
  read<{ value: number }>(
    db,
    `SELECT t.value FROM targets t JOIN units u ON u.id = t.unit_id JOIN indicators i ON i.id = t.indicator_id WHERE u.name = ? AND i.name = ?`,
    unit,
    indicator,
  )[0]?.value ?? null;

describe('city → district → street → district → city', () => {
  it('flows a plan down as 上级下达 and the totals back up, each level in its own database', async () => {
    const city = p('city.db');
    const district = p('district.db');
    const street = p('street.db');

    // The city: the 南昌市 example, its 13 districts, counties and zones as sub-units.
    const info = json(await taizhang(['info', '--db', city, '--example', 'nanchang-2022', '--json']));
    expect(info.planTitles).toEqual(['2022年南昌市科技创新基础大提升工作要点']);
    expect(info.tasks).toBe(23);
    expect(read(city, "SELECT name FROM units WHERE parent_id = (SELECT id FROM units WHERE name = '南昌市') AND kind != 'department'")).toHaveLength(13);
    expect(read<{ sample_targets: number }>(city, 'SELECT sample_targets FROM plans')[0].sample_targets).toBe(1);

    // 下达: the plan package for 青云谱区.
    const issued = json(await taizhang(['exchange', 'export', '--db', city, '--unit', '青云谱区', '--format', 'package', '--out', p('下达'), '--json']));
    expect(issued).toMatchObject({ ok: true, kind: 'issue', format: 'package', files: [{ unit: '青云谱区' }] });
    const pkgFile = issued.files[0].file as string;
    expect(path.basename(pkgFile)).toBe('青云谱区_2022.tzpkg');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    // Other districts' targets are not in it; the tasks naming 青云谱区 through "各县区、开发区、湾里管理局" are.
    expect(new Set(pkg.units.map((u: { name: string }) => u.name))).toEqual(new Set(['南昌市', '青云谱区']));
    expect(pkg.tasks.map((t: { seq: number }) => t.seq)).toEqual([8, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 23]);

    // The district: the 青云谱区 example (its own plan, 高新技术企业 76). A preview writes nothing.
    await taizhang(['info', '--db', district]);
    const dry = json(await taizhang(['exchange', 'import', '--db', district, pkgFile, '--dry-run', '--json']));
    expect(dry.ok).toBe(true);
    const f0 = dry.files[0];
    expect(f0).toMatchObject({ kind: 'issue', unit: '青云谱区', period: '2022', refusal: null, version: 1, plan: { created: false } });
    expect(f0.conflicts).toEqual([{ indicator: '高新技术企业', period: '2022', base: null, current: 76, value: 80 }]);
    expect(f0.changes.map((c: { indicator: string }) => c.indicator)).toEqual(['市级以上专业化小巨人企业', '市级基础研发平台']);
    expect(read(district, 'SELECT * FROM upper_issues')).toHaveLength(0);

    // Received: linked by name to the example's indicators; its own 76 kept; two indicators and 12 tasks added.
    const got = json(await taizhang(['exchange', 'import', '--db', district, pkgFile, '--operator', '王芳', '--json']));
    expect(got.files[0]).toMatchObject({ kind: 'issue', version: 1, applied: 14 });
    expect(targetOf(district, '青云谱区', '高新技术企业')).toBe(76);
    expect(targetOf(district, '青云谱区', '市级以上专业化小巨人企业')).toBe(4);
    expect(read(district, "SELECT id FROM action_lines WHERE title LIKE '%（南昌市下达）'")).toHaveLength(7);
    // Receiving again: already there, exit 0, nothing new.
    const again = json(await taizhang(['exchange', 'import', '--db', district, pkgFile, '--operator', '王芳', '--json']));
    expect(again.files[0]).toMatchObject({ alreadyReceived: true, applied: 0 });

    // The window's view: issued beside its own, and the streets' split checked against the issued value.
    const planId = read<{ id: number }>(district, 'SELECT id FROM plans')[0].id;
    const view = await withCore(district, (call) => call<import('../../shared/exchange/issue').IssuedView>('exchange.issued', { planId }));
    const row = (n: string) => view.targets.find((t) => t.name === n)!;
    expect(view).toMatchObject({ issued: true, upperUnitName: '南昌市', sampleTargets: true });
    expect(row('高新技术企业')).toMatchObject({ issued: 80, local: 76, adopted: false, split: 76, splitUnits: 7, splitDifference: -4 });
    expect(row('技术合同成交额')).toMatchObject({ issued: 7, local: 7, adopted: true, split: 7, splitDifference: 0 });
    expect(row('市级基础研发平台')).toMatchObject({ issued: 3, split: null });
    // The district cannot change an issued target in 工作目标; its own goals stay editable.
    const goalEdit = await withCore(district, async (call) => {
      const [hi] = read<{ id: number; baseline: number | null }>(district, "SELECT id, baseline FROM indicators WHERE name = '高新技术企业'");
      const goal = { id: hi.id, name: '高新技术企业', measureUnit: '家', aggregation: 'sum', frequency: 'yearly', decimals: 0, decomposed: true, strive: false, comparator: '', quantity: { kind: 'point', value: 90 }, baseline: hi.baseline };
      return call('goals.save', { planId, goal }).then(() => 'saved', (e: Error) => e.message);
    });
    expect(goalEdit).toContain('“高新技术企业”的目标由南昌市下达（第1版：80），不能在本级修改');
    expect(targetOf(district, '青云谱区', '高新技术企业')).toBe(76);
    // What was issued cannot be edited, not even by SQL.
    expect(() => {
      const d = new Database(district);
      try {
        d.prepare('UPDATE upper_issue_indicators SET value = 1').run();
      } finally {
        d.close();
      }
    }).toThrow(/不能修改/);

    // Wrong places: the issuer's own database, another district's ledger, a changed file.
    const own = await taizhang(['exchange', 'import', '--db', city, pkgFile, '--operator', '王芳', '--json']);
    expect(own.code).toBe(1);
    expect(JSON.parse(own.stdout).files[0].refusal).toContain('下达方自己的台账');
    const east = json(await taizhang(['exchange', 'export', '--db', city, '--unit', '东湖区', '--format', 'package', '--out', p('下达'), '--json']));
    const wrong = await taizhang(['exchange', 'import', '--db', district, east.files[0].file, '--operator', '王芳']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('本台账是青云谱区的');
    const tampered = p('改过的.tzpkg');
    fs.writeFileSync(tampered, fs.readFileSync(pkgFile, 'utf8').replace('"value":80', '"value":8'));
    const changed = JSON.parse(fs.readFileSync(tampered, 'utf8'));
    changed.identity.cells[0].target = 1; // the identification itself changed: its checksum no longer matches
    fs.writeFileSync(tampered, JSON.stringify(changed));
    const bad = await taizhang(['exchange', 'import', '--db', district, tampered, '--operator', '王芳']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('校验不符');

    // A second version: the city raises 技术合同成交额 for 青云谱区 to 8; the district sees 7 → 8 and, with --adopt, takes it.
    await withCore(city, async (call) => {
      const cityPlan = read<{ id: number }>(city, 'SELECT id FROM plans')[0].id;
      const [ind] = read<{ id: number }>(city, "SELECT id FROM indicators WHERE name = '技术合同成交额'");
      const [unit] = read<{ id: number }>(city, "SELECT id FROM units WHERE name = '青云谱区'");
      await call('targets.save', { planId: cityPlan, edits: [{ indicatorId: ind.id, unitId: unit.id, value: 8 }] });
    });
    const v2 = json(await taizhang(['exchange', 'export', '--db', city, '--unit', '青云谱区', '--format', 'package', '--out', p('下达2'), '--json']));
    const v2dry = json(await taizhang(['exchange', 'import', '--db', district, v2.files[0].file, '--dry-run', '--json'])).files[0];
    expect(v2dry.version).toBe(2);
    expect(v2dry.items.find((i: { indicator: string }) => i.indicator === '技术合同成交额')).toMatchObject({ previousIssued: 7, issued: 8, local: 7, kind: 'different', taken: false });
    json(await taizhang(['exchange', 'import', '--db', district, v2.files[0].file, '--adopt', '--operator', '王芳', '--json']));
    expect(targetOf(district, '青云谱区', '技术合同成交额')).toBe(8);
    expect(targetOf(district, '青云谱区', '高新技术企业')).toBe(80);
    const view2 = await withCore(district, (call) => call<import('../../shared/exchange/issue').IssuedView>('exchange.issued', { planId }));
    expect(view2.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(view2.changes).toEqual([{ name: '技术合同成交额', measureUnit: '亿元', previous: 7, current: 8 }]);
    // Version 1 again, after version 2: already received; an older export than the current one is refused.
    expect(json(await taizhang(['exchange', 'import', '--db', district, pkgFile, '--operator', '王芳', '--json'])).files[0].alreadyReceived).toBe(true);
    const old = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    const { checksumOf } = await import('../../electron/core/exchange/checksum');
    old.identity.exportId = 'older-export';
    old.identity.exportedAt = '2000-01-01T00:00:00.000Z';
    old.identity.checksum = checksumOf(old.identity);
    fs.writeFileSync(p('旧版.tzpkg'), JSON.stringify(old));
    const older = await taizhang(['exchange', 'import', '--db', district, p('旧版.tzpkg'), '--operator', '王芳']);
    expect(older.code).toBe(1);
    expect(older.stderr).toContain('是旧版本');

    // District → street: the existing package, opened as a plan in the street's own (empty) database.
    const down = json(await taizhang(['exchange', 'export', '--db', district, '--unit', '洪都街道', '--period', '2022-12', '--format', 'package', '--out', p('数据包'), '--json']));
    const opened = json(await taizhang(['exchange', 'import', '--db', street, '--empty', down.files[0].file, '--operator', '赵敏', '--json']));
    expect(opened.files[0]).toMatchObject({ kind: 'package', unit: '洪都街道' });
    const streetBack = await withCore(street, async (call) => {
      const sPlan = read<{ id: number }>(street, 'SELECT id FROM plans')[0].id;
      const id = (n: string) => read<{ id: number }>(street, 'SELECT id FROM indicators WHERE name = ?', n)[0].id;
      const [hd] = read<{ id: number }>(street, "SELECT id FROM units WHERE name = '洪都街道'");
      await call('entry.save', {
        planId: sPlan,
        edits: [
          { indicatorId: id('高新技术企业'), unitId: hd.id, period: '2022', value: 5 },
          { indicatorId: id('技术合同成交额'), unitId: hd.id, period: '2022-12', value: 0.08 },
        ],
      });
      return call<{ fileName: string; base64: string }>('exchange.exportReturn', { planId: sPlan });
    });
    fs.writeFileSync(p(streetBack.fileName), Buffer.from(streetBack.base64, 'base64'));
    const back = json(await taizhang(['exchange', 'import', '--db', district, p(streetBack.fileName), '--operator', '王芳', '--json']));
    expect(back.files[0]).toMatchObject({ kind: 'return', unit: '洪都街道' });
    expect(back.files[0].applied).toBeGreaterThan(0);

    // The other streets' figures typed in the district, and its progress on a task the city issued.
    await withCore(district, async (call) => {
      const id = (n: string) => read<{ id: number }>(district, 'SELECT id FROM indicators WHERE name = ?', n)[0].id;
      const streets = read<{ id: number; name: string }>(district, "SELECT id, name FROM units WHERE kind IN ('street','town','zone') AND name != '洪都街道'");
      await call('entry.save', {
        planId,
        edits: streets.flatMap((s, i) => [
          { indicatorId: id('高新技术企业'), unitId: s.id, period: '2022', value: 10 + i },
          { indicatorId: id('技术合同成交额'), unitId: s.id, period: '2022-12', value: 0.1 },
        ]),
      });
      const [task] = read<{ id: number }>(district, "SELECT id FROM tasks WHERE content = '培育壮大科技企业群体'");
      const [root] = read<{ id: number }>(district, "SELECT id FROM units WHERE name = '青云谱区'");
      await call('progress.save', { planId, period: '2022-12', entries: [{ taskId: task.id, unitId: root.id, status: 'done', text: '新认定高新技术企业80家', reportedOn: '2022-12-20' }] });
    });
    // 5 (洪都) + 10..15 (the other six) = 80; 0.08 + 6 × 0.1 = 0.68.
    const up = json(await taizhang(['exchange', 'export', '--db', district, '--to-parent', '--period', '2022-12', '--out', p('上报'), '--operator', '王芳', '--json']));
    expect(up).toMatchObject({ ok: true, kind: 'toParent', period: '2022-12', format: 'package', upper: '南昌市', progress: 1 });
    expect(path.basename(up.files[0].file)).toBe('青云谱区_2022年1-12月_上报.tzpkg');

    // The city reviews it like a street's return, then takes it: its grid holds 青云谱区's totals.
    const review = json(await taizhang(['exchange', 'import', '--db', city, up.files[0].file, '--dry-run', '--json'])).files[0];
    expect(review).toMatchObject({ kind: 'return', unit: '青云谱区', refusal: null, conflicts: [] });
    const change = (n: string) => review.changes.find((c: { indicator: string }) => c.indicator === n);
    expect(change('高新技术企业')).toMatchObject({ kind: 'new', old: null, new: 80 });
    expect(change('技术合同成交额').new).toBeCloseTo(0.68, 6);
    const taken = json(await taizhang(['exchange', 'import', '--db', city, up.files[0].file, '--operator', '张强', '--json']));
    expect(taken.files[0].applied).toBeGreaterThan(0);
    const cityFigure = (n: string, period: string) =>
      read<{ value: number }>(
        city,
        "SELECT f.value FROM figures f JOIN units u ON u.id = f.unit_id JOIN indicators i ON i.id = f.indicator_id WHERE u.name = '青云谱区' AND i.name = ? AND f.period = ?",
        n,
        period,
      )[0]?.value;
    expect(cityFigure('高新技术企业', '2022')).toBe(80);
    expect(cityFigure('技术合同成交额', '2022-12')).toBeCloseTo(0.68, 6);
    const status = json(await taizhang(['status', '--db', city, '--period', '2022-12', '--json']));
    expect(status.cells.find((c: { unit: string; indicator: string }) => c.unit === '青云谱区' && c.indicator === '高新技术企业')).toMatchObject({ actual: 80, target: 80 });

    // A corrected total goes up again as a change (its base is what was sent), not a conflict; as a workbook too.
    await withCore(district, async (call) => {
      const [ind] = read<{ id: number }>(district, "SELECT id FROM indicators WHERE name = '高新技术企业'");
      const [hd] = read<{ id: number }>(district, "SELECT id FROM units WHERE name = '洪都街道'");
      await call('entry.save', { planId, edits: [{ indicatorId: ind.id, unitId: hd.id, period: '2022', value: 6 }] });
    });
    const up2 = json(await taizhang(['exchange', 'export', '--db', district, '--to-parent', '--period', '2022-12', '--format', 'xlsx', '--out', p('上报2'), '--operator', '王芳', '--json']));
    expect(path.basename(up2.files[0].file)).toBe('青云谱区_2022年1-12月_上报.xlsx');
    const review2 = json(await taizhang(['exchange', 'import', '--db', city, up2.files[0].file, '--dry-run', '--json'])).files[0];
    expect(review2).toMatchObject({ kind: 'workbook', refusal: null, conflicts: [] });
    expect(review2.changes.find((c: { indicator: string }) => c.indicator === '高新技术企业')).toMatchObject({ kind: 'changed', old: 80, new: 81 });
  });

  it('receives into an empty database: the unit (with its code) and the plan are created', async () => {
    const city = p('city2.db');
    const fresh = p('fresh.db');
    json(await taizhang(['info', '--db', city, '--example', 'nanchang-2022', '--json']));
    const issued = json(await taizhang(['exchange', 'export', '--db', city, '--unit', 'all', '--format', 'package', '--out', p('全部'), '--json']));
    expect(issued.files).toHaveLength(13);
    const file = issued.files.find((f: { unit: string }) => f.unit === '进贤县').file;
    const got = json(await taizhang(['exchange', 'import', '--db', fresh, '--empty', file, '--operator', '李明', '--json']));
    expect(got.files[0]).toMatchObject({ kind: 'issue', plan: { created: true, title: '2022年进贤县科技创新工作要点' }, conflicts: [] });
    expect(read(fresh, "SELECT name, kind, code, parent_id FROM units")).toEqual([{ name: '进贤县', kind: 'district', code: '360124', parent_id: null }]);
    expect(targetOf(fresh, '进贤县', '高新技术企业')).toBe(90);
    // The receive took a checked copy first.
    expect(fs.readdirSync(path.join(tmp.dir, 'backups')).some((f) => f.startsWith('fresh'))).toBe(true);
    // Without an operator it writes nothing and says how.
    const none = await taizhang(['exchange', 'import', '--db', p('fresh2.db'), '--empty', file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--operator');
  });

  it("reads a city's own table: its districts, 全市 as the total, group phrases of that level", async () => {
    const city = p('city3.db');
    json(await taizhang(['info', '--db', city, '--example', 'nanchang-2022', '--json']));
    const csv = p('南昌市分解.csv');
    fs.writeFileSync(csv, '县区,高新技术企业（家）\n全市,2000\n东湖区,150\n西湖区, 120\n青云谱区,80\n');
    const r = json(await taizhang(['import', '--db', city, csv, '--dry-run', '--json']));
    expect(r.kind).toBe('targets');
    expect(r.problems.filter((x: { level: string }) => x.level === 'error')).toEqual([]);
    const tasks = p('任务.txt');
    fs.writeFileSync(tasks, '1.推进创新型县（区）试点建设。〔责任单位:市科技局，各县（市、区）政府〕\n2.深入开展科技交流。〔责任单位:市科技局，相关县（市、区）〕\n');
    const t = json(await taizhang(['import', '--db', city, tasks, '--dry-run', '--json']));
    expect(t.problems.filter((x: { level: string }) => x.level === 'error')).toEqual([]);
    expect(t.kind).toBe('tasks');
  });

  it('refuses an unknown example by name, with the ones there are', async () => {
    const r = await taizhang(['info', '--db', p('x.db'), '--example', 'beijing-2022']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nanchang-2022');
  });
});
