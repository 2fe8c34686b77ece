/**
 * A goal list (工作目标) against the plan: each row updates the plan's
 * indicator of that name — or of exactly that wording — (wording, target,
 * baseline) or adds one.
 */
import { defaultDecimals, formatNumber } from '../numbers';
import { decimalsOf } from './cells';
import { targetKey, type AnalysisContext } from './context';
import type { DetectedSheet } from './detect';
import { parseGoals } from './goals';
import { aggregationOf, matchIndicator } from './indicators';
import type { SheetGrid, SheetPreview } from './types';
import { normaliseUnitName } from '../units/normalise';

export function analyseGoalSheet(ctx: AnalysisContext, grid: SheetGrid, detected: DetectedSheet, view: SheetPreview): void {
  const { snapshot, plan, write, oldTargets } = ctx;
  const parsed = parseGoals(grid, detected);
  ctx.problems.push(...parsed.problems);
  view.goals = [];
  const num = (v: number | null) => (v === null ? '无' : formatNumber(v));
  for (const g of parsed.goals) {
    // The plan's indicator of that name, or the one whose goal is worded exactly so ("全社会R&D经费投入占全区GDP比重达到0.55%").
    const existing =
      matchIndicator(snapshot.indicators, g.name, g.measureUnit) ??
      (g.wordingText ? (snapshot.indicators.find((i) => i.wordingText !== null && sameWording(i.wordingText, g.wordingText!)) ?? null) : null);
    const id = existing?.id ?? ctx.newIndicatorRef();
    view.goals.push({ row: g.row, name: g.name, measureUnit: g.measureUnit, wordingText: g.wordingText, value: g.value, valueMax: g.valueMax, baseline: g.baseline, existingId: existing?.id ?? null });
    const measureUnit = existing?.measureUnit || g.measureUnit;
    const baseline = g.baseline ?? existing?.baseline ?? null;
    const written = {
      id,
      name: existing?.name ?? g.name,
      measureUnit,
      aggregation: existing?.aggregation ?? aggregationOf(g.name, measureUnit),
      decimals: existing?.decimals ?? Math.max(defaultDecimals(measureUnit), g.value === null ? 0 : decimalsOf(g.value)),
      decomposed: existing?.decomposed ?? false,
      wording: g.wording,
      wordingText: g.wordingText,
      baseline,
      updateWording: true,
    };
    write.indicators.push(written);
    if (!existing) ctx.created.push({ ...written, planId: plan.id, frequency: 'yearly', sortOrder: 0 });
    ctx.counted.indicators.add(id);
    if (g.value !== null) {
      write.targets.push({ indicatorId: id, unitId: plan.unitId, value: g.value, valueMax: g.valueMax });
      const key = targetKey(id, plan.unitId);
      ctx.counted.targets.add(key);
      ctx.goalTargets.set(key, { value: g.value, valueMax: g.valueMax, wordingText: g.wordingText, place: { sheet: grid.name, row: g.row } });
    }
    const old = existing ? oldTargets.get(targetKey(existing.id, plan.unitId)) : undefined;
    const after = g.wordingText ?? `${g.value}${g.measureUnit}`;
    if (existing && (existing.baseline ?? null) !== baseline) {
      ctx.note('changed', () => ({ what: 'goal', label: `工作目标“${existing.name}”的基数（上年完成）`, indicator: existing.name, before: num(existing.baseline), after: num(baseline) }));
    }
    if (!existing) ctx.note('added', () => ({ what: 'goal', label: `工作目标“${g.name}”`, indicator: g.name, after }));
    else if ((existing.wordingText ?? '') !== (g.wordingText ?? existing.wordingText ?? '') || (old?.value ?? null) !== g.value) {
      ctx.note('changed', () => ({ what: 'goal', label: `工作目标“${existing.name}”`, indicator: existing.name, before: existing.wordingText ?? String(old?.value ?? ''), after }));
    }
  }
}

/** The same goal words, whatever the spaces and full/half-width punctuation. */
const sameWording = (a: string, b: string) => normaliseUnitName(a) === normaliseUnitName(b);
