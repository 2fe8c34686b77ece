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
import { writeFigureOp } from '../db/repos/figures';
import { listIndicatorsOp } from '../db/repos/indicators';
import { requirePlanOp, requireYearInPlan } from '../plans/scope';
import { parentEntryRefusal, subUnitEntryRefusal } from '../../../shared/figures/aggregate';
import { writeTxOp } from '../db/tx';
import { getUnitOp } from '../db/repos/units';
import { isLockedOp } from '../db/repos/locks';
import { guardReviewOp, reviewAfterSaveOp, type FigureReviewMode, type ReviewsRead } from '../review/onSave';
import { all, get, query, type Op } from '../store/query';
import { jsonList } from '../store/dialect';

const TARGET = query<{ value: number; value_max: number | null }, { indicatorId: number; unitId: number }>((qb, p) =>
  qb.selectFrom('targets').select(['value', 'value_max']).where('indicator_id', '=', p('indicatorId')).where('unit_id', '=', p('unitId')),
);

/** A cell's figure at a few periods (itself and its cumulative neighbours). */
const CELL_AT = query<{ period: string; value: number; note: string | null }, { indicatorId: number; unitId: number; periods: string }>((qb, p, engine) =>
  qb
    .selectFrom('figures')
    .select(['period', 'value', 'note'])
    .where('indicator_id', '=', p('indicatorId'))
    .where('unit_id', '=', p('unitId'))
    .where('period', 'in', jsonList(engine, p('periods'), 'text')),
);

/** Whether any sub-unit of the plan's unit has a figure of the indicator for the period. */
const ANY_SUB_UNIT_FIGURE = query<{ one: number }, { indicatorId: number; period: string; parentId: number }>((qb, p) =>
  qb
    .selectFrom('figures as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .select((eb) => eb.lit(1).as('one'))
    .where('f.indicator_id', '=', p('indicatorId'))
    .where('f.period', '=', p('period'))
    .where('u.parent_id', '=', p('parentId'))
    .where('u.kind', '<>', 'department')
    .where('f.value', 'is not', null)
    .limit(1),
);

/** Says which cell a message is about: "洪都街道 · 技术合同成交额（2022年1-9月）". */
const where = (unit: Unit, indicator: Indicator, period: string) => `${unit.name} · ${indicator.name}（${periodLabel(period)}）`;

/**
 * `by` is the caller's operator (electron/core/caller.ts), resolved by the handler; `review` what the
 * write does to 审核 (review/onSave.ts): the district's own typing, an entry account's, or a returned file.
 * Checks and writes inside ONE write transaction (writeTxOp on SQLite, writeTxPgOp on PostgreSQL): what
 * they read cannot change before the write. Answers how many figures changed.
 */
export function* saveFiguresOp(
  planId: number,
  edits: FigureEdit[],
  by: string,
  at: string,
  source = 'entry',
  review: FigureReviewMode = 'district',
): Op<number> {
  const plan = yield* requirePlanOp(planId);
  const indicators = new Map((yield* listIndicatorsOp(planId)).map((i) => [i.id, i]));
  const units = new Map<number, Unit>();
  // Read once per save, not once per edit: a paste of a column asks about the same period and cells again.
  const locked = new Map<string, boolean>();
  const targets = new Map<string, { value: number; value_max: number | null } | undefined>();
  const reviewsRead: ReviewsRead = new Map();
  function* targetOf(indicatorId: number, unitId: number) {
    const key = `${indicatorId}|${unitId}`;
    if (!targets.has(key)) targets.set(key, yield* get(TARGET, { indicatorId, unitId }));
    return targets.get(key);
  }
  // The request's own values: a period and its neighbour saved together are checked against each other.
  const batch = batchValues(edits);
  const written: { unitId: number; period: string }[] = [];
  for (const e of edits) {
    const indicator = indicators.get(e.indicatorId);
    if (!indicator) throw new ApiError('not_found', `指标编号 ${e.indicatorId} 不属于本工作要点，请刷新页面后重试。`);
    let unit = units.get(e.unitId);
    if (!unit) {
      unit = yield* getUnitOp(e.unitId);
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
        ? parentEntryRefusal(
            indicator,
            e.value !== null && (yield* get(ANY_SUB_UNIT_FIGURE, { indicatorId: indicator.id, period: e.period, parentId: plan.unitId })) !== undefined,
          )
        : subUnitEntryRefusal(indicator, (yield* targetOf(indicator.id, unit.id)) != null);
    if (refusal) throw new ApiError('bad_request', `${place}：${refusal}。`);
    if (!locked.has(e.period)) locked.set(e.period, yield* isLockedOp(planId, e.period));
    if (locked.get(e.period)) {
      throw new ApiError('bad_request', `${place}：该报告期已锁定，不能修改。如确需修改，请先在“锁定”中填写原因解锁。`);
    }
    yield* guardReviewOp(planId, unit.id, e.period, review, place, reviewsRead);
    let value: number | null = null;
    const prevKey = e.value !== null ? cumulativePredecessor(e.period) : null;
    const nextKey = e.value !== null ? cumulativeSuccessor(e.period) : null;
    // The cell and its cumulative neighbours in one read (the cell itself also when it is cleared).
    const cells = new Map(
      (yield* all(CELL_AT, { indicatorId: indicator.id, unitId: unit.id, periods: JSON.stringify([e.period, prevKey, nextKey].filter((k) => k !== null)) })).map(
        (r) => [r.period, r],
      ),
    );
    if (e.value !== null) {
      const target = yield* targetOf(indicator.id, unit.id);
      const around = neighboursAfterPaste(batch, indicator.id, unit.id, e.period, {
        previous: prevKey ? (cells.get(prevKey)?.value ?? null) : null,
        next: nextKey ? (cells.get(nextKey)?.value ?? null) : null,
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
    // The cell as read just above, after this save's earlier writes: writeFigureOp need not read it again.
    const wrote = yield* writeFigureOp(
      { indicatorId: indicator.id, unitId: unit.id, period: e.period, value, note: e.note?.trim() || null, by, at, source },
      cells.get(e.period) ?? null,
    );
    if (wrote) written.push({ unitId: unit.id, period: e.period });
  }
  yield* reviewAfterSaveOp(planId, written, review, by, at, source, reviewsRead);
  return written.length;
}

export function saveFigures(db: Db, planId: number, edits: FigureEdit[], by: string, source = 'entry', review: FigureReviewMode = 'district'): SaveResult {
  const at = new Date().toISOString();
  return { changed: writeTxOp(db, saveFiguresOp(planId, edits, by, at, source, review)), by, at };
}
