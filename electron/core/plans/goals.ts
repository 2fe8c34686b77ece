/**
 * 工作目标 edited in the window: add, edit, reorder and remove indicators —
 * name, measure unit, target wording (达到/超过/突破/范围/增长), target value,
 * baseline, whether it adds up over units, how often it is reported,
 * decimals. Every change is in the history; targets and baselines in
 * target_history and refused in a locked plan, like an import.
 */
import { ApiError } from '../../../shared/api/errors';
import type { Aggregation, Frequency, Indicator } from '../../../shared/model/indicator';
import { FREQUENCY_LABEL, AGGREGATION_LABEL } from '../../../shared/model/indicator';
import { formatNumber } from '../../../shared/numbers';
import { changeText, targetValueProblem } from '../../../shared/plan/rules';
import { wordingFrom } from '../../../shared/plan/goalWording';
import { formatTargetWording, targetBounds } from '../../../shared/wording';
import type { Comparator, Quantity, TargetWording } from '../../../shared/wording/types';
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { insertIndicatorOp, listIndicatorsOp } from '../db/repos/indicators';
import { targetOfOp, writeBaselineOp, writeTargetOp } from '../db/repos/targetWrites';
import { writeTxOp } from '../db/tx';
import { all, get, query, run, type Op } from '../store/query';
import { requirePlanOp } from './scope';
import { runWithBackupOp, takeCopyOp, type BackupContext } from '../backup/service';
import { audit, planEditBacked, refuseWhenLockedOp, removalWith, shortText, type RemovalResult } from './common';
import { recordEditOp } from './history';
import { issuedTargetRefusalOp } from '../exchange/issued';

export interface GoalInput {
  /** Absent: a new goal. */
  id?: number;
  name: string;
  measureUnit: string;
  aggregation: Aggregation;
  frequency: Frequency;
  decimals: number;
  decomposed: boolean;
  strive: boolean;
  comparator: Comparator;
  quantity: Quantity;
  baseline: number | null;
}

const SOURCE = '工作目标（窗口修改）';

export { wordingFrom };

function check(input: GoalInput, others: Indicator[]): void {
  const name = input.name.trim();
  const where = `工作目标“${shortText(name || '（未命名）')}”`;
  if (!name) throw new ApiError('bad_request', '指标名称不能为空。');
  if (name.length > 60) throw new ApiError('bad_request', `${where}：指标名称不能超过 60 个字。`);
  if (others.some((i) => i.id !== input.id && i.name === name)) {
    throw new ApiError('bad_request', `${where}：本工作要点已有同名指标，请换一个名称。`);
  }
  const q = input.quantity;
  const values = q.kind === 'range' ? [q.min, q.max] : [q.value];
  const probe = { measureUnit: input.measureUnit.trim(), decimals: input.decimals, wording: { quantity: q } as TargetWording };
  for (const v of values) {
    const problem = targetValueProblem(probe, q.kind === 'growth' ? Math.abs(v) : v);
    if (problem) throw new ApiError('bad_request', `${where}：${problem}。`);
  }
  if (q.kind === 'range' && q.min > q.max) throw new ApiError('bad_request', `${where}：范围的下限大于上限。`);
  if (input.baseline !== null && !Number.isFinite(input.baseline)) throw new ApiError('bad_request', `${where}：基数不是有效的数字。`);
}

const FIGURE_COUNT = query<{ n: number }, { id: number }>((_qb, p) => sql`SELECT count(*) AS n FROM figures WHERE indicator_id = ${p('id')}`);
const UPDATE_INDICATOR = query<
  never,
  { id: number; name: string; measureUnit: string; aggregation: Aggregation; frequency: Frequency; decimals: number; decomposed: number; wordingText: string; wordingJson: string }
>(
  (_qb, p) => sql`UPDATE indicators SET name = ${p('name')}, measure_unit = ${p('measureUnit')}, aggregation = ${p('aggregation')}, frequency = ${p('frequency')},
         decimals = ${p('decimals')}, decomposed = ${p('decomposed')}, wording_text = ${p('wordingText')}, wording_json = ${p('wordingJson')} WHERE id = ${p('id')}`,
);
const SET_SORT_ORDER = query<never, { id: number; sortOrder: number }>((_qb, p) => sql`UPDATE indicators SET sort_order = ${p('sortOrder')} WHERE id = ${p('id')}`);
const FIGURES_OF = query<{ n: number; units: number }, { id: number }>(
  (_qb, p) => sql`SELECT count(*) AS n, count(DISTINCT unit_id) AS units FROM figures WHERE indicator_id = ${p('id')}`,
);
const SUB_TARGET_COUNT = query<{ n: number }, { id: number; planUnitId: number }>(
  (_qb, p) => sql`SELECT count(*) AS n FROM targets WHERE indicator_id = ${p('id')} AND unit_id <> ${p('planUnitId')}`,
);
const TARGET_UNITS = query<{ unit_id: number }, { id: number }>((_qb, p) => sql`SELECT unit_id FROM targets WHERE indicator_id = ${p('id')}`);
const DELETE_INDICATOR = query<never, { id: number }>((_qb, p) => sql`DELETE FROM indicators WHERE id = ${p('id')}`);

