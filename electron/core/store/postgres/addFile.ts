/**
 * 从文件恢复 on a PostgreSQL store, first step (as backup/addFile.ts on a file): a pg_dump copy
 * the user picks (uploaded by the page of `taizhang serve`) is checked and listed as a copy, so it
 * is restored like any other (inspect → restore by id, which takes a copy of the current state
 * first and can be undone).
 *
 * Checked before anything is listed: a pg_dump file (not a SQLite file, not anything else),
 * Taizhang's tables, a schema version this build knows (backup.ts checkedSource), and its whole
 * script read through by pg_restore, so a copy damaged anywhere is refused now, not at the restore.
 * That same reading counts what it holds (plans, units, figures, tasks), as a file's copy lists.
 * A refusal says which file and why, in Chinese, and lists nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/errors';
import type { BackupCounts, BackupEntry } from '../../../../shared/backup/types';
import { backupFile, newBackupId, readManifest, writeManifest } from '../../backup/store';
import { checkedSource, pgBackupPlace, type PgBackupContext } from './backup';
import { writeTxPg } from './run';
import { findPgTool, streamPgTool, toolConnection, toolFailureReason } from './tools';

/** The tables a copy's counts come from (units without departments, as backup.ts countsOf counts them). */
const COUNTED = ['plans', 'units', 'figures', 'tasks'] as const;

/**
 * The copy's whole script through pg_restore, its COPY rows of the counted tables counted on the way
 * (one line per row: COPY's text format escapes newlines inside values).
 */
async function readThrough(file: string, label: string, env: NodeJS.ProcessEnv): Promise<BackupCounts> {
  const counts: BackupCounts = { plans: 0, units: 0, figures: 0, tasks: 0 };
  let table: (typeof COUNTED)[number] | null = null;
  let kindAt = -1;
  const run = await streamPgTool(findPgTool('pg_restore', '从文件恢复'), ['--file=-', file], env, (line) => {
    if (table) {
      if (line === '\\.') table = null;
      else if (table !== 'units' || line.split('\t')[kindAt] !== 'department') counts[table]++;
      return;
    }
    const copy = /^COPY (?:[^ ]+\.)?"?([a-z_]+)"? \(([^)]*)\) FROM stdin;$/.exec(line);
    if (!copy || !(COUNTED as readonly string[]).includes(copy[1])) return;
    table = copy[1] as (typeof COUNTED)[number];
    kindAt = copy[2].split(', ').map((c) => c.replace(/"/g, '')).indexOf('kind');
  });
  if (run.code !== 0) {
    throw new ApiError('db_unreadable', `${label}已损坏，无法读取（${toolFailureReason('pg_restore', run.stderr)}）。请换一个备份。当前数据没有任何改动。`);
  }
  return counts;
}

export async function addBackupFilePg(ctx: PgBackupContext, fileName: string, bytes: Buffer, by: string | null): Promise<BackupEntry> {
  const name = path.basename(fileName) || '所选文件';
  const label = `“${name}”`;
  const place = pgBackupPlace(ctx.url);
  // Checked in a folder of its own: the backups folder's leftovers (*.tmp) are cleared by every copy taken meanwhile.
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-upload-'));
  try {
    const staged = path.join(staging, 'upload.dump');
    fs.writeFileSync(staged, bytes);
    const checked = await checkedSource(ctx, { file: staged, label });
    const counts = await readThrough(staged, label, toolConnection(ctx.url).env);
    const now = ctx.now?.() ?? new Date();
    const id = newBackupId(now);
    const entry: BackupEntry = {
      id,
      file: backupFile(place, id),
      createdAt: now.toISOString(),
      kind: 'manual',
      operation: null,
      reason: `从文件载入：${name}`,
      bytes: bytes.length,
      counts,
      schemaVersion: checked.version,
      by,
      after: null,
      mirror: null,
    };
    // Listed under the writers' lock, as every manifest change is; copied in as *.tmp first, so an interruption leaves a leftover, never half a copy.
    await writeTxPg(
      ctx.pool,
      async () => {
        fs.mkdirSync(place.dir, { recursive: true });
        const listed = readManifest(place);
        fs.copyFileSync(staged, `${entry.file}.tmp`);
        fs.renameSync(`${entry.file}.tmp`, entry.file);
        writeManifest(place, [...listed, entry]);
      },
      ctx.shown,
    );
    return entry;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
