/** Action lines and tasks (重点工作 / 任务分解). */

export interface ActionLine {
  id: number;
  planId: number;
  /** 1-based position; shown as "(一)", "(二)", … */
  seq: number;
  title: string;
}

/** How a unit is attached to a task. */
export type TaskRole = 'lead' | 'responsible';

export interface TaskUnitLink {
  unitId: number;
  role: TaskRole;
  /** The group phrase the unit came from ("各街道、镇、集聚区"), or null when named directly. */
  viaPhrase: string | null;
}

export interface Task {
  id: number;
  actionLineId: number;
  /** Number across the whole table, 1..n. */
  seq: number;
  content: string;
  /** 牵头单位 as written. */
  leadText: string;
  /** 责任单位 as written, group phrases kept ("区科工局，各街道、镇、集聚区"). */
  responsibleText: string;
  deadline: string | null;
  units: TaskUnitLink[];
}

/** Progress of a task at one responsible unit for one period (任务进展). */
export type ProgressStatus = 'not_started' | 'in_progress' | 'done' | 'late';

export const PROGRESS_STATUS_LABEL: Record<ProgressStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  late: '滞后',
};

export interface Progress {
  taskId: number;
  unitId: number;
  period: string;
  status: ProgressStatus;
  text: string;
  reportedOn: string | null;
}
