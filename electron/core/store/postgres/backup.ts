/**
 * Backups of a PostgreSQL store (issue 22): pg_dump copies (custom format,
 * -Fc), listed in the same manifest as a file's copies (backup/store.ts) and
 * restored by the same commands (`taizhang backup create|list|restore|undo`).
 *
 * Where: the per-user folder's `backups/` (beside the per-user taizhang.db and
 * the PostgreSQL store's taizhang.log), copies named after the store —
 * `pg-<host>-<port>-<database>-<id>.dump`, the manifest
 * `pg-<host>-<port>-<database>.backups.json` — so two stores never share a list.
 *
 * A copy is taken while this process holds the writers' lock (writeTxPg's
 * advisory lock), so no Taizhang writer commits between the copy and what
 * follows it; pg_dump's own snapshot makes it consistent against everything
 * else. It counts once `pg_restore --list` reads it back.
 *
 * A restore is all-or-nothing by PostgreSQL's transactional DDL: ONE psql
 * transaction (--single-transaction, ON_ERROR_STOP) drops Taizhang's tables,
 * trigger functions and collation, runs the copy's script (pg_restore -f),
 * brings an older copy up to this build's schema with the same translated
 * migrations, and puts back this PC's settings (operator); any error rolls all
 * of it back. Before it, under the same writers' lock, a copy of the current
 * state is taken (restoring that copy undoes the restore). Why not `pg_restore
 * --clean --single-transaction` straight into the database: --clean drops only
 * what the copy holds (a table a later migration added would stay, with
 * today's rows), and the migration of an older copy would be a second
 * transaction. Why not a fresh schema then a swap: pg_restore cannot restore
 * into another schema than the dump's, and the trigger functions name their
 * tables unqualified.
 *
 * What a restore would take away cannot be listed row by row here (the copy
 * is not a database we can attach, as a SQLite copy is): the counts are shown
 * and every restore asks for confirmation (--yes). An undo lists what was
 * written since its operation from the history tables, by the same Op as on a
 * file (backup/compare.ts undoLossOp), and asks only when there is some.
 */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { ApiError } from '../../../../shared/api/errors';
import type { BackupCounts, BackupEntry, BackupKind, BackupList, BackupOperation, LossLine, RestoreResult, WriteMarks } from '../../../../shared/backup/types';
import { localTimeText } from '../../../../shared/dates';
import { freeSpace, diskFullError, type FreeSpace } from '../../backup/copy';
import { UNDOABLE } from '../../backup/restore';
import { busyTimeoutMs } from '../../db/busy';
import { backupsToRemove } from '../../backup/retention';
import { checkedMirrorDir, dailyCopyDue, listedWithMirror, MIRROR_DIR_KEY, mirrorCopyTo, mirrorDirOp, removeCopies } from '../../backup/service';
import { BACKUP_DIR_NAME, backupFile, newBackupId, readManifest, removeLeftovers, writeManifest, type BackupPlace } from '../../backup/store';
import { MIGRATIONS } from '../../db/migrations';
import { OPERATOR_KEY, setSettingOp } from '../../db/repos/settings';
import { perUserDbPath } from '../../paths';
import { findPgTool, runPgTool, streamPgTool, toolConnection, toolFailureReason } from './tools';
import { answerAsync, driveAsync, runAsync, writeTxPg, writeTxPgOp, type PgQueryable } from './run';
import { writeMarksOp } from '../../backup/marks';
import { undoLossOp } from '../../backup/compare';
import { copyReason, isTakeCopy, type BackedOp } from '../../backup/service';
import { postgresVersion, upgradeStatements, VERSION_TABLE } from './version';

export interface PgBackupContext {
  pool: pg.Pool;
  url: string;
  /** The URL without its password: what messages show. */
  shown: string;
  migrations?: readonly string[];
  now?: () => Date;
  free?: FreeSpace;
}

/** Settings that describe this PC, not the data: a restore keeps today's values (as on a file, backup/restore.ts). */
const PC_SETTINGS = [OPERATOR_KEY, MIRROR_DIR_KEY];
/** The tables every Taizhang store has since schema 1 (as backup/copy.ts checks a file). */
const CORE_TABLES = ['units', 'plans', 'indicators', 'targets', 'figures', 'action_lines', 'tasks', 'settings'];
const MB = 1024 * 1024;

