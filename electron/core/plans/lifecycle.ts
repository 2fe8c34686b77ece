/**
 * Plans and years (工作要点): a new plan, blank or 从上一年复制 (the indicators
 * with empty targets, optionally the action lines and tasks, and the previous
 * year's figures as this plan's 上年同期 and the district's year-end figures as
 * its baselines, so 同比 works with nothing typed); editing the plan's own
 * details; 归档; deleting a plan (what goes is listed first, with a backup).
 * First run: the 青云谱区 example one click away, or a ledger for one's own unit.
 */
import { ApiError } from '../../../shared/api/errors';
import type { Plan } from '../../../shared/model/plan';
import type { UnitKind } from '../../../shared/model/units';
import { changeText } from '../../../shared/plan/rules';
import { periodsOfYear } from '../../../shared/periods';
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { listFiguresOp, writeFigureOp } from '../db/repos/figures';
import { insertIndicatorOp, listIndicatorsOp } from '../db/repos/indicators';
import { insertPlanOp, listPlansOp } from '../db/repos/plans';
import { insertActionLineOp, insertTaskOp, listActionLinesOp, listTasksOp } from '../db/repos/tasks';
import { insertUnitOp, listUnitsOp } from '../db/repos/units';
import { writeBaselineOp } from '../db/repos/targetWrites';
import { writeTxOp } from '../db/tx';
import { get, query, run, type Op } from '../store/query';
import { requirePlanOp } from './scope';
import { loadProgressTableOp } from '../figures/loadProgressTable';
import { DEFAULT_EXAMPLE, EXAMPLES, hasExampleOp, loadExampleOp, type ExampleName } from '../seed/example';
import { SAMPLE_MARK } from '../figures/sample';
import { runWithBackupOp, takeCopyOp, type BackupContext } from '../backup/service';
import { audit, planEditBacked, removalWith, type RemovalResult } from './common';
import { recordEditOp } from './history';

export interface NewPlanInput {
  title: string;
  yearStart: number;
  yearEnd: number;
  docNumber?: string | null;
  issuer?: string | null;
  /** The unit whose plan it is; the copied plan's unit, or the only top unit, when omitted. */
  unitId?: number;
  /** 从上一年复制: the plan to take indicators (and optionally tasks) from. */
  fromPlanId?: number;
  /** With fromPlanId: copy the action lines and their tasks too (without their progress). */
  copyTasks?: boolean;
}

const checkYears = (yearStart: number, yearEnd: number) => {
  if (!Number.isInteger(yearStart) || !Number.isInteger(yearEnd) || yearStart < 1990 || yearEnd > 2100) {
    throw new ApiError('bad_request', '年度应为 1990—2100 之间的年份。');
  }
  if (yearEnd < yearStart) throw new ApiError('bad_request', `结束年度（${yearEnd}）早于起始年度（${yearStart}）。`);
  if (yearEnd - yearStart > 9) throw new ApiError('bad_request', '一份工作要点最多跨 10 个年度（如“十四五”为 2021—2025）。');
};

function* planUnitForOp(input: NewPlanInput, from: Plan | null): Op<number> {
  if (input.unitId !== undefined) {
    if (!(yield* listUnitsOp()).some((u) => u.id === input.unitId && u.kind !== 'department')) throw new ApiError('bad_request', `单位编号 ${input.unitId} 不存在或是部门。`);
    return input.unitId;
  }
  if (from) return from.unitId;
  const roots = (yield* listUnitsOp()).filter((u) => u.parentId === null && u.kind !== 'department' && u.active !== false);
  if (roots.length === 1) return roots[0].id;
  throw new ApiError('bad_request', roots.length ? '台账中有多个单位，请选择这份工作要点属于哪个单位。' : '台账中还没有单位，请先“新建台账”填写本单位名称。');
}

/** Creates a plan (blank, or copied from another year); returns its id. */
export function createPlan(db: Db, by: string, input: NewPlanInput): number {
  return writeTxOp(db, createPlanOp(by, input));
}

