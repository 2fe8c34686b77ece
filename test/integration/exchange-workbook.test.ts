/**
 * Fill-in workbooks (填报表) round trip on a real database: for every
 * sub-unit of 青云谱区, export, type values as a person would (numbers, and
 * text such as "3.2"), read back, accept, and check the database and the
 * history's source. Plus what the file itself holds: protection, validation,
 * the hidden identification.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import type { ApplyResult, ReturnReview } from '../../shared/exchange/review';
import { asFile, bytesOf, figuresByName, fillWorkbook, indicatorIds, names, storeCore, targetsByName, type StoreCore } from '../helpers/exchange';

let tc: StoreCore;
let planId: number;
let unit: Record<string, number>;
let subUnits: { id: number; name: string }[];
let ind: Record<string, number>;
let targets: Record<string, Record<string, number>>;

beforeEach(async () => {
  tc = await storeCore();
  ({ planId, unit, subUnits } = await names(tc));
  await tc.call('operator.set', { name: '王区' });
  ind = await indicatorIds(tc, planId);
  targets = await targetsByName(tc, planId);
});
afterEach(() => tc.close());

const exportXlsx = async (unitIds: number[], period = '2022-12') =>
  (await tc.call<{ files: ExchangeExportFile[] }>('exchange.export', { planId, period, unitIds, format: 'xlsx' })).files;
const review = async (files: { fileName: string; dataBase64: string }[]) =>
  (await tc.call<{ reviews: ReturnReview[] }>('exchange.review', { planId, files })).reviews;
const acceptAll = (r: ReturnReview) => [
  ...r.figures.map((c) => ({ key: c.key, seen: c.current })),
  ...r.progress.map((c) => ({ key: c.key, seen: c.current })),
];

describe('the fill-in workbook as written', () => {
  it('holds only the unit’s targets, protects the rest, validates the open cells and hides the identification', async () => {
    const [file] = await exportXlsx([unit['洪都街道']]);
    expect(file.fileName).toBe('洪都街道_2022年1-12月_填报表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytesOf(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报表')!;
    expect(String(ws.getCell('A4').value)).toContain('填报说明');
    expect(ws.getCell('B3').value).toBe('洪都街道');
    // The three indicators split among sub-units, with 洪都街道's own targets (附件2: 8, 4, 0.05).
    const rows = [7, 8, 9].map((r) => [ws.getCell(`B${r}`).value, ws.getCell(`D${r}`).value]);
    expect(rows).toEqual([
      ['科技型中小企业', String(targets['洪都街道']['科技型中小企业'])],
      ['高新技术企业', String(targets['洪都街道']['高新技术企业'])],
      ['技术合同成交额', String(targets['洪都街道']['技术合同成交额'])],
    ]);
    expect(targets['洪都街道']['技术合同成交额']).toBe(0.05);
    expect(ws.getCell('B10').value).toBeNull();
    // Input cells unlocked, validated; labels locked; sheet protected.
    expect(ws.getCell('F9').protection?.locked).toBe(false);
    expect(ws.getCell('D9').protection?.locked).not.toBe(false);
    expect(ws.getCell('F7').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
    expect(ws.getCell('F9').dataValidation).toMatchObject({ type: 'decimal', errorTitle: '数值不正确' });
    expect(String(ws.getCell('F9').dataValidation.prompt)).toContain('最多4位小数');
    const xml = await (await import('jszip')).default.loadAsync(bytesOf(file));
    const sheet1 = await xml.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet1).toMatch(/<sheetProtection [^>]*sheet="1"/);
    const book = await xml.file('xl/workbook.xml')!.async('string');
    expect(book).toMatch(/name="_taizhang"[^>]*state="veryHidden"|state="veryHidden"[^>]*name="_taizhang"/);
    // 任务进展: the tasks 洪都街道 is responsible for, with a status list.
    const ps = wb.getWorksheet('任务进展')!;
    expect(ps.getCell('D4').dataValidation).toMatchObject({ type: 'list' });
    expect(ps.getCell('D4').protection?.locked).toBe(false);
  });

  it('refuses an export for a department or a locked period', async () => {
    expect(await tc.refused('exchange.export', { planId, period: '2022-12', unitIds: [unit['区科工局']], format: 'xlsx' })).toContain('不是青云谱区的下级单位');
    await tc.call('entry.lock', { planId, period: '2022-12' });
    expect(await tc.refused('exchange.export', { planId, period: '2022-12', unitIds: [unit['洪都街道']], format: 'xlsx' })).toContain('已锁定');
  });
});

describe('round trip for every sub-unit of 青云谱区', () => {
  it('exports one workbook per unit, takes the typed values back, and records the file as source', async () => {
    expect(subUnits.map((u) => u.name)).toEqual(['三家店街道', '洪都街道', '徐家坊街道', '京山街道', '岱山街道', '青云谱镇', '新经济产业集聚区']);
    const files = await exportXlsx(subUnits.map((u) => u.id));
    expect(files.map((f) => f.unitName)).toEqual(subUnits.map((u) => u.name));

    // Each unit types: 科技型中小企业 as a number, 高新技术企业 as text, 技术合同成交额 as text ("3.2" style).
    const expected: Record<string, Record<string, number>> = {};
    const returned = [];
    for (const [i, f] of files.entries()) {
      const t = targets[f.unitName];
      const smes = t['科技型中小企业'] + 1;
      const hightech = Math.max(0, t['高新技术企业'] - 1);
      const contract = Math.round(t['技术合同成交额'] * 1.07 * 10000) / 10000;
      const contractText = f.unitName === '三家店街道' ? '3.2' : String(contract);
      expected[f.unitName] = { 科技型中小企业: smes, 高新技术企业: hightech, 技术合同成交额: Number(contractText) };
      const filled = await fillWorkbook(bytesOf(f), {
        values: { 科技型中小企业: smes, 高新技术企业: String(hightech), 技术合同成交额: i === 3 ? ` ${contractText} ` : contractText },
        progress: [{ row: 4, status: '推进中', text: `${f.unitName}已走访企业${i + 3}家` }],
      });
      returned.push(asFile(f.fileName, filled));
    }
    const reviews = await review(returned);
    for (const r of reviews) {
      expect(r.refusal, r.fileName).toBeNull();
      expect(r.kind).toBe('workbook');
      expect(r.period).toBe('2022-12');
      expect(r.problems).toEqual([]);
      expect(r.figures.map((c) => [c.indicatorName, c.kind, c.conflict, c.value])).toEqual(
        ['科技型中小企业', '高新技术企业', '技术合同成交额'].map((n) => [n, 'new', false, expected[r.unitName!][n]]),
      );
      expect(r.progress).toHaveLength(1);
    }
    const result = await tc.call<ApplyResult>('exchange.apply', {
      planId,
      files: returned.map((f, i) => ({ ...f, accept: acceptAll(reviews[i]) })),
    });
    expect(result.figures).toBe(7 * 3);
    expect(result.progress).toBe(7);

    // Read back from the database: exactly what each unit typed, nothing for anyone else.
    expect(await figuresByName(tc, planId, ['2022-12', '2022Q4', '2022'])).toEqual(expected);

    // A checked copy was taken first: 撤销本次载入 takes all 21 figures out again, and that undo is undoable too.
    expect(result.backup?.id).toBeTruthy();
    const listed = await tc.call<{ backups: { id: string; reason: string; operation: string }[] }>('backup.list', {});
    expect(listed.backups.find((b) => b.id === result.backup!.id)).toMatchObject({ operation: 'exchange.apply', reason: '载入回报 7 个文件' });
    const undone = await tc.call<{ done: boolean; before: { id: string } }>('backup.undo', { id: result.backup!.id });
    expect(undone.done).toBe(true);
    expect(await figuresByName(tc, planId, ['2022-12', '2022Q4', '2022'])).toEqual({});
    await tc.call('backup.undo', { id: undone.before.id });
    expect(await figuresByName(tc, planId, ['2022-12', '2022Q4', '2022'])).toEqual(expected);
    const history = await tc.call<{ source: string | null; changedBy: string; newValue: number }[]>('entry.history', {
      planId,
      indicatorId: ind['技术合同成交额'],
      unitId: unit['三家店街道'],
      period: '2022-12',
    });
    expect(history).toEqual([expect.objectContaining({ source: '三家店街道_2022年1-12月_填报表.xlsx', changedBy: '王区', newValue: 3.2 })]);
    // Read again: everything is already in, so nothing changes.
    const again = await review(returned);
    expect(again.every((r) => r.figures.length === 0 && r.progress.length === 0 && r.unchanged === 4)).toBe(true);
  }, 60_000); // seven workbooks written, read and applied, then undone and redone: slow on a busy machine
});

describe('changes and conflicts', () => {
  it('shows old → new, marks a cell the district changed since export as a conflict, and never overwrites it silently', async () => {
    const u = unit['洪都街道'];
    await tc.call('entry.save', {
      planId,
      edits: [
        { indicatorId: ind['科技型中小企业'], unitId: u, period: '2022Q4', value: 5 },
        { indicatorId: ind['技术合同成交额'], unitId: u, period: '2022-12', value: 0.03 },
      ],
    });
    const [file] = await exportXlsx([u]);
    // After export the district corrects 技术合同成交额 itself.
    await tc.call('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: u, period: '2022-12', value: 0.04 }] });
    const filled = await fillWorkbook(bytesOf(file), {
      values: { 科技型中小企业: 9, 技术合同成交额: '0.06', 高新技术企业: '-1' },
    });
    const [r] = await review([asFile('洪都.xlsx', filled)]);
    expect(r.refusal).toBeNull();
    const byName = Object.fromEntries(r.figures.map((c) => [c.indicatorName, c]));
    expect(byName['科技型中小企业']).toMatchObject({ kind: 'changed', base: 5, current: 5, value: 9, conflict: false });
    expect(byName['技术合同成交额']).toMatchObject({ kind: 'changed', base: 0.03, current: 0.04, value: 0.06, conflict: true });
    // A negative number is a problem with its place, not a change.
    expect(byName['高新技术企业']).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ level: 'error', where: '工作表“填报表” 第8行 F列' })]);
    expect(r.problems[0].message).toContain('不能为负数');

    // Accept only the clean cell: the conflict keeps the district's value.
    const clean = r.figures.filter((c) => !c.conflict).map((c) => ({ key: c.key, seen: c.current }));
    await tc.call('exchange.apply', { planId, files: [{ ...asFile('洪都.xlsx', filled), accept: clean }] });
    const now = async () => (await figuresByName(tc, planId, ['2022-12', '2022Q4']))['洪都街道'];
    expect(await now()).toEqual({ 科技型中小企业: 9, 技术合同成交额: 0.04 });

    // A stale choice (the value changed again after review) is refused, nothing written.
    const conflict = byName['技术合同成交额'];
    await tc.call('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: u, period: '2022-12', value: 0.045 }] });
    const stale = await tc.refused('exchange.apply', {
      planId,
      files: [{ ...asFile('洪都.xlsx', filled), accept: [{ key: conflict.key, seen: conflict.current }] }],
    });
    expect(stale).toContain('已变化');
    expect((await now())['技术合同成交额']).toBe(0.045);

    // Accepting the conflict explicitly, with the value now seen, takes the file's value.
    await tc.call('exchange.apply', { planId, files: [{ ...asFile('洪都.xlsx', filled), accept: [{ key: conflict.key, seen: 0.045 }] }] });
    expect((await now())['技术合同成交额']).toBe(0.06);
  });

  it('blocks a cumulative drop without a note and takes it with one', async () => {
    const u = unit['京山街道'];
    await tc.call('entry.save', { planId, edits: [{ indicatorId: ind['技术合同成交额'], unitId: u, period: '2022-11', value: 0.4 }] });
    const [file] = await exportXlsx([u]);
    const without = await fillWorkbook(bytesOf(file), { values: { 技术合同成交额: '0.3' } });
    const [r1] = await review([asFile('京山.xlsx', without)]);
    expect(r1.figures[0].blocked).toContain('请填写说明');
    expect(await tc.refused('exchange.apply', { planId, files: [{ ...asFile('京山.xlsx', without), accept: [{ key: r1.figures[0].key, seen: null }] }] })).toContain(
      '请填写说明',
    );
    const withNote = await fillWorkbook(bytesOf(file), { values: { 技术合同成交额: '0.3' }, notes: { 技术合同成交额: '一项合同撤销登记' } });
    const [r2] = await review([asFile('京山.xlsx', withNote)]);
    expect(r2.figures[0].blocked).toBeNull();
    await tc.call('exchange.apply', { planId, files: [{ ...asFile('京山.xlsx', withNote), accept: [{ key: r2.figures[0].key, seen: null }] }] });
    const history = await tc.call<{ note: string | null; source: string | null }[]>('entry.history', {
      planId,
      indicatorId: ind['技术合同成交额'],
      unitId: u,
      period: '2022-12',
    });
    expect(history).toEqual([expect.objectContaining({ note: '一项合同撤销登记', source: '京山.xlsx' })]);
  });
});
