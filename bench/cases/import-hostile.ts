/**
 * Hostile files (issue 11): each of the campaign's workbooks is read and
 * answered through the API (import.preview: the file worker reads and checks
 * it) — goal: under 10 s each, against a baseline of the same call on a
 * normal 2,000 × 40 附件2 in the same run. The ratio says how a hostile
 * file compares with a real big one. Memory: a process that opens the core
 * and previews the file (hostileMemoryChild.ts, once per file, untimed) must
 * peak under 1 GB resident (the worker's heap is capped, the reader never
 * inflates or keeps more than its limits). A process of its own, because
 * this one also holds what the other cases build (databases, workbooks:
 * close to 900 MB before the first hostile file).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { bigTargetWorkbook, writeBigPlanDb } from '../../test/helpers/bigTargetSheet';
import { hostileFiles } from '../../test/helpers/hostileFiles';
import type { Benchmark } from '../harness';
import { atExit } from '../atExit';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-hostile-'));
atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
const dbPath = path.join(dir, 'plan.db');
writeBigPlanDb(dbPath);
const core: Core = openCore({ dbPath, seedIfNew: false });
const normal = (await bigTargetWorkbook()).toString('base64');

const ONE_GB_KB = 1024 * 1024;
const CHILD = path.join(import.meta.dirname, 'hostileMemoryChild.ts');

/** The peak resident size of a fresh process previewing the file, checked once per file. */
const memoryChecked = new Set<string>();
function checkMemory(fileName: string, expect: RegExp): void {
  if (memoryChecked.has(fileName)) return;
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, dbPath, fileName], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const { maxRssKb, message } = JSON.parse(out) as { maxRssKb: number; message: string };
  if (expect.source !== '^$' && !expect.test(message)) throw new Error(`${fileName} (own process): unexpected answer “${message.slice(0, 120)}”`);
  if (maxRssKb > ONE_GB_KB) throw new Error(`${fileName}: a process previewing it peaked at ${(maxRssKb / 1024).toFixed(0)} MB (goal: under 1 GB)`);
  memoryChecked.add(fileName);
}

async function preview(fileName: string, dataBase64: string) {
  const r = await core.call('import.preview', { fileName, dataBase64 });
  if (!r.ok) throw new Error(`${fileName}: ${r.error.code} ${r.error.message}`);
  return r.value as { ok: boolean; problems: { message: string }[] };
}

export const previewNormal: Benchmark = {
  name: 'import.preview: a normal 2,000 × 40 附件2 (read and checked in the file worker)',
  run: async () => {
    const out = await preview('附件2.xlsx', normal);
    if (!out.ok) throw new Error(`the normal workbook was refused: ${out.problems[0]?.message}`);
  },
};

const CASES = ['整表合并.xlsx', '远端单元格.xlsx', '超长单元格.xlsx', '压缩炸弹2.xlsx', '共享文字过多.xlsx', '工作表过多.xlsx', '总单元格过多.xlsx'];

export const hostileBenchmarks: Benchmark[] = hostileFiles()
  .filter((f) => CASES.includes(f.fileName))
  .map((f) => {
    const data = f.bytes.toString('base64');
    return {
      name: `import.preview of a hostile file: ${f.label} (${(f.bytes.length / 1024).toFixed(0)} KB)`,
      goalMs: 10_000,
      baseline: previewNormal,
      // Untimed: the memory goal, in a process of its own (once per file).
      setup: () => checkMemory(f.fileName, f.expect),
      run: async () => {
        const out = await preview(f.fileName, data);
        const message = out.problems[0]?.message ?? '';
        if (f.expect.source !== '^$' && !f.expect.test(message)) throw new Error(`${f.fileName}: unexpected answer “${message.slice(0, 120)}”`);
      },
    };
  });
