/**
 * `taizhang export pdf --summary …` as a user runs it: a child process of
 * bin/taizhang.mjs on a real store (a SQLite file or PostgreSQL: --db takes
 * either); the PDF is read back with poppler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { writeSampleYearOp } from '../helpers/summaryFixtures';
import { flatText, pdfInfo } from '../helpers/pdfText';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let dir: string;
let db: string;
beforeAll(async () => {
  s = await testStore('example');
  ({ dir, db } = s);
  await s.store.write(writeSampleYearOp(2022, '测试员'));
});
afterAll(async () => {
  await s?.close();
});

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
    // No task progress in this database: nothing to pre-fill 亮点工作 or 存在的主要问题 with — left out, not printed empty.
    expect(printed.unwritten).toEqual(['highlights', 'problems']);
    expect(printed.draft).toBeNull();
    const text = flatText(out);
    expect(text).toContain('青云谱区2022年科技创新工作总结');
    expect(text).toContain('2023年1月10日');
    expect(text).toContain('5.技术合同成交额。2022年，全区技术合同成交额达到7.48亿元，超额完成7亿元的年度目标，完成率106.9%，同比增长12.4%。');
    for (const placeholder of ['尚未填写', '待补充', '亮点工作', '存在的主要问题']) expect(text).not.toContain(placeholder);
  }, 60_000);

  it('leaves unwritten sections out and says so; --draft prints them marked', async () => {
    const out = path.join(dir, '总结.pdf');
    const r = await taizhang(['export', 'pdf', '--summary', '--year', '2022', '--date', '2023-01-10', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('以下部分尚未填写，未印入总结：亮点工作、存在的主要问题');
    expect(r.stderr).toContain('--draft');
    const draftOut = path.join(dir, '总结-征求意见稿.pdf');
    const d = await taizhang(['export', 'pdf', '--summary', '--year', '2022', '--draft', '--mark', '征求意见稿', '--out', draftOut, '--db', db]);
    expect(d.code).toBe(0);
    expect(d.stderr).toContain('已按征求意见稿标注印出：亮点工作、存在的主要问题');
    const text = flatText(draftOut);
    expect(text).toContain('青云谱区2022年科技创新工作总结（征求意见稿）');
    expect(text).toContain('（二）亮点工作（本部分尚未填写，待补充。）（三）存在的主要问题（本部分尚未填写，待补充。）');
    const badMark = await taizhang(['export', 'pdf', '--summary', '--year', '2022', '--mark', '终稿', '--out', path.join(dir, 'x.pdf'), '--db', db]);
    expect(badMark.code).toBe(2);
    expect(badMark.stderr).toContain('草稿标记“终稿”不正确');
  }, 90_000);

  it('a 上半年 summary with --period, titled accordingly', async () => {
    const out = path.join(dir, '上半年.pdf');
    const r = await taizhang(['export', 'pdf', '--summary', '--period', '2022Q2', '--date', '2022-07-08', '--out', out, '--db', db, '--json']);
    expect(r.code).toBe(0);
    const text = flatText(out);
    expect(text).toContain('青云谱区2022年上半年科技创新工作总结');
    expect(text).toContain('一、2022年上半年工作情况');
    expect(text).toContain('该指标按年度统计，年终报送完成数');
    expect(text).toContain('2022年7月8日');
  }, 60_000);

  it('writes a street’s summary with --unit', async () => {
    const out = path.join(dir, '洪都.pdf');
    const r = await taizhang(['export', 'pdf', '--summary', '--unit', '洪都街道', '--year', '2022', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成年度工作总结');
    const text = flatText(out);
    expect(text).toContain('洪都街道2022年科技创新工作总结');
    expect(text).toContain('全街道科技型中小企业为7家，完成8家年度目标的87.5%，尚差1家');
    // 0.043亿元 of 0.05: the gap said in 万元, the issuer by its full name.
    expect(text).toContain('尚差70万元');
    expect(text).toContain('洪都街道办事处');
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
