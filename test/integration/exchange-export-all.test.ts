/**
 * 导出全部 (issue 16): every sub-unit's fill-in workbook and data package in one step — one
 * .zip named by plan and period (the browser), or one new folder (the desktop's folder chosen
 * once, never overwriting what is there) — with progress events, read back with JSZip and exceljs.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/api/methods/summary';
import type { ExchangeExportFolder, ExchangeExportZip } from '../../shared/api/methods/exchange';
import { names, storeCore, type StoreCore } from '../helpers/exchange';

let tc: StoreCore;
/** The folder the person chose (the store's own temp folder). */
let tmp: { dir: string };
let planId: number;
let subUnits: { id: number; name: string }[];

beforeAll(async () => {
  tc = await storeCore();
  tmp = { dir: tc.dir };
  const n = await names(tc);
  planId = n.planId;
  subUnits = n.subUnits;
});
afterAll(async () => {
  await tc?.close();
});

async function unitOfWorkbook(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return String(wb.getWorksheet('填报表')!.getCell('B3').value);
}

describe('导出全部', () => {
  it('puts every unit’s workbook and package into one .zip named by plan and period, reporting progress file by file', async () => {
    const events: JobProgress[] = [];
    const off = tc.core.on('job.progress', (p) => events.push(p));
    const zip = await tc.call<ExchangeExportZip>('exchange.exportZip', {
      planId,
      period: '2022-09',
      unitIds: subUnits.map((u) => u.id),
      formats: ['xlsx', 'package'],
      jobId: 'zip-1',
    });
    off();
    expect(zip.fileName).toBe('2022年青云谱区科技创新基础大提升工作要点_2022年1-9月_填报表和数据包.zip');
    expect(zip.mimeType).toBe('application/zip');
    expect(zip.files).toHaveLength(subUnits.length * 2);
    const archive = await JSZip.loadAsync(Buffer.from(zip.base64, 'base64'));
    const names = Object.keys(archive.files).sort();
    expect(names).toEqual(zip.files.map((f) => f.fileName).sort());
    for (const u of subUnits) {
      const xlsx = await archive.file(`${u.name}_2022年1-9月_填报表.xlsx`)!.async('nodebuffer');
      expect(await unitOfWorkbook(xlsx)).toBe(u.name);
      const pkg = JSON.parse(await archive.file(`${u.name}_2022年1-9月_数据包.tzpkg`)!.async('string'));
      expect(pkg.identity.unit.name).toBe(u.name);
    }
    // The listed sizes are the files' own.
    const first = zip.files[0];
    expect((await archive.file(first.fileName)!.async('nodebuffer')).byteLength).toBe(first.byteLength);
    // One event per file made, then the last with done === total.
    const mine = events.filter((e) => e.jobId === 'zip-1');
    expect(mine.every((e) => e.kind === 'exchange.export' && e.total === subUnits.length * 2)).toBe(true);
    expect(mine.map((e) => e.done)).toEqual([...Array(subUnits.length * 2 + 1).keys()]);
    expect(mine[0].stage).toBe(`正在生成 ${subUnits[0].name}_2022年1-9月_填报表.xlsx`);
    expect(mine.at(-1)!.stage).toBe('已完成');
  }, 60_000);

  it('writes the set into a new folder inside the one chosen, and a second export beside it, never over it', async () => {
    const request = { planId, period: '2022-12', unitIds: subUnits.slice(0, 3).map((u) => u.id), formats: ['xlsx'], dir: tmp.dir };
    const a = await tc.call<ExchangeExportFolder>('exchange.exportToFolder', request);
    const b = await tc.call<ExchangeExportFolder>('exchange.exportToFolder', request);
    expect(a.folder).toBe(path.join(tmp.dir, '2022年青云谱区科技创新基础大提升工作要点_2022年1-12月_填报表'));
    expect(b.folder).toBe(`${a.folder}（2）`);
    for (const out of [a, b]) {
      expect(fs.readdirSync(out.folder!).sort()).toEqual(out.files.map((f) => f.fileName).sort());
      for (const f of out.files) expect(await unitOfWorkbook(fs.readFileSync(path.join(out.folder!, f.fileName)))).toBe(f.unitName);
    }
    // No staging folder is left behind.
    expect(fs.readdirSync(tmp.dir).filter((n) => n.startsWith('.taizhang-export-'))).toEqual([]);
  }, 60_000);

  it('refuses a browser session (it downloads the .zip), a folder that is not there, and an unknown unit before writing anything', async () => {
    const request = { planId, period: '2022-12', unitIds: [subUnits[0].id], formats: ['xlsx'], dir: tmp.dir };
    const before = fs.readdirSync(tmp.dir).length;
    const session = await tc.core.call('exchange.exportToFolder', request, { kind: 'session', slot: { name: '王芳' } });
    expect(session.ok).toBe(false);
    if (!session.ok) expect(session.error.message).toContain('浏览器版不能直接写入本机文件夹');
    expect(await tc.refused('exchange.exportToFolder', { ...request, dir: path.join(tmp.dir, '没有这个文件夹') })).toContain('找不到文件夹');
    expect(await tc.refused('exchange.exportToFolder', { ...request, unitIds: [subUnits[0].id, 99999] })).toMatch(/单位/);
    expect(await tc.refused('exchange.exportZip', { planId, period: '2022-12', unitIds: [subUnits[0].id], formats: [] })).toContain('请至少选择填报表或数据包');
    expect(fs.readdirSync(tmp.dir).length).toBe(before);
  });
});
