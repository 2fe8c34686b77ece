/**
 * The import as the API runs it: read the source, analyse it against the
 * plan, and — for a commit without errors — write it in one transaction.
 * Preview and commit take the same request, so what is committed is exactly
 * what was previewed (the file is read again; nothing is kept between calls).
 *
 * Reading and analysing run in the file worker (../jobs/fileJob.ts) against
 * a snapshot of the plan taken here (an old .doc/.wps is first converted to
 * .docx by LibreOffice, ./convert.ts), so a hostile file can neither freeze the
 * window or the web host nor take the process down. A commit writes only if
 * the database is still what the worker saw: nothing was written between the
 * snapshot and the write transaction (writeToken), or what was written does
 * not touch what the analysis read (figures typed meanwhile: the snapshot's
 * revision is the same); otherwise the file is analysed again against the
 * new state. The preview carries the
 * revision of what it read (revision.ts): a commit from the window that
 * brings it back is refused when the plan's data changed since.
 */
import { ApiError } from '../../../shared/api/errors';
import { emptyPreview, type Analysis, type PlanSnapshot } from '../../../shared/import/analyse';
import type { ImportOptions, ImportOutcome, ImportPreview } from '../../../shared/import/types';
import type { Db } from '../db/open';
import { operatorOf, requireOperator, type Caller } from '../caller';
import { runWithBackup, type BackupContext } from '../backup/service';
import { FileJobStopped, runFileJob } from '../jobs/fileJob';
import { convertToDocx } from './convert';
import type { ImportSource, ReadResult } from './read';
import { snapshotRevision } from './revision';
import { planSnapshot } from './snapshot';
import { writeImport } from './write';

export type { ImportSource } from './read';

export interface ImportRequest extends ImportSource {
  planId?: number;
  options?: ImportOptions;
}

function failed(
  fileName: string,
  format: ImportPreview['format'],
  message: string,
  planId: number | null,
  place: { sheet: string; row: number; column: string } = { sheet: '', row: 0, column: '' },
): ImportPreview {
  return { ...emptyPreview(fileName, format, planId), problems: [{ level: 'error', ...place, message }] };
}

type Analysed = Analysis | { preview: ImportPreview; write: null };

/** Reads and analyses the file in the file worker, against `snapshot`; the preview says which revision it read. */
async function analyseOffThread(req: ImportRequest, snapshot: PlanSnapshot): Promise<Analysed> {
  const revision = snapshotRevision(snapshot);
  const stamped = (a: Analysed): Analysed => ({ ...a, preview: { ...a.preview, revision } }) as Analysed;
  if (req.planId !== undefined && !snapshot.plan) {
    return stamped({ preview: failed(req.fileName, null, `找不到编号为 ${req.planId} 的工作要点，请确认后重试。`, req.planId), write: null });
  }
  try {
    const source: ImportSource = { fileName: req.fileName, bytes: req.bytes, text: req.text };
    let done = await runFileJob({ kind: 'import', source, snapshot, options: req.options ?? {} });
    if (done.kind === 'convert' && req.bytes) {
      // An old .doc or .wps: LibreOffice makes a .docx of it here (never in the worker), which the worker then reads.
      const converted = await convertToDocx(req.bytes, req.fileName, done.read.convert);
      if (!converted.ok) return stamped({ preview: failed(req.fileName, 'doc', converted.message, req.planId ?? null), write: null });
      const again: ImportSource = { fileName: req.fileName, bytes: converted.bytes, convertedFrom: done.read.convert };
      done = await runFileJob({ kind: 'import', source: again, snapshot, options: req.options ?? {} });
    }
    if (done.kind === 'analysed') return stamped(done.analysis);
    const read: Extract<ReadResult, { ok: false }> = done.read;
    return stamped({ preview: failed(req.fileName, read.format, read.message, req.planId ?? null, read.convert ? undefined : read.place), write: null });
  } catch (err) {
    if (!(err instanceof FileJobStopped)) throw err;
    return stamped({ preview: failed(req.fileName, null, err.message, req.planId ?? null), write: null });
  }
}

export async function previewImport(db: Db, req: ImportRequest): Promise<ImportPreview> {
  return (await analyseOffThread(req, planSnapshot(db, req.planId))).preview;
}

/**
 * Where the database stands: rows changed by this connection since it opened,
 * and SQLite's data_version, which moves when another connection (the CLI,
 * a second window's process) commits. Equal tokens: nothing was written in
 * between, so an analysis made against a snapshot taken then still holds.
 */
function writeToken(db: Db): string {
  const others = db.pragma('data_version', { simple: true });
  const ours = db.prepare('SELECT total_changes()').pluck().get();
  return `${others}/${ours}`;
}

/** Analyses against a database that changed meanwhile this many times before giving up. */
const MAX_ATTEMPTS = 3;
const BUSY = '导入期间数据库一直在被其他操作修改，未写入任何内容。请稍后重新导入。';
const CHANGED_SINCE_PREVIEW =
  '数据已被他人修改，请重新预览：预览之后，本工作要点的指标、目标、任务或单位有了变化（可能是另一个窗口或程序所改）。本次导入未写入任何数据。';

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
  const source = req.fileName || '粘贴的文字';
  for (let attempt = 1; ; attempt++) {
    const seen = writeToken(db);
    const { preview, write } = await analyseOffThread(req, planSnapshot(db, req.planId));
    const { result, backup } = runWithBackup(
      ctx,
      { operation: 'import', reason: `导入 ${source}`, by: operatorOf(db, caller), what: '导入' },
      (copy): ImportOutcome | null => {
        // Another write came in while the worker read the file. When it touched what the analysis read
        // (a unit added meanwhile may settle an error, a target changed meanwhile must not be overwritten
        // unseen), analyse again against what is there now; figures typed meanwhile leave it standing.
        const stale = writeToken(db) !== seen && snapshotRevision(planSnapshot(db, req.planId)) !== preview.revision;
        if (stale && attempt < MAX_ATTEMPTS) return null;
        if (req.expectRevision !== undefined && preview.revision !== req.expectRevision) throw new ApiError('conflict', CHANGED_SINCE_PREVIEW);
        if (!preview.ok || !write || dryRun) return { ...preview, committed: false };
        if (stale) return { ...failed(req.fileName, preview.format, BUSY, req.planId ?? null), committed: false };
        // Targets and baselines are audited (target_history): a write needs to say who made it, as figure entry does.
        const by = requireOperator(db, caller);
        copy.take();
        const planId = writeImport(db, write, { by, at: new Date().toISOString(), source });
        return { ...preview, planId, committed: true };
      },
    );
    if (result) return { ...result, backup: backup ? { id: backup.id, createdAt: backup.createdAt } : null };
  }
}
