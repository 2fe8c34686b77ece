/**
 * `taizhang export word --summary …` as a user runs it: a child process of
 * bin/taizhang.mjs on a real store (a SQLite file or PostgreSQL: --db takes
 * either); the .docx is read back (its XML) and its JSON compared with
 * `export pdf`'s for the same options.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { writeSampleYearOp } from '../helpers/summaryFixtures';
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

/** The paragraphs of a .docx, as text. */
async function paragraphs(file: string): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('taizhang export word --summary', () => {
  it('writes the district summary, with the JSON of export pdf', async () => {
    const out = path.join(dir, 'out', '区总结.docx');
    const r = await taizhang(['export', 'word', '--summary', '--year', '2022', '--date', '2023-01-10', '--out', out, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toMatchObject({ ok: true, file: out, fileName: '青云谱区2022年科技创新工作总结.docx', pages: null, sampleData: false, draft: null });
    expect(printed.bytes).toBe(fs.statSync(out).size);
    // No task progress in this database: 亮点工作 and 存在的主要问题 have nothing to say — left out, as in the PDF.
    expect(printed.unwritten).toEqual(['highlights', 'problems']);
    const pdf = await taizhang(['export', 'pdf', '--summary', '--year', '2022', '--date', '2023-01-10', '--out', path.join(dir, 'out', '区总结.pdf'), '--db', db, '--json']);
    expect(Object.keys(printed).sort()).toEqual(Object.keys(JSON.parse(pdf.stdout)).sort());
    const text = await paragraphs(out);
    expect(text[0]).toBe('青云谱区2022年科技创新工作总结');
    expect(text).toContain('5.技术合同成交额。2022年，全区技术合同成交额达到7.48亿元，超额完成7亿元的年度目标，完成率106.9%，同比增长12.4%。');
    expect(text.filter(Boolean).slice(-1)).toEqual(['2023年1月10日']);
    for (const placeholder of ['尚未填写', '待补充', '亮点工作', '存在的主要问题']) expect(text.join('')).not.toContain(placeholder);
  }, 60_000);

  it('says what it left out; --draft includes it marked; --period and --unit as for the PDF', async () => {
    const out = path.join(dir, '总结.docx');
    const r = await taizhang(['export', 'word', '--summary', '--year', '2022', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^已生成年度工作总结（Word文档）：.*总结\.docx（[\d.]+ KB）\n$/);
    expect(r.stderr).toContain('以下部分尚未填写，未印入总结：亮点工作、存在的主要问题');
    const draftOut = path.join(dir, '总结-征求意见稿.docx');
    const d = await taizhang(['export', 'word', '--summary', '--year', '2022', '--draft', '--mark', '征求意见稿', '--out', draftOut, '--db', db]);
    expect(d.code).toBe(0);
    expect(d.stderr).toContain('已按征求意见稿标注印出：亮点工作、存在的主要问题');
    const draft = await paragraphs(draftOut);
    expect(draft.slice(0, 2)).toEqual(['青云谱区2022年科技创新工作总结', '（征求意见稿）']);
    expect(draft).toContain('（本部分尚未填写，待补充。）');

    const midYear = path.join(dir, '上半年.docx');
    expect((await taizhang(['export', 'word', '--summary', '--period', '2022Q2', '--date', '2022-07-08', '--out', midYear, '--db', db])).code).toBe(0);
    const mid = await paragraphs(midYear);
    expect(mid[0]).toBe('青云谱区2022年上半年科技创新工作总结');
    expect(mid).toContain('2022年7月8日');
    const street = path.join(dir, '洪都.docx');
    expect((await taizhang(['export', 'word', '--summary', '--unit', '洪都街道', '--year', '2022', '--out', street, '--db', db])).code).toBe(0);
    expect((await paragraphs(street)).filter(Boolean).slice(-2)[0]).toBe('洪都街道办事处');
  }, 120_000);

  it('explains what is wrong, in Chinese, with the usage of export word, and writes nothing', async () => {
    const out = path.join(dir, 'never.docx');
    const noSummary = await taizhang(['export', 'word', '--year', '2022', '--out', out, '--db', db]);
    expect(noSummary.code).toBe(2);
    expect(noSummary.stderr).toContain('目前可导出的Word文档只有年度工作总结，请加上 --summary。');
    expect(noSummary.stderr).toContain('taizhang export word --summary');
    const noOut = await taizhang(['export', 'word', '--summary', '--db', db, '--json']);
    expect(noOut.code).toBe(2);
    expect(JSON.parse(noOut.stdout).error).toEqual({ code: 'usage', message: '请用 --out 指定要写入的文件，例如 --out 2022年工作总结.docx。' });
    const badMark = await taizhang(['export', 'word', '--summary', '--mark', '终稿', '--out', out, '--db', db]);
    expect(badMark.code).toBe(2);
    expect(badMark.stderr).toContain('草稿标记“终稿”不正确');
    const badUnit = await taizhang(['export', 'word', '--summary', '--unit', '洪都街', '--out', out, '--db', db]);
    expect(badUnit.code).toBe(2);
    expect(badUnit.stderr).toContain('找不到单位“洪都街”');
    // A refusal of the core (a department is no unit a summary is written for) escapes as its ApiError.
    const dept = await taizhang(['export', 'word', '--summary', '--unit', '区科工局', '--out', out, '--db', db, '--json']);
    expect(dept.code).toBe(1);
    expect(JSON.parse(dept.stdout).error.message).toContain('不是“2022年青云谱区科技创新基础大提升工作要点”的填报单位');
    const badPeriod = await taizhang(['export', 'word', '--summary', '--period', '2022Q5', '--out', out, '--db', db]);
    expect(badPeriod.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  }, 90_000);
});
