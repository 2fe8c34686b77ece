/**
 * Backups as the rest of the core uses them:
 *
 * - `runWithBackup`: an operation that changes much (导入, 载入回报, 恢复, …) runs in one writeTx and
 *   calls `backup.take()` once it knows it will write; the copy is made under the same write lock,
 *   before the first write, so it is exactly the state the operation started from. Not enough disk
 *   space refuses the operation (never done without its copy). After the writes the manifest
 *   records the history marks, so an undo can tell what was written since.
 * - `dailyBackupIfDue` at start; `createManualBackup` for 立即备份; `listBackups`.
 *
 * Manifest writes always happen under the database's write lock (inside writeTx), which
 * serialises them across processes (the window, the web host and the CLI share the file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { BackupEntry, BackupKind, BackupList, BackupOperation } from '../../../shared/backup/types';
import type { Db } from '../db/open';
import { getSettingOp, setSetting } from '../db/repos/settings';
import { writeTx } from '../db/tx';
import { answerSync, drive, run, runSync, type Op, type Query, type Step } from '../store/query';
import { copyLiveDatabase, freeSpace, type FreeSpace } from './copy';
import { writeMarks } from './marks';
import { backupsToRemove } from './retention';
import { backupFile, backupPlace, newBackupId, readManifest, removeLeftovers, writeManifest, type BackupPlace } from './store';

export interface BackupContext {
  db: Db;
  dbPath: string;
  /** Tests inject a full disk or another clock; production uses the real ones. */
  free?: FreeSpace;
  now?: () => Date;
}

/** The second folder (U盘, network share) every copy also goes to; kept in settings (configuration, not data). */
export const MIRROR_DIR_KEY = 'backup.mirrorDir';
/** Daily copies: at start, when the newest daily copy is older than this. */
export const DAILY_AFTER_HOURS = 20;

const inMemory = (dbPath: string) => dbPath === ':memory:' || dbPath === '';

/** The second folder, or null; one Op for both engines (a PostgreSQL store keeps it in its settings too). */
export function* mirrorDirOp(): Op<string | null> {
  const dir = yield* getSettingOp(MIRROR_DIR_KEY);
  return dir?.trim() ? dir.trim() : null;
}

export function mirrorDirOf(db: Db): string | null {
  return runSync(db, mirrorDirOp());
}

/** Copies that retention removes, from the folder and from the second folder (a file's copies and pg_dump copies alike). */
export function removeCopies(removed: BackupEntry[], mirror: string | null): void {
  for (const e of removed) {
    fs.rmSync(e.file, { force: true });
    if (mirror) fs.rmSync(path.join(mirror, path.basename(e.file)), { force: true });
  }
}

interface NewCopy {
  kind: BackupKind;
  operation: BackupOperation | null;
  reason: string;
  by: string | null;
  /** For the disk-full message: "导入" → "导入前需要先备份数据库…导入未执行". */
  what: string;
}

/** Makes a checked copy and lists it. Must run inside writeTx (the manifest is edited under the lock). */
function makeCopy(ctx: BackupContext, place: BackupPlace, spec: NewCopy): BackupEntry {
  removeLeftovers(place);
  // Read before the new file exists: a folder without a manifest is rebuilt from the copies already there.
  const listed = readManifest(place);
  const now = ctx.now?.() ?? new Date();
  const id = newBackupId(now);
  const file = backupFile(place, id);
  const checked = copyLiveDatabase(ctx.dbPath, file, spec.what, ctx.free ?? freeSpace);
  const entry: BackupEntry = {
    id,
    file,
    createdAt: now.toISOString(),
    kind: spec.kind,
    operation: spec.operation,
    reason: spec.reason,
    bytes: checked.bytes,
    counts: checked.counts,
    schemaVersion: checked.schemaVersion,
    by: spec.by,
    after: null,
    mirror: null,
  };
  const entries = [...listed, entry];
  const removed = new Set(backupsToRemove(entries, now).map((e) => e.id));
  removeCopies(entries.filter((x) => removed.has(x.id)), mirrorDirOf(ctx.db));
  writeManifest(place, entries.filter((e) => !removed.has(e.id)));
  return entry;
}

function updateEntry(place: BackupPlace, id: string, change: (e: BackupEntry) => BackupEntry | null): void {
  const entries = readManifest(place);
  const next = entries.flatMap((e) => {
    if (e.id !== id) return [e];
    const changed = change(e);
    return changed ? [changed] : [];
  });
  writeManifest(place, next);
}

/**
 * Copies a listed copy into the second folder `dir` (none: nothing to do), with the manifest beside it.
 * Outside the write lock (a network share can be slow); a failure is said in the answer, the operation
 * stands, and the list shows the copy missing there (withMirrorState). A file's copies and pg_dump copies alike.
 */
