/**
 * `taizhang export pdf --summary …` as a user runs it: a child process of
 * bin/taizhang.mjs on a real database; the PDF is read back with poppler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { tempDir } from '../helpers/tempDb';
import { taizhang } from '../helpers/cli';
import { writeSampleYear } from '../helpers/summaryFixtures';
import { flatText, pdfInfo } from '../helpers/pdfText';

let dir: string;
let cleanup: () => void;
let db: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'taizhang.db');
  openCore({ dbPath: db }).close();
  const opened = openDb(db).db;
  writeSampleYear(opened, 2022, '测试员');
  opened.close();
});
afterAll(() => cleanup());

describe('taizhang export pdf --summary', () => {
  it('writes the district summary', async () => {
    const out = path.join(dir, 'out', '区总结.pdf');
    const r = await taizhang(['export', 'pdf', '--summary', '--year', '2022', '--date', '2023-01-10', '--out', out, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.file).toBe(out);
    expect(printed.pages).toBe(pdfInfo(out).pages);
    expect(printed.sampleData).toBe(false);
    const text = flatText(out);
    expect(text).toContain('青云谱区科工局2022年科技创新工作总结');
    expect(text).toContain('2023年1月10日');
    expect(text).toContain('5.技术合同成交额。2022年，全区技术合同成交额达到7.484亿元，完成年度目标（7亿元）的106.9%，超额完成年度目标，同比增长12.4%。');
  }, 60_000);

  it('writes a street’s summary with --unit', async () => {
    const out = path.join(dir, '洪都.pdf');
    const r = await taizhang(['export', 'pdf', '--summary', '--unit', '洪都街道', '--year', '2022', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成年度工作总结');
    const text = flatText(out);
    expect(text).toContain('洪都街道2022年科技创新工作总结');
    expect(text).toContain('全街道科技型中小企业达到7家');
  }, 60_000);

  it('explains what is wrong, in Chinese, and writes nothing', async () => {
    const out = path.join(dir, 'never.pdf');
    const noSummary = await taizhang(['export', 'pdf', '--year', '2022', '--out', out, '--db', db]);
    expect(noSummary.code).toBe(2);
    expect(noSummary.stderr).toContain('请加上 --summary');
    const badUnit = await taizhang(['export', 'pdf', '--summary', '--unit', '洪都街', '--out', out, '--db', db]);
    expect(badUnit.code).toBe(2);
    expect(badUnit.stderr).toContain('找不到单位“洪都街”');
    const badYear = await taizhang(['export', 'pdf', '--summary', '--year', '2030', '--out', out, '--db', db]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('没有覆盖 2030 年的工作计划');
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});
