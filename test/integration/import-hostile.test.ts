/**
 * The hostile files of the reliability campaign (issue 11), through the real
 * core and its file worker: each is answered with a Chinese message that
 * names the file and, where there is one, the sheet and the cell; nothing is
 * written; the process neither grows nor waits. The two files a bureau could
 * plausibly send (a title merged over the whole grid, styled empty cells out
 * to column XFD) are read normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { readImportFile } from '../../electron/core/import/read';
import { setFileJobLimits, stopFileWorker } from '../../electron/core/jobs/fileJob';
import { FILE_JOB_MAX_HEAP_MB, FILE_JOB_MAX_SECONDS } from '../../shared/import/limits';
import { hostileFiles, messageFaults, type HostileFile } from '../helpers/hostileFiles';
import { call } from '../helpers/importDb';
import { dumpStore, testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let core: Core;
const files = hostileFiles();
const byName = (name: string) => files.find((f) => f.fileName === name)!;
const request = (f: HostileFile) => ({ fileName: f.fileName, dataBase64: f.bytes.toString('base64') });

beforeAll(async () => {
  s = await testStore('example');
  core = s.core;
});

afterAll(async () => {
  await s?.close();
  await stopFileWorker();
});

// Generous timeouts: they only catch a hang; speed lives in `npm run bench`. The worker's own budget
// is raised here too, so a loaded machine cannot turn a limit's message into the budget's.
describe('hostile workbooks are refused in Chinese, with their place, and nothing is written', { timeout: 120_000 }, () => {
  beforeAll(() => setFileJobLimits({ seconds: 100 }));
  afterAll(() => setFileJobLimits({ seconds: FILE_JOB_MAX_SECONDS }));
  for (const f of files.filter((x) => x.expect.source !== '^$')) {
    it(f.label, async () => {
      const before = await dumpStore(s);
      const preview = await call(core, 'import.preview', request(f));
      expect(preview.ok).toBe(false);
      const [problem] = preview.problems;
      expect(problem.message).toMatch(f.expect);
      expect(problem.message).toContain(`“${f.fileName}”`);
      expect(messageFaults(problem.message)).toEqual([]);
      // Located: a refusal about one sheet names it in the problem too (the preview lists it there).
      if (/第\d+个工作表/.test(problem.message)) expect(problem.sheet).not.toBe('');
      if (/[A-Z]+\d+ 单元格有/.test(problem.message)) expect(problem.column).toMatch(/^[A-Z]+$/);
      const commit = await call(core, 'import.commit', request(f));
      expect(commit.committed).toBe(false);
      expect(commit.problems[0].message).toBe(problem.message);
      expect(await dumpStore(s)).toBe(before);
    });
  }
});

describe('what a bureau could send is read, bounded', () => {
  it('a title merged over the whole grid (A1:XFD1048576) is clipped to the used range', async () => {
    const read = await readImportFile('整表合并.xlsx', byName('整表合并.xlsx').bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 6, right: 2 }]);
    expect(read.sheets[0].rows).toHaveLength(7);
  });

  it('styled empty cells out to column XFD do not widen the table', async () => {
    const read = await readImportFile('远端空单元格.xlsx', byName('远端空单元格.xlsx').bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sheets[0].rows).toHaveLength(7);
    expect(Math.max(...read.sheets[0].rows.map((r) => r.length))).toBe(3);
  });

  it('NaN, INF, a 400-digit number and Excel error values stay visible as written, never empty', async () => {
    const read = await readImportFile('非数字.xlsx', byName('非数字.xlsx').bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sheets[0].rows.slice(3)).toEqual([
      ['洪都街道', 'NaN', 'INF'],
      ['京山街道', `1${'0'.repeat(400)}`, '#DIV/0!'],
      ['三家店街道', '#DIV/0!', '#N/A'],
    ]);
  });
});

describe('the file worker stops what its limits do not catch', () => {
  afterAll(() => setFileJobLimits({ seconds: FILE_JOB_MAX_SECONDS, heapMb: FILE_JOB_MAX_HEAP_MB }));

  it('past the time budget: stopped with a message, and the next file is read by a fresh thread', async () => {
    await setFileJobLimits({ seconds: 0.2 });
    const before = await dumpStore(s);
    const slow = await call(core, 'import.commit', request(byName('压缩炸弹2.xlsx')));
    expect(slow.committed).toBe(false);
    expect(slow.problems[0].message).toBe(
      '“压缩炸弹2.xlsx”文件过于复杂，读取超过 0.2 秒已停止。请只保留需要导入的表格（删除多余的工作表、行列和格式），另存为 .xlsx 后再导入。',
    );
    expect(await dumpStore(s)).toBe(before);
    await setFileJobLimits({ seconds: FILE_JOB_MAX_SECONDS });
    const next = await call(core, 'import.preview', request(byName('整表合并.xlsx')));
    expect(next.problems.every((p) => !/已停止/.test(p.message))).toBe(true);
    expect(next.sheets[0]?.name).toBe('附件2');
  });

  it('past the heap limit: the thread dies alone, the process lives on and says so', async () => {
    // The 30-million-character cell needs about 60 MB while its text is parsed (refused after, at its cell).
    await setFileJobLimits({ heapMb: 32 });
    const big = await call(core, 'import.preview', request(byName('超长单元格.xlsx')));
    expect(big.ok).toBe(false);
    expect(big.problems[0].message).toBe(
      '“超长单元格.xlsx”文件过于复杂，读取所需内存超过 32 MB，已停止。请只保留需要导入的表格（删除多余的工作表、行列和格式），另存为 .xlsx 后再导入。',
    );
    await setFileJobLimits({ heapMb: FILE_JOB_MAX_HEAP_MB });
    const after = await call(core, 'import.preview', request(byName('整表合并.xlsx')));
    expect(after.sheets[0]?.name).toBe('附件2');
  });
});

describe('returned 填报表 are files from outside too', () => {
  for (const name of ['整表合并.xlsx', '压缩炸弹2.xlsx', '工作表过多.xlsx', '深层嵌套.xlsx']) {
    it(`${name}: refused in Chinese by 回报审核, nothing written`, async () => {
      const f = byName(name);
      const before = await dumpStore(s);
      const planId = (await call(core, 'plans.list', {}))[0].id;
      const { reviews } = await call(core, 'exchange.review', { planId, files: [request(f)] });
      expect(reviews[0].refusal).toContain(`“${name}”`);
      expect(messageFaults(reviews[0].refusal!)).toEqual([]);
      expect(await dumpStore(s)).toBe(before);
    });
  }
});

