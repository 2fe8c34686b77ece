/** Handlers of shared/api/methods/import.ts. */
import type { importMethods } from '../../../shared/api/methods/import';
import type { ImportOptions } from '../../../shared/import/types';
import { commitImport, previewImport, type ImportRequest } from '../import/service';
import type { HandlersOf } from './types';

/** An API request as the import service takes it (the file's bytes decoded); the PostgreSQL core's too. */
export function toRequest(req: { fileName: string; dataBase64?: string; text?: string; planId?: number; options?: ImportOptions }): ImportRequest {
  return {
    fileName: req.fileName,
    bytes: req.dataBase64 !== undefined ? Buffer.from(req.dataBase64, 'base64') : undefined,
    text: req.text,
    planId: req.planId,
    options: req.options,
  };
}

export const importHandlers: HandlersOf<typeof importMethods> = {
  'import.preview': ({ db }, req) => previewImport(db, toRequest(req)),

  'import.commit': (ctx, req) => commitImport(ctx, { ...toRequest(req), expectRevision: req.expectRevision }, req.dryRun ?? false),
};
