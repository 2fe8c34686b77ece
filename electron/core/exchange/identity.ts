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
import { getSetting, getSettingOp, setSettingOp } from '../db/repos/settings';
import type { Op, OpStore } from '../store/query';
import { newExportId, seal } from './checksum';
import { writeTxOp } from '../db/tx';

const DATABASE_ID_KEY = 'exchange.databaseId';

/** This database's exchange id, or null before its first export (reviews never write). */
export const existingDatabaseId = (db: Db): string | null => getSetting(db, DATABASE_ID_KEY);

/** Makes this database's exchange id unless it has one, inside a write transaction (the check repeated under the writers' lock). */
function* ensureDatabaseIdOp(): Op<string> {
  const made = yield* getSettingOp(DATABASE_ID_KEY);
  if (made) return made;
  const id = newExportId();
  yield* setSettingOp(DATABASE_ID_KEY, id);
  return id;
}

/** This database's exchange id, made on first use. */
export function databaseId(db: Db): string {
  // Another process may make it at the same moment: the check is repeated under the write lock.
  return getSetting(db, DATABASE_ID_KEY) || writeTxOp(db, ensureDatabaseIdOp());
}

/** databaseId on either engine (store/query.ts OpStore): read, and made in its own write transaction the first time. */
export async function databaseIdOn(store: OpStore): Promise<string> {
  return (await store.read(getSettingOp(DATABASE_ID_KEY))) || store.write(ensureDatabaseIdOp());
}

/** What every sub-unit's identification of one plan and period shares: read once when many are made (下达 to 200 units). */
export interface IdentityInputs {
  scope: ReturnType<typeof planUnits>;
  indicators: ReturnType<typeof listIndicators>;
  targets: ReturnType<typeof listTargets>;
  tasks: ReturnType<typeof listTasks>;
  progress: ReturnType<typeof listProgress>;
}

export function identityInputs(db: Db, planId: number, period: string): IdentityInputs {
  const scope = planUnits(db, planId);
  requireYearInPlan(scope.plan, requirePeriod(period).year, period);
  return { scope, indicators: listIndicators(db, planId), targets: listTargets(db, planId), tasks: listTasks(db, planId), progress: listProgress(db, planId, period) };
}

export function buildIdentity(db: Db, planId: number, unitId: number, period: string, inputs?: IdentityInputs): ExchangeIdentity {
  const pre = inputs ?? identityInputs(db, planId, period);
  const { plan, parent, subUnits } = pre.scope;
  const unit = subUnits.find((u) => u.id === unitId);
  if (!unit) {
    throw new ApiError('bad_request', `编号为 ${unitId} 的单位不是${parent.name}的下级单位（街道、镇、集聚区），不能为它导出填报表。`);
  }
  if (isLocked(db, planId, period)) {
    throw new ApiError('bad_request', `${periodLabel(period)}已锁定，不再收集数据，无需导出填报表。如确需重新收集，请先解锁。`);
  }
  const targets = new Map(pre.targets.filter((t) => t.unitId === unitId).map((t) => [t.indicatorId, t]));
  const cells: ExchangeCell[] = [];
  for (const i of pre.indicators) {
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
  const progress = new Map(pre.progress.filter((p) => p.unitId === unitId).map((p) => [p.taskId, p]));
  const tasks: ExchangeTask[] = pre.tasks
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
