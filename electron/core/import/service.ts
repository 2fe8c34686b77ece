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
import { requireOperator, type Caller } from '../caller';
import { writeTx } from '../db/tx';

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
  return analyseImport(read.sheets, snapshot, req.options ?? {}, { fileName: req.fileName, format: read.format });
}

/**
 * Commits when there is no error; otherwise writes nothing and returns the
 * problems. A commit that would write needs the operator's name (设置 → 操作员):
 * without it, an ApiError and nothing written; a dry run needs none.
 */
export async function commitImport(db: Db, caller: Caller, req: ImportRequest, dryRun = false): Promise<ImportOutcome> {
  const read = await readSource(req);
  return writeTx(db, (): ImportOutcome => {
    const { preview, write } = analyseRead(db, req, read);
    if (!preview.ok || !write || dryRun) return { ...preview, committed: false };
    // Targets and baselines are audited (target_history): a write needs to say who made it, as figure entry does.
    const by = requireOperator(db, caller);
    const planId = writeImport(db, write, { by, at: new Date().toISOString(), source: req.fileName || '粘贴的文字' });
    return { ...preview, planId, committed: true };
  });
}
