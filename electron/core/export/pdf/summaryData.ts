/**
 * Gathers what a unit's summary needs from the database — plan, figures as a
 * ProgressTable, the stored (or pre-filled) sections, title/issuer/date —
 * and builds the SummaryDocument. Runs on the calling thread (it is a few
 * queries); only the PDF layout goes to a worker.
 */
import { ApiError } from '../../../../shared/api/errors';
import type { Plan } from '../../../../shared/model/plan';
import { subUnitsOf, type Unit } from '../../../../shared/model/units';
import { isPeriodKey, requirePeriod } from '../../../../shared/periods';
import { buildSummaryDocument, defaultTitle, type SummaryDocument } from '../../../../shared/summary/document';
import type { SummarySections } from '../../../../shared/summary/outline';
import { prefillSections } from '../../../../shared/summary/prefill';
import type { Db } from '../../db/open';
import { getPlan } from '../../db/repos/plans';
import { getSummary, listYearProgress } from '../../db/repos/summaries';
import { listActionLines, listTasks } from '../../db/repos/tasks';
import { listUnits } from '../../db/repos/units';
import { loadProgressTable } from '../../figures/loadProgressTable';

/** Figures entered by the demo generator carry this mark (entered_by or note). */
export const SAMPLE_MARK = '示例数据';

export interface SummaryTarget {
  plan: Plan;
  unit: Unit;
  units: Unit[];
  year: number;
  isPlanUnit: boolean;
}

/** Checks the plan, the unit (the plan's unit or one of its sub-units) and the year. */
export function resolveSummaryTarget(db: Db, planId: number, unitId?: number, year?: number): SummaryTarget {
  const plan = getPlan(db, planId);
  if (!plan) throw new ApiError('not_found', `找不到编号为 ${planId} 的工作计划，它可能已被删除。`);
  const units = listUnits(db);
  const id = unitId ?? plan.unitId;
  const unit = units.find((u) => u.id === id);
  const allowed = id === plan.unitId || subUnitsOf(units, plan.unitId).some((u) => u.id === id);
  if (!unit || !allowed) {
    throw new ApiError('not_found', `单位编号 ${id} 不是“${plan.title}”的填报单位：年度工作总结只能为本级或下级街道、镇、集聚区生成。`);
  }
  const y = year ?? plan.yearEnd;
  if (y < plan.yearStart || y > plan.yearEnd) {
    throw new ApiError('bad_request', `年份 ${y} 不在“${plan.title}”的年度范围（${plan.yearStart}-${plan.yearEnd}）内，请改用计划年度。`);
  }
  return { plan, unit, units, year: y, isPlanUnit: id === plan.unitId };
}

/** "青云谱区科工局" for a district with a 区科工局/区科技局; the unit's own name otherwise. */
export function defaultIssuer(t: SummaryTarget): string {
  if (!t.isPlanUnit) return t.unit.name;
  const bureau = t.units.find((u) => u.kind === 'department' && u.parentId === t.unit.id && /科工局|科技局|科技和工业/.test(u.name));
  return bureau ? `${t.unit.name}${bureau.name.replace(/^[区县市]/, '')}` : t.unit.name;
}

export function prefillFor(db: Db, t: SummaryTarget): SummarySections {
  const nameOf = new Map(t.units.map((u) => [u.id, u.name]));
  return prefillSections({
    actionLines: listActionLines(db, t.plan.id),
    tasks: listTasks(db, t.plan.id),
    progress: listYearProgress(db, t.plan.id, t.year),
    unitId: t.unit.id,
    isPlanUnit: t.isPlanUnit,
    unitName: (id) => nameOf.get(id) ?? '',
  });
}

/** The sections as stored, or the pre-fill when nothing was saved yet. */
export function sectionsFor(db: Db, t: SummaryTarget): { sections: SummarySections; saved: boolean } {
  const stored = getSummary(db, t.plan.id, t.unit.id, t.year);
  return stored ? { sections: stored.sections, saved: true } : { sections: prefillFor(db, t), saved: false };
}

const localIsoDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export interface SummaryDocumentRequest {
  planId: number;
  unitId?: number;
  year?: number;
  /** The figures' period; the year's end by default ("2022"). */
  period?: string;
  /** ISO date for the 落款 when none is stored; today by default. */
  today?: string;
}

export function loadSummaryDocument(db: Db, req: SummaryDocumentRequest): SummaryDocument {
  const t = resolveSummaryTarget(db, req.planId, req.unitId, req.year);
  const period = req.period ?? String(t.year);
  if (!isPeriodKey(period) || requirePeriod(period).year !== t.year) {
    throw new ApiError('bad_request', `报告期“${period}”不在 ${t.year} 年内，请选择该年度的报告期。`);
  }
  // The whole district table even for a sub-unit's summary: its rank needs its siblings.
  const { table, figures } = loadProgressTable(db, t.plan, t.units, period);
  const stored = getSummary(db, t.plan.id, t.unit.id, t.year);
  const issuer = stored?.issuer || defaultIssuer(t);
  const sampleData = figures.some((f) => f.enteredBy === SAMPLE_MARK || (f.note ?? '').includes(SAMPLE_MARK));
  return buildSummaryDocument({
    plan: t.plan,
    unit: t.unit,
    year: t.year,
    table,
    sections: stored?.sections ?? prefillFor(db, t),
    meta: {
      title: stored?.title || defaultTitle(issuer, t.year),
      issuer,
      datedOn: stored?.datedOn || req.today || localIsoDate(new Date()),
    },
    sampleData,
  });
}
