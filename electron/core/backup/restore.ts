/**
 * Restoring a copy (恢复) and undoing an operation (撤销本次导入) by restoring its copy.
 *
 * The copy is first checked (ours, sound, not from a newer version — refused before anything
 * changes), then staged: a private snapshot of it, migrated to the current schema. The live
 * database takes it in ONE writeTx: a copy of the current state first (so the restore itself can
 * be undone), then every table emptied and refilled from the staged copy, the foreign keys checked,
 * commit. Other processes using the file see one ordinary commit — the file is never swapped
 * under them. PC configuration (the operator, the second backup folder) stays as it is.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { BackupEntry, RestoreImpact, RestoreResult } from '../../../shared/backup/types';
import { localTimeText } from '../../../shared/dates';
import { migrate } from '../db/open';
import type { Db } from '../db/open';
import { OPERATOR_KEY } from '../db/repos/settings';
import { compareWithCopy, undoLossOp } from './compare';
import { runSync } from '../store/query';
import { validateRestoreSource } from './copy';
import { backupPlace, newBackupId, readManifest } from './store';
import { findBackup, MIRROR_DIR_KEY, runWithBackup, type BackupContext } from './service';

/** Settings that describe this PC, not the data: a restore keeps today's values. */
const PC_SETTINGS = [OPERATOR_KEY, MIRROR_DIR_KEY];

/** Operations whose copy can be restored as an undo (the window names the button in BackupPanel.tsx). */
export const UNDOABLE = new Set<string>(['import', 'exchange.apply', 'exchange.openPackage', 'exchange.receive', 'restore', 'undo', 'plan.edit']);

export type RestoreSource = { id: string } | { file: string; label?: string };

interface Staged {
  file: string;
  entry: BackupEntry | null;
  label: string;
}

/** A checked, private, current-schema snapshot of the source; the caller removes `file`. */
function stage(ctx: BackupContext, source: RestoreSource): Staged {
  let file: string;
  let entry: BackupEntry | null = null;
  let label: string;
  if ('id' in source) {
    entry = findBackup(ctx, source.id);
    if (!entry) throw new ApiError('not_found', `找不到编号为“${source.id}”的备份，它可能已按保留规则清理。请刷新备份列表。`);
    file = entry.file;
    label = ` ${localTimeText(entry.createdAt)} 的备份（${entry.reason}）`;
  } else {
    file = source.file;
    label = source.label ?? source.file;
  }
  validateRestoreSource(file, label);
  const place = backupPlace(ctx.dbPath);
  fs.mkdirSync(place.dir, { recursive: true });
  const staged = `${place.dir}/${place.stem}-staging-${newBackupId()}.tmp`;
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    src.prepare('VACUUM INTO ?').run(staged); // folds in a WAL beside a copied file, never changes the source
  } finally {
    src.close();
  }
  const db = new Database(staged);
  try {
    migrate(db, staged);
  } catch (err) {
    fs.rmSync(staged, { force: true });
    throw err;
  } finally {
    if (db.open) db.close();
  }
  return { file: staged, entry, label };
}

function withStaged<T>(ctx: BackupContext, source: RestoreSource, fn: (staged: Staged) => T): T {
  const staged = stage(ctx, source);
  try {
    return fn(staged);
  } finally {
    fs.rmSync(staged.file, { force: true });
  }
}

function attached<T>(db: Db, file: string, fn: () => T): T {
  db.prepare("ATTACH DATABASE ? AS src").run(file);
  try {
    return fn();
  } finally {
    db.prepare('DETACH DATABASE src').run();
  }
}

/** What restoring `source` would take away and bring back, without changing anything. */
export function inspectRestore(ctx: BackupContext, source: RestoreSource): RestoreImpact {
  return withStaged(ctx, source, (staged) => attached(ctx.db, staged.file, () => ({ backup: staged.entry, ...compareWithCopy(ctx.db) })));
}

function userTables(db: Db, schema: string): string[] {
  return db.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
}

