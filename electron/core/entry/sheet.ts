/** The entry grid of one view period (units × indicators) and the flipped grid of one unit (indicators × months). */
import { ApiError } from '../../../shared/api/errors';
import { cumulativePredecessor, periodEndingAt } from '../../../shared/entry/periods';
import { cellKey, type EntrySheet, type UnitYearSheet } from '../../../shared/entry/views';
import { buildProgressTable, figurePeriodFor } from '../../../shared/figures/progressTable';
import type { Figure } from '../../../shared/model/target';
import { periodLabel, periodsOfYear, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { listFigures } from '../db/repos/figures';
import { listTargets } from '../db/repos/indicators';
import { listLocks } from '../db/repos/locks';
import { indicatorsOf, operatorName, planUnits, requireYearInPlan } from './planData';

/** Figures of a plan in `year` and the year before (同比 needs last year). */
function figuresAround(db: Db, planId: number, year: number): Figure[] {
  const years = new Set([String(year), String(year - 1)]);
  return listFigures(db, planId).filter((f) => years.has(f.period.slice(0, 4)));
}

export function buildEntrySheet(db: Db, planId: number, period: string): EntrySheet {
  const { plan, parent, subUnits } = planUnits(db, planId);
  const { year } = requirePeriod(period);
  requireYearInPlan(plan, year, period);
  const indicators = indicatorsOf(db, planId);
  const figures = figuresAround(db, planId, year);
  const table = buildProgressTable({ period, parent, subUnits, indicators, targets: listTargets(db, planId), figures });
  const figurePeriods: Record<number, string | null> = {};
  for (const i of indicators) figurePeriods[i.id] = figurePeriodFor(i.frequency, period);

  const byKey = new Map(figures.map((f) => [cellKey(f.indicatorId, f.unitId, f.period), f]));
  const previous: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const unit of [parent, ...subUnits]) {
    for (const i of indicators) {
      const fp = figurePeriods[i.id];
      if (!fp) continue;
      const key = cellKey(i.id, unit.id, fp);
      const note = byKey.get(key)?.note;
      if (note) notes[key] = note;
      const prev = cumulativePredecessor(fp);
      const prevValue = prev ? byKey.get(cellKey(i.id, unit.id, prev))?.value : undefined;
      if (prevValue != null) previous[key] = prevValue;
    }
  }
  const wanted = new Set([period, ...Object.values(figurePeriods).filter((p): p is string => p != null)]);
  const locked = listLocks(db, planId)
    .map((l) => l.period)
    .filter((p) => wanted.has(p));
  return {
    planId,
    period,
    periodLabel: periodLabel(period),
    scheduleProgress: table.scheduleProgress,
    table,
    figurePeriods,
    locked,
    viewLocked: locked.includes(period),
    previous,
    notes,
    operator: operatorName(db),
  };
}

export function buildUnitYearSheet(db: Db, planId: number, unitId: number, year: number): UnitYearSheet {
  const { plan, units, parent, subUnits } = planUnits(db, planId);
  requireYearInPlan(plan, year, String(year));
  const unit = units.find((u) => u.id === unitId);
  if (!unit || unit.kind === 'department') {
    throw new ApiError('not_found', `找不到编号为 ${unitId} 的单位，或它是部门（部门只填报任务进展，不填报指标）。`);
  }
  const isPlanUnit = unit.id === parent.id;
  const indicators = indicatorsOf(db, planId);
  const targets = listTargets(db, planId);
  const figures = figuresAround(db, planId, year);
  const byKey = new Map(figures.map((f) => [cellKey(f.indicatorId, f.unitId, f.period), f]));
  const months = periodsOfYear(year, 'monthly');
  const cells: UnitYearSheet['cells'] = {};
  for (const month of months) {
    // One pure table per month gives the same target, 完成率 and status as the main grid.
    const table = buildProgressTable({
      period: month,
      parent: unit,
      subUnits: isPlanUnit ? subUnits : [],
      indicators,
      targets,
      figures,
    });
    for (const i of indicators) {
      const fp = periodEndingAt(i.frequency, month);
      if (!fp) continue;
      const key = cellKey(i.id, unit.id, fp);
      const prev = cumulativePredecessor(fp);
      cells[`${i.id}|${month}`] = {
        figurePeriod: fp,
        cell: table.parent.cells[i.id],
        note: byKey.get(key)?.note ?? null,
        previous: prev ? (byKey.get(cellKey(i.id, unit.id, prev))?.value ?? null) : null,
      };
    }
  }
  const locked = listLocks(db, planId)
    .map((l) => l.period)
    .filter((p) => p.startsWith(String(year)));
  return { planId, unit, isPlanUnit, year, indicators, months, cells, locked, operator: operatorName(db) };
}
