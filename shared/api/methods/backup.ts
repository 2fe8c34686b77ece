/** Backups (备份与恢复): checked copies beside the database, restore, and undo of an operation. */
import { z } from 'zod';
import { method } from '../method';
import type { BackupEntry, BackupList, RestoreImpact, RestoreResult } from '../../backup/types';
import { isBase64, IMPORT_MAX_BASE64_CHARS, IMPORT_MAX_LABEL } from '../../import/limits';

const backupId = z.string().regex(/^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$/, '备份编号的格式不正确');
/** A listed copy by id, or a database file on this computer by its full path (the CLI's `backup restore FILE`). */
const byId = { id: backupId };
const byFile = { file: z.string().min(1).max(1000) };
const source = z.union([z.object(byId).strict(), z.object(byFile).strict()]);
const confirm = { confirm: z.boolean().optional() };

export const backupMethods = {
  'backup.list': method<BackupList>()(z.object({}).strict(), 'The copies of this database, newest first, with reason, size and counts; the folder and the second folder.'),
  'backup.create': method<BackupEntry>()(
    z.object({ note: z.string().trim().max(100).optional() }).strict(),
    '立即备份: a checked copy now, listed as a manual copy (kept until removed).',
  ),
  'backup.addFile': method<BackupEntry>()(
    z
      .object({
        fileName: z.string().max(260),
        dataBase64: z
          .string()
          .max(IMPORT_MAX_BASE64_CHARS, { message: `文件超过 ${IMPORT_MAX_LABEL}，请用命令行恢复：taizhang backup restore 文件路径` })
          .refine(isBase64, { message: '文件内容的编码不正确，文件可能没有读完整。请重新选择文件。' }),
      })
      .strict(),
    '从文件恢复, first step: a database file brought on a USB stick is checked (Taizhang, not damaged, not newer) and listed as a copy; restore it by its id.',
  ),
  'backup.inspect': method<RestoreImpact>()(source, 'What restoring this copy would take away and bring back. Changes nothing.'),
  'backup.restore': method<RestoreResult>()(
    z.union([z.object({ ...byId, ...confirm }).strict(), z.object({ ...byFile, ...confirm }).strict()]),
    'Restores the copy: first a copy of the current state (restoring it undoes this), then one transaction. Without confirm, nothing happens when data would be lost (done: false, the impact says what).',
  ),
  'backup.undo': method<RestoreResult>()(
    z.object({ ...byId, ...confirm }).strict(),
    '撤销本次导入 / 载入回报 / 恢复: restores the copy taken just before that operation. When something was written since, it is listed and nothing happens without confirm.',
  ),
  'backup.setMirror': method<{ mirrorDir: string | null }>()(
    z.object({ dir: z.string().trim().max(1000).nullable() }).strict(),
    'Sets (or clears) the second folder every copy also goes to (a USB stick, a network share); it must exist and be writable.',
  ),
} as const;
