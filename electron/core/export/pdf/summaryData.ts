/**
 * Gathers what a unit's summary needs from the database — plan, figures as a
 * ProgressTable, task progress, the stored (or pre-filled) sections,
 * title/issuer/成文日期, next year's plan — and builds the SummaryDocument.
 * Runs on the calling thread (it is a few queries); only the PDF layout goes
 * to a worker. A summary is per plan, unit and period: "2022" is the
 * year-end one, "2022Q2" the 上半年 one. The reads are Ops of the query layer
 * (store/query.ts), the same on SQLite (the runSync wrappers keep their
 * signatures) and PostgreSQL (store/postgres/core.ts).
 */
import { ApiError } from '../../../../shared/api/errors';
import type { Plan } from '../../../../shared/model/plan';
import type { Unit } from '../../../../shared/model/units';
import { formatNumber } from '../../../../shared/numbers';
import { isPeriodKey, periodEndDate, requirePeriod } from '../../../../shared/periods';
import { defaultDatedOn } from '../../../../shared/summary/dates';
import { buildSummaryDocument, defaultTitle, type DraftMark, type SummaryDocument } from '../../../../shared/summary/document';
import { officialIssuer } from '../../../../shared/summary/issuer';
import type { SummarySections } from '../../../../shared/summary/outline';
import { prefillSections, taskStates, type NextPlan } from '../../../../shared/summary/prefill';
import type { ProgressTable } from '../../../../shared/figures/progressTable';
import type { Progress, Task } from '../../../../shared/model/task';
import type { Db } from '../../db/open';
import { listIndicatorsOp, listTargetsOp } from '../../db/repos/indicators';
import { listPlansOp } from '../../db/repos/plans';
import { getSummaryOp, listYearProgressOp, type StoredSummary } from '../../db/repos/summaries';
import { listActionLinesOp, listTasksOp } from '../../db/repos/tasks';
import { loadProgressTableOp } from '../../figures/loadProgressTable';
import { hasSampleFiguresOp } from '../../figures/sample';
import { planUnitsOp } from '../../plans/scope';
import type { HiddenFigures } from '../../access/scope';
import { runSync, type Op } from '../../store/query';

/** Figures entered by the demo generator carry this mark (entered_by or note). */

export interface SummaryTarget {
  plan: Plan;
  unit: Unit;
  units: Unit[];
  year: number;
  /** The figures' period and the summary's key: "2022", "2022Q2", "2022-10". */
  period: string;
  isPlanUnit: boolean;
  /** Figures the caller may not see (access/scope.ts): an entry account's summary ranks it among published figures. */
  hidden?: HiddenFigures | null;
}

/** Checks the plan, the unit (the plan's unit or one of its sub-units), the year and the period. */
export function resolveSummaryTarget(db: Db, planId: number, unitId?: number, year?: number, period?: string, hidden?: HiddenFigures | null): SummaryTarget {
  return runSync(db, resolveSummaryTargetOp(planId, unitId, year, period, hidden));
}

export function* resolveSummaryTargetOp(planId: number, unitId?: number, year?: number, period?: string, hidden?: HiddenFigures | null): Op<SummaryTarget> {
  const { plan, units, subUnits } = yield* planUnitsOp(planId);
  const id = unitId ?? plan.unitId;
  const unit = units.find((u) => u.id === id);
  const allowed = id === plan.unitId || subUnits.some((u) => u.id === id);
  if (!unit || !allowed) {
    throw new ApiError('not_found', `单位编号 ${id} 不是“${plan.title}”的填报单位：年度工作总结只能为本级或下级街道、镇、集聚区生成。`);
  }
  if (period != null && !isPeriodKey(period)) {
    throw new ApiError('bad_request', `报告期“${period}”写法不正确，应写作 2022（全年）、2022Q2（上半年）或 2022-10（1-10月）。`);
  }
  const y = year ?? (period ? requirePeriod(period).year : plan.yearEnd);
  if (y < plan.yearStart || y > plan.yearEnd) {
    throw new ApiError('bad_request', `年份 ${y} 不在“${plan.title}”的年度范围（${plan.yearStart}-${plan.yearEnd}）内，请改用计划年度。`);
  }
  const p = period ?? String(y);
  if (requirePeriod(p).year !== y) throw new ApiError('bad_request', `报告期“${p}”不在 ${y} 年内，请选择该年度的报告期。`);
  return { plan, unit, units, year: y, period: p, isPlanUnit: id === plan.unitId, hidden };
}

/** The organ that signs: the unit's official full name (shared/summary/issuer.ts). */
export function defaultIssuer(t: SummaryTarget): string {
  return officialIssuer(t.unit, t.units);
}

/**
 * Next year's plan of the same unit, as the 工作思路 pre-fill needs it: its
 * goals (for a sub-unit, its own targets there) and its action lines with the
 * tasks the unit works on. Null when there is none (then the pre-fill carries
 * over what is unfinished).
 */