/** "pg-db.kjj.local-5432-taizhang": host, port and database of the URL, as a file name can hold them. */
export function pgStoreStem(url: string): string {
  let host = 'localhost';
  let port = '5432';
  let database = '';
  try {
    const u = new URL(url);
    host = u.hostname || u.searchParams.get('host') || host;
    port = u.port || u.searchParams.get('port') || port;
    database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
  } catch {
    database = url;
  }
  const clean = (s: string) => s.replace(/[^\p{L}\p{N}._]+/gu, '_').replace(/^_+|_+$/g, '') || '_';
  return `pg-${clean(host)}-${clean(port)}-${clean(database)}`;
}

/** The store's copies and manifest: `backups/` in the per-user folder. */
export function pgBackupPlace(url: string, env: NodeJS.ProcessEnv = process.env): BackupPlace {
  const dir = path.join(path.dirname(perUserDbPath(env)), BACKUP_DIR_NAME);
  const stem = pgStoreStem(url);
  return { dbPath: url, dir, stem, manifest: path.join(dir, `${stem}.backups.json`), ext: '.dump' };
}

async function countsOf(pool: pg.Pool): Promise<BackupCounts> {
  const r = await pool.query(
    `SELECT (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM units WHERE kind <> 'department') AS units,
            (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM tasks) AS tasks`,
  );
  const row = r.rows[0];
  return { plans: Number(row.plans), units: Number(row.units), figures: Number(row.figures), tasks: Number(row.tasks) };
}

/** The history marks (backup/marks.ts), read on `on`: the client of the write transaction sees its own writes. */
const marksOf = (on: PgQueryable): Promise<WriteMarks> => runAsync(on, writeMarksOp());

interface NewCopy {
  kind: BackupKind;
  operation: BackupOperation | null;
  reason: string;
  by: string | null;
  /** For messages: "升级数据库结构" → "…升级数据库结构未执行". */
  what: string;
}

/**
 * pg_dump of the store into the folder, checked, listed (retention applied). The caller holds the
 * writers' lock (inside writeTxPg) and has read nothing on the connection holding it that a later
 * step (a restore's DROP) would wait for.
 */
