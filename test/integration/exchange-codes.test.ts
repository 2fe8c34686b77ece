/**
 * Exchange files carry the stable codes of units and indicators and are
 * matched by code first: a street renamed after its 填报表 left still returns
 * it; a sub-unit's Taizhang opening a later package after a rename finds the
 * same units (no duplicates) and keeps the indicators' codes, so its years
 * line up; a package made before codes still opens (by name); a unit merged
 * away since is refused with what to do.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seal } from '../../electron/core/exchange/checksum';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import type { OpenedPackage, ReturnReview } from '../../shared/exchange/review';
import { asFile, bytesOf, fillWorkbook, names, storeCore, type StoreCore as TestCore } from '../helpers/exchange';

let district: TestCore;
let planId: number;
let unit: Record<string, number>;
const others: TestCore[] = [];
const countUnits = async (t: TestCore) => (await t.rows<{ n: number }>('SELECT count(*) AS n FROM units'))[0].n;

beforeEach(async () => {
  district = await storeCore();
  ({ planId, unit } = await names(district));
  await district.call('operator.set', { name: '王区' });
});
afterEach(async () => {
  await district.close();
  for (const t of others.splice(0)) await t.close();
});

const exportFor = async (unitId: number, format: 'xlsx' | 'package', period = '2022-12') =>
  (await district.call<{ files: ExchangeExportFile[] }>('exchange.export', { planId, period, unitIds: [unitId], format })).files[0];

const reviewOf = async (name: string, bytes: Buffer) =>
  (await district.call<{ reviews: ReturnReview[] }>('exchange.review', { planId, files: [asFile(name, bytes)] })).reviews[0];

describe('exchange files matched by code', () => {
  it('a 填报表 of a street renamed since it left is still taken in', async () => {
    const file = await exportFor(unit['洪都街道'], 'xlsx');
    const filled = await fillWorkbook(bytesOf(file), { values: { 科技型中小企业: 9 } });
    await district.call('units.save', { unit: { id: unit['洪都街道'], name: '洪都新城街道', fullName: null, kind: 'street' } });
    const review = await reviewOf(file.fileName, filled);
    expect(review.refusal).toBeNull();
    expect(review.figures).toHaveLength(1);
  });

  it('a 填报表 of a street merged into another since is refused, naming the kept one', async () => {
    const file = await exportFor(unit['岱山街道'], 'xlsx');
    const filled = await fillWorkbook(bytesOf(file), { values: { 科技型中小企业: 4 } });
    await district.call('units.merge', { fromId: unit['岱山街道'], intoId: unit['京山街道'], confirm: true });
    expect((await reviewOf(file.fileName, filled)).refusal).toBe('“岱山街道”已并入“京山街道”，这份文件按原单位导出，不能再载入。请为“京山街道”重新导出填报表。');
  });

  it('a sub-unit’s Taizhang keeps the codes, and finds its units by code after the district renamed one', async () => {
    const first = await exportFor(unit['洪都街道'], 'package');
    const sub = await storeCore('empty');
    others.push(sub);
    await sub.call('operator.set', { name: '洪都小李' });
    const opened = await sub.call<OpenedPackage>('exchange.openPackage', asFile(first.fileName, bytesOf(first)));
    const codesThere = await sub.rows('SELECT name, code FROM units ORDER BY id');
    const codesHere = await district.rows("SELECT name, code FROM units WHERE name IN ('青云谱区', '洪都街道')");
    for (const u of codesHere) expect(codesThere).toContainEqual(u);
    const indicatorCodes = async (t: TestCore, plan: number) =>
      (await t.rows<{ name: string; code: string }>('SELECT name, code FROM indicators WHERE plan_id = ?', plan)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(await indicatorCodes(sub, opened.planId)).toEqual(await indicatorCodes(district, planId));

    await district.call('units.save', { unit: { id: unit['洪都街道'], name: '洪都新城街道', fullName: null, kind: 'street' } });
    const second = await exportFor(unit['洪都街道'], 'package', '2022-11');
    const unitsBefore = await countUnits(sub);
    const again = await sub.call<OpenedPackage>('exchange.openPackage', asFile(second.fileName, bytesOf(second)));
    expect(again.alreadyOpened).toBe(false);
    expect(await countUnits(sub)).toBe(unitsBefore);
  });

  it('a package made before codes existed still opens, matched by name', async () => {
    const file = await exportFor(unit['京山街道'], 'package');
    const pkg = JSON.parse(bytesOf(file).toString('utf8'));
    for (const u of pkg.units) delete u.code;
    for (const u of pkg.units) delete u.fullName;
    for (const i of pkg.indicators) delete i.code;
    const { checksum: _old, ...identity } = pkg.identity;
    delete identity.unit.code;
    delete identity.plan.unitCode;
    for (const c of identity.cells) delete c.indicatorCode;
    pkg.identity = seal(identity);
    const sub = await storeCore('example'); // a sub-unit's database that already holds the example (same names)
    others.push(sub);
    await sub.call('operator.set', { name: '京山小王' });
    const unitsBefore = await countUnits(sub);
    const opened = await sub.call<OpenedPackage>('exchange.openPackage', asFile('old.tzpkg', Buffer.from(JSON.stringify(pkg))));
    expect(opened).toMatchObject({ unitName: '京山街道', alreadyOpened: false });
    expect(await countUnits(sub)).toBe(unitsBefore);
  });
});
