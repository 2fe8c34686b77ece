/**
 * The identification of one sub-unit's exchange file for a period, built
 * from the database: its open cells (indicators with a target for the unit
 * that report at this period) with the values they hold now, and the tasks it
 * is responsible for with their progress now.
 */
import { ApiError } from '../../../shared/api/errors';
import { cumulativePredecessor } from '../../../shared/entry/periods';
import { figurePeriodFor } from '../../../shared/figures/progressTable';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeCell, type ExchangeIdentity, type ExchangeTask } from '../../../shared/exchange/identity';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { getFigure } from '../db/repos/figures';
import { listIndicators, listTargets } from '../db/repos/indicators';
import { isLocked } from '../db/repos/locks';
import { listProgress } from '../db/repos/progress';
import { listTasks } from '../db/repos/tasks';
import { planUnits, requireYearInPlan } from '../plans/scope';
import { getSetting, setSetting } from '../db/repos/settings';
import { newExportId, seal } from './checksum';
import { writeTx } from '../db/tx';

const DATABASE_ID_KEY = 'exchange.databaseId';

/** This database's exchange id, or null before its first export (reviews never write). */
export const existingDatabaseId = (db: Db): string | null => getSetting(db, DATABASE_ID_KEY);

/** This database's exchange id, made on first use. */
export function databaseId(db: Db): string {
  const existing = getSetting(db, DATABASE_ID_KEY);
  if (existing) return existing;
  // Another process may make it at the same moment: the check is repeated under the write lock.
  return writeTx(db, () => {
    const made = getSetting(db, DATABASE_ID_KEY);
    if (made) return made;
    const id = newExportId();
    setSetting(db, DATABASE_ID_KEY, id);
    return id;
  });
}

export function buildIdentity(db: Db, planId: number, unitId: number, period: string): ExchangeIdentity {
  const { plan, parent, subUnits } = planUnits(db, planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  const unit = subUnits.find((u) => u.id === unitId);
  if (!unit) {
    throw new ApiError('bad_request', `编号为 ${unitId} 的单位不是${parent.name}的下级单位（街道、镇、集聚区），不能为它导出填报表。`);
  }
  if (isLocked(db, planId, period)) {
    throw new ApiError('bad_request', `${periodLabel(period)}已锁定，不再收集数据，无需导出填报表。如确需重新收集，请先解锁。`);
  }
  const targets = new Map(listTargets(db, planId).filter((t) => t.unitId === unitId).map((t) => [t.indicatorId, t]));
  const cells: ExchangeCell[] = [];
  for (const i of listIndicators(db, planId)) {
    const target = targets.get(i.id);
    if (!target) continue; // only the unit's own targets: the rest is the district's to fill
    const fp = figurePeriodFor(i.frequency, period);
    if (!fp || isLocked(db, planId, fp)) continue;
    const prev = cumulativePredecessor(fp);
    cells.push({
      indicatorId: i.id,
      indicatorName: i.name,
      indicatorCode: i.code,
      measureUnit: i.measureUnit,
      decimals: i.decimals,
      frequency: i.frequency,
      aggregation: i.aggregation,
      period: fp,
      target: target.value,
      targetMax: target.valueMax,
      base: getFigure(db, i.id, unitId, fp)?.value ?? null,
      previous: prev ? (getFigure(db, i.id, unitId, prev)?.value ?? null) : null,
    });
  }
  const progress = new Map(listProgress(db, planId, period).filter((p) => p.unitId === unitId).map((p) => [p.taskId, p]));
  const tasks: ExchangeTask[] = listTasks(db, planId)
    .filter((t) => t.units.some((u) => u.unitId === unitId && u.role === 'responsible'))
    .map((t) => {
      const p = progress.get(t.id);
      return { taskId: t.id, seq: t.seq, content: t.content, leadText: t.leadText, base: p ? { status: p.status, text: p.text } : null };
    });
  if (cells.length === 0 && tasks.length === 0) {
    throw new ApiError('bad_request', `${unit.name}在${periodLabel(period)}没有需要填报的指标或任务，无需导出。`);
  }
  return seal({
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    plan: { id: plan.id, title: plan.title, docNumber: plan.docNumber, unitId: parent.id, unitName: parent.name, databaseId: databaseId(db), unitCode: parent.code },
    unit: { id: unit.id, name: unit.name, code: unit.code },
    period,
    exportedAt: new Date().toISOString(),
    exportId: newExportId(),
    cells,
    tasks,
  });
}
