/**
 * The import as the API runs it: read the source, analyse it against the
 * plan, and — for a commit without errors — write it in one transaction.
 * Preview and commit take the same request, so what is committed is exactly
 * what was previewed (the file is read again; nothing is kept between calls).
 *
 * Reading and analysing run in the file worker (../jobs/fileJob.ts) against
 * a snapshot of the plan taken here, so a hostile file can neither freeze the
 * window or the web host nor take the process down. A commit writes only if
 * the database is still what the worker saw: nothing was written between the
 * snapshot and the write transaction (writeToken); when something was, the
 * file is analysed again against the new state.
 */
import type { Analysis, PlanSnapshot } from '../../../shared/import/analyse';
import { emptyDiff, type ImportOptions, type ImportOutcome, type ImportPreview } from '../../../shared/import/types';
import type { Db } from '../db/open';
import type { ImportSource, ReadResult } from './read';
import { planSnapshot } from './snapshot';
import { writeImport } from './write';
import { requireOperator, type Caller } from '../caller';
import { writeTx } from '../db/tx';
import { FileJobStopped, runFileJob } from '../jobs/fileJob';

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
  return {
    ok: false,
    fileName,
    format,
    planId,
    planTitle: null,
    kind: null,
    sheets: [],
    unknownUnits: [],
    problems: [{ level: 'error', ...place, message }],
    counts: { actionLines: 0, tasks: 0, units: 0, indicators: 0, targets: 0 },
    diff: emptyDiff(),
    progressLoss: [],
  };
}

type Analysed = Analysis | { preview: ImportPreview; write: null };

/** Reads and analyses the file in the file worker, against `snapshot`. */
async function analyseOffThread(req: ImportRequest, snapshot: PlanSnapshot): Promise<Analysed> {
  if (req.planId !== undefined && !snapshot.plan) {
    return { preview: failed(req.fileName, null, `找不到编号为 ${req.planId} 的工作要点，请确认后重试。`, req.planId), write: null };
  }
  try {
    const source: ImportSource = { fileName: req.fileName, bytes: req.bytes, text: req.text };
    const done = await runFileJob({ kind: 'import', source, snapshot, options: req.options ?? {} });
    if (done.kind === 'analysed') return done.analysis;
    const read: Extract<ReadResult, { ok: false }> = done.read;
    return { preview: failed(req.fileName, read.format, read.message, req.planId ?? null, read.place), write: null };
  } catch (err) {
    if (!(err instanceof FileJobStopped)) throw err;
    return { preview: failed(req.fileName, null, err.message, req.planId ?? null), write: null };
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

/**
 * Commits when there is no error; otherwise writes nothing and returns the
 * problems. A commit that would write needs the operator's name (设置 → 操作员):
 * without it, an ApiError and nothing written; a dry run needs none.
 */
export async function commitImport(db: Db, caller: Caller, req: ImportRequest, dryRun = false): Promise<ImportOutcome> {
  for (let attempt = 1; ; attempt++) {
    const seen = writeToken(db);
    const { preview, write } = await analyseOffThread(req, planSnapshot(db, req.planId));
    const outcome = writeTx(db, (): ImportOutcome | null => {
      // Another write came in while the worker read the file: analyse again against what is there now
      // (a unit added meanwhile may settle an error, a target changed meanwhile must not be overwritten unseen).
      if (writeToken(db) !== seen && attempt < MAX_ATTEMPTS) return null;
      if (!preview.ok || !write || dryRun) return { ...preview, committed: false };
      if (writeToken(db) !== seen) return { ...failed(req.fileName, preview.format, BUSY, req.planId ?? null), committed: false };
      // Targets and baselines are audited (target_history): a write needs to say who made it, as figure entry does.
      const by = requireOperator(db, caller);
      const planId = writeImport(db, write, { by, at: new Date().toISOString(), source: req.fileName || '粘贴的文字' });
      return { ...preview, planId, committed: true };
    });
    if (outcome) return outcome;
  }
}