export function* createPlanOp(by: string, input: NewPlanInput): Op<number> {
  checkYears(input.yearStart, input.yearEnd);
  const title = input.title.trim();
  if (!title) throw new ApiError('bad_request', '请填写工作要点的标题。');
  {
    const from = input.fromPlanId === undefined ? null : yield* requirePlanOp(input.fromPlanId);
    const unitId = yield* planUnitForOp(input, from);
    if ((yield* listPlansOp()).some((p) => p.unitId === unitId && p.title === title)) {
      throw new ApiError('bad_request', `已有同名的工作要点“${title}”，请换一个标题。`);
    }
    const planId = yield* insertPlanOp({
      unitId,
      title,
      yearStart: input.yearStart,
      yearEnd: input.yearEnd,
      docNumber: input.docNumber?.trim() || null,
      issuedOn: null,
      issuer: input.issuer?.trim() || null,
      source: from ? `从“${from.title}”复制` : '新建',
    });
    const stamp = audit(by);
    yield* recordEditOp(stamp, { planId, entity: 'plan', entityId: planId, action: 'add', newValue: title, summary: `新建工作要点：${title}${from ? `（从“${from.title}”复制）` : ''}` });
    if (from) yield* copyFromOp(by, stamp.at, from, planId, unitId, input);
    return planId;
  }
}

function* copyFromOp(by: string, at: string, from: Plan, planId: number, unitId: number, input: NewPlanInput): Op<void> {
  const source = `从“${from.title}”复制`;
  const previousYear = from.yearEnd;
  // Figures of the last year of the old plan become this plan's 上年同期 when it is the year before.
  const carriesBaseYear = previousYear === input.yearStart - 1;
  const units = yield* listUnitsOp();
  const progress = carriesBaseYear ? yield* loadProgressTableOp(from, units, String(previousYear)) : null;
  // A deactivated unit stays out of the new plan: its figures are not carried (they stay in the old one).
  const inactive = new Set(units.filter((u) => u.active === false).map((u) => u.id));
  const figures = carriesBaseYear ? (yield* listFiguresOp(from.id)).filter((f) => f.period.startsWith(String(previousYear)) && !inactive.has(f.unitId)) : [];
  const ids = new Map<number, number>();
  for (const i of yield* listIndicatorsOp(from.id)) {
    const id = yield* insertIndicatorOp({
      planId,
      name: i.name,
      measureUnit: i.measureUnit,
      aggregation: i.aggregation,
      frequency: i.frequency,
      decimals: i.decimals,
      sortOrder: i.sortOrder,
      wording: null,
      wordingText: null,
      baseline: null,
      decomposed: i.decomposed,
      code: i.code,
    });
    ids.set(i.id, id);
    // The district's year-end figure of the old year is this year's 基数 (computed totals included).
    const actual = progress?.parent.cells[i.id]?.actual ?? null;
    if (actual !== null && unitId === from.unitId) yield* writeBaselineOp({ planId, by, at, source }, id, unitId, actual);
  }
  const validPeriods = new Set(['monthly', 'quarterly', 'yearly'].flatMap((f) => periodsOfYear(previousYear, f as 'monthly')));
  for (const f of figures) {
    const id = ids.get(f.indicatorId);
    if (id === undefined || !validPeriods.has(f.period)) continue;
    // Generated sample figures stay marked as such (示例数据), never become the operator's own.
    yield* writeFigureOp({ indicatorId: id, unitId: f.unitId, period: f.period, value: f.value, note: f.note, by: f.enteredBy === SAMPLE_MARK ? SAMPLE_MARK : by, at, source });
  }
  if (!input.copyTasks) return;
  const lines = yield* listActionLinesOp(from.id);
  const tasks = yield* listTasksOp(from.id);
  for (const line of lines) {
    const lineId = yield* insertActionLineOp({ planId, seq: line.seq, title: line.title });
    for (const t of tasks.filter((x) => x.actionLineId === line.id)) {
      yield* insertTaskOp({ actionLineId: lineId, seq: t.seq, content: t.content, leadText: t.leadText, responsibleText: t.responsibleText, deadline: null, units: t.units.filter((u) => !inactive.has(u.unitId)) });
    }
  }
}

export interface PlanDetails {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  yearStart: number;
  yearEnd: number;
}

/** Edits the plan's own details; years may not shrink past entered figures. */
const FIGURES_OUTSIDE = query<{ n: number }, { planId: number; first: number; last: number }>(
  (_qb, p) => sql`SELECT count(*) AS n FROM figures f JOIN indicators i ON i.id = f.indicator_id
          WHERE i.plan_id = ${p('planId')} AND (CAST(substr(f.period, 1, 4) AS INTEGER) < ${p('first')} OR CAST(substr(f.period, 1, 4) AS INTEGER) > ${p('last')})`,
);
const UPDATE_PLAN = query<
  never,
  { id: number; title: string; docNumber: string | null; issuer: string | null; issuedOn: string | null; yearStart: number; yearEnd: number }
