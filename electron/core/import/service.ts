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
 * the database is still what the worker saw, decided under the writers' lock:
 * nothing was written between the snapshot and the write transaction (SQLite's
 * writeToken, store/dialect.ts), or the snapshot read again there has the same
 * revision (what was written does not touch what the analysis read — figures
 * typed meanwhile; on PostgreSQL, which has no such token, always this check);
 * otherwise the file is analysed again against the new state. The same Ops run
 * on both engines (previewImportOn, commitImportOn; the PostgreSQL core passes
 * its store and runWithBackupPg). The preview carries the
 * revision of what it read (revision.ts): a commit from the window that
 * brings it back is refused when the plan's data changed since.
 */
import { sql } from 'kysely';
import { ApiError } from '../../../shared/api/errors';
import { emptyPreview, type Analysis, type PlanSnapshot } from '../../../shared/import/analyse';
import type { ImportOptions, ImportOutcome, ImportPreview } from '../../../shared/import/types';
import type { BackupEntry } from '../../../shared/backup/types';
import type { Db } from '../db/open';
import { sqliteStore } from '../db/tx';
import { operatorOfOp, requireOperatorOp, type Caller } from '../caller';
import { runWithBackupOp, takeCopyOp, type BackupContext, type OperationSpec } from '../backup/service';
import { writeToken } from '../store/dialect';
import { get, query, type Op, type OpStore } from '../store/query';
import { FileJobStopped, runFileJob } from '../jobs/fileJob';
import { convertToDocx } from './convert';
import type { ImportSource, ReadResult } from './read';
import { snapshotRevision } from './revision';
import { planSnapshotOp } from './snapshot';
import { writeImportOp } from './write';

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

/** The preview on any store: the plan's snapshot read, the file analysed against it; nothing written. */
export async function previewImportOn(store: OpStore, req: ImportRequest): Promise<ImportPreview> {
  return (await analyseOffThread(req, await store.read(planSnapshotOp(req.planId)))).preview;
}

export async function previewImport(db: Db, req: ImportRequest): Promise<ImportPreview> {
  return previewImportOn(sqliteStore(db), req);
}

/** Where the store stands (store/dialect.ts writeToken): SQLite's data_version + this connection's total_changes(); null on PostgreSQL. */
const WRITE_TOKEN = query<{ token: string | null }>((_qb, _p, engine) => sql`SELECT ${writeToken(engine)} AS token`);

function* writeTokenOp(): Op<string | null> {
  return (yield* get(WRITE_TOKEN))?.token ?? null;
}

/** The snapshot an analysis reads, with where the store stood just before it was read. */
function* snapshotSeenOp(planId: number | undefined): Op<{ seen: string | null; snapshot: PlanSnapshot }> {
  const seen = yield* writeTokenOp();
  return { seen, snapshot: yield* planSnapshotOp(planId) };
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
 * What a commit runs on: the store's reads, and the operation as ONE write transaction with its
 * before-operation copy (the Op yields takeCopyOp before its first write) — runWithBackupOp on a
 * SQLite file, runWithBackupPg (a pg_dump copy) on PostgreSQL.
 */
export interface ImportStore {
  store: OpStore;
  caller: Caller;
  withBackup<T>(spec: OperationSpec, op: Op<T>): Promise<{ result: T; backup: BackupEntry | null }>;
}

export function sqliteImportStore(ctx: CommitContext): ImportStore {
  return { store: sqliteStore(ctx.db), caller: ctx.caller, withBackup: async (spec, op) => runWithBackupOp(ctx, { spec, op }) };
}

/**
 * Commits when there is no error; otherwise writes nothing and returns the problems. A commit
 * that writes needs the operator's name, and takes a checked copy of the database first (under
 * the same write lock, so 撤销本次导入 restores exactly the state before it). With
 * `expectRevision` (the window's preview), a plan that changed since the preview is refused.
 * A dry run needs no operator and writes nothing.
 */
export async function commitImport(ctx: CommitContext, req: ImportRequest & { expectRevision?: string }, dryRun = false): Promise<ImportOutcome> {
  return commitImportOn(sqliteImportStore(ctx), req, dryRun);
}

/** commitImport on any store (the same rule on SQLite and PostgreSQL). */
export async function commitImportOn(on: ImportStore, req: ImportRequest & { expectRevision?: string }, dryRun = false): Promise<ImportOutcome> {
  const source = req.fileName || '粘贴的文字';
  for (let attempt = 1; ; attempt++) {
    const { seen, snapshot } = await on.store.read(snapshotSeenOp(req.planId));
    const analysed = await analyseOffThread(req, snapshot);
    const spec = { operation: 'import' as const, reason: `导入 ${source}`, by: await on.store.read(operatorOfOp(on.caller)), what: '导入' };
    const { result, backup } = await on.withBackup(spec, commitOp(req, { ...analysed, seen }, { attempt, dryRun, source, caller: on.caller }));
    if (result) return { ...result, backup: backup ? { id: backup.id, createdAt: backup.createdAt } : null };
  }
}

/**
 * Inside the write transaction, under the writers' lock: is the analysis still about what is there? Only
 * when another write came in while the worker read the file (the token moved, or — on PostgreSQL — always)
 * is the plan read again; when what changed touches what the analysis read (a unit added meanwhile may
 * settle an error, a target changed meanwhile must not be overwritten unseen), its revision differs and the
 * file is analysed again (null); figures typed meanwhile leave it standing. Then the copy, then the writes.
 */
function* commitOp(
  req: ImportRequest & { expectRevision?: string },
  { preview, write, seen }: Analysed & { seen: string | null },
  run: { attempt: number; dryRun: boolean; source: string; caller: Caller },
): Op<ImportOutcome | null> {
  const unchanged = seen !== null && (yield* writeTokenOp()) === seen;
  const stale = !unchanged && snapshotRevision(yield* planSnapshotOp(req.planId)) !== preview.revision;
  if (stale && run.attempt < MAX_ATTEMPTS) return null;
  if (req.expectRevision !== undefined && preview.revision !== req.expectRevision) throw new ApiError('conflict', CHANGED_SINCE_PREVIEW);
  if (!preview.ok || !write || run.dryRun) return { ...preview, committed: false };
  if (stale) return { ...failed(req.fileName, preview.format, BUSY, req.planId ?? null), committed: false };
  // Targets and baselines are audited (target_history): a write needs to say who made it, as figure entry does.
  const by = yield* requireOperatorOp(run.caller);
  yield* takeCopyOp();
  const planId = yield* writeImportOp(write, { by, at: new Date().toISOString(), source: run.source });
  return { ...preview, planId, committed: true };
}
