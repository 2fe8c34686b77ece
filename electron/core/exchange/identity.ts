/**
 * The identification of one sub-unit's exchange file for a period, built
 * from the database: its open cells (indicators with a target for the unit
 * that report at this period) with the values they hold now, and the tasks it
 * is responsible for with their progress now.
 *
 * Over the query layer (store/query.ts, issue 22): the same Ops on a SQLite
 * file and a PostgreSQL store. The database's exchange id is made on first use,
 * in the same write transaction as the reads that build an identification with
 * it (withDatabaseIdOn).
 */
import { ApiError } from '../../../shared/api/errors';
import { cumulativePredecessor } from '../../../shared/entry/periods';
import { figurePeriodFor } from '../../../shared/figures/progressTable';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeCell, type ExchangeIdentity, type ExchangeTask } from '../../../shared/exchange/identity';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { getFigureOp } from '../db/repos/figures';
import { listIndicatorsOp, listTargetsOp } from '../db/repos/indicators';
import { isLockedOp } from '../db/repos/locks';
import { listProgressOp } from '../db/repos/progress';
import { listActionLinesOp, listTasksOp } from '../db/repos/tasks';
import { planUnitsOp, requireYearInPlan, type PlanUnits } from '../plans/scope';
import { getSettingOp, setSettingOp } from '../db/repos/settings';
import { newExportId, seal } from './checksum';
import { writeTxOp } from '../db/tx';
import { runSync, type Op, type OpStore } from '../store/query';
import type { Indicator } from '../../../shared/model/indicator';
import type { Target } from '../../../shared/model/target';
import type { ActionLine, Task } from '../../../shared/model/task';
import type { ProgressRecord } from '../db/repos/progress';

const DATABASE_ID_KEY = 'exchange.databaseId';

/** This database's exchange id, or null before its first export (reviews never write). */
export const existingDatabaseIdOp = (): Op<string | null> => getSettingOp(DATABASE_ID_KEY);

/** Inside a write transaction: the exchange id, made now unless another writer made it first. */
function* makeDatabaseIdOp(): Op<string> {
  const made = yield* getSettingOp(DATABASE_ID_KEY);
  if (made) return made;
  const id = newExportId();
  yield* setSettingOp(DATABASE_ID_KEY, id);
  return id;
}

/**
 * `op` given this database's exchange id: read as it is when the id exists (every export after the
 * first), else as ONE write transaction that makes the id first — so an export refused by its checks
 * writes nothing, not even the id.
 */
export async function withDatabaseIdOn<T>(store: OpStore, op: (databaseId: string) => Op<T>): Promise<T> {
  const existing = await store.read(existingDatabaseIdOp());
  if (existing) return store.read(op(existing));
  return store.write(
    (function* () {
      return yield* op(yield* makeDatabaseIdOp());
    })(),
  );
}

/** This database's exchange id on either engine, made in its own write transaction the first time (the sync server's pull). */
export async function databaseIdOn(store: OpStore): Promise<string> {
  return (await store.read(existingDatabaseIdOp())) ?? store.write(makeDatabaseIdOp());
}

/** This database's exchange id, made on first use (on a SQLite file). */
export function databaseId(db: Db): string {
  return runSync(db, existingDatabaseIdOp()) ?? writeTxOp(db, makeDatabaseIdOp());
}

/** What every sub-unit's identification of one plan and period shares: read once when many are made (下达 to 200 units). */
export interface IdentityInputs {
  scope: PlanUnits;
  indicators: Indicator[];
  targets: Target[];
  tasks: Task[];
  progress: ProgressRecord[];
  actionLines: ActionLine[];
}

export function* identityInputsOp(planId: number, period: string): Op<IdentityInputs> {
  const scope = yield* planUnitsOp(planId);
  requireYearInPlan(scope.plan, requirePeriod(period).year, period);
  return {
    scope,
    indicators: yield* listIndicatorsOp(planId),
    targets: yield* listTargetsOp(planId),
    tasks: yield* listTasksOp(planId),
    progress: yield* listProgressOp(planId, period),
    actionLines: yield* listActionLinesOp(planId),
  };
}

/** One unit's identification, sealed with this database's exchange id (withDatabaseIdOn). */
export function* buildIdentityOp(pre: IdentityInputs, unitId: number, period: string, databaseId: string): Op<ExchangeIdentity> {
  const { plan, parent, subUnits } = pre.scope;
  const planId = plan.id;
  const unit = subUnits.find((u) => u.id === unitId);
  if (!unit) {
    throw new ApiError('bad_request', `编号为 ${unitId} 的单位不是${parent.name}的下级单位（街道、镇、集聚区），不能为它导出填报表。`);
  }
  if (yield* isLockedOp(planId, period)) {
    throw new ApiError('bad_request', `${periodLabel(period)}已锁定，不再收集数据，无需导出填报表。如确需重新收集，请先解锁。`);
  }
  const targets = new Map(pre.targets.filter((t) => t.unitId === unitId).map((t) => [t.indicatorId, t]));
  const cells: ExchangeCell[] = [];
  for (const i of pre.indicators) {
    const target = targets.get(i.id);
    if (!target) continue; // only the unit's own targets: the rest is the district's to fill
    const fp = figurePeriodFor(i.frequency, period);
    if (!fp || (yield* isLockedOp(planId, fp))) continue;
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
      base: (yield* getFigureOp(i.id, unitId, fp))?.value ?? null,
      previous: prev ? ((yield* getFigureOp(i.id, unitId, prev))?.value ?? null) : null,
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
    plan: { id: plan.id, title: plan.title, docNumber: plan.docNumber, unitId: parent.id, unitName: parent.name, databaseId, unitCode: parent.code },
    unit: { id: unit.id, name: unit.name, code: unit.code },
    period,
    exportedAt: new Date().toISOString(),
    exportId: newExportId(),
    cells,
    tasks,
  });
}