/** Adds or edits one goal; returns its id. */
export function saveGoal(db: Db, by: string, planId: number, input: GoalInput): number {
  return writeTxOp(db, saveGoalOp(by, planId, input));
}

/** Adds or edits one goal (one write transaction); returns its id. */
export function* saveGoalOp(by: string, planId: number, input: GoalInput): Op<number> {
  {
    const plan = yield* requirePlanOp(planId);
    const indicators = yield* listIndicatorsOp(planId);
    check(input, indicators);
    const stamp = audit(by);
    const targetAudit = { planId, by, at: stamp.at, source: SOURCE };
    const name = input.name.trim();
    const old = input.id === undefined ? null : indicators.find((i) => i.id === input.id);
    if (input.id !== undefined && !old) throw new ApiError('not_found', `指标编号 ${input.id} 不属于本工作要点，请刷新页面后重试。`);
    const wording = wordingFrom(input, old?.wording ?? null, old?.name ?? null);
    const wordingText = formatTargetWording(wording);
    const bounds = targetBounds(wording);

    if (!old) {
      const id = yield* insertIndicatorOp({
        planId,
        name,
        measureUnit: input.measureUnit.trim(),
        aggregation: input.aggregation,
        frequency: input.frequency,
        decimals: input.decimals,
        sortOrder: indicators.reduce((m, i) => Math.max(m, i.sortOrder), 0) + 1,
        wording,
        wordingText,
        baseline: null,
        decomposed: input.decomposed,
      });
      yield* writeTargetOp(targetAudit, id, plan.unitId, bounds.value, bounds.valueMax);
      yield* writeBaselineOp(targetAudit, id, plan.unitId, input.baseline);
      yield* recordEditOp(stamp, { planId, entity: 'indicator', entityId: id, action: 'add', newValue: wordingText, summary: `新增工作目标：${wordingText}` });
      return id;
    }

    const oldTarget = yield* targetOfOp(old.id, plan.unitId);
    const targetChanged = !oldTarget || oldTarget.value !== bounds.value || oldTarget.value_max !== bounds.valueMax;
    const measured = targetChanged || old.baseline !== input.baseline || old.aggregation !== input.aggregation || old.decimals !== input.decimals;
    if (measured) yield* refuseWhenLockedOp(planId, `工作目标“${shortText(old.name)}”`);
    // What the level above issued (上级下达) is not changed here: it is taken or kept when received.
    const issued = targetChanged ? yield* issuedTargetRefusalOp(planId, old.id, shortText(old.name)) : null;
    if (issued) throw new ApiError('bad_request', issued);
    if (old.frequency !== input.frequency) {
      const n = (yield* get(FIGURE_COUNT, { id: old.id }))?.n ?? 0;
      if (n > 0) {
        throw new ApiError(
          'bad_request',
          `工作目标“${shortText(old.name)}”已有 ${n} 个完成数是${FREQUENCY_LABEL[old.frequency]}填报的，不能改成${FREQUENCY_LABEL[input.frequency]}。如确需改变，请新增一个指标。`,
        );
      }
    }
    const changes: [string, string, string, string][] = [];
    const note = (field: string, label: string, before: string, after: string) => {
      if (before !== after) changes.push([field, label, before, after]);
    };
    note('name', '名称', old.name, name);
    note('measure_unit', '计量单位', old.measureUnit, input.measureUnit.trim());
    note('wording_text', '目标表述', old.wordingText ?? '', wordingText);
    note('aggregation', '汇总方式', AGGREGATION_LABEL[old.aggregation], AGGREGATION_LABEL[input.aggregation]);
    note('frequency', '报送频率', FREQUENCY_LABEL[old.frequency], FREQUENCY_LABEL[input.frequency]);
    note('decimals', '小数位数', String(old.decimals), String(input.decimals));
    note('decomposed', '分解到下级单位', old.decomposed ? '是' : '否', input.decomposed ? '是' : '否');
    yield* run(UPDATE_INDICATOR, {
      id: old.id,
      name,
      measureUnit: input.measureUnit.trim(),
      aggregation: input.aggregation,
      frequency: input.frequency,
      decimals: input.decimals,
      decomposed: input.decomposed ? 1 : 0,
      wordingText,
      wordingJson: JSON.stringify(wording),
    });
    yield* writeTargetOp(targetAudit, old.id, plan.unitId, bounds.value, bounds.valueMax);
    yield* writeBaselineOp(targetAudit, old.id, plan.unitId, input.baseline);
    if (old.baseline !== input.baseline) {
      const show = (v: number | null) => (v === null ? '' : formatNumber(v));
      note('baseline', '基数', show(old.baseline), show(input.baseline));
    }
    for (const [field, label, before, after] of changes) {
      yield* recordEditOp(stamp, {
        planId,
        entity: 'indicator',
        entityId: old.id,
        action: 'change',
        field,
        oldValue: before,
        newValue: after,
        summary: `工作目标“${shortText(name)}”${changeText(label, before, after)}`,
      });
    }
    return old.id;
  }
}

