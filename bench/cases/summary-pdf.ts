/**
 * The 青云谱区 district summary PDF (about 8 pages, 2 charts; figures and
 * progress texts generated and marked 示例数据): in a fresh process (goal
 * 1.5 s) and the next one in the same process (goal 0.4 s), under 1 MB.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { loadSummaryDocument } from '../../electron/core/export/pdf/summaryData';
import { generateSummaryPdf } from '../../electron/core/jobs/summaryPdfJob';
import { exampleIds, writeSampleProgress, writeSampleYear } from '../../test/helpers/summaryFixtures';
import type { Benchmark } from '../harness';

const MAX_BYTES = 1024 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

/** A database with the example plan, a year of sample figures and progress texts. */
function sampleDatabase(): { dir: string; dbPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-summary-'));
  const dbPath = path.join(dir, 'taizhang.db');
  openCore({ dbPath }).close();
  const { db } = openDb(dbPath);
  writeSampleYear(db);
  writeSampleProgress(db);
  db.close();
  return { dir, dbPath };
}

function checkSize(bytes: number): void {
  if (bytes >= MAX_BYTES) throw new Error(`summary PDF is ${bytes} bytes, over the 1 MB goal`);
}

let shared: { dir: string; dbPath: string } | null = null;
const sharedDb = () => (shared ??= sampleDatabase());

export const summaryPdfFreshProcess: Benchmark = {
  name: 'summary PDF, 青云谱区 district (示例数据): fresh process (node + tsx, open db, worker, write)',
  goalMs: 1500,
  setup: () => path.join(sharedDb().dir, `fresh-${Date.now()}.pdf`),
  run: (out) => {
    const printed = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'summary-pdf-child.ts'), sharedDb().dbPath, out as string], {
      cwd: root,
      encoding: 'utf8',
    });
    checkSize(Number(printed.trim()));
  },
  teardown: (out) => fs.rmSync(out as string, { force: true }),
};

export const summaryPdfSameProcess: Benchmark = {
  name: 'summary PDF, 青云谱区 district (示例数据): next one in the same process (document + worker layout)',
  goalMs: 400,
  run: async () => {
    const { db } = openDb(sharedDb().dbPath);
    try {
      const doc = loadSummaryDocument(db, { planId: exampleIds(db).plan, today: '2023-01-10' });
      const pdf = await generateSummaryPdf(doc);
      checkSize(pdf.bytes.byteLength);
    } finally {
      db.close();
    }
  },
};

export const summaryBenchmarks = [summaryPdfFreshProcess, summaryPdfSameProcess];
