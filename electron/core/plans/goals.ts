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
import type { Db } from '../db/open';
import { insertIndicator, listIndicators } from '../db/repos/indicators';
import { writeBaseline, writeTarget } from '../db/repos/targetWrites';
import { writeTx } from '../db/tx';
import { requirePlan } from './scope';
import { runWithBackup, type BackupContext } from '../backup/service';
import { audit, refuseWhenLocked, shortText, type RemovalResult } from './common';
import { recordEdit } from './history';

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

const figureCount = (db: Db, indicatorId: number) =>
  db.prepare('SELECT count(*) FROM figures WHERE indicator_id = ?').pluck().get(indicatorId) as number;

/** Adds or edits one goal; returns its id. */
export function saveGoal(db: Db, by: string, planId: number, input: GoalInput): number {
  return writeTx(db, () => {
    const plan = requirePlan(db, planId);
    const indicators = listIndicators(db, planId);
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
      const id = insertIndicator(db, {
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
      writeTarget(db, targetAudit, id, plan.unitId, bounds.value, bounds.valueMax);
      writeBaseline(db, targetAudit, id, plan.unitId, input.baseline);
      recordEdit(db, stamp, { planId, entity: 'indicator', entityId: id, action: 'add', newValue: wordingText, summary: `新增工作目标：${wordingText}` });
      return id;
    }

    const oldTarget = db.prepare('SELECT value, value_max FROM targets WHERE indicator_id = ? AND unit_id = ?').get(old.id, plan.unitId) as
      | { value: number; value_max: number | null }
      | undefined;
    const targetChanged = !oldTarget || oldTarget.value !== bounds.value || oldTarget.value_max !== bounds.valueMax;
    const measured = targetChanged || old.baseline !== input.baseline || old.aggregation !== input.aggregation || old.decimals !== input.decimals;
    if (measured) refuseWhenLocked(db, planId, `工作目标“${shortText(old.name)}”`);
    if (old.frequency !== input.frequency) {
      const n = figureCount(db, old.id);
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
    db.prepare(
      `UPDATE indicators SET name = ?, measure_unit = ?, aggregation = ?, frequency = ?, decimals = ?, decomposed = ?,
         wording_text = ?, wording_json = ? WHERE id = ?`,
    ).run(name, input.measureUnit.trim(), input.aggregation, input.frequency, input.decimals, input.decomposed ? 1 : 0, wordingText, JSON.stringify(wording), old.id);
    writeTarget(db, targetAudit, old.id, plan.unitId, bounds.value, bounds.valueMax);
    writeBaseline(db, targetAudit, old.id, plan.unitId, input.baseline);
    if (old.baseline !== input.baseline) {
      const show = (v: number | null) => (v === null ? '' : formatNumber(v));
      note('baseline', '基数', show(old.baseline), show(input.baseline));
    }
    for (const [field, label, before, after] of changes) {
      recordEdit(db, stamp, {
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
  });
}

/** Puts the plan's goals in the given order (every goal of the plan, each once). */
export function reorderGoals(db: Db, by: string, planId: number, ids: number[]): void {
  writeTx(db, () => {
    requirePlan(db, planId);
    const indicators = listIndicators(db, planId);
    const known = new Set(indicators.map((i) => i.id));
    if (ids.length !== known.size || ids.some((id) => !known.has(id)) || new Set(ids).size !== ids.length) {
      throw new ApiError('bad_request', '指标顺序与本工作要点的指标不一致（可能已被他人修改），请刷新页面后重试。');
    }
    const set = db.prepare('UPDATE indicators SET sort_order = ? WHERE id = ?');
    ids.forEach((id, i) => set.run(i + 1, id));
    const names = new Map(indicators.map((i) => [i.id, i.name]));
    recordEdit(db, audit(by), {
      planId,
      entity: 'indicator',
      entityId: ids[0] ?? 0,
      action: 'move',
      summary: `调整工作目标顺序：${ids.map((id) => names.get(id)).join('、')}`,
    });
  });
}

/** What removing a goal would take with it: its figures and the sub-units' targets. */
function goalLosses(db: Db, indicator: Indicator, planUnitId: number): string[] {
  const loses: string[] = [];
  const figures = db
    .prepare('SELECT count(*) AS n, count(DISTINCT unit_id) AS units FROM figures WHERE indicator_id = ?')
    .get(indicator.id) as { n: number; units: number };
  if (figures.n) loses.push(`“${indicator.name}”已填报的 ${figures.n} 个完成数（${figures.units} 个单位）将被删除`);
  const targets = db.prepare('SELECT count(*) FROM targets WHERE indicator_id = ? AND unit_id <> ?').pluck().get(indicator.id, planUnitId) as number;
  if (targets) loses.push(`分解到 ${targets} 个下级单位的目标值将被删除`);
  return loses;
}

/**
 * Removes a goal. With figures or sub-unit targets, nothing happens until the user saw what goes
 * (done: false) and confirmed; then a backup first. Refused while any period is locked.
 */
export function removeGoal(ctx: BackupContext, by: string, planId: number, indicatorId: number, confirm: boolean): RemovalResult {
  const { db } = ctx;
  const plan = requirePlan(db, planId);
  const indicator = listIndicators(db, planId).find((i) => i.id === indicatorId);
  if (!indicator) throw new ApiError('not_found', `指标编号 ${indicatorId} 不属于本工作要点，请刷新页面后重试。`);
  refuseWhenLocked(db, planId, `删除工作目标“${shortText(indicator.name)}”`);
  const loses = goalLosses(db, indicator, plan.unitId);
  if (loses.length && !confirm) return { done: false, loses, backup: null };
  const { backup } = runWithBackup(ctx, { operation: 'plan.edit', reason: `删除工作目标 ${shortText(indicator.name)}`, by, what: '删除工作目标' }, (copy) => {
    if (loses.length) copy.take();
    const stamp = audit(by);
    const targetAudit = { planId, by, at: stamp.at, source: SOURCE };
    const units = db.prepare('SELECT unit_id FROM targets WHERE indicator_id = ?').pluck().all(indicatorId) as number[];
    for (const u of units) writeTarget(db, targetAudit, indicatorId, u, null);
    db.prepare('DELETE FROM indicators WHERE id = ?').run(indicatorId);
    recordEdit(db, stamp, {
      planId,
      entity: 'indicator',
      entityId: indicatorId,
      action: 'remove',
      oldValue: indicator.wordingText,
      summary: `删除工作目标：${indicator.wordingText ?? indicator.name}${loses.length ? `（${loses.join('；')}）` : ''}`,
    });
  });
  return { done: true, loses, backup: backup ? { id: backup.id, createdAt: backup.createdAt } : null };
}
