/**
 * What the district sees for one returned file (回报审核): which unit and
 * period, the changes it proposes (new values, old → new, progress texts),
 * which of them are conflicts (the district changed the same cell after the
 * file left), problems, or the reason the whole file is refused.
 */
import type { ProgressStatus } from '../model/task';

export type ExchangeFileKind = 'workbook' | 'return' | 'package';

export const EXCHANGE_KIND_LABEL: Record<ExchangeFileKind, string> = {
  workbook: '填报表（Excel）',
  return: '回报数据包',
  package: '下发数据包',
};

export interface FigureChange {
  /** cellKey(indicatorId, unitId, period) of the district's database. */
  key: string;
  indicatorId: number;
  indicatorName: string;
  measureUnit: string;
  unitId: number;
  unitName: string;
  period: string;
  periodLabel: string;
  /** The value when the file left the district. */
  base: number | null;
  /** The value in the database now. */
  current: number | null;
  /** The value the file brings. */
  value: number;
  note: string | null;
  kind: 'new' | 'changed';
  /** The district changed this cell after the file left (current ≠ base): never taken without an explicit choice. */
  conflict: boolean;
  /** Taking it confirms this (e.g. far above target). */
  warning: string | null;
  /** Why it cannot be taken (e.g. a cumulative drop without a note); null when it can. */
  blocked: string | null;
}

export interface ProgressValue {
  status: ProgressStatus;
  text: string;
}

export interface ProgressChange {
  key: string;
  taskId: number;
  taskSeq: number;
  taskContent: string;
  unitId: number;
  unitName: string;
  period: string;
  base: ProgressValue | null;
  current: ProgressValue | null;
  value: ProgressValue;
  conflict: boolean;
}

export interface ExchangeProblem {
  level: 'error' | 'warning';
  /** Where in the file: "工作表“填报表” 第8行 F列", or "" for the whole file. */
  where: string;
  message: string;
}

export interface ReturnReview {
  fileName: string;
  kind: ExchangeFileKind | null;
  /** Null when the file can be taken in; else why the whole file is refused. */
  refusal: string | null;
  planId: number | null;
  planTitle: string | null;
  unitId: number | null;
  unitName: string | null;
  period: string | null;
  periodLabel: string | null;
  exportedAt: string | null;
  /** Who returned it (return packages carry the sub-unit's operator). */
  returnedBy: string | null;
  figures: FigureChange[];
  progress: ProgressChange[];
  /** Cells the file holds that change nothing (same as sent, or same as the database now). */
  unchanged: number;
  problems: ExchangeProblem[];
}

/** One accepted cell: its key and the database value the user saw when choosing (stale choices are refused). */
export interface AcceptedCell {
  key: string;
  seen: number | null | ProgressValue;
}

export interface ApplyResult {
  figures: number;
  progress: number;
  by: string;
  at: string;
  files: { fileName: string; figures: number; progress: number }[];
  /** The copy taken just before the writes: 撤销本次载入 restores it (backup.undo). Null when nothing was written. */
  backup?: { id: string; createdAt: string } | null;
}

/** A data package opened as a plan in the sub-unit's own Taizhang. */
export interface OpenedPackage {
  planId: number;
  planTitle: string;
  unitName: string;
  period: string;
  periodLabel: string;
  /** The same package was opened before: its plan is returned, nothing written. */
  alreadyOpened: boolean;
}

/** Whether a plan came from a data package (then its return can be exported). */
export interface PackageInfo {
  fromPackage: boolean;
  fileName: string | null;
  districtName: string | null;
  unitName: string | null;
  period: string | null;
  periodLabel: string | null;
}

/**
 * What is taken from a reviewed file unless the user chooses otherwise: every change that is
 * neither a conflict (a cell the district changed since the file went out) nor blocked (a check
 * it fails), each with the value the database held when it was reviewed. The window ticks these;
 * the CLI, which never takes conflicts, takes exactly these.
 */
export function defaultAccepted(r: ReturnReview): AcceptedCell[] {
  if (r.refusal) return [];
  return [
    ...r.figures.filter((c) => !c.conflict && !c.blocked).map((c) => ({ key: c.key, seen: c.current })),
    ...r.progress.filter((c) => !c.conflict).map((c) => ({ key: c.key, seen: c.current })),
  ];
}
