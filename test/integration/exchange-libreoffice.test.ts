/**
 * A filled-in workbook opened and re-saved by LibreOffice (apt:
 * libreoffice-calc) still imports: the veryHidden identification, the
 * protected part and the typed values survive a foreign save.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import type { ReturnReview } from '../../shared/exchange/review';
import { asFile, bytesOf, figuresByName, fillWorkbook, names, storeCore, type StoreCore } from '../helpers/exchange';

const SOFFICE = '/usr/bin/soffice';
let tc: StoreCore;
let tmp: { dir: string };

beforeAll(async () => {
  if (!fs.existsSync(SOFFICE)) throw new Error(`LibreOffice not found at ${SOFFICE}: apt-get install -y libreoffice-calc`);
  tc = await storeCore();
  tmp = { dir: tc.dir };
});
afterAll(async () => {
  await tc?.close();
});

/** LibreOffice opens the file and saves it again as .xlsx (its own writer), with a throwaway profile. */
function resaveWithLibreOffice(file: string): Buffer {
  const out = path.join(tmp.dir, 'out');
  fs.mkdirSync(out, { recursive: true });
  execFileSync(SOFFICE, ['--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', out, file], {
    env: { ...process.env, HOME: path.join(tmp.dir, 'home') },
    timeout: 120_000,
    stdio: 'pipe',
  });
  return fs.readFileSync(path.join(out, path.basename(file)));
}

describe('LibreOffice round trip', () => {
  it('imports a workbook filled in and re-saved by LibreOffice', async () => {
    const { planId, unit } = await names(tc);
    await tc.call('operator.set', { name: '王区' });
    const [file] = (
      await tc.call<{ files: ExchangeExportFile[] }>('exchange.export', { planId, period: '2022-12', unitIds: [unit['徐家坊街道']], format: 'xlsx' })
    ).files;
    const filled = await fillWorkbook(bytesOf(file), {
      values: { 科技型中小企业: 40, 高新技术企业: '18', 技术合同成交额: '3.2' },
      progress: [{ row: 4, status: '已完成', text: '已完成年度走访' }],
    });
    const source = path.join(tmp.dir, '徐家坊街道回报.xlsx');
    fs.writeFileSync(source, filled);
    const resaved = resaveWithLibreOffice(source);
    // It really is LibreOffice's file now, not ours.
    const app = await (await JSZip.loadAsync(resaved)).file('docProps/app.xml')?.async('string');
    expect(app).toContain('LibreOffice');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(resaved as unknown as ArrayBuffer);
    // LibreOffice keeps the identification sheet but writes it as "hidden" (it has no veryHidden); the checksum still guards it.
    expect(['hidden', 'veryHidden']).toContain(wb.getWorksheet('_taizhang')?.state);

    const [r] = (await tc.call<{ reviews: ReturnReview[] }>('exchange.review', { planId, files: [asFile('徐家坊街道回报.xlsx', resaved)] })).reviews;
    expect(r.refusal).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.figures.map((c) => [c.indicatorName, c.value])).toEqual([
      ['科技型中小企业', 40],
      ['高新技术企业', 18],
      ['技术合同成交额', 3.2],
    ]);
    expect(r.progress.map((p) => p.value)).toEqual([{ status: 'done', text: '已完成年度走访' }]);
    await tc.call('exchange.apply', {
      planId,
      files: [{ ...asFile('徐家坊街道回报.xlsx', resaved), accept: [...r.figures, ...r.progress].map((c) => ({ key: c.key, seen: c.current })) }],
    });
    expect(await figuresByName(tc, planId, ['2022-12', '2022Q4', '2022'])).toEqual({
      徐家坊街道: { 科技型中小企业: 40, 高新技术企业: 18, 技术合同成交额: 3.2 },
    });
  }, 180_000);
});
