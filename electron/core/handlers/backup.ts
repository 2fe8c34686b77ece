/** Handlers of shared/api/methods/backup.ts: thin, the work is in electron/core/backup/. */
import type { backupMethods } from '../../../shared/api/methods/backup';
import { operatorOf } from '../caller';
import { addBackupFile } from '../backup/addFile';
import { inspectRestore, restoreBackup, undoOperation } from '../backup/restore';
import { createManualBackup, listBackups, setMirrorDir } from '../backup/service';
import type { HandlersOf } from './types';

export const backupHandlers: HandlersOf<typeof backupMethods> = {
  'backup.list': (ctx) => listBackups(ctx),
  'backup.create': (ctx, { note }) => createManualBackup(ctx, note ?? null, operatorOf(ctx.db, ctx.caller)),
  'backup.addFile': (ctx, { fileName, dataBase64 }) =>
    addBackupFile(ctx, fileName, Buffer.from(dataBase64, 'base64'), operatorOf(ctx.db, ctx.caller)),
  'backup.inspect': (ctx, source) => inspectRestore(ctx, source),
  'backup.restore': (ctx, req) => {
    const source = 'id' in req ? { id: req.id } : { file: req.file };
    return restoreBackup(ctx, source, { confirm: req.confirm ?? false, by: operatorOf(ctx.db, ctx.caller) });
  },
  'backup.undo': (ctx, { id, confirm }) =>
    undoOperation(ctx, id, { confirm: confirm ?? false, by: operatorOf(ctx.db, ctx.caller) }),
  'backup.setMirror': (ctx, { dir }) => ({ mirrorDir: setMirrorDir(ctx, dir) }),
};
