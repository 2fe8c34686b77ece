/** 任务进展: per task × responsible unit × period, status, text and date; locked periods are read-only. */
import { ApiError } from '../../../shared/api/errors';
import type { ProgressEntryRow, ProgressSheet, SaveResult } from '../../../shared/entry/views';
import type { ProgressStatus } from '../../../shared/model/task';
import { checkProgressDate } from '../../../shared/entry/progressDate';
import type { ProgressHistoryEntry } from '../../../shared/entry/views';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { isLocked } from '../db/repos/locks';
import { listProgress, progressHistory, writeProgress } from '../db/repos/progress';
import { listActionLines, listTasks } from '../db/repos/tasks';
import { listUnits } from '../db/repos/units';
import { requirePlan, requireYearInPlan } from '../plans/scope';
import { writeTx } from '../db/tx';

export function buildProgressSheet(db: Db, planId: number, period: string, operator: string | null, unitId?: number): ProgressSheet {
  const plan = requirePlan(db, planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  const units = new Map(listUnits(db).map((u) => [u.id, u]));
  const lines = new Map(listActionLines(db, planId).map((a) => [a.id, a]));
  const entered = new Map(listProgress(db, planId, period).map((p) => [`${p.taskId}|${p.unitId}`, p]));
  const rows: ProgressEntryRow[] = [];
  for (const task of listTasks(db, planId)) {
    const line = lines.get(task.actionLineId);
    const leads = new Set(task.units.filter((u) => u.role === 'lead').map((u) => u.unitId));
    for (const link of task.units.filter((u) => u.role === 'responsible')) {
      if (unitId != null && link.unitId !== unitId) continue;
      const p = entered.get(`${task.id}|${link.unitId}`);
      rows.push({
        taskId: task.id,
        taskSeq: task.seq,
        taskContent: task.content,
        actionLineSeq: line?.seq ?? 0,
        actionLineTitle: line?.title ?? '',
        unitId: link.unitId,
        unitName: units.get(link.unitId)?.name ?? `单位${link.unitId}`,
        isLead: leads.has(link.unitId),
        status: p?.status ?? null,
        text: p?.text ?? '',
        reportedOn: p?.reportedOn ?? null,
        enteredBy: p?.enteredBy ?? null,
        enteredAt: p?.enteredAt ?? null,
      });
    }
  }
  return { planId, period, periodLabel: periodLabel(period), locked: isLocked(db, planId, period), rows, operator };
}

export interface ProgressInput {
  taskId: number;
  unitId: number;
  status: ProgressStatus;
  text: string;
  reportedOn: string | null;
}

export function saveProgress(db: Db, planId: number, period: string, entries: ProgressInput[], by: string): SaveResult {
  const at = new Date().toISOString();
  // Checks and writes under one write lock: what they read cannot change before the write.
  const changed = writeTx(db, () => saveProgressIn(db, planId, period, entries, by, at));
  return { changed, by, at };
}

function saveProgressIn(db: Db, planId: number, period: string, entries: ProgressInput[], by: string, at: string): number {
  const plan = requirePlan(db, planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  if (isLocked(db, planId, period)) {
    throw new ApiError('bad_request', `${periodLabel(period)}已锁定，任务进展不能修改。如确需修改，请先在“锁定”中填写原因解锁。`);
  }
  const tasks = listTasks(db, planId);
  const responsible = new Set(tasks.flatMap((t) => t.units.filter((u) => u.role === 'responsible').map((u) => `${t.id}|${u.unitId}`)));
  const seqOf = new Map(tasks.map((t) => [t.id, t.seq]));
  const unitNames = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const today = localToday();
  let n = 0;
  for (const e of entries) {
    if (!responsible.has(`${e.taskId}|${e.unitId}`)) {
      throw new ApiError('bad_request', `任务 ${e.taskId} 的责任单位中没有单位 ${e.unitId}，不能为它填报进展。请刷新页面后重试。`);
    }
    const dateProblem = e.reportedOn == null ? null : checkProgressDate(e.reportedOn, period, today);
    if (dateProblem) {
      const where = `任务${seqOf.get(e.taskId)} · ${unitNames.get(e.unitId) ?? `单位${e.unitId}`}（${periodLabel(period)}）`;
      throw new ApiError('bad_request', `${where}：${dateProblem}`);
    }
    if (writeProgress(db, { ...e, text: e.text.trim(), period, by, at })) n++;
  }
  return n;
}

/** Today on this computer's calendar ("2022-10-08"): the progress date may not be later. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A progress entry's history (修改记录), oldest first; refuses a task outside the plan. */
export function progressEntryHistory(db: Db, planId: number, taskId: number, unitId: number, period: string): ProgressHistoryEntry[] {
  requirePlan(db, planId);
  if (!listTasks(db, planId).some((t) => t.id === taskId)) {
    throw new ApiError('not_found', `任务 ${taskId} 不属于本工作要点，请刷新页面后重试。`);
  }
  return progressHistory(db, taskId, unitId, period);
}
