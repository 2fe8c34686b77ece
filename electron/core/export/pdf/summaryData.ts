/**
 * Gathers what a unit's summary needs from the database — plan, figures as a
 * ProgressTable, task progress, the stored (or pre-filled) sections,
 * title/issuer/成文日期, next year's plan — and builds the SummaryDocument.
 * Runs on the calling thread (it is a few queries); only the PDF layout goes
 * to a worker. A summary is per plan, unit and period: "2022" is the
 * year-end one, "2022Q2" the 上半年 one.
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
import type { Db } from '../../db/open';
import { listIndicators, listTargets } from '../../db/repos/indicators';
import { listPlans } from '../../db/repos/plans';
import { getSummary, listYearProgress, type StoredSummary } from '../../db/repos/summaries';
import { listActionLines, listTasks } from '../../db/repos/tasks';
import { loadProgressTable } from '../../figures/loadProgressTable';
import { hasSampleFigures } from '../../figures/sample';
import { planUnits } from '../../plans/scope';
import type { HiddenFigures } from '../../access/scope';

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
  const { plan, units, subUnits } = planUnits(db, planId);
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
function nextPlanOf(db: Db, t: SummaryTarget): NextPlan | null {
  const next = t.year + 1;
  const candidates = listPlans(db).filter((p) => p.id !== t.plan.id && p.unitId === t.plan.unitId && p.yearStart <= next && next <= p.yearEnd);
  const plan = candidates.find((p) => p.yearStart === next) ?? candidates[0];
  if (!plan) return null;
  const indicators = listIndicators(db, plan.id);
  let goals: string[];
  if (t.isPlanUnit) {
    goals = indicators.map((i) => i.wordingText ?? '').filter(Boolean);
  } else {
    const own = listTargets(db, plan.id).filter((x) => x.unitId === t.unit.id);
    goals = own.flatMap((x) => {
      const i = indicators.find((ind) => ind.id === x.indicatorId);
      if (!i) return [];
      const value = x.valueMax != null ? `${formatNumber(x.value)}-${formatNumber(x.valueMax)}` : formatNumber(x.value);
      return [`${i.name}达到${value}${i.measureUnit}`];
    });
  }
  const tasks = listTasks(db, plan.id).filter((task) => t.isPlanUnit || task.units.some((u) => u.unitId === t.unit.id));
  const actionLines = listActionLines(db, plan.id)
    .map((line) => ({ title: line.title, tasks: tasks.filter((task) => task.actionLineId === line.id).sort((a, b) => a.seq - b.seq).map((task) => task.content) }))
    .filter((line) => line.tasks.length > 0);
  return { title: plan.title, goals, actionLines };
}

interface SummaryContext {
  table: ProgressTable;
  sampleData: boolean;
  progress: ReturnType<typeof listYearProgress>;
  tasks: ReturnType<typeof listTasks>;
}

/** The figures and task progress up to the end of the summary's period. */
function contextOf(db: Db, t: SummaryTarget): SummaryContext {
  // The whole district table even for a sub-unit's summary: its rank needs its siblings.
  const table = loadProgressTable(db, t.plan, t.units, t.period, undefined, t.hidden);
  const end = periodEndDate(t.period);
  const progress = listYearProgress(db, t.plan.id, t.year).filter((p) => periodEndDate(p.period) <= end);
  return { table, sampleData: hasSampleFigures(db, t.plan.id), progress, tasks: listTasks(db, t.plan.id) };
}

export function prefillFor(db: Db, t: SummaryTarget, ctx: SummaryContext = contextOf(db, t)): SummarySections {
  const nameOf = new Map(t.units.map((u) => [u.id, u.name]));
  return prefillSections({
    actionLines: listActionLines(db, t.plan.id),
    tasks: ctx.tasks,
    progress: ctx.progress,
    unitId: t.unit.id,
    isPlanUnit: t.isPlanUnit,
    unitName: (id) => nameOf.get(id) ?? '',
    table: ctx.table,
    nextPlan: t.period === String(t.year) ? nextPlanOf(db, t) : null,
  });
}

/** The sections as stored, or the pre-fill when they were never saved. */
export function sectionsFor(db: Db, t: SummaryTarget, stored = getSummary(db, t.plan.id, t.unit.id, t.period), ctx?: SummaryContext): { sections: SummarySections; saved: boolean } {
  return stored?.sections ? { sections: stored.sections, saved: true } : { sections: prefillFor(db, t, ctx), saved: false };
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
  const t = resolveSummaryTarget(db, req.planId, req.unitId, req.year, req.period, hidden);
  const ctx = contextOf(db, t);
  const stored = getSummary(db, t.plan.id, t.unit.id, t.period);
  const { meta } = metaOf(t, stored, req.today);
  return buildSummaryDocument({
    plan: t.plan,
    unit: t.unit,
    year: t.year,
    table: ctx.table,
    sections: sectionsFor(db, t, stored, ctx).sections,
    meta,
    sampleData: ctx.sampleData,
    taskStates: taskStates({ tasks: ctx.tasks, progress: ctx.progress, unitId: t.unit.id, isPlanUnit: t.isPlanUnit, table: ctx.table }),
    draft: req.draft ?? null,
  });
}