>(
  (_qb, p) => sql`UPDATE plans SET title = ${p('title')}, doc_number = ${p('docNumber')}, issuer = ${p('issuer')}, issued_on = ${p('issuedOn')},
      year_start = ${p('yearStart')}, year_end = ${p('yearEnd')} WHERE id = ${p('id')}`,
);
const SET_ARCHIVED = query<never, { id: number; at: string | null }>((_qb, p) => sql`UPDATE plans SET archived_at = ${p('at')} WHERE id = ${p('id')}`);

export function updatePlan(db: Db, by: string, planId: number, d: PlanDetails): void {
  writeTxOp(db, updatePlanOp(by, planId, d));
}

export function* updatePlanOp(by: string, planId: number, d: PlanDetails): Op<void> {
  checkYears(d.yearStart, d.yearEnd);
  {
    const plan = yield* requirePlanOp(planId);
    const title = d.title.trim();
    if (!title) throw new ApiError('bad_request', '请填写工作要点的标题。');
    const outside = (yield* get(FIGURES_OUTSIDE, { planId, first: d.yearStart - 1, last: d.yearEnd }))?.n ?? 0;
    if (outside) throw new ApiError('bad_request', `有 ${outside} 个完成数不在 ${d.yearStart - 1}—${d.yearEnd} 年内，不能这样修改年度。`);
    yield* run(UPDATE_PLAN, {
      id: planId,
      title,
      docNumber: d.docNumber?.trim() || null,
      issuer: d.issuer?.trim() || null,
      issuedOn: d.issuedOn,
      yearStart: d.yearStart,
      yearEnd: d.yearEnd,
    });
    const stamp = audit(by);
    const show = (p: { yearStart: number; yearEnd: number }) => (p.yearStart === p.yearEnd ? `${p.yearStart}年` : `${p.yearStart}—${p.yearEnd}年`);
    const changes: [string, string, string, string][] = [
      ['title', '标题', plan.title, title],
      ['doc_number', '文号', plan.docNumber ?? '', d.docNumber?.trim() ?? ''],
      ['issuer', '发文单位', plan.issuer ?? '', d.issuer?.trim() ?? ''],
      ['issued_on', '印发日期', plan.issuedOn ?? '', d.issuedOn ?? ''],
      ['years', '年度', show(plan), show(d)],
    ];
    for (const [field, label, before, after] of changes) {
      if (before !== after) yield* recordEditOp(stamp, { planId, entity: 'plan', entityId: planId, action: 'change', field, oldValue: before, newValue: after, summary: `工作要点${changeText(label, before, after)}` });
    }
  }
}

/** 归档 (archived: true) hides a plan from the switcher; its data stays and it can be taken back. */
export function archivePlan(db: Db, by: string, planId: number, archived: boolean): void {
  writeTxOp(db, archivePlanOp(by, planId, archived));
}

export function* archivePlanOp(by: string, planId: number, archived: boolean): Op<void> {
  const plan = yield* requirePlanOp(planId);
  yield* run(SET_ARCHIVED, { id: planId, at: archived ? new Date().toISOString() : null });
  yield* recordEditOp(audit(by), { planId, entity: 'plan', entityId: planId, action: 'change', field: 'archived_at', summary: `${archived ? '归档' : '取消归档'}：${plan.title}` });
}

type InPlan = { planId: number };
const PLAN_FIGURES = query<{ n: number }, InPlan>(
  (_qb, p) => sql`SELECT count(*) AS n FROM figures f JOIN indicators i ON i.id = f.indicator_id WHERE i.plan_id = ${p('planId')}`,
);
const PLAN_PROGRESS = query<{ n: number }, InPlan>(
  (_qb, p) =>
    sql`SELECT count(*) AS n FROM progress p JOIN tasks t ON t.id = p.task_id JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ${p('planId')}`,
);
const PLAN_TARGETS = query<{ n: number }, InPlan>(
  (_qb, p) => sql`SELECT count(*) AS n FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ${p('planId')}`,
);
const PLAN_TASKS = query<{ n: number }, InPlan>(
  (_qb, p) => sql`SELECT count(*) AS n FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ${p('planId')}`,
);
const PLAN_SUMMARIES = query<{ n: number }, InPlan>((_qb, p) => sql`SELECT count(*) AS n FROM summaries WHERE plan_id = ${p('planId')}`);
const DELETE_LOCK_EVENTS = query<never, InPlan>((_qb, p) => sql`DELETE FROM period_lock_events WHERE plan_id = ${p('planId')}`);
const DELETE_REMINDERS = query<never, InPlan>((_qb, p) => sql`DELETE FROM reminder_events WHERE plan_id = ${p('planId')}`);
const DELETE_SETTING = query<never, { key: string }>((_qb, p) => sql`DELETE FROM settings WHERE key = ${p('key')}`);
const DELETE_PLAN = query<never, InPlan>((_qb, p) => sql`DELETE FROM plans WHERE id = ${p('planId')}`);

