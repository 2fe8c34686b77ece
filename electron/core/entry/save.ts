/**
 * Saving figures: every edit is checked again here with the same rules the
 * grid uses (shared/entry/validate.ts), against locks and the shape of the
 * plan, then written in one transaction with the operator and time. One bad
 * cell refuses the whole request: nothing is half-written.
 */
import { ApiError } from '../../../shared/api/errors';
import { batchValues, neighboursAfterPaste } from '../../../shared/entry/cumulative';
import { cumulativePredecessor, cumulativeSuccessor } from '../../../shared/entry/periods';
import { checkEntryValue } from '../../../shared/entry/validate';
import type { FigureEdit, SaveResult } from '../../../shared/entry/views';
import { FREQUENCY_LABEL, type Indicator } from '../../../shared/model/indicator';
import type { Unit } from '../../../shared/model/units';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import type { Db } from '../db/open';
import { getFigure, writeFigure } from '../db/repos/figures';
import { indicatorsOf } from './planData';
import { requirePlan, requireYearInPlan } from '../plans/scope';
import { parentEntryRefusal, subUnitEntryRefusal } from '../../../shared/figures/aggregate';
import { writeTx } from '../db/tx';
import { getUnit } from '../db/repos/units';
import { isLocked } from '../db/repos/locks';
import { guardReview, reviewAfterSave, type FigureReviewMode } from '../review/onSave';

function targetOf(db: Db, indicatorId: number, unitId: number): { value: number; value_max: number | null } | undefined {
  return db.prepare('SELECT value, value_max FROM targets WHERE indicator_id = ? AND unit_id = ?').get(indicatorId, unitId) as
    | { value: number; value_max: number | null }
    | undefined;
}

/** Whether any sub-unit of the plan's unit has a figure of the indicator for the period. */
function anySubUnitFigure(db: Db, indicatorId: number, parentId: number, period: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM figures f JOIN units u ON u.id = f.unit_id
         WHERE f.indicator_id = ? AND f.period = ? AND u.parent_id = ? AND u.kind <> 'department' AND f.value IS NOT NULL LIMIT 1`,
      )
      .get(indicatorId, period, parentId) != null
  );
}

/** Says which cell a message is about: "洪都街道 · 技术合同成交额（2022年1-9月）". */
const where = (unit: Unit, indicator: Indicator, period: string) => `${unit.name} · ${indicator.name}（${periodLabel(period)}）`;

/**
 * `by` is the caller's operator (electron/core/caller.ts), resolved by the handler; `review` what the
 * write does to 审核 (review/onSave.ts): the district's own typing, an entry account's, or a returned file.
 */
export function saveFigures(db: Db, planId: number, edits: FigureEdit[], by: string, source = 'entry', review: FigureReviewMode = 'district'): SaveResult {
  const at = new Date().toISOString();
  // Checks and writes under one write lock: what they read cannot change before the write.
  const changed = writeTx(db, (): number => {
    const plan = requirePlan(db, planId);
    const indicators = new Map(indicatorsOf(db, planId).map((i) => [i.id, i]));
    const units = new Map<number, Unit>();
    // The request's own values: a period and its neighbour saved together are checked against each other.
    const batch = batchValues(edits);
    const written: { unitId: number; period: string }[] = [];
    for (const e of edits) {
      const indicator = indicators.get(e.indicatorId);
      if (!indicator) throw new ApiError('not_found', `指标编号 ${e.indicatorId} 不属于本工作要点，请刷新页面后重试。`);
      let unit = units.get(e.unitId);
      if (!unit) {
        unit = getUnit(db, e.unitId);
        if (!unit || unit.kind === 'department') {
          throw new ApiError('not_found', `找不到编号为 ${e.unitId} 的单位，或它是部门（部门不填报指标）。`);
        }
        // Only the plan's own unit and its sub-units report figures for this plan.
        if (unit.id !== plan.unitId && unit.parentId !== plan.unitId) {
          throw new ApiError('bad_request', `单位“${unit.name}”不是本工作要点的填报单位，不能填报它的完成数。`);
        }
        units.set(e.unitId, unit);
      }
      const p = requirePeriod(e.period);
      requireYearInPlan(plan, p.year, e.period, { baseYear: true });
      if (p.frequency !== indicator.frequency) {
        throw new ApiError(
          'bad_request',
          `${indicator.name}${FREQUENCY_LABEL[indicator.frequency]}报送，不能填在报告期“${e.period}”（${periodLabel(e.period)}）。`,
        );
      }
      const place = where(unit, indicator, e.period);
      // The one rule of shared/figures/aggregate.ts: who enters which figure.
      const refusal =
        unit.id === plan.unitId
          ? parentEntryRefusal(indicator, e.value !== null && anySubUnitFigure(db, indicator.id, plan.unitId, e.period))
          : subUnitEntryRefusal(indicator, targetOf(db, indicator.id, unit.id) != null);
      if (refusal) throw new ApiError('bad_request', `${place}：${refusal}。`);
      if (isLocked(db, planId, e.period)) {
        throw new ApiError('bad_request', `${place}：该报告期已锁定，不能修改。如确需修改，请先在“锁定”中填写原因解锁。`);
      }
      guardReview(db, planId, unit.id, e.period, review, place);
      let value: number | null = null;
      if (e.value !== null) {
        const prevKey = cumulativePredecessor(e.period);
        const nextKey = cumulativeSuccessor(e.period);
        const target = targetOf(db, indicator.id, unit.id);
        const around = neighboursAfterPaste(batch, indicator.id, unit.id, e.period, {
          previous: prevKey ? (getFigure(db, indicator.id, unit.id, prevKey)?.value ?? null) : null,
          next: nextKey ? (getFigure(db, indicator.id, unit.id, nextKey)?.value ?? null) : null,
        });
        const check = checkEntryValue(e.value, {
          indicator,
          previous: around.previous,
          previousLabel: prevKey ? periodLabel(prevKey) : null,
          next: around.next,
          nextLabel: nextKey ? periodLabel(nextKey) : null,
          target: target?.value ?? null,
          targetMax: target?.value_max ?? null,
        });
        if (check.kind === 'error') throw new ApiError('bad_request', `${place}：${check.message}`);
        if (check.needsNote && !e.note?.trim()) throw new ApiError('bad_request', `${place}：${check.needsNote}`);
        if (check.needsConfirm && !e.confirmed) throw new ApiError('bad_request', `${place}：${check.needsConfirm}`);
        value = check.value;
      }
      const wrote = writeFigure(db, {
        indicatorId: indicator.id,
        unitId: unit.id,
        period: e.period,
        value,
        note: e.note?.trim() || null,
        by,
        at,
        source,
      });
      if (wrote) written.push({ unitId: unit.id, period: e.period });
    }
    reviewAfterSave(db, planId, written, review, by, at, source);
    return written.length;
  });
  return { changed, by, at };
}
