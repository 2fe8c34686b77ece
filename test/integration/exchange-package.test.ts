/**
 * Data packages (.tzpkg) round trip: the district exports one per sub-unit;
 * each sub-unit opens it in its own Taizhang (an empty database, or one that
 * already holds the example), enters figures and task progress, exports the
 * return; the district reviews and accepts it. Plus the package refusals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import type { ApplyResult, OpenedPackage, PackageInfo, ReturnReview } from '../../shared/exchange/review';
import {
  asFile,
  bytesOf,
  figuresByName,
  indicatorIds,
  names,
  progressByName,
  responsibleTasks,
  storeCore,
  targetsByName,
  type StoreCore as TestCore,
} from '../helpers/exchange';

/** The figure period of each indicator at the view 2022-12 (monthly, quarterly, yearly). */
const PERIOD_AT_DECEMBER: Record<string, string> = { 科技型中小企业: '2022Q4', 高新技术企业: '2022', 技术合同成交额: '2022-12' };

let district: TestCore;
let planId: number;
let unit: Record<string, number>;
let subUnits: { id: number; name: string }[];
const opened: TestCore[] = [];

beforeEach(async () => {
  district = await storeCore();
  ({ planId, unit, subUnits } = await names(district));
  await district.call('operator.set', { name: '王区' });
});
afterEach(async () => {
  await district.close();
  for (const t of opened.splice(0)) await t.close();
});

const exportPackages = async (unitIds: number[]) =>
  (await district.call<{ files: ExchangeExportFile[] }>('exchange.export', { planId, period: '2022-12', unitIds, format: 'package' })).files;

/** A sub-unit's own Taizhang: opens the package, enters figures and progress, exports the return. */
async function subUnitWorks(pkg: ExchangeExportFile, options: { seed: boolean; figures: Record<string, number>; progressText: string }) {
  const sub = await storeCore(options.seed ? 'example' : 'empty');
  opened.push(sub);
  await sub.call('operator.set', { name: `${pkg.unitName}小李` });
  const open = await sub.call<OpenedPackage>('exchange.openPackage', asFile(pkg.fileName, bytesOf(pkg)));
  expect(open).toMatchObject({ unitName: pkg.unitName, period: '2022-12', alreadyOpened: false });
  // Opening the same package again changes nothing.
  expect(await sub.call<OpenedPackage>('exchange.openPackage', asFile(pkg.fileName, bytesOf(pkg)))).toMatchObject({ planId: open.planId, alreadyOpened: true });
  expect(await sub.call<PackageInfo>('exchange.packageInfo', { planId: open.planId })).toMatchObject({ fromPackage: true, districtName: '青云谱区' });
  const dir = await sub.call<{ units: { id: number; name: string }[] }>('units.directory', {});
  const me = dir.units.find((u) => u.name === pkg.unitName)!.id;
  const ind = await indicatorIds(sub, open.planId);
  const edits = Object.entries(options.figures).map(([name, value]) => ({
    indicatorId: ind[name],
    unitId: me,
    period: PERIOD_AT_DECEMBER[name],
    value,
    confirmed: true,
  }));
  // The package carried this unit's targets (and the district's), no other unit's.
  const targets = await targetsByName(sub, open.planId);
  expect(Object.keys(targets[pkg.unitName]).sort()).toEqual(['技术合同成交额', '科技型中小企业', '高新技术企业'].sort());
  expect(Object.keys(targets).sort()).toEqual(['青云谱区', pkg.unitName].sort());
  await sub.call('entry.save', { planId: open.planId, edits });
  const [first] = await responsibleTasks(sub, open.planId, me);
  await sub.call('progress.save', {
    planId: open.planId,
    period: '2022-12',
    entries: [{ taskId: first.id, unitId: me, status: 'in_progress', text: options.progressText, reportedOn: '2022-12-20' }],
  });
  const ret = await sub.call<ExchangeExportFile>('exchange.exportReturn', { planId: open.planId });
  expect(ret.fileName).toBe(`${pkg.unitName}_2022年1-12月_回报.tzpkg`);
  return { ret, taskSeq: first.seq };
}