export function mirrorCopyTo(dir: string | null, place: BackupPlace, entry: BackupEntry): string | null {
  if (!dir) return null;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, path.basename(entry.file));
    fs.copyFileSync(entry.file, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    fs.copyFileSync(place.manifest, path.join(dir, path.basename(place.manifest)));
    return null;
  } catch (err) {
    return `未能复制到第二备份位置“${dir}”：${(err as Error).message}`;
  }
}

/** The copy of one operation: taken when the operation knows it will write, finished after its writes. */
export class OperationBackup {
  entry: BackupEntry | null = null;
  private readonly place: BackupPlace;
  constructor(
    private readonly ctx: BackupContext,
    private readonly spec: Omit<NewCopy, 'kind'>,
  ) {
    this.place = backupPlace(ctx.dbPath);
  }
  /** Call inside the operation's writeTx, before its first write. Idempotent. `reason`: the spec's, when the operation only now knows it. */
  take(reason?: string): BackupEntry | null {
    if (inMemory(this.ctx.dbPath)) return null;
    this.entry ??= makeCopy(this.ctx, this.place, { ...this.spec, ...(reason ? { reason } : {}), kind: 'operation' });
    return this.entry;
  }
  /** Inside the writeTx, after the writes: the marks an undo compares with. */
  finish(): void {
    if (!this.entry) return;
    const after = writeMarks(this.ctx.db);
    this.entry = { ...this.entry, after };
    updateEntry(this.place, this.entry.id, (e) => ({ ...e, after }));
  }
  /** After the commit: the second folder gets its copy. */
  committed(): void {
    if (this.entry) mirrorCopyTo(mirrorDirOf(this.ctx.db), this.place, this.entry);
  }
  /** The operation failed and changed nothing: its copy is the current state and goes. */
  abandon(): void {
    if (!this.entry) return;
    const id = this.entry.id;
    try {
      fs.rmSync(this.entry.file, { force: true });
      writeTx(this.ctx.db, () => updateEntry(this.place, id, () => null));
    } catch {
      // The copy is still a valid copy of the current state; listing it is harmless.
    }
    this.entry = null;
  }
}

/**
 * Runs an operation in one writeTx with its before-operation copy: `fn` calls `backup.take()`
 * once it knows it will write. A throw anywhere rolls everything back and removes the copy.
 */
export function runWithBackup<T>(
  ctx: BackupContext,
  spec: { operation: BackupOperation; reason: string; by: string | null; what: string },
  fn: (backup: OperationBackup) => T,
): { result: T; backup: BackupEntry | null } {
  const backup = new OperationBackup(ctx, spec);
  let result: T;
  try {
    result = writeTx(ctx.db, () => {
      const r = fn(backup);
      backup.finish();
      return r;
    });
  } catch (err) {
    backup.abandon();
    throw err;
  }
  backup.committed();
  return { result, backup: backup.entry };
}

/**
 * Where an operation written as an Op (store/query.ts) needs its copy — once it knows it will write,
 * before its first write — it yields this Step: `yield* takeCopyOp()`. Only the drivers of an
 * operation with its backup answer it — `runWithBackupOp` here (the copy on SQLite) and
 * store/postgres/backup.ts `runWithBackupPg` (a pg_dump copy) —; run any other way, the Op fails at
 * that Step, before its first write: a destructive edit never runs without its copy.
 */
const TAKE_COPY: Query<never, { reason: string | null }> = {
  bind() {
    throw new Error('takeCopyOp: an operation that takes a backup copy runs through runWithBackupOp / runWithBackupPg');
  },
};

/** `reason`: what the copy is listed as, when only the Op knows it (“删除任务3”); else the spec's. */
export function* takeCopyOp(reason: string | null = null): Op<void> {
  yield* run(TAKE_COPY, { reason });
}

/** The reason a takeCopyOp Step carries, if any. */
export const copyReason = (step: Step): string | undefined => (step.params as { reason: string | null }).reason ?? undefined;

export const isTakeCopy = (step: Step): boolean => step.query === (TAKE_COPY as Query<unknown, Record<string, unknown>>);

/** An operation's spec: what its copy is listed as (BackupEntry operation, reason, by) and, for messages, what it is. */
export type OperationSpec = { operation: BackupOperation; reason: string; by: string | null; what: string };

/** An operation written as an Op that may take a copy (takeCopyOp), with what its copy is listed as. */
export interface BackedOp<T> {
  spec: OperationSpec;
  op: Op<T>;
}

/** runWithBackup for an operation written as an Op (the same BackedOp runs on PostgreSQL through runWithBackupPg). */
export function runWithBackupOp<T>(ctx: BackupContext, { spec, op }: BackedOp<T>): { result: T; backup: BackupEntry | null } {
  return runWithBackup(ctx, spec, (copy) =>
    drive(op, (step) => {
      if (!isTakeCopy(step)) return answerSync(ctx.db, step);
      copy.take(copyReason(step));
      return { changes: 0 };
    }),
  );
}

