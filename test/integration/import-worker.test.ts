/**
 * The file worker and the write that follows it: a commit's file is read
 * and checked off the request thread against a snapshot; when the database
 * changes before the write (here another program adds a unit while the file
 * waits its turn behind a slow one — on a SQLite file another connection to
 * the file, on PostgreSQL another connection to the database), the file is
 * checked again against what is there now, so nothing is written from a
 * stale reading.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core';
import { stopFileWorker } from '../../electron/core/jobs/fileJob';
import type { ImportOutcome } from '../../shared/import/types';
import { hostileFiles, sampleTargetRows, xlsxFile } from '../helpers/hostileFiles';
import { dumpStore, testStore, type TestStore } from '../helpers/testStore';

/** The files handed to the worker, by name, in order: a commit's job is handed over once its snapshot is read. */
const handedOver = vi.hoisted(() => [] as string[]);
vi.mock('../../electron/core/jobs/fileJob', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../electron/core/jobs/fileJob')>();
  return {
    ...original,
    runFileJob: ((task: { source?: { fileName: string } }) => {
      handedOver.push(task.source?.fileName ?? '');
      return original.runFileJob(task as never);
    }) as typeof original.runFileJob,
  };
});
const handedOverCount = (fileName: string) => handedOver.filter((f) => f === fileName).length;

let s: TestStore;
let core: Core;

beforeAll(async () => {
  s = await testStore('example');
  core = s.core;
});

afterAll(async () => {
  await s?.close();
  await stopFileWorker();
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
    // The unit is added once the commit's file is in the worker's hands, its snapshot read (on PostgreSQL that read
    // is awaited: a fixed pause could let it see the unit already, and the second check would never be needed).
    await expect.poll(() => handedOverCount('附件2.xlsx'), { interval: 5 }).toBe(2);
    // Another program: a connection of its own (testStore's), not the core's.
    const [{ id: district }] = await s.rows<{ id: number }>("SELECT id FROM units WHERE kind = 'district'");
    await s.run("INSERT INTO units (name, kind, parent_id, sort_order) VALUES ('新来街道', 'street', ?, 99)", district);
    const done = await commit;
    expect(done.ok).toBe(true);
    const outcome = done.ok ? (done.value as ImportOutcome) : null;
    expect(outcome?.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(outcome?.committed).toBe(true);
    // The file was analysed a second time, against the database with the new unit: the preview, the commit's first reading, the second.
    expect(handedOverCount('附件2.xlsx')).toBe(3);
    const values = await s.rows<{ value: number }>(
      "SELECT t.value FROM targets t JOIN units u ON u.id = t.unit_id JOIN indicators i ON i.id = t.indicator_id WHERE u.name = '新来街道' AND i.name LIKE '高新技术企业%'",
    );
    expect(values.map((r) => r.value)).toEqual([12]);
    expect((await slowAnswer).ok).toBe(true);
  });

  it('a dry run never writes, a refused file never writes, whatever the worker answered', async () => {
    const before = await dumpStore(s);
    const bad = hostileFiles().find((f) => f.fileName === '远端单元格.xlsx')!;
    const refused = await core.call('import.commit', asRequest(bad.fileName, bad.bytes));
    expect(refused.ok && (refused.value as ImportOutcome).committed).toBe(false);
    const file = xlsxFile({ sheets: [{ name: '附件2', rows: sampleTargetRows() }] });
    const dry = await core.call('import.commit', { ...asRequest('附件2.xlsx', file), dryRun: true });
    expect(dry.ok && (dry.value as ImportOutcome).committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);
  });
});
