/**
 * Backups (issue 10): a checked copy of the 2,000 units × 40 indicators database with a year of
 * monthly figures (960,000 figures), as taken before an import — VACUUM INTO from a second
 * connection, then quick_check and counts on the copy (goal: under 1 s) — next to copying the
 * file with the operating system, the least any copy can cost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { copyLiveDatabase } from '../../electron/core/backup/copy';
import { buildLargePlan } from '../../test/helpers/largePlan';
import type { Benchmark } from '../harness';
import { atExit } from '../atExit';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-backup-'));
atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
const dbPath = path.join(dir, 'year.db');
const months = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);
buildLargePlan(dbPath, { filledPeriods: months });
{
  const db = new Database(dbPath);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
const sizeMb = (fs.statSync(dbPath).size / 1024 / 1024).toFixed(0);
let n = 0;
const target = () => path.join(dir, `copy-${++n}.db`);
const remove = (file: unknown) => fs.rmSync(file as string, { force: true });

export const fileCopy: Benchmark = {
  name: `copying the ${sizeMb} MB database file (fs.copyFileSync)`,
  setup: target,
  run: (file) => fs.copyFileSync(dbPath, file as string),
  teardown: remove,
};

export const checkedBackup: Benchmark = {
  name: `backup: checked copy of 2,000 × 40 with 12 months of figures (${sizeMb} MB; VACUUM INTO + quick_check)`,
  goalMs: 1000,
  baseline: fileCopy,
  setup: target,
  run: (file) => copyLiveDatabase(dbPath, file as string, '基准测试'),
  teardown: remove,
};

export const backupBenchmarks = [checkedBackup];