/** 立即备份 (and `taizhang backup create`). */
export function createManualBackup(ctx: BackupContext, note: string | null, by: string | null): BackupEntry {
  if (inMemory(ctx.dbPath)) throw new Error('内存数据库不能备份。');
  const place = backupPlace(ctx.dbPath);
  const reason = note?.trim() ? `手动备份：${note.trim()}` : '手动备份';
  const entry = writeTx(ctx.db, () => makeCopy(ctx, place, { kind: 'manual', operation: null, reason, by, what: '备份' }));
  mirrorCopyTo(mirrorDirOf(ctx.db), place, entry);
  return entry;
}

/** Whether a store's daily copy is due: its newest daily copy is older than DAILY_AFTER_HOURS (a file's or a pg_dump's). */
export function dailyCopyDue(place: BackupPlace, now: Date): boolean {
  const newest = readManifest(place)
    .filter((e) => e.kind === 'daily')
    .reduce<string | null>((max, e) => (max === null || e.createdAt > max ? e.createdAt : max), null);
  return newest === null || now.getTime() - Date.parse(newest) > DAILY_AFTER_HOURS * 3600_000;
}

/** At start: a daily copy when the newest one is older than 20 hours. Returns it, or null when none was due. */
export function dailyBackupIfDue(ctx: BackupContext): BackupEntry | null {
  if (inMemory(ctx.dbPath)) return null;
  const place = backupPlace(ctx.dbPath);
  const now = ctx.now?.() ?? new Date();
  const due = () => dailyCopyDue(place, now);
  if (!due()) return null;
  // Checked again under the lock: another door starting at the same moment may have just made it.
  const entry = writeTx(ctx.db, () =>
    due() ? makeCopy(ctx, place, { kind: 'daily', operation: null, reason: '每日备份', by: null, what: '每日备份' }) : null,
  );
  if (entry) mirrorCopyTo(mirrorDirOf(ctx.db), place, entry);
  return entry;
}

export function listBackups(ctx: BackupContext): BackupList {
  const place = backupPlace(ctx.dbPath);
  const backups = inMemory(ctx.dbPath) ? [] : readManifest(place);
  return { dbPath: ctx.dbPath, ...listedWithMirror(place, backups, mirrorDirOf(ctx.db)) };
}

/** The list as backup.list answers it, newest first; whether the second folder holds each copy is read from the folder itself (a U盘 may be out). */
export function listedWithMirror(place: BackupPlace, backups: BackupEntry[], mirrorDir: string | null): Omit<BackupList, 'dbPath'> {
  const mirrorOf = (e: BackupEntry): BackupEntry['mirror'] => {
    if (!mirrorDir) return null;
    const file = path.join(mirrorDir, path.basename(e.file));
    return fs.existsSync(file) ? { file } : { error: '第二备份位置中没有这份备份' };
  };
  return {
    dir: place.dir,
    mirrorDir,
    backups: backups.map((e) => ({ ...e, mirror: mirrorOf(e) })).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  };
}

export function findBackup(ctx: BackupContext, id: string): BackupEntry | null {
  return readManifest(backupPlace(ctx.dbPath)).find((e) => e.id === id) ?? null;
}

/** Sets (or clears, with null) the second folder: it must exist and be writable. */
export function setMirrorDir(ctx: BackupContext, dir: string | null): string | null {
  const clean = checkedMirrorDir(dir);
  writeTx(ctx.db, () => setSetting(ctx.db, MIRROR_DIR_KEY, clean ?? ''));
  return clean;
}

/** The folder asked for as the second folder, checked on this machine (it exists, a file can be written there); null clears it. */
export function checkedMirrorDir(dir: string | null): string | null {
  const clean = dir?.trim() || null;
  if (clean) {
    const probe = path.join(clean, `.taizhang-probe-${process.pid}`);
    try {
      if (!fs.statSync(clean).isDirectory()) throw new Error('not a folder');
      fs.writeFileSync(probe, '');
      fs.rmSync(probe, { force: true });
    } catch {
      throw new ApiError('bad_request', `无法写入文件夹“${clean}”：请确认它存在（如 U 盘已插好、网络共享已连接）并且可以写入。`);
    }
  }
  return clean;
}

/** Before pending migrations run on an existing file (called by openDb under the write lock). */
export function backupBeforeMigration(ctx: BackupContext, from: number, to: number): void {
  if (inMemory(ctx.dbPath)) return;
  const place = backupPlace(ctx.dbPath);
  const entry = makeCopy(ctx, place, {
    kind: 'operation',
    operation: 'migration',
    reason: `升级数据库结构（版本 ${from} → ${to}）前`,
    by: null,
    what: '升级数据库结构',
  });
  mirrorCopyTo(mirrorDirOf(ctx.db), place, entry);
}