async function makeCopy(ctx: PgBackupContext, place: BackupPlace, spec: NewCopy): Promise<BackupEntry> {
  const pgDump = findPgTool('pg_dump', spec.what);
  const pgRestore = findPgTool('pg_restore', spec.what);
  fs.mkdirSync(place.dir, { recursive: true });
  removeLeftovers(place);
  const listed = readManifest(place);
  const now = ctx.now?.() ?? new Date();
  const id = newBackupId(now);
  const file = backupFile(place, id);
  // A compressed dump is smaller than the database's files; their size (and some room) is a safe bound.
  const size = Number((await ctx.pool.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
  const needed = Math.ceil(size * 0.5) + 8 * MB;
  const available = (ctx.free ?? freeSpace)(place.dir);
  if (available < needed) throw diskFullError(place.dir, needed, available, spec.what);
  const [counts, schemaVersion] = [await countsOf(ctx.pool), await postgresVersion(ctx.pool)];
  const tmp = `${file}.tmp`;
  const { dbname, env } = toolConnection(ctx.url);
  try {
    const dump = await runPgTool(pgDump, ['--format=custom', '--no-password', `--file=${tmp}`, `--dbname=${dbname}`], env);
    if (dump.code !== 0) {
      if (/No space left on device/i.test(dump.stderr)) throw diskFullError(place.dir, needed, (ctx.free ?? freeSpace)(place.dir), spec.what);
      throw new ApiError('io_error', `备份 PostgreSQL 数据库“${ctx.shown}”（pg_dump）失败：${toolFailureReason('pg_dump', dump.stderr)}。${spec.what}未执行，数据没有任何改动。`);
    }
    const check = await runPgTool(pgRestore, ['--list', tmp], env);
    if (check.code !== 0) {
      throw new ApiError('io_error', `备份文件检查未通过（pg_restore --list：${toolFailureReason('pg_restore', check.stderr)}），${spec.what}未执行，数据没有任何改动。`);
    }
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const entry: BackupEntry = {
    id,
    file,
    createdAt: now.toISOString(),
    kind: spec.kind,
    operation: spec.operation,
    reason: spec.reason,
    bytes: fs.statSync(file).size,
    counts,
    schemaVersion,
    by: spec.by,
    after: null,
    mirror: null,
  };
  const entries = [...listed, entry];
  const removed = new Set(backupsToRemove(entries, now).map((e) => e.id));
  removeCopies(entries.filter((x) => removed.has(x.id)), await mirrorDirPg(ctx));
  writeManifest(place, entries.filter((e) => !removed.has(e.id)));
  return entry;
}

/** The second folder (第二备份位置), kept in the store's settings as a file keeps it in its own (backup/service.ts). */
const mirrorDirPg = (ctx: PgBackupContext) => runAsync(ctx.pool, mirrorDirOp());

/** After the commit, outside the writers' lock: the copy into the second folder too (a failure leaves the copy missing there, said by the list). */
async function mirrored(ctx: PgBackupContext, place: BackupPlace, entry: BackupEntry): Promise<BackupEntry> {
  mirrorCopyTo(await mirrorDirPg(ctx), place, entry);
  return entry;
}

/** Sets (or clears, with null) the second folder: a folder on the machine taking the copies, which must exist and be writable. */
export async function setMirrorDirPg(ctx: PgBackupContext, dir: string | null): Promise<string | null> {
  const clean = checkedMirrorDir(dir);
  await writeTxPgOp(ctx.pool, setSettingOp(MIRROR_DIR_KEY, clean ?? ''), ctx.shown);
  return clean;
}

/** Removes a copy from the folder and the list (an operation that failed: its copy is the current state). */
async function abandon(ctx: PgBackupContext, place: BackupPlace, entry: BackupEntry): Promise<void> {
  try {
    fs.rmSync(entry.file, { force: true });
    await writeTxPg(ctx.pool, async () => writeManifest(place, readManifest(place).filter((e) => e.id !== entry.id)), ctx.shown);
  } catch {
    // Still a valid copy of the current state: listing it is harmless.
  }
}

/**
 * runWithBackup on PostgreSQL: the operation's Op as ONE writeTxPg; where it yields
 * `takeCopyOp()` (backup/service.ts) — once it knows it will write, before its first write — a
 * pg_dump copy is taken while this transaction holds the writers' lock (no Taizhang writer commits
 * between the copy and the operation; pg_dump reads on its own connection and, as the operation has
 * only read so far, waits for nothing). After its writes the copy's entry gets the history marks, read
 * in the transaction, as on a file; a failure anywhere rolls the operation back and removes its copy.
 * Listed in the same manifest, so backup.undo / backup.list treat it as any operation's copy.
 */
export async function runWithBackupPg<T>(ctx: PgBackupContext, { spec, op }: BackedOp<T>): Promise<{ result: T; backup: BackupEntry | null }> {
  const place = pgBackupPlace(ctx.url);
  let entry: BackupEntry | null = null;
  try {
    const result = await writeTxPg(
      ctx.pool,
      async (client) => {
        const value = await driveAsync(op, async (step) => {
          if (!isTakeCopy(step)) return answerAsync(client, step);
          entry ??= await makeCopy(ctx, place, { ...spec, reason: copyReason(step) ?? spec.reason, kind: 'operation' });
          return { changes: 0 };
        });
        if (entry) {
          const finished: BackupEntry = { ...entry, after: await marksOf(client) };
          writeManifest(place, readManifest(place).map((e) => (e.id === finished.id ? finished : e)));
          entry = finished;
        }
        return value;
      },
      ctx.shown,
    );
    return { result, backup: entry && (await mirrored(ctx, place, entry)) };
  } catch (err) {
    if (entry) await abandon(ctx, place, entry);
    throw err;
  }
}

/** 立即备份 (`taizhang backup create`). */
export async function createBackupPg(ctx: PgBackupContext, note: string | null, by: string | null): Promise<BackupEntry> {
  const place = pgBackupPlace(ctx.url);
  const reason = note?.trim() ? `手动备份：${note.trim()}` : '手动备份';
  const entry = await writeTxPg(ctx.pool, () => makeCopy(ctx, place, { kind: 'manual', operation: null, reason, by, what: '备份' }), ctx.shown);
  return mirrored(ctx, place, entry);
}

/**
 * The daily copy (每日备份) of a PostgreSQL store, as a file's (backup/service.ts dailyBackupIfDue):
 * when the newest daily copy is older than 20 hours, asked again under the writers' lock (another
 * server starting at the same moment may have just made it). Taken when `taizhang serve` starts.
 */
export async function dailyBackupIfDuePg(ctx: PgBackupContext): Promise<BackupEntry | null> {
  const place = pgBackupPlace(ctx.url);
  const now = ctx.now?.() ?? new Date();
  if (!dailyCopyDue(place, now)) return null;
  const entry = await writeTxPg(
    ctx.pool,
    async () => (dailyCopyDue(place, now) ? makeCopy(ctx, place, { kind: 'daily', operation: null, reason: '每日备份', by: null, what: '每日备份' }) : null),
    ctx.shown,
  );
  return entry && mirrored(ctx, place, entry);
}

export async function listBackupsPg(ctx: PgBackupContext): Promise<BackupList> {
  const place = pgBackupPlace(ctx.url);
  return { dbPath: ctx.shown, ...listedWithMirror(place, readManifest(place), await mirrorDirPg(ctx)) };
}

/**
 * Before the pending migrations of an older store (migrate.ts), inside its writeTxPg: the copy they
 * need. pg_dump reads from its own session; the migration's connection has only read the version.
 */
export async function backupBeforeMigrationPg(ctx: PgBackupContext, from: number, to: number): Promise<BackupEntry> {
  const place = pgBackupPlace(ctx.url);
  const entry = await makeCopy(ctx, place, {
    kind: 'operation',
    operation: 'migration',
    reason: `升级数据库结构（版本 ${from} → ${to}）前`,
    by: null,
    what: '升级数据库结构',
  });
  // Into the second folder at once, as a file's (the migrations that follow read nothing it writes).
  return mirrored(ctx, place, entry);
}

/** A listed copy, or a file by its path (`label`: how messages name it, by default its path in quotes). */
export type PgRestoreSource = { id: string } | { file: string; label?: string };

export interface Source {
  file: string;
  entry: BackupEntry | null;
  label: string;
  version: number;
}

/** The copy to restore, checked without changing anything: a pg_dump file, Taizhang's, not newer than this build. */
export async function checkedSource(ctx: PgBackupContext, source: PgRestoreSource): Promise<Source> {
  const supported = (ctx.migrations ?? MIGRATIONS).length;
  let file: string;
  let entry: BackupEntry | null = null;
  let label: string;
  if ('id' in source) {
    entry = readManifest(pgBackupPlace(ctx.url)).find((e) => e.id === source.id) ?? null;
    if (!entry) throw new ApiError('not_found', `找不到编号为“${source.id}”的备份，它可能已按保留规则清理。请用 taizhang backup list 查看。`);
    file = entry.file;
    label = ` ${localTimeText(entry.createdAt)} 的备份（${entry.reason}）`;
  } else {
    file = source.file;
    label = source.label ?? `“${source.file}”`;
  }
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
  } catch {
    throw new ApiError('not_found', `找不到备份文件${label}，或没有读取权限。当前数据没有任何改动。`);
  }
  if (head.toString('latin1') === 'SQLite format 3\u0000') {
    throw new ApiError('db_unreadable', `${label}是 SQLite 数据库文件（桌面版的数据库或其备份），不能恢复到 PostgreSQL 数据库。当前数据没有任何改动。`);
  }
  if (head.subarray(0, 5).toString('latin1') !== 'PGDMP') {
    throw new ApiError('db_unreadable', `${label}不是 PostgreSQL 的备份文件（pg_dump 自定义格式），不能用来恢复。当前数据没有任何改动。`);
  }
  const pgRestore = findPgTool('pg_restore', '恢复');
  const { env } = toolConnection(ctx.url);
  const toc = await runPgTool(pgRestore, ['--list', file], env, true);
  if (toc.code !== 0) {
    throw new ApiError('db_unreadable', `${label}已损坏，无法读取（${toolFailureReason('pg_restore', toc.stderr)}）。请换一个备份。当前数据没有任何改动。`);
  }
  const tables = new Set([...toc.stdout.matchAll(/^\d+; \d+ \d+ TABLE \S+ (\S+) /gm)].map((m) => m[1]));
  if (!tables.has(VERSION_TABLE) || CORE_TABLES.some((t) => !tables.has(t))) {
    throw new ApiError('db_unreadable', `${label}是别的数据库的备份，不是科创台账的，不能用来恢复。当前数据没有任何改动。`);
  }
  const data = await runPgTool(pgRestore, ['--data-only', `--table=${VERSION_TABLE}`, '--file=-', file], env, true);
  const version = Number(/^COPY \S+ \(version\) FROM stdin;\n(\d+)\n/m.exec(data.stdout)?.[1] ?? Number.NaN);
  if (data.code !== 0 || !Number.isSafeInteger(version) || version < 1) {
    throw new ApiError('db_unreadable', `${label}已损坏：读不出它的数据库结构版本（${toolFailureReason('pg_restore', data.stderr)}）。请换一个备份。当前数据没有任何改动。`);
  }
  if (version > supported) {
    throw new ApiError(
      'db_too_new',
      `${label}由较新版本的科创台账保存（数据库版本 ${version}，本程序支持到 ${supported}），不能用来恢复。请先升级科创台账。当前数据没有任何改动。`,
      { version, supported },
    );
  }
  return { file, entry, label, version };
}

function countsText(c: BackupCounts): string {
  return `工作要点 ${c.plans} 份、单位 ${c.units} 个、完成数 ${c.figures} 条、任务 ${c.tasks} 项`;
}

/** What a restore replaces: counted, never compared row by row (see above), so always confirmed. */
function impactLines(now: BackupCounts, source: Source): LossLine[] {
  const copy = source.entry?.counts;
  return [
    {
      what: 'all',
      count: now.plans + now.units + now.figures + now.tasks,
      text: `恢复后将失去${source.label}之后录入或修改的全部数据：数据库现有${countsText(now)}${copy ? `，备份中有${countsText(copy)}` : ''}（PostgreSQL 数据库的备份不逐条比较）`,
    },
  ];
}

/** What restoring `source` would replace, without changing anything. */
export async function inspectRestorePg(ctx: PgBackupContext, source: PgRestoreSource) {
  const checked = await checkedSource(ctx, source);
  return { backup: checked.entry, lost: impactLines(await countsOf(ctx.pool), checked), regained: [] };
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The statements that empty the schema of Taizhang's objects (the store holds nothing else: migrate.ts refuses that). */
async function dropStatements(pool: pg.Pool): Promise<string[]> {
  const tables = await pool.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const functions = await pool.query(
    `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema() AND p.prorettype = 'trigger'::regtype ORDER BY 1`,
  );
  const out: string[] = [];
  // No CASCADE: an object of someone else's that depends on a table (a report's view) stops the restore, said, rather than vanishing.
  if (tables.rows.length) out.push(`DROP TABLE ${tables.rows.map((r) => ident(r.name)).join(', ')};`);
  if (functions.rows.length) out.push(`DROP FUNCTION ${functions.rows.map((r) => `${ident(r.name)}()`).join(', ')};`);
  out.push('DROP COLLATION IF EXISTS taizhang_nocase;');
  return out;
}

/**
 * Restores a copy into the store: checked first (nothing changes when it is refused), then, under
 * the writers' lock, a copy of the current state, then one transaction (see above).
 */
export async function restoreBackupPg(
  ctx: PgBackupContext,
  source: PgRestoreSource,
  opts: { confirm: boolean; by: string | null; undo?: { reason: string; lost: () => Promise<LossLine[]> } },
): Promise<RestoreResult> {
  const checked = await checkedSource(ctx, source);
  // An undo lists what was written since its operation, as on a file (backup/compare.ts undoLossOp); a restore the counts.
  const lost = opts.undo ? await opts.undo.lost() : impactLines(await countsOf(ctx.pool), checked);
  const impact = { backup: checked.entry, lost, regained: [] };
  if (lost.length > 0 && !opts.confirm) return { done: false, impact, before: null };
  const what = opts.undo ? '撤销' : '恢复';
  const pgRestore = findPgTool('pg_restore', what);
  const psql = findPgTool('psql', what);
  const place = pgBackupPlace(ctx.url);
  const migrations = ctx.migrations ?? MIGRATIONS;
  const { dbname, env } = toolConnection(ctx.url);
  let before: BackupEntry | null = null;
  const work = path.join(place.dir, `${place.stem}-restore-${newBackupId()}`);
  try {
    // The copy's whole script is read out first, outside the lock: a copy damaged anywhere is refused before anything starts.
    fs.mkdirSync(place.dir, { recursive: true });
    const script = await runPgTool(pgRestore, ['--no-owner', `--file=${work}.sql`, checked.file], env);
    if (script.code !== 0) {
      throw new ApiError('db_unreadable', `${checked.label}已损坏，无法读取（${toolFailureReason('pg_restore', script.stderr)}）。请换一个备份。当前数据没有任何改动。`);
    }
    const done = await writeTxPg(
      ctx.pool,
      async () => {
        before = await makeCopy(ctx, place, {
          kind: 'operation',
          operation: opts.undo ? 'undo' : 'restore',
          reason: opts.undo?.reason ?? `恢复到${checked.label}`,
          by: opts.by,
          what,
        });
        const searchPath = (await ctx.pool.query("SELECT current_setting('search_path') AS p")).rows[0].p as string;
        const keep = await ctx.pool.query('SELECT key, value FROM settings WHERE key = ANY($1)', [PC_SETTINGS]);
        // A reader holding a table past the busy timeout fails the restore (nothing changed) rather than leaving it waiting.
        const lockWait = Math.max(1000, busyTimeoutMs());
        fs.writeFileSync(`${work}.before.sql`, [`SET lock_timeout = ${lockWait};`, ...(await dropStatements(ctx.pool))].join('\n'));
        fs.writeFileSync(
          `${work}.after.sql`,
          [
            // The copy's script empties search_path; the migrations and settings below name tables as the store does.
            `SELECT pg_catalog.set_config('search_path', ${literal(searchPath)}, false);`,
            ...upgradeStatements(checked.version, migrations).map((s) => `${s};`),
            ...keep.rows.map(
              (r) => `INSERT INTO settings (key, value) VALUES (${literal(r.key)}, ${literal(r.value)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value;`,
            ),
          ].join('\n'),
        );
        const run = await runPgTool(
          psql,
          ['-X', '-q', '--no-password', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', `${work}.before.sql`, '-f', `${work}.sql`, '-f', `${work}.after.sql`, `--dbname=${dbname}`],
          env,
        );
        if (run.code !== 0) {
          throw new ApiError(
            'db_unreadable',
            `${what}失败：${toolFailureReason('psql', run.stderr)}。已全部撤回，当前数据没有任何改动（${what}前的备份已删除，它与当前数据相同）。`,
            { reason: run.stderr.slice(0, 2000) },
          );
        }
        const after = await marksOf(ctx.pool);
        const taken = { ...(before as BackupEntry), after };
        writeManifest(place, readManifest(place).map((e) => (e.id === taken.id ? taken : e)));
        before = taken;
        return true;
      },
      ctx.shown,
    );
    return { done, impact, before: before && (await mirrored(ctx, place, before)) };
  } catch (err) {
    if (before) await abandon(ctx, place, before);
    throw err;
  } finally {
    for (const f of [`${work}.sql`, `${work}.before.sql`, `${work}.after.sql`]) fs.rmSync(f, { force: true });
  }
}

/**
 * 撤销: restores the copy taken just before an operation (an import, a removal, a merge, a restore, an undo). As on a
 * file: what was written since is listed and needs confirm; with nothing written since, it goes ahead.
 */
export async function undoOperationPg(ctx: PgBackupContext, id: string, opts: { confirm: boolean; by: string | null }): Promise<RestoreResult> {
  const listed = readManifest(pgBackupPlace(ctx.url));
  const entry = listed.find((e) => e.id === id);
  if (entry?.kind !== 'operation' || !entry.operation || !UNDOABLE.has(entry.operation)) {
    throw new ApiError('not_found', '找不到这次操作之前的备份（可能已按保留规则清理），无法撤销。可用 taizhang backup list 查看，选择其他备份恢复。');
  }
  if (!entry.after) throw new ApiError('bad_request', '这次操作没有完成（未写入数据），无需撤销。');
  const undo = { reason: `撤销“${entry.reason}”（${localTimeText(entry.createdAt)}）`, lost: () => runAsync(ctx.pool, undoLossOp(entry, listed)) };
  return restoreBackupPg(ctx, { id }, { ...opts, undo });
}