describe('data package round trip', () => {
  it('for every sub-unit: open in an empty Taizhang, enter, return, accept — figures and progress arrive with their source', async () => {
    const packages = await exportPackages(subUnits.map((u) => u.id));
    expect(packages).toHaveLength(7);
    const returns: { fileName: string; dataBase64: string }[] = [];
    const expected: Record<string, { figures: Record<string, number>; text: string; taskSeq: number }> = {};
    for (const [i, pkg] of packages.entries()) {
      const figures = { 科技型中小企业: 10 + i, 高新技术企业: 3 + i, 技术合同成交额: Math.round((0.1 + i * 0.35) * 10000) / 10000 };
      const text = `${pkg.unitName}：完成企业走访${5 + i}家，组织申报培训1场`;
      // Every other unit already runs Taizhang with the example loaded: the units are reused, not doubled.
      const { ret, taskSeq } = await subUnitWorks(pkg, { seed: i % 2 === 1, figures, progressText: text });
      expected[pkg.unitName] = { figures, text, taskSeq };
      returns.push(asFile(ret.fileName, bytesOf(ret)));
    }
    const { reviews } = await district.call<{ reviews: ReturnReview[] }>('exchange.review', { planId, files: returns });
    for (const r of reviews) {
      expect(r.refusal, r.fileName).toBeNull();
      expect(r.kind).toBe('return');
      expect(r.returnedBy).toBe(`${r.unitName}小李`);
      expect(r.figures.map((c) => [c.indicatorName, c.value, c.kind, c.conflict])).toEqual(
        Object.entries(expected[r.unitName!].figures).map(([n, v]) => [n, v, 'new', false]),
      );
      expect(r.progress.map((p) => [p.taskSeq, p.value])).toEqual([[expected[r.unitName!].taskSeq, { status: 'in_progress', text: expected[r.unitName!].text }]]);
    }
    const result = await district.call<ApplyResult>('exchange.apply', {
      planId,
      files: returns.map((f, i) => ({ ...f, accept: [...reviews[i].figures, ...reviews[i].progress].map((c) => ({ key: c.key, seen: c.current })) })),
    });
    expect(result).toMatchObject({ figures: 21, progress: 7, by: '王区' });
    expect(await figuresByName(district, planId, ['2022-12', '2022Q4', '2022'])).toEqual(
      Object.fromEntries(Object.entries(expected).map(([name, e]) => [name, e.figures])),
    );
    const progress = await progressByName(district, planId, '2022-12');
    for (const [name, e] of Object.entries(expected)) {
      expect(progress[`${name}|${e.taskSeq}`]).toEqual({ status: 'in_progress', text: e.text, by: '王区' });
    }
    const ind = (await indicatorIds(district, planId))['高新技术企业'];
    const history = await district.call<{ source: string }[]>('entry.history', { planId, indicatorId: ind, unitId: unit['岱山街道'], period: '2022' });
    expect(history.map((h) => h.source)).toEqual(['岱山街道_2022年1-12月_回报.tzpkg']);
  });

  it('carries the district’s current value as base: the sub-unit sees it, and a later district change is a conflict', async () => {
    const u = unit['青云谱镇'];
    const contract = (await indicatorIds(district, planId))['技术合同成交额'];
    await district.call('entry.save', { planId, edits: [{ indicatorId: contract, unitId: u, period: '2022-12', value: 0.05 }] });
    const [pkg] = await exportPackages([u]);
    const { ret } = await subUnitWorks(pkg, { seed: false, figures: { 技术合同成交额: 0.08 }, progressText: '推进中' });
    await district.call('entry.save', { planId, edits: [{ indicatorId: contract, unitId: u, period: '2022-12', value: 0.06 }] });
    const [r] = (await district.call<{ reviews: ReturnReview[] }>('exchange.review', { planId, files: [asFile(ret.fileName, bytesOf(ret))] })).reviews;
    expect(r.figures).toEqual([expect.objectContaining({ indicatorName: '技术合同成交额', base: 0.05, current: 0.06, value: 0.08, conflict: true })]);
  });
});

describe('package refusals', () => {
  const edit = (f: ExchangeExportFile, change: (pkg: Record<string, any>) => void) => {
    const pkg = JSON.parse(bytesOf(f).toString('utf8'));
    change(pkg);
    return asFile(f.fileName, Buffer.from(JSON.stringify(pkg)));
  };
  const reviewOne = async (file: { fileName: string; dataBase64: string }) =>
    (await district.call<{ reviews: ReturnReview[] }>('exchange.review', { planId, files: [file] })).reviews[0];

  it('refuses the outgoing package as a return, a tampered return, and a return with another unit’s figures', async () => {
    const [pkg] = await exportPackages([unit['岱山街道']]);
    expect((await reviewOne(asFile(pkg.fileName, bytesOf(pkg)))).refusal).toContain('还没有填报数据，不是回报');
    const { ret } = await subUnitWorks(pkg, { seed: false, figures: { 科技型中小企业: 9 }, progressText: '推进中' });
    expect((await reviewOne(asFile(ret.fileName, bytesOf(ret)))).refusal).toBeNull();
    const tampered = edit(ret, (p) => {
      p.identity.cells[0].target = 1;
    });
    expect((await reviewOne(tampered)).refusal).toContain('校验码不符');
    const otherUnit = edit(ret, (p) => {
      p.returned.figures[0].unitId = unit['洪都街道'];
    });
    expect((await reviewOne(otherUnit)).refusal).toContain('不是岱山街道的回报');
    // A return cannot be opened as a plan by the sub-unit side either.
    expect(await district.refused('exchange.openPackage', asFile(ret.fileName, bytesOf(ret)))).toContain('不能作为工作要点打开');
  });
});
