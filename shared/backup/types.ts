/**
 * Backups (自动备份): the shapes the core, the doors and the window share.
 * A backup is a checked copy of the whole database file, kept in a
 * `backups/` folder beside it with a manifest saying when, why and what it held.
 */

/**
 * Why a copy exists, which decides how long it is kept (electron/core/backup/retention.ts):
 * - `operation`: taken before a change (导入, 载入回报, 恢复, 升级, 删除 …) — 30 days, at least the last 20;
 * - `daily`: the first start of a day — 14 days, then one a week for 8 weeks, then one a month for 12 months;
 * - `manual`: 立即备份 — kept until the user removes it.
 */
export type BackupKind = 'operation' | 'daily' | 'manual';

/** The operation a before-operation copy was taken for: the ones the window can undo (撤销) by restoring it. */
export type BackupOperation =
  | 'import'
  | 'exchange.apply'
  | 'exchange.openPackage'
  /** A plan package from the upper level received as 上级下达, or one of its targets taken later. */
  | 'exchange.receive'
  | 'restore'
  | 'migration'
  | 'undo'
  /** A removal in the window (a goal, an action line, a task, a plan, a unit merge). */
  | 'plan.edit'
  /** A sync with the bureau's server that changed this PC's data (electron/core/sync/). */
  | 'sync';

export interface BackupCounts {
  plans: number;
  units: number;
  figures: number;
  tasks: number;
}

/**
 * The newest row of every history table right after an operation committed:
 * what was written after it (and an undo would take away) is what lies beyond.
 */
export interface WriteMarks {
  figureHistory: number;
  targetHistory: number;
  progressHistory: number;
  lockEvents: number;
  /** The newest summaries.updated_at (summaries keep no history rows). */
  summariesAt: string | null;
}

export interface BackupEntry {
  /** Stable id, also the file's stem: "20221003-101530-7f3a". */
  id: string;
  /** Full path of the copy. */
  file: string;
  /** ISO instant. */
  createdAt: string;
  kind: BackupKind;
  operation: BackupOperation | null;
  /** In Chinese, for the list: "导入 附件2.xlsx", "载入回报 3 个文件", "每日备份", "手动备份：月底前". */
  reason: string;
  bytes: number;
  counts: BackupCounts;
  schemaVersion: number;
  /** Who caused it (the operator of the operation), when known. */
  by: string | null;
  /** Set when the operation committed: undo compares the database with these. */
  after: WriteMarks | null;
  /** The copy in the second folder (U盘/网络共享), or why it could not be written there. */
  mirror: { file: string } | { error: string } | null;
}

export interface BackupList {
  dbPath: string;
  dir: string;
  /** The optional second folder; null when not set. */
  mirrorDir: string | null;
  /** Newest first. */
  backups: BackupEntry[];
}

/** One kind of data a restore (or an undo) would take away, in numbers and one Chinese line. */
export interface LossLine {
  /** `all`: everything written since the copy (a PostgreSQL store's copy is counted, not compared row by row). */
  what: 'figures' | 'progress' | 'targets' | 'tasks' | 'indicators' | 'units' | 'plans' | 'summaries' | 'locks' | 'operations' | 'all';
  count: number;
  /** "恢复后将失去 2022-10-03 之后录入的 14 个完成数". */
  text: string;
}

/** What restoring a copy would do to the data the database holds now. */
export interface RestoreImpact {
  backup: BackupEntry | null;
  /** Data the current database has that the copy lacks (lost on restore), most important first. */
  lost: LossLine[];
  /** Data the copy has that the current database lacks (back after restore). */
  regained: LossLine[];
}

/** The answer of backup.restore / backup.undo. */
export interface RestoreResult {
  /** False when the request needs a confirmation first (undo after later writes): `impact` says why. */
  done: boolean;
  impact: RestoreImpact;
  /** The copy of the state just before the restore: restoring it undoes the restore. */
  before: BackupEntry | null;
}
