/**
 * 从文件恢复, first step: a database file brought on a USB stick (uploaded by the window) is
 * checked and listed as a copy, so it is restored like any other (inspect → restore by id).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupEntry } from '../../../shared/backup/types';
import { writeTx } from '../db/tx';
import { validateRestoreSource } from './copy';
import { backupFile, backupPlace, newBackupId, readManifest, writeManifest } from './store';
import type { BackupContext } from './service';

export function addBackupFile(ctx: BackupContext, fileName: string, bytes: Buffer, by: string | null): BackupEntry {
  const place = backupPlace(ctx.dbPath);
  fs.mkdirSync(place.dir, { recursive: true });
  const now = ctx.now?.() ?? new Date();
  const id = newBackupId(now);
  const file = backupFile(place, id);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, bytes);
  try {
    const checked = validateRestoreSource(tmp, path.basename(fileName) || '所选文件');
    const entry: BackupEntry = {
      id,
      file,
      createdAt: now.toISOString(),
      kind: 'manual',
      operation: null,
      reason: `从文件载入：${path.basename(fileName)}`,
      bytes: checked.bytes,
      counts: checked.counts,
      schemaVersion: checked.schemaVersion,
      by,
      after: null,
      mirror: null,
    };
    writeTx(ctx.db, () => {
      const listed = readManifest(place); // before the new file exists (see makeCopy)
      fs.renameSync(tmp, file);
      writeManifest(place, [...listed, entry]);
    });
    return entry;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