/** What deleting a plan takes with it, in the words of the confirmation. */
function* planLossesOp(planId: number): Op<string[]> {
  const n = function* (q: typeof PLAN_FIGURES): Op<number> {
    return (yield* get(q, { planId }))?.n ?? 0;
  };
  const figures = yield* n(PLAN_FIGURES);
  const progress = yield* n(PLAN_PROGRESS);
  const targets = yield* n(PLAN_TARGETS);
  const tasks = yield* n(PLAN_TASKS);
  const summaries = yield* n(PLAN_SUMMARIES);
  return [
    figures && `${figures} 个完成数`,
    progress && `${progress} 条任务进展`,
    targets && `${targets} 个目标值`,
    tasks && `${tasks} 项任务`,
    summaries && `${summaries} 份年度工作总结`,
  ]
    .filter((x): x is string => Boolean(x))
    .map((x) => `${x}将被删除`);
}

/** Deletes a plan and everything in it, after the list of what goes was seen (confirm) and a backup. */
export function deletePlan(ctx: BackupContext, by: string, planId: number, confirm: boolean): RemovalResult {
  const { result, backup } = runWithBackupOp(ctx, deletePlanBacked(by, planId, confirm));
  return removalWith(result, backup);
}

export const deletePlanBacked = (by: string, planId: number, confirm: boolean) => planEditBacked(by, '删除工作要点', deletePlanOp(by, planId, confirm));

/** The deletion as one Op, run with its copy (runWithBackupOp on SQLite, runWithBackupPg on PostgreSQL). */
export function* deletePlanOp(by: string, planId: number, confirm: boolean): Op<RemovalResult> {
  const plan = yield* requirePlanOp(planId);
  const loses = yield* planLossesOp(planId);
  if (!confirm) return { done: false, loses: [`工作要点“${plan.title}”将被删除`, ...loses], backup: null };
  yield* takeCopyOp(`删除工作要点 ${plan.title}`);
  yield* run(DELETE_LOCK_EVENTS, { planId });
  yield* run(DELETE_REMINDERS, { planId });
  yield* run(DELETE_SETTING, { key: `exchange.package.${planId}` }); // the package it was opened from
  yield* run(DELETE_PLAN, { planId });
  yield* recordEditOp(audit(by), { planId, entity: 'plan', entityId: planId, action: 'remove', oldValue: plan.title, summary: `删除工作要点：${plan.title}（${loses.join('；') || '没有录入的数据'}）` });
  return { done: true, loses, backup: null };
}

/** First run: the example, one click away (refused when it is already there). */
export function addExample(db: Db, name: ExampleName = DEFAULT_EXAMPLE): number {
  return writeTxOp(db, addExampleOp(name));
}

export function* addExampleOp(name: ExampleName = DEFAULT_EXAMPLE): Op<number> {
  if (yield* hasExampleOp(name)) {
    const existing = (yield* listPlansOp()).find((p) => p.example && p.source === (EXAMPLES[name].seed as { source: string }).source);
    throw new ApiError('bad_request', `示例“${existing?.title ?? EXAMPLES[name].label}”已在台账中。`);
  }
  return (yield* loadExampleOp(name)).planId;
}

/** First run: 新建台账 for one's own unit — the unit at the top of the tree and a blank plan for the year. */
export function createLedger(db: Db, by: string, input: LedgerInput): number {
  return writeTxOp(db, createLedgerOp(by, input));
}

type LedgerInput = { unitName: string; kind: Extract<UnitKind, 'city' | 'district' | 'street' | 'town'>; year: number };

export function* createLedgerOp(by: string, input: LedgerInput): Op<number> {
  const name = input.unitName.trim();
  if (!name) throw new ApiError('bad_request', '请填写本单位的名称（如“东湖区”）。');
  const units = yield* listUnitsOp();
  const existing = units.find((u) => u.parentId === null && u.name === name);
  const unitId = existing?.id ?? (yield* insertUnitOp({ name, kind: input.kind, parentId: null, sortOrder: units.filter((u) => u.parentId === null).length }));
  if (!existing) yield* recordEditOp(audit(by), { planId: null, entity: 'unit', entityId: unitId, action: 'add', newValue: name, summary: `新建台账：${name}` });
  return yield* createPlanOp(by, { title: `${input.year}年${name}科技创新工作要点`, yearStart: input.year, yearEnd: input.year, unitId });
}
