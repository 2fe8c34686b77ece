/**
 * From what a returned file says to the changes it proposes, pure.
 *
 * A cell changes nothing when its value equals the base (the sub-unit left it
 * as sent) or equals the database now. Otherwise it is a change; it is a
 * conflict when the database no longer holds the base value (the district
 * changed the same cell after the file left). Values are checked with the
 * same rules as typed ones (shared/entry/validate.ts).
 */
import { checkEntryText, checkEntryValue, type EntryCheck } from '../entry/validate';
import { PROGRESS_STATUS_LABEL, type ProgressStatus } from '../model/task';
import { roundTo } from '../numbers';
import { periodLabel } from '../periods';
import { cumulativeSuccessor } from '../entry/periods';
import { cellKey } from '../entry/views';
import type { ExchangeCell, ExchangeTask } from './identity';
import { progressKey } from './identity';
import type { ExchangeProblem, FigureChange, ProgressChange, ProgressValue } from './review';

export interface ReturnedFigure {
  cell: ExchangeCell;
  /** What the file holds: a number, text as typed ("3.2", "３.２"), or empty. */
  raw: number | string | null;
  note: string | null;
  /** Where it is in the file, for messages. */
  where: string;
}

export interface FigureDiffInput {
  unitId: number;
  unitName: string;
  returned: ReturnedFigure[];
  /** The database now, by cellKey. */
  current: ReadonlyMap<string, number>;
  /** The previous cumulative value now, by cellKey of the cell. */
  previous: ReadonlyMap<string, number>;
  /** The next period's cumulative value now (when entered), by cellKey of the cell. */
  next?: ReadonlyMap<string, number>;
}

const same = (a: number | null, b: number | null, decimals: number) =>
  a === null || b === null ? a === b : roundTo(a, decimals) === roundTo(b, decimals);

function check(raw: number | string, cell: ExchangeCell, previous: number | null, next: number | null): EntryCheck {
  const ctx = {
    indicator: {
      name: cell.indicatorName,
      measureUnit: cell.measureUnit,
      decimals: cell.decimals,
      frequency: cell.frequency,
      aggregation: cell.aggregation,
    },
    previous,
    previousLabel: null,
    next,
    nextLabel: cumulativeSuccessor(cell.period) ? periodLabel(cumulativeSuccessor(cell.period)!) : null,
    target: cell.target,
    targetMax: cell.targetMax,
  };
  return typeof raw === 'number' ? checkEntryValue(raw, ctx) : checkEntryText(raw, ctx);
}

export function diffFigures(input: FigureDiffInput): { changes: FigureChange[]; unchanged: number; problems: ExchangeProblem[] } {
  const changes: FigureChange[] = [];
  const problems: ExchangeProblem[] = [];
  let unchanged = 0;
  for (const r of input.returned) {
    if (r.raw === null || (typeof r.raw === 'string' && r.raw.trim() === '')) continue;
    const key = cellKey(r.cell.indicatorId, input.unitId, r.cell.period);
    const result = check(r.raw, r.cell, input.previous.get(key) ?? null, input.next?.get(key) ?? null);
    if (result.kind === 'error') {
      problems.push({ level: 'error', where: r.where, message: `${r.cell.indicatorName}：${result.message}该值不会导入。` });
      continue;
    }
    if (result.value === null) continue;
    const value = result.value;
    const current = input.current.get(key) ?? null;
    const note = r.note?.trim() || null;
    if (same(value, r.cell.base, r.cell.decimals) || same(value, current, r.cell.decimals)) {
      unchanged++;
      continue;
    }
    changes.push({
      key,
      indicatorId: r.cell.indicatorId,
      indicatorName: r.cell.indicatorName,
      measureUnit: r.cell.measureUnit,
      unitId: input.unitId,
      unitName: input.unitName,
      period: r.cell.period,
      periodLabel: periodLabel(r.cell.period),
      base: r.cell.base,
      current,
      value,
      note,
      kind: current === null ? 'new' : 'changed',
      conflict: !same(current, r.cell.base, r.cell.decimals),
      warning: result.needsConfirm,
      blocked: result.needsNote && !note ? `${result.needsNote}（填报表“说明”列为空，请退回下级单位补充说明，或在数据填报中手工录入。）` : null,
    });
  }
  return { changes, unchanged, problems };
}

const STATUS_BY_LABEL = new Map<string, ProgressStatus>(
  (Object.entries(PROGRESS_STATUS_LABEL) as [ProgressStatus, string][]).map(([code, label]) => [label, code]),
);

/** Reads a status as a person types or picks it ("推进中", "in_progress"); null when it is none of them. */
export function parseStatus(text: string): ProgressStatus | null {
  const t = text.trim();
  if (t in PROGRESS_STATUS_LABEL) return t as ProgressStatus;
  return STATUS_BY_LABEL.get(t) ?? null;
}

export interface ReturnedProgress {
  task: ExchangeTask;
  status: string;
  text: string;
  where: string;
}

const sameProgress = (a: ProgressValue | null, b: ProgressValue | null) =>
  a === null || b === null ? a === b : a.status === b.status && a.text.trim() === b.text.trim();

export function diffProgress(input: {
  unitId: number;
  unitName: string;
  period: string;
  returned: ReturnedProgress[];
  current: ReadonlyMap<number, ProgressValue>;
}): { changes: ProgressChange[]; unchanged: number; problems: ExchangeProblem[] } {
  const changes: ProgressChange[] = [];
  const problems: ExchangeProblem[] = [];
  let unchanged = 0;
  for (const r of input.returned) {
    const text = r.text.trim();
    if (r.status.trim() === '' && text === '') continue;
    const status = parseStatus(r.status);
    if (!status) {
      const allowed = Object.values(PROGRESS_STATUS_LABEL).join('、');
      problems.push({
        level: 'error',
        where: r.where,
        message: `任务${r.task.seq}：状态“${r.status.trim()}”无法识别，应为${allowed}之一。该进展不会导入。`,
      });
      continue;
    }
    if (text.length > 1000) {
      problems.push({ level: 'error', where: r.where, message: `任务${r.task.seq}：进展说明超过1000字，请精简。该进展不会导入。` });
      continue;
    }
    const value = { status, text };
    const base = r.task.base ? { status: r.task.base.status as ProgressStatus, text: r.task.base.text } : null;
    const current = input.current.get(r.task.taskId) ?? null;
    if (sameProgress(value, base) || sameProgress(value, current)) {
      unchanged++;
      continue;
    }
    changes.push({
      key: progressKey(r.task.taskId, input.unitId, input.period),
      taskId: r.task.taskId,
      taskSeq: r.task.seq,
      taskContent: r.task.content,
      unitId: input.unitId,
      unitName: input.unitName,
      period: input.period,
      base,
      current,
      value,
      conflict: !sameProgress(current, base),
    });
  }
  return { changes, unchanged, problems };
}