/** Empties every table of `main` and fills it from `src` (same schema), keeping the PC settings. */
function copyTables(db: Db): void {
  const keep = db.prepare(`SELECT key, value FROM main.settings WHERE key IN (${PC_SETTINGS.map(() => '?').join(',')})`).all(...PC_SETTINGS) as {
    key: string;
    value: string;
  }[];
  const srcTables = new Set(userTables(db, 'src'));
  // The copy is taken verbatim, tables kept by triggers included (sub_unit_sums, migration 014): the
  // triggers are set aside meanwhile (dropped and made again in this same transaction) rather than
  // fire for every figure taken out and put back — seconds at 960,000 figures, for sums the copy replaces.
  const triggers = db.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.prepare(`DROP TRIGGER main."${t.name}"`).run();
  for (const table of userTables(db, 'main')) {
    db.prepare(`DELETE FROM main."${table}"`).run();
    if (!srcTables.has(table)) continue;
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?, ?)').pluck().all(table, 'main') as string[]).map((c) => `"${c}"`).join(', ');
    db.prepare(`INSERT INTO main."${table}" (${cols}) SELECT ${cols} FROM src."${table}"`).run();
  }
  for (const t of triggers) db.exec(t.sql);
  const put = db.prepare('INSERT INTO main.settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const k of keep) put.run(k.key, k.value);
  const broken = db.prepare('PRAGMA main.foreign_key_check').all();
  if (broken.length) throw new ApiError('db_unreadable', `备份中的数据前后不一致（${broken.length} 处引用找不到对象），不能用来恢复。当前数据没有任何改动。`);
}

/**
 * Restores `source` into the live database. With data that the restore would take away and
 * no `confirm`, nothing happens: the answer lists it (done: false). Otherwise the current state
 * is copied first (the answer's `before`: restoring it undoes this restore), then replaced.
 */
export function restoreBackup(
  ctx: BackupContext,
  source: RestoreSource,
  opts: {
    confirm: boolean;
    by: string | null;
    /** For an undo: the copy is listed as the state before the undo, which restoring it brings back (取消撤销). */
    undo?: { reason: string; impact: (staged: Staged) => RestoreImpact };
  },
): RestoreResult {
  return withStaged(ctx, source, (staged) => {
    const db = ctx.db;
    // ATTACH and the foreign-key switch cannot happen inside a transaction: around it.
    return attached(db, staged.file, () => {
      const impact = opts.undo?.impact(staged) ?? { backup: staged.entry, ...compareWithCopy(db) };
      if (impact.lost.length > 0 && !opts.confirm) return { done: false, impact, before: null };
      db.pragma('foreign_keys = OFF');
      try {
        const { backup } = runWithBackup(
          ctx,
          opts.undo
            ? { operation: 'undo', reason: opts.undo.reason, by: opts.by, what: '撤销' }
            : { operation: 'restore', reason: `恢复到${staged.label}`, by: opts.by, what: '恢复' },
          (b) => {
            b.take();
            copyTables(db);
          },
        );
        return { done: true, impact, before: backup };
      } finally {
        db.pragma('foreign_keys = ON');
      }
    });
  });
}

/**
 * 撤销 an import, a return apply, a package opening or a restore: restores the copy taken just
 * before it. When something was written since (figures typed after the import, a later import),
 * it is listed and nothing happens without `confirm`.
 */
export function undoOperation(ctx: BackupContext, id: string, opts: { confirm: boolean; by: string | null }): RestoreResult {
  const entry = findBackup(ctx, id);
  if (!entry || entry.kind !== 'operation' || !entry.operation || !UNDOABLE.has(entry.operation)) {
    throw new ApiError('not_found', '找不到这次操作之前的备份（可能已按保留规则清理），无法撤销。可在“设置 → 备份与恢复”中选择其他备份恢复。');
  }
  if (!entry.after) {
    throw new ApiError('bad_request', '这次操作没有完成（未写入数据），无需撤销。');
  }
  const listed = readManifest(backupPlace(ctx.dbPath));
  return restoreBackup(ctx, { id }, {
    confirm: opts.confirm,
    by: opts.by,
    undo: {
      reason: `撤销“${entry.reason}”（${localTimeText(entry.createdAt)}）`,
      impact: (staged) => ({ backup: staged.entry, lost: runSync(ctx.db, undoLossOp(entry, listed)), regained: [] }),
    },
  });
}