/** Puts the plan's goals in the given order (every goal of the plan, each once). */
export function reorderGoals(db: Db, by: string, planId: number, ids: number[]): void {
  writeTxOp(db, reorderGoalsOp(by, planId, ids));
}

export function* reorderGoalsOp(by: string, planId: number, ids: number[]): Op<void> {
  {
    yield* requirePlanOp(planId);
    const indicators = yield* listIndicatorsOp(planId);
    const known = new Set(indicators.map((i) => i.id));
    if (ids.length !== known.size || ids.some((id) => !known.has(id)) || new Set(ids).size !== ids.length) {
      throw new ApiError('bad_request', '指标顺序与本工作要点的指标不一致（可能已被他人修改），请刷新页面后重试。');
    }
    for (const [i, id] of ids.entries()) yield* run(SET_SORT_ORDER, { id, sortOrder: i + 1 });
    const names = new Map(indicators.map((i) => [i.id, i.name]));
    yield* recordEditOp(audit(by), {
      planId,
      entity: 'indicator',
      entityId: ids[0] ?? 0,
      action: 'move',
      summary: `调整工作目标顺序：${ids.map((id) => names.get(id)).join('、')}`,
    });
  }
}

/** What removing a goal would take with it: its figures and the sub-units' targets. */
function* goalLossesOp(indicator: Indicator, planUnitId: number): Op<string[]> {
  const loses: string[] = [];
  const figures = (yield* get(FIGURES_OF, { id: indicator.id })) ?? { n: 0, units: 0 };
  if (figures.n) loses.push(`“${indicator.name}”已填报的 ${figures.n} 个完成数（${figures.units} 个单位）将被删除`);
  const targets = (yield* get(SUB_TARGET_COUNT, { id: indicator.id, planUnitId }))?.n ?? 0;
  if (targets) loses.push(`分解到 ${targets} 个下级单位的目标值将被删除`);
  return loses;
}

/**
 * Removes a goal. With figures or sub-unit targets, nothing happens until the user saw what goes
 * (done: false) and confirmed; then a backup first. Refused while any period is locked.
 */
export function removeGoal(ctx: BackupContext, by: string, planId: number, indicatorId: number, confirm: boolean): RemovalResult {
  const { result, backup } = runWithBackupOp(ctx, removeGoalBacked(by, planId, indicatorId, confirm));
  return removalWith(result, backup);
}

/** The removal with what its copy is listed as (the Op names the goal when it takes the copy). */
export const removeGoalBacked = (by: string, planId: number, indicatorId: number, confirm: boolean) =>
  planEditBacked(by, '删除工作目标', removeGoalOp(by, planId, indicatorId, confirm));

/**
 * The removal as one Op, run with its copy (runWithBackupOp on SQLite, runWithBackupPg on PostgreSQL):
 * everything is read under the write lock; the copy is taken when something the user entered goes.
 */
export function* removeGoalOp(by: string, planId: number, indicatorId: number, confirm: boolean): Op<RemovalResult> {
  const plan = yield* requirePlanOp(planId);
  const indicator = (yield* listIndicatorsOp(planId)).find((i) => i.id === indicatorId);
  if (!indicator) throw new ApiError('not_found', `指标编号 ${indicatorId} 不属于本工作要点，请刷新页面后重试。`);
  yield* refuseWhenLockedOp(planId, `删除工作目标“${shortText(indicator.name)}”`);
  const loses = yield* goalLossesOp(indicator, plan.unitId);
  if (loses.length && !confirm) return { done: false, loses, backup: null };
  if (loses.length) yield* takeCopyOp(`删除工作目标 ${shortText(indicator.name)}`);
  const stamp = audit(by);
  const targetAudit = { planId, by, at: stamp.at, source: SOURCE };
  for (const { unit_id } of yield* all(TARGET_UNITS, { id: indicatorId })) yield* writeTargetOp(targetAudit, indicatorId, unit_id, null);
  yield* run(DELETE_INDICATOR, { id: indicatorId });
  yield* recordEditOp(stamp, {
    planId,
    entity: 'indicator',
    entityId: indicatorId,
    action: 'remove',
    oldValue: indicator.wordingText,
    summary: `删除工作目标：${indicator.wordingText ?? indicator.name}${loses.length ? `（${loses.join('；')}）` : ''}`,
  });
  return { done: true, loses, backup: null };
}
