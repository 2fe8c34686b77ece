/**
 * The file worker and the write that follows it: a commit's file is read
 * and checked off the request thread against a snapshot; when the database
 * changes before the write (here another program adds a unit while the file
 * waits its turn behind a slow one), the file is checked again against what
 * is there now, so nothing is written from a stale reading.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { stopFileWorker } from '../../electron/core/jobs/fileJob';
import type { ImportOutcome } from '../../shared/import/types';
import { hostileFiles, sampleTargetRows, xlsxFile } from '../helpers/hostileFiles';
import { dumpDb, openExample } from '../helpers/importDb';
import { tempDir } from '../helpers/tempDb';

let core: Core;
let dbPath: string;
let cleanup: () => void;

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  dbPath = path.join(t.dir, 'taizhang.db');
  core = openExample(dbPath);
});

afterAll(async () => {
  core.close();
  await stopFileWorker();
  cleanup();
});

const asRequest = (fileName: string, bytes: Buffer) => ({ fileName, dataBase64: bytes.toString('base64') });

describe('a commit checks its file again when the database changed meanwhile', { timeout: 120_000 }, () => {
  it('a unit added by another program while the file waited: the second check knows it, and the commit goes through', async () => {
    const file = xlsxFile({ sheets: [{ name: '附件2', rows: sampleTargetRows(['洪都街道', '京山街道', '新来街道']) }] });
    const first = await core.call('import.preview', asRequest('附件2.xlsx', file));
    expect(first.ok && (first.value as ImportOutcome).problems.map((p) => p.message).join()).toContain('未知单位“新来街道”');

    // A slow file first, so the commit's file waits in the worker's queue with its snapshot taken.
    const slow = hostileFiles().find((f) => f.fileName === '总单元格过多.xlsx')!;
    const slowAnswer = core.call('import.preview', asRequest(slow.fileName, slow.bytes));
    const commit = core.call('import.commit', asRequest('附件2.xlsx', file));
    await new Promise((r) => setTimeout(r, 100));
    const other = new Database(dbPath);
    try {
      const district = other.prepare("SELECT id FROM units WHERE kind = 'district'").pluck().get() as number;
      other.prepare("INSERT INTO units (name, kind, parent_id, sort_order) VALUES ('新来街道', 'street', ?, 99)").run(district);
    } finally {
      other.close();
    }
    const done = await commit;
    expect(done.ok).toBe(true);
    const outcome = done.ok ? (done.value as ImportOutcome) : null;
    expect(outcome?.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(outcome?.committed).toBe(true);
    const check = new Database(dbPath, { readonly: true });
    try {
      const value = check
        .prepare("SELECT t.value FROM targets t JOIN units u ON u.id = t.unit_id JOIN indicators i ON i.id = t.indicator_id WHERE u.name = '新来街道' AND i.name LIKE '高新技术企业%'")
        .pluck()
        .get();
      expect(value).toBe(12);
    } finally {
      check.close();
    }
    expect((await slowAnswer).ok).toBe(true);
  });

  it('a dry run never writes, a refused file never writes, whatever the worker answered', async () => {
    const before = dumpDb(dbPath);
    const bad = hostileFiles().find((f) => f.fileName === '远端单元格.xlsx')!;
    const refused = await core.call('import.commit', asRequest(bad.fileName, bad.bytes));
    expect(refused.ok && (refused.value as ImportOutcome).committed).toBe(false);
    const file = xlsxFile({ sheets: [{ name: '附件2', rows: sampleTargetRows() }] });
    const dry = await core.call('import.commit', { ...asRequest('附件2.xlsx', file), dryRun: true });
    expect(dry.ok && (dry.value as ImportOutcome).committed).toBe(false);
    expect(dumpDb(dbPath)).toBe(before);
  });
});
