/** `taizhang export excel …` as a user runs it, on a real store (`--db`: a SQLite file or a PostgreSQL URL, testStore.ts). */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let dir: string;
let db: string;
beforeEach(async () => {
  s = await testStore('example');
  ({ dir, db } = s);
});
afterEach(async () => {
  await s.close();
});

describe('taizhang export excel', () => {
  it('writes 附件2 to --out and says where', async () => {
    const out = path.join(dir, 'out', '附件2.xlsx');
    const { code, stdout, stderr } = await taizhang(['export', 'excel', '--sheet', 'annex2', '--out', out, '--db', db]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe('2022年有关科技创新指导性任务分解表');
    expect(ws.getCell('A4').value).toBe('青云谱区');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['附件2.xlsx']); // no temporary file left behind
  });

  it('exports one unit’s 完成情况统计表 with --unit and --period, --json for scripts', async () => {
    const out = path.join(dir, 'p.xlsx');
    const { code, stdout } = await taizhang(['export', 'excel', '--sheet', 'progress', '--unit', '洪都街道', '--period', '2022Q3', '--out', out, '--json', '--db', db]);
    expect(code).toBe(0);
    const info = JSON.parse(stdout);
    expect(info).toMatchObject({ file: out, sheet: 'progress', title: '洪都街道2022年前三季度科技创新主要指标完成情况统计表' });
    expect(info.bytes).toBe(fs.statSync(out).size);
  });

  it('answers a wrong sheet, a missing period or an unknown unit with exit status 2 and what to do', async () => {
    const out = path.join(dir, 'x.xlsx');
    const badSheet = await taizhang(['export', 'excel', '--sheet', 'annex3', '--out', out, '--db', db]);
    expect(badSheet.code).toBe(2);
    expect(badSheet.stderr).toContain('未知的报表“annex3”');
    const noPeriod = await taizhang(['export', 'excel', '--sheet', 'progress', '--out', out, '--db', db]);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toContain('--period');
    const badUnit = await taizhang(['export', 'excel', '--sheet', 'annex1', '--unit', '洪都', '--out', out, '--db', db]);
    expect(badUnit.code).toBe(2);
    expect(badUnit.stderr).toContain('是否指：洪都街道');
    const badPeriod = await taizhang(['export', 'excel', '--sheet', 'progress', '--period', '2022-13', '--out', out, '--db', db]);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.stderr).toContain('2022Q3');
    const noKind = await taizhang(['export', '--db', db]);
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toContain('taizhang export excel');
    expect(fs.existsSync(out)).toBe(false);
    // Options of export are not accepted by other commands.
    const infoSheet = await taizhang(['info', '--sheet', 'annex1', '--db', db]);
    expect(infoSheet.code).toBe(2);
  });
});
