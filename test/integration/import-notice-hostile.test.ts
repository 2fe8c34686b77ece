/**
 * Hostile Word files through the file worker (issue 19, as issue 11 for
 * workbooks): a .docx is a file from outside, read off the thread that
 * answers requests, bounded like a workbook. A notice as large as the reader
 * allows (a task table filling word/document.xml to just under its 4 MB)
 * is read and analysed (how fast: npm run bench); one byte-for-byte bomb,
 * a package of 6,000 parts and a table wider than any notice are refused
 * with their own sentence; nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { setFileJobLimits, stopFileWorker } from '../../electron/core/jobs/fileJob';
import { DOCUMENT_PART_MAX_BYTES, FILE_JOB_MAX_SECONDS } from '../../shared/import/limits';
import { deflateRepeated } from '../helpers/hostileFiles';
import { call } from '../helpers/importDb';
import { dumpStore, testStore, type TestStore } from '../helpers/testStore';
import { cell, documentXml, noticeAtSizeLimit, para, row, table, wordPackage } from '../helpers/wordXml';

let core: Core;
let db: TestStore;

beforeAll(async () => {
  db = await testStore('example');
  core = db.core;
});
afterAll(async () => {
  await db?.close();
  await stopFileWorker();
});

const preview = (bytes: Buffer, fileName = '通知.docx') => call(core, 'import.preview', { fileName, dataBase64: bytes.toString('base64') });

describe('hostile notices in the file worker', () => {
  it('a task table filling word/document.xml to just under its limit is read and analysed, not refused', { timeout: 120_000 }, async () => {
    // Not timed here (bench/cases/import-notice.ts is): the budget is raised so a loaded machine cannot turn success into a stop.
    await setFileJobLimits({ seconds: 100 });
    try {
      const { bytes, tasks } = noticeAtSizeLimit(DOCUMENT_PART_MAX_BYTES);
      expect(tasks).toBeGreaterThan(8_000);
      const before = await dumpStore(db);
      const out = await preview(bytes);
      expect(out.counts.tasks).toBe(tasks);
      expect(out.problems.filter((p) => p.level === 'error')).toEqual([expect.objectContaining({ message: expect.stringContaining('不像同一张任务分解表') })]);
      expect(await dumpStore(db)).toBe(before);
    } finally {
      await setFileJobLimits({ seconds: FILE_JOB_MAX_SECONDS });
    }
  });

  it('a bomb, a package of 6,000 parts, a table of 1,000 columns: refused with their own sentence', async () => {
    const bomb = deflateRepeated(documentXml('').replace('<w:sectPr/></w:body></w:document>', ''), para('科技型中小企业140家'.repeat(40)), 20_000, '</w:body></w:document>');
    const refused = await preview(wordPackage({ documentDeflated: { ...bomb, size: 2000 } }));
    expect(refused.problems[0].message).toMatch(/^“通知\.docx”的正文（document\.xml）解压后超过 4 MB（压缩比异常，可能是“压缩炸弹”或已损坏），已停止读取。/);
    const parts = wordPackage({ body: para('x'), extra: Array.from({ length: 6000 }, (_, i) => ({ name: `word/media/p${i}.xml`, data: '<x/>' })) });
    expect((await preview(parts)).problems[0].message).toBe('“通知.docx”内部有 6004 个部件，超过上限 5000 个，不像是 WPS 或 Word 保存的文档。请在 WPS 或 Word 中打开并另存为 .docx 后再导入。');
    const wide = await preview(wordPackage({ body: table([row([cell('x', '<w:gridSpan w:val="1000"/>')])]) + '<w:p/>' }));
    expect(wide.problems[0]).toMatchObject({ sheet: '第1个表格', row: 1, message: expect.stringContaining('第1个表格第1行超过 200 列') });
  });
});
