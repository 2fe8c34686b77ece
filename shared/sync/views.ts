/**
 * A desktop PC connected to the bureau's server (同步): what the window, the
 * CLI and the server's district see of it. Pure shapes and labels; the
 * exchange itself is electron/core/sync/.
 *
 * Per cell of the desktop's own unit, one mark says where it stands:
 * 待发送 (changed here since the last push, or a push not yet answered),
 * 已发送 (the server holds it, 待审核 there), 已审核, 已退回 (with the
 * reason), 冲突 (the district changed the cell meanwhile: it decides), 未接收
 * (the server refused it, with why).
 */
import { PROGRESS_STATUS_LABEL, type ProgressStatus } from '../model/task';
import type { ReviewState } from '../review/states';

export const SYNC_MARK_STATES = ['queued', 'sent', 'approved', 'returned', 'conflict', 'refused'] as const;
export type SyncMarkState = (typeof SYNC_MARK_STATES)[number];

export const SYNC_MARK_LABEL: Record<SyncMarkState, string> = {
  queued: '待发送',
  sent: '已发送',
  approved: '已审核',
  returned: '已退回',
  conflict: '冲突',
  refused: '未接收',
};

/** The longer words of a mark, for the cell bar and the title. */
export const SYNC_MARK_HINT: Record<SyncMarkState, string> = {
  queued: '本机已修改，尚未发送到服务器（下次同步时发送）',
  sent: '已发送到服务器，等待区里审核',
  approved: '区里已审核通过',
  returned: '区里已退回，请修改后再同步',
  conflict: '区里在此期间也改过这个数，由区里决定采用哪个值',
  refused: '服务器没有接收',
};

/** The mark of one cell: a figure (indicatorId) or a task's progress (taskId) of the desktop's own unit. */
export interface SyncCellMark {
  kind: 'figure' | 'progress';
  /** Local ids. */
  indicatorId: number | null;
  taskId: number | null;
  unitId: number;
  period: string;
  state: SyncMarkState;
  /** The reason of a 退回, what the server holds in a conflict, why it was refused. */
  message: string | null;
}

export interface SyncMarks {
  planId: number;
  /** Whether this plan follows a server's plan at all. */
  linked: boolean;
  server: string | null;
  lastSyncAt: string | null;
  marks: SyncCellMark[];
  /** How many cells wait to be sent. */
  queued: number;
}

/** Where the password of 设置 → 服务器 is kept on this PC. */
export interface SecretPlace {
  /** system: encrypted with the system's credential store (Electron safeStorage); none: never stored. */
  kind: 'system' | 'none';
  text: string;
}

export interface SyncSettingsView {
  server: string | null;
  account: string | null;
  passwordStored: boolean;
  secrets: SecretPlace;
  /** The plans that follow a server's plan. */
  links: { planId: number; title: string; pulledAt: string }[];
  last: SyncRunSummary | null;
  queued: number;
}

/** One difference a pull brought in (shown, and kept in the cells' history). */
export interface SyncChange {
  plan: string;
  kind: 'plan' | 'indicator' | 'target' | 'task' | 'figure' | 'progress' | 'review';
  label: string;
  old: string | null;
  new: string | null;
  /** A value of this PC's that was not taken over because it is also changed here (sent in the push). */
  kept?: boolean;
}

export interface SyncRunSummary {
  at: string;
  ok: boolean;
  /** The server could not be reached: what changed here stays queued. */
  offline: boolean;
  message: string;
}

export interface SyncReport extends SyncRunSummary {
  server: string;
  account: string;
  pulled: { plans: number; created: number; changes: SyncChange[] };
  pushed: { batches: number; applied: number; unchanged: number; conflicts: number; refused: number; resent: number };
  conflicts: { label: string; mine: string; theirs: string }[];
  refused: { label: string; message: string }[];
  /** What is still waiting to be sent after this run. */
  queued: number;
  /** The unit's review states as the server holds them after this run. */
  reviews: { plan: string; period: string; state: ReviewState; reason: string | null }[];
}

/** A task's progress as a conflict shows it. */
export interface SyncProgressValue {
  status: ProgressStatus;
  text: string;
  reportedOn?: string | null;
}

/**
 * A conflict on the server: a street pushed a cell the district had changed since the street last
 * saw it — a figure (kind 'figure': numbers) or a task's progress (kind 'progress': status and text).
 */
export interface SyncConflictView {
  id: number;
  planId: number;
  unitId: number;
  unitName: string;
  kind: 'figure' | 'progress';
  /** The figure's indicator, or the task whose progress it is. */
  indicatorId: number | null;
  taskId: number | null;
  /** 技术合同成交额, or 任务3：… (the task's words, shortened). */
  indicatorName: string;
  period: string;
  periodLabel: string;
  /** The street's value, the value it started from, and the district's value now. */
  value: number | SyncProgressValue | null;
  base: number | SyncProgressValue | null;
  current: number | SyncProgressValue | null;
  state: 'open' | 'taken' | 'kept';
  pushedBy: string;
  pushedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** A value of a conflict in words: a number as written, a progress entry as 推进中：text. */
export function syncValueText(v: number | SyncProgressValue | null | undefined, formatNumber: (n: number) => string): string {
  if (v === null || v === undefined) return '（空）';
  if (typeof v === 'number') return formatNumber(v);
  return `${PROGRESS_STATUS_LABEL[v.status]}${v.text ? `：${v.text}` : ''}`;
}
