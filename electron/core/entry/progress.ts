/** 任务进展: per task × responsible unit × period, status, text and date; locked periods are read-only. */
import { ApiError } from '../../../shared/api/errors';
import type { ProgressEntryRow, ProgressSheet, SaveResult } from '../../../shared/entry/views';
import type { ProgressStatus } from '../../../shared/model/task';
import { checkProgressDate } from '../../../shared/entry/progressDate';
import type { ProgressHistoryEntry } from '../../../shared/entry/views';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { isLockedOp } from '../db/repos/locks';
import { listProgressOp, progressHistoryOp, writeProgressOp } from '../db/repos/progress';
import { listActionLinesOp, listTasksOp } from '../db/repos/tasks';
import { listUnitsOp } from '../db/repos/units';
import { requirePlanOp, requireYearInPlan } from '../plans/scope';
import { writeTxOp } from '../db/tx';
import { runSync, type Op } from '../store/query';

/** progress.sheet (an Op of the query layer: either engine); `operator` is the caller's name, resolved by the handler. */
export function* buildProgressSheetOp(planId: number, period: string, operator: string | null, unitId?: number): Op<ProgressSheet> {
  const plan = yield* requirePlanOp(planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  const units = new Map((yield* listUnitsOp()).map((u) => [u.id, u]));
  const lines = new Map((yield* listActionLinesOp(planId)).map((a) => [a.id, a]));
  const entered = new Map((yield* listProgressOp(planId, period)).map((p) => [`${p.taskId}|${p.unitId}`, p]));
  const tasks = yield* listTasksOp(planId);
  const locked = yield* isLockedOp(planId, period);
  const rows: ProgressEntryRow[] = [];
  for (const task of tasks) {
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
  return { planId, period, periodLabel: periodLabel(period), locked, rows, operator };
}

export function buildProgressSheet(db: Db, planId: number, period: string, operator: string | null, unitId?: number): ProgressSheet {
  return runSync(db, buildProgressSheetOp(planId, period, operator, unitId));
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
  return { changed: writeTxOp(db, saveProgressOp(planId, period, entries, by, at)), by, at };
}

/**
 * Checks and writes inside ONE write transaction (writeTxOp on SQLite, writeTxPgOp on PostgreSQL):
 * what they read cannot change before the write. Answers how many entries changed.
 */
export function* saveProgressOp(planId: number, period: string, entries: ProgressInput[], by: string, at: string): Op<number> {
  const plan = yield* requirePlanOp(planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  if (yield* isLockedOp(planId, period)) {
    throw new ApiError('bad_request', `${periodLabel(period)}已锁定，任务进展不能修改。如确需修改，请先在“锁定”中填写原因解锁。`);
  }
  const tasks = yield* listTasksOp(planId);
  const responsible = new Set(tasks.flatMap((t) => t.units.filter((u) => u.role === 'responsible').map((u) => `${t.id}|${u.unitId}`)));
  const seqOf = new Map(tasks.map((t) => [t.id, t.seq]));
  const unitNames = new Map((yield* listUnitsOp()).map((u) => [u.id, u.name]));
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
    if (yield* writeProgressOp({ ...e, text: e.text.trim(), period, by, at })) n++;
  }
  return n;
}

/** Today on this computer's calendar ("2022-10-08"): the progress date may not be later. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A progress entry's history (修改记录), oldest first; refuses a task outside the plan. */
export function* progressEntryHistoryOp(planId: number, taskId: number, unitId: number, period: string): Op<ProgressHistoryEntry[]> {
  yield* requirePlanOp(planId);
  if (!(yield* listTasksOp(planId)).some((t) => t.id === taskId)) {
    throw new ApiError('not_found', `任务 ${taskId} 不属于本工作要点，请刷新页面后重试。`);
  }
  return yield* progressHistoryOp(taskId, unitId, period);
}

export function progressEntryHistory(db: Db, planId: number, taskId: number, unitId: number, period: string): ProgressHistoryEntry[] {
  return runSync(db, progressEntryHistoryOp(planId, taskId, unitId, period));
}
