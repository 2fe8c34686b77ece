/**
 * Returns that must be refused, each with a Chinese reason: another plan,
 * another database, a unit other than it claims, a locked period, a tampered
 * protected part (visible or hidden), and files that are no exchange file.
 * A refused file writes nothing, even when its changes are "accepted".
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import type { ReturnReview } from '../../shared/exchange/review';
import { asFile, bytesOf, coreCalls, fillWorkbook, indicatorIds, names } from '../helpers/exchange';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let tc: ReturnType<typeof coreCalls>;
let planId: number;
let unit: Record<string, number>;
let file: ExchangeExportFile;
let filled: Buffer;
let smes: number;

beforeEach(async () => {
  s = await testStore('example', { operator: null });
  tc = coreCalls(s);
  ({ planId, unit } = await names(tc));
  await tc.call('operator.set', { name: '王区' });
  [file] = (await tc.call<{ files: ExchangeExportFile[] }>('exchange.export', { planId, period: '2022-12', unitIds: [unit['洪都街道']], format: 'xlsx' })).files;
  smes = (await indicatorIds(s, planId))['科技型中小企业'];
  filled = await fillWorkbook(bytesOf(file), { values: { 科技型中小企业: 9 } });
});
afterEach(() => s.close());

async function reviewOf(bytes: Buffer, name = 'return.xlsx', onPlan = planId): Promise<ReturnReview> {
  return (await tc.call<{ reviews: ReturnReview[] }>('exchange.review', { planId: onPlan, files: [asFile(name, bytes)] })).reviews[0];
}

async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function expectNothingWritten(bytes: Buffer) {
  const message = await tc.refused('exchange.apply', { planId, files: [{ ...asFile('x.xlsx', bytes), accept: [{ key: 'whatever', seen: null }] }] });
  expect(message).toContain('不能导入');
  const history = await tc.call<unknown[]>('entry.history', { planId, indicatorId: smes, unitId: unit['洪都街道'], period: '2022Q4' });
  expect(history).toEqual([]);
}

describe('refusals', () => {
  it('accepts the untouched return (the control case)', async () => {
    const r = await reviewOf(filled);
    expect(r.refusal).toBeNull();
    expect(r.figures).toHaveLength(1);
  });

  it('refuses a return for another plan of the same database', async () => {
    await s.run("INSERT INTO plans (unit_id, title, year_start, year_end) VALUES (?, '青云谱区2023年科技创新工作要点', 2023, 2023)", unit['青云谱区']);
    const other = (await s.rows<{ id: number }>('SELECT id FROM plans WHERE year_start = 2023'))[0].id;
    const r = await reviewOf(filled, 'return.xlsx', other);
    expect(r.refusal).toContain('属于另一工作要点');
    expect(r.refusal).toContain('请先在顶部切换到');
    expect(r.figures).toEqual([]);
  });

  it('refuses a return made by another database holding the same example plan', async () => {
    const otherStore = await testStore('example', { operator: null });
    try {
      const other = coreCalls(otherStore);
      const o = await names(other);
      const r = (await other.call<{ reviews: ReturnReview[] }>('exchange.review', { planId: o.planId, files: [asFile('r.xlsx', filled)] })).reviews[0];
      expect(r.refusal).toContain('不是由本台账数据库导出的');
    } finally {
      await otherStore.close();
    }
  });

  it('refuses a workbook whose sheet names another unit than its identification', async () => {
    const swapped = await edit(filled, (wb) => {
      wb.getWorksheet('填报表')!.getCell('B3').value = '京山街道';
    });
    const r = await reviewOf(swapped);
    expect(r.refusal).toContain('表内填报单位为“京山街道”，而识别信息属于“洪都街道”');
    await expectNothingWritten(swapped);
  });

  it('refuses a return for a locked period', async () => {
    await tc.call('entry.lock', { planId, period: '2022-12' });
    const r = await reviewOf(filled);
    expect(r.refusal).toContain('已锁定');
    expect(r.refusal).toContain('解锁');
    await expectNothingWritten(filled);
  });

  it('refuses a workbook whose visible protected part was changed (a target)', async () => {
    const tampered = await edit(filled, (wb) => {
      wb.getWorksheet('填报表')!.getCell('D7').value = '4';
    });
    const r = await reviewOf(tampered);
    expect(r.refusal).toContain('受保护部分已被改动');
    expect(r.refusal).toContain('第7行');
    await expectNothingWritten(tampered);
  });

  it('refuses a workbook whose hidden identification was changed (checksum mismatch)', async () => {
    const tampered = await edit(filled, (wb) => {
      const ws = wb.getWorksheet('_taizhang')!;
      const id = JSON.parse(String(ws.getCell('A2').value));
      id.cells[0].base = 9; // pretend the district already had 9: would hide a change
      ws.getCell('A2').value = JSON.stringify(id);
    });
    const r = await reviewOf(tampered);
    expect(r.refusal).toContain('校验码不符');
    await expectNothingWritten(tampered);
  });

  it('refuses files that are no exchange file, saying what to do', async () => {
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').getCell('A1').value = '洪都街道';
    const r1 = await reviewOf(Buffer.from(await plain.xlsx.writeBuffer()), '随便.xlsx');
    expect(r1.refusal).toContain('不是台账导出的填报表');
    expect((await reviewOf(Buffer.from('hello'), 'a.tzpkg')).refusal).toContain('不是台账数据包');
    expect((await reviewOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls')).refusal).toContain('另存为 .xlsx');
  });
});
