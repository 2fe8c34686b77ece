/**
 * The import as the API runs it: read the source, analyse it against the
 * plan, and — for a commit without errors — write it in one transaction.
 * Preview and commit take the same request, so what is committed is exactly
 * what was previewed (the file is read again; nothing is kept between calls).
 */
import { analyseImport, emptyPreview } from '../../../shared/import/analyse';
import type { ImportOptions, ImportOutcome, ImportPreview } from '../../../shared/import/types';
import type { Db } from '../db/open';
import { readImportFile, readImportText, type ReadResult } from './read';
import { planSnapshot } from './snapshot';
import { writeImport } from './write';
import { ApiError } from '../../../shared/api/errors';
import { operatorOf, requireOperator, type Caller } from '../caller';
import { runWithBackup, type BackupContext } from '../backup/service';
import { snapshotRevision } from './revision';

export interface ImportSource {
  fileName: string;
  /** File bytes (xlsx, csv, txt). */
  bytes?: Buffer;
  /** Pasted text. */
  text?: string;
}

export interface ImportRequest extends ImportSource {
  planId?: number;
  options?: ImportOptions;
}

export async function readSource(src: ImportSource): Promise<ReadResult> {
  if (src.text !== undefined) return readImportText(src.fileName || '粘贴的文字', src.text);
  return readImportFile(src.fileName, src.bytes ?? Buffer.alloc(0));
}

function failed(fileName: string, format: ImportPreview['format'], message: string, planId: number | null): ImportPreview {
  return { ...emptyPreview(fileName, format, planId), problems: [{ level: 'error', sheet: '', row: 0, column: '', message }] };
}

export async function previewImport(db: Db, req: ImportRequest): Promise<ImportPreview> {
  const read = await readSource(req);
  return analyseRead(db, req, read).preview;
}

/** Synchronous from the snapshot on, so nothing can change the plan between analysis and write. */
function analyseRead(db: Db, req: ImportRequest, read: ReadResult) {
  if (!read.ok) return { preview: failed(req.fileName, read.format, read.message, req.planId ?? null), write: null };
  const snapshot = planSnapshot(db, req.planId);
  if (req.planId !== undefined && !snapshot.plan) {
    return { preview: failed(req.fileName, read.format, `找不到编号为 ${req.planId} 的工作要点，请确认后重试。`, req.planId), write: null };
  }
  const analysed = analyseImport(read.sheets, snapshot, req.options ?? {}, { fileName: req.fileName, format: read.format });
  return { ...analysed, preview: { ...analysed.preview, revision: snapshotRevision(snapshot) } };
}

export interface CommitContext extends BackupContext {
  caller: Caller;
}

/**
 * Commits when there is no error; otherwise writes nothing and returns the problems. A commit
 * that writes needs the operator's name, and takes a checked copy of the database first (under
 * the same write lock, so 撤销本次导入 restores exactly the state before it). With
 * `expectRevision` (the window's preview), a plan that changed since the preview is refused.
 * A dry run needs no operator and writes nothing.
 */
export async function commitImport(ctx: CommitContext, req: ImportRequest & { expectRevision?: string }, dryRun = false): Promise<ImportOutcome> {
  const { db, caller } = ctx;
  const read = await readSource(req);
  const source = req.fileName || '粘贴的文字';
  const { result, backup } = runWithBackup(
    ctx,
    { operation: 'import', reason: `导入 ${source}`, by: operatorOf(db, caller), what: '导入' },
    (copy): ImportOutcome => {
      const { preview, write } = analyseRead(db, req, read);
      if (req.expectRevision !== undefined && preview.revision !== req.expectRevision) {
        throw new ApiError('conflict', '数据已被他人修改，请重新预览：预览之后，本工作要点的指标、目标、任务或单位有了变化（可能是另一个窗口或程序所改）。本次导入未写入任何数据。');
      }
      if (!preview.ok || !write || dryRun) return { ...preview, committed: false };
      // Targets and baselines are audited (target_history): a write needs to say who made it, as figure entry does.
      const by = requireOperator(db, caller);
      copy.take();
      const planId = writeImport(db, write, { by, at: new Date().toISOString(), source });
      return { ...preview, planId, committed: true };
    },
  );
  return { ...result, backup: backup ? { id: backup.id, createdAt: backup.createdAt } : null };
}
