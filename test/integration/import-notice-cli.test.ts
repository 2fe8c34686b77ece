/**
 * `taizhang import 通知.docx [--dry-run] [--json]` as a user runs it (a child
 * process of bin/taizhang.mjs): the same JSON as for any other file —
 * `counts` summing the notice's parts —, places as Word shows them in the
 * text output, a new plan from the notice, and a .doc through LibreOffice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taizhang } from '../helpers/cli';
import { storesClosedAfterEach } from '../helpers/importDb';
import { tempDir } from '../helpers/tempDb';
import { dumpStore } from '../helpers/testStore';
import { docFromDocx, seedNotice, wordLikeDocx } from '../helpers/noticeFixtures';

let tmp: { dir: string; cleanup(): void };
let docxFile: string;
let docFile: string;

beforeAll(async () => {
  tmp = tempDir('taizhang-notice-cli-');
  const docx = await wordLikeDocx(seedNotice({ split: true }));
  docxFile = path.join(tmp.dir, '青政办发〔2022〕16号.docx');
  fs.writeFileSync(docxFile, docx);
  docFile = path.join(tmp.dir, '青政办发〔2022〕16号.doc');
  fs.writeFileSync(docFile, docFromDocx(docx, tmp.dir));
}, 120_000);
afterAll(() => tmp?.cleanup());
const store = storesClosedAfterEach();

const COUNTS = { actionLines: 7, tasks: 16, units: 19, indicators: 6, targets: 27 };

describe('taizhang import 通知.docx', () => {
  it('--dry-run --json prints the same object as for a workbook; counts sum the goals, 附件1 and 附件2; nothing written', async () => {
    // The example, as `taizhang info` makes a new file.
    const s = await store('example', { operator: null });
    const { db } = s;
    const before = await dumpStore(s);
    const run = await taizhang(['import', docxFile, '--db', db, '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).sort()).toEqual(['counts', 'diff', 'kind', 'ok', 'problems']);
    expect(out).toEqual({
      ok: true,
      kind: 'goals',
      counts: COUNTS,
      diff: { added: 0, changed: 0, removed: 0, items: [] },
      problems: [{ level: 'warning', sheet: '附件1（第1、2个表格）', row: 23, column: 'D', message: expect.stringContaining('区直相关部门') }],
    });
    const text = await taizhang(['import', docxFile, '--db', db, '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('通知：2022年青云谱区科技创新基础大提升工作要点（青政办发〔2022〕16号，青云谱区人民政府办公室，2022-06-16印发）');
    expect(text.stdout).toContain('正文“正文·工作目标”：工作目标');
    expect(text.stdout).toContain('表格“附件1（第1、2个表格）”：任务分解表');
    expect(text.stdout).toContain('内容：7 项行动、16 项任务、19 个单位、6 个指标、27 个目标值');
    expect(text.stdout).toContain('提醒（附件1 第2个表格 第10行 第4列）：“区直相关部门”按全部 11 个部门导入');
    expect(text.stdout).toContain('检查通过（--dry-run：未写入）。');
    expect(await dumpStore(s)).toBe(before);
  });

  it('--new-plan starts the plan from the notice in a database without one; info then shows seed 003', async () => {
    const { db } = await store('unitsOnly', { operator: null });
    const refused = await taizhang(['import', docxFile, '--db', db, '--operator', '王芳', '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).problems[0].message).toMatch(/数据库中还没有工作要点。可以用本文件新建工作要点“2022年青云谱区科技创新基础大提升工作要点”（2022年，青云谱区）/);
    const done = await taizhang(['import', docxFile, '--db', db, '--new-plan', '--operator', '王芳']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('已导入。');
    const info = JSON.parse((await taizhang(['info', '--db', db, '--json'])).stdout);
    expect(info).toMatchObject({ plans: 1, indicators: 6, targets: 27, actionLines: 7, tasks: 16, planTitles: ['2022年青云谱区科技创新基础大提升工作要点'] });
  });

  it('a .doc is converted by LibreOffice and reads the same; without LibreOffice it is refused with what to do', async () => {
    const { db } = await store('example', { operator: null });
    const run = await taizhang(['import', docFile, '--db', db, '--dry-run', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, kind: 'goals', counts: COUNTS, diff: { added: 0, changed: 0, removed: 0 } });
    const missing = await taizhang(['import', docFile, '--db', db, '--dry-run', '--json'], { TAIZHANG_SOFFICE: 'off' });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).problems).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/本机没有安装 LibreOffice，无法自动转换为 \.docx：请在 WPS 或 Word 中打开该文件，“另存为”Word 文档（\.docx）后再导入。$/) }),
    ]);
  }, 60_000);
});