function* nextPlanOf(t: SummaryTarget): Op<NextPlan | null> {
  const next = t.year + 1;
  const candidates = (yield* listPlansOp()).filter((p) => p.id !== t.plan.id && p.unitId === t.plan.unitId && p.yearStart <= next && next <= p.yearEnd);
  const plan = candidates.find((p) => p.yearStart === next) ?? candidates[0];
  if (!plan) return null;
  const indicators = yield* listIndicatorsOp(plan.id);
  let goals: string[];
  if (t.isPlanUnit) {
    goals = indicators.map((i) => i.wordingText ?? '').filter(Boolean);
  } else {
    const own = (yield* listTargetsOp(plan.id)).filter((x) => x.unitId === t.unit.id);
    goals = own.flatMap((x) => {
      const i = indicators.find((ind) => ind.id === x.indicatorId);
      if (!i) return [];
      const value = x.valueMax != null ? `${formatNumber(x.value)}-${formatNumber(x.valueMax)}` : formatNumber(x.value);
      return [`${i.name}达到${value}${i.measureUnit}`];
    });
  }
  const tasks = (yield* listTasksOp(plan.id)).filter((task) => t.isPlanUnit || task.units.some((u) => u.unitId === t.unit.id));
  const actionLines = (yield* listActionLinesOp(plan.id))
    .map((line) => ({ title: line.title, tasks: tasks.filter((task) => task.actionLineId === line.id).sort((a, b) => a.seq - b.seq).map((task) => task.content) }))
    .filter((line) => line.tasks.length > 0);
  return { title: plan.title, goals, actionLines };
}

interface SummaryContext {
  table: ProgressTable;
  sampleData: boolean;
  progress: Progress[];
  tasks: Task[];
}

/** The figures and task progress up to the end of the summary's period. */
function* contextOf(t: SummaryTarget): Op<SummaryContext> {
  // The whole district table even for a sub-unit's summary: its rank needs its siblings.
  const table = yield* loadProgressTableOp(t.plan, t.units, t.period, undefined, t.hidden);
  const end = periodEndDate(t.period);
  const progress = (yield* listYearProgressOp(t.plan.id, t.year)).filter((p) => periodEndDate(p.period) <= end);
  return { table, sampleData: yield* hasSampleFiguresOp(t.plan.id), progress, tasks: yield* listTasksOp(t.plan.id) };
}

export function prefillFor(db: Db, t: SummaryTarget): SummarySections {
  return runSync(db, prefillForOp(t));
}

/** The pre-filled sections (shared/summary/prefill.ts) from the plan's tasks, progress, figures and next year's plan. */
export function* prefillForOp(t: SummaryTarget, context?: SummaryContext): Op<SummarySections> {
  const ctx = context ?? (yield* contextOf(t));
  const nameOf = new Map(t.units.map((u) => [u.id, u.name]));
  return prefillSections({
    actionLines: yield* listActionLinesOp(t.plan.id),
    tasks: ctx.tasks,
    progress: ctx.progress,
    unitId: t.unit.id,
    isPlanUnit: t.isPlanUnit,
    unitName: (id) => nameOf.get(id) ?? '',
    table: ctx.table,
    nextPlan: t.period === String(t.year) ? yield* nextPlanOf(t) : null,
  });
}

/** The sections as stored, or the pre-fill when they were never saved. */
export function* sectionsForOp(t: SummaryTarget, stored: StoredSummary | undefined, ctx?: SummaryContext): Op<{ sections: SummarySections; saved: boolean }> {
  return stored?.sections ? { sections: stored.sections, saved: true } : { sections: yield* prefillForOp(t, ctx), saved: false };
}

const localIsoDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Title, issuer and 成文日期: the stored ones, else the defaults (the date by shared/summary/dates.ts). */
export function metaOf(t: SummaryTarget, stored: StoredSummary | undefined, today = localIsoDate(new Date())) {
  const defaults = { title: defaultTitle(t.unit.name, t.period), issuer: defaultIssuer(t), datedOn: defaultDatedOn(t.period, today) };
  return {
    defaults,
    meta: { title: stored?.title || defaults.title, issuer: stored?.issuer || defaults.issuer, datedOn: stored?.datedOn || defaults.datedOn },
  };
}

export interface SummaryDocumentRequest {
  planId: number;
  unitId?: number;
  year?: number;
  /** The figures' period and the summary's key; the year's end by default ("2022"). */
  period?: string;
  /** Today's date (ISO), for the default 成文日期; the machine's date by default. */
  today?: string;
  /** Print a draft with this mark, unwritten sections marked; null/absent: the final document. */
  draft?: DraftMark | null;
}

export function loadSummaryDocument(db: Db, req: SummaryDocumentRequest, hidden?: HiddenFigures | null): SummaryDocument {
  return runSync(db, loadSummaryDocumentOp(req, hidden));
}

/** The one SummaryDocument of the preview, the PDF and the Word document, on either engine. */
export function* loadSummaryDocumentOp(req: SummaryDocumentRequest, hidden?: HiddenFigures | null): Op<SummaryDocument> {
  const t = yield* resolveSummaryTargetOp(req.planId, req.unitId, req.year, req.period, hidden);
  const ctx = yield* contextOf(t);
  const stored = yield* getSummaryOp(t.plan.id, t.unit.id, t.period);
  const { meta } = metaOf(t, stored, req.today);
  return buildSummaryDocument({
    plan: t.plan,
    unit: t.unit,
    year: t.year,
    table: ctx.table,
    sections: (yield* sectionsForOp(t, stored, ctx)).sections,
    meta,
    sampleData: ctx.sampleData,
    taskStates: taskStates({ tasks: ctx.tasks, progress: ctx.progress, unitId: t.unit.id, isPlanUnit: t.isPlanUnit, table: ctx.table }),
    draft: req.draft ?? null,
  });
}
