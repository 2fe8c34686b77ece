/**
 * `taizhang exchange` as a user runs it (child processes of bin/taizhang.mjs):
 * export one workbook per sub-unit, fill two in, import them with --dry-run
 * (nothing written) and for real (JSON per file: unit, period, changes,
 * conflicts, problems); a refused file writes nothing and exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { figuresByName, fillWorkbook } from '../helpers/exchange';
import { testStore, type TestStore } from '../helpers/testStore';

/** The district's store and another one holding the same example plan, as the app makes them (no operator set). */
let district: TestStore;
let otherStore: TestStore;
let tmp: { dir: string };
beforeAll(async () => {
  district = await testStore('example', { operator: null });
  otherStore = await testStore('example', { operator: null });
  tmp = { dir: district.dir };
});
afterAll(async () => {
  await district?.close();
  await otherStore?.close();
});
const planOf = async (s: TestStore) => (await s.rows<{ id: number }>('SELECT id FROM plans'))[0].id;

describe('taizhang exchange', () => {
  it('exports per unit, imports returns (dry run first), reports refusals with exit 1', async () => {
    const db = district.db;
    const planId = await planOf(district);
    const out = path.join(tmp.dir, 'out');
    const exported = await taizhang(['exchange', 'export', '--db', db, '--unit', 'all', '--period', '2022-12', '--format', 'xlsx', '--out', out, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    const listing = JSON.parse(exported.stdout);
    expect(listing.files.map((f: { unit: string }) => f.unit)).toHaveLength(7);
    expect(fs.readdirSync(out).sort()).toEqual(listing.files.map((f: { file: string }) => path.basename(f.file)).sort());

    const pkgs = await taizhang(['exchange', 'export', '--db', db, '--unit', '洪都街道', '--unit', '京山街道', '--period', '2022-12', '--format', 'package', '--out', out]);
    expect(pkgs.code, pkgs.stderr).toBe(0);
    expect(fs.existsSync(path.join(out, '京山街道_2022年1-12月_数据包.tzpkg'))).toBe(true);
    const wrongUnit = await taizhang(['exchange', 'export', '--db', db, '--unit', '洪都街', '--period', '2022-12', '--out', out]);
    expect(wrongUnit.code).toBe(2);
    expect(wrongUnit.stderr).toContain('是否指：洪都街道');

    await taizhang(['info', '--db', db]);
    const hongdu = path.join(tmp.dir, '洪都回报.xlsx');
    const jingshan = path.join(tmp.dir, '京山回报.xlsx');
    fs.writeFileSync(hongdu, await fillWorkbook(fs.readFileSync(path.join(out, '洪都街道_2022年1-12月_填报表.xlsx')), { values: { 科技型中小企业: 9, 技术合同成交额: '0.06' } }));
    fs.writeFileSync(jingshan, await fillWorkbook(fs.readFileSync(path.join(out, '京山街道_2022年1-12月_填报表.xlsx')), { values: { 高新技术企业: '7' } }));

    // Writing needs an operator name.
    const noOperator = await taizhang(['exchange', 'import', '--db', db, hongdu, jingshan]);
    expect(noOperator.code).toBe(2);
    expect(noOperator.stderr).toContain('--operator');

    const dry = await taizhang(['exchange', 'import', '--db', db, hongdu, jingshan, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report.files.map((f: { unit: string; period: string; changes: unknown[]; conflicts: unknown[]; problems: unknown[] }) => [f.unit, f.period, f.changes.length, f.conflicts, f.problems])).toEqual([
      ['洪都街道', '2022-12', 2, [], []],
      ['京山街道', '2022-12', 1, [], []],
    ]);
    expect(report.files[0].changes[1]).toMatchObject({ indicator: '技术合同成交额', old: null, new: 0.06, kind: 'new' });
    expect(await figuresByName(district, planId, ['2022-12', '2022Q4', '2022'])).toEqual({});

    const real = await taizhang(['exchange', 'import', '--db', db, hongdu, jingshan, '--operator', '王区', '--json']);
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout).files.map((f: { applied: number }) => f.applied)).toEqual([2, 1]);
    expect(await figuresByName(district, planId, ['2022-12', '2022Q4', '2022'])).toEqual({
      洪都街道: { 科技型中小企业: 9, 技术合同成交额: 0.06 },
      京山街道: { 高新技术企业: 7 },
    });

    // A refused file (tampered) stops everything: exit 1, nothing written, the reason printed.
    const bad = path.join(tmp.dir, '坏.xlsx');
    const wb = fs.readFileSync(path.join(out, '岱山街道_2022年1-12月_填报表.xlsx'));
    fs.writeFileSync(bad, await fillWorkbook(wb, { values: { 科技型中小企业: 99 } }));
    const other = otherStore.db;
    const refused = await taizhang(['exchange', 'import', '--db', other, bad, '--operator', '王区']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('不是由本台账数据库导出的');
    expect(refused.stderr).toContain('未写入任何数据');
    expect(await figuresByName(otherStore, await planOf(otherStore), ['2022-12', '2022Q4', '2022'])).toEqual({});
  }, 180_000);
});
