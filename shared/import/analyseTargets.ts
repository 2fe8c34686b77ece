/**
 * A target breakdown (附件2) against the plan: indicators matched or created,
 * units resolved, the district's lines (全区, 合计, 全区目标, the district's
 * name) setting or checking the district's target, the sub-units' sum checked
 * against it, impossible values refused — and what the sheet changes.
 *
 * Merge by default: the sheet sets the targets it names and nothing else.
 * Targets of its indicators for units it leaves out are kept, unless the
 * user chose 以本表为准 (options.replace); then they are removed, listed
 * first with the figures (完成数) that would lose their target.
 */
import { checkSum } from '../figures/sumCheck';
import { subUnitsOf } from '../model/units';
import { defaultDecimals, formatNumber } from '../numbers';
import { decimalsOf, negativeTargetLevel } from './cells';
import { targetKey, type AnalysisContext } from './context';
import type { DetectedSheet } from './detect';
import { echo } from './echo';
import { aggregationOf, matchIndicator, toWriteIndicator } from './indicators';
import { parseTargets, type ParsedIndicatorColumn, type ParsedTargetRow } from './targets';
import type { SheetGrid, SheetPreview } from './types';
import type { WritePlan } from './writePlan';
import { issuedHeaderOf } from './issuedHeader';

interface IndicatorRef {
  id: number;
  name: string;
  measureUnit: string;
  additive: boolean;
  decimals: number;
  existingId: number | null;
  existingName: string | null;
}

/** A district line: the first sets the district's target, later ones only check it. */
interface DistrictLine {
  line: ParsedTargetRow;
  label: string;
}

export function analyseTargetSheet(ctx: AnalysisContext, grid: SheetGrid, detected: DetectedSheet, view: SheetPreview): void {
  const { plan, resolver, write, problems } = ctx;
  const parsed = parseTargets(grid, detected);
  problems.push(...parsed.problems);
  const transposed = parsed.orientation === 'indicatorRows';
  // Each column of one sheet is its own indicator: those this sheet creates are never matched by its other columns.
  const createdHere = new Set<number>();
  const indicators = parsed.indicators.map((col, i) => indicatorFor(ctx, grid.name, parsed.rows, col, i, createdHere));
  view.indicators = parsed.indicators.map((col, i) => ({
    row: col.at.row,
    column: col.at.column,
    header: col.header,
    name: col.name,
    measureUnit: indicators[i].measureUnit,
    existingId: indicators[i].existingId,
    existingName: indicators[i].existingName,
  }));

  /** The file's cell holding line × indicator i. */
  const cellOf = (line: ParsedTargetRow, i: number) =>
    transposed ? { row: parsed.indicators[i].at.row, column: line.column } : { row: line.row, column: parsed.indicators[i].column };
  const lineName = (line: ParsedTargetRow) => (transposed ? `${line.column}列` : `第${line.row}行`);

  view.targetRows = [];
  const seen = new Map<number, ParsedTargetRow>();
  let district: DistrictLine | null = null;
  let unresolved = 0;
  const valueAt = new Map<string, number>();
  const fresh: WritePlan['targets'] = [];
  /** Cells that name a target but cannot be read (errors), or that a goal of this file sets: never counted as "not in the file". */
  const unreadable = new Set<string>();
  for (const line of parsed.rows) {
    const unitId = resolver.one(line.unitText, { sheet: grid.name, row: line.row, column: line.column });
    view.targetRows.push({
      row: line.row,
      column: line.column,
      unitText: line.unitText,
      unitName: unitId === null ? null : resolver.nameOf(unitId),
      values: line.values.map((v) => v?.value ?? null),
    });
    if (unitId === null) {
      unresolved++;
      continue;
    }
    if (unitId === plan.unitId && district) {
      checkSecondTotal(ctx, grid.name, district, line, indicators, cellOf, lineName);
      continue;
    }
    const before = seen.get(unitId);
    if (before) {
      problems.push({
        level: 'error',
        sheet: grid.name,
        row: line.row,
        column: line.column,
        message: `“${echo(line.unitText)}”与${lineName(before)}是同一单位，重复了。请删去一${transposed ? '列' : '行'}。`,
      });
      continue;
    }
    seen.set(unitId, line);
    ctx.counted.units.add(unitId);
    if (unitId === plan.unitId) district = { line, label: lineName(line) };
    for (const i of line.unreadable) unreadable.add(targetKey(indicators[i].id, unitId));
    line.values.forEach((v, i) => {
      if (!v) return;
      const ind = indicators[i];
      const key = targetKey(ind.id, unitId);
      if (v.value < 0 || (v.valueMax ?? 0) < 0) checkNegative(ctx, grid.name, cellOf(line, i), resolver.nameOf(unitId), ind, Math.min(v.value, v.valueMax ?? v.value));
      valueAt.set(key, v.value);
      ctx.counted.targets.add(key);
      // The district's target that the notice's goals already set: the same value is one target, another is a contradiction.
      const goal = ctx.goalTargets.get(key);
      if (goal) {
        unreadable.add(key); // set by the goal, so never "left out" by this sheet
        if (goal.value !== v.value || (goal.valueMax ?? null) !== (v.valueMax ?? null)) {
          ctx.problems.push({
            level: 'error',
            sheet: grid.name,
            ...cellOf(line, i),
            message: `${resolver.nameOf(unitId)}的${ind.name}在本表为 ${formatNumber(v.value)}${ind.measureUnit}，而${goal.place.sheet}第${goal.place.row}段的工作目标是“${echo(goal.wordingText ?? '', 40)}”（${formatNumber(goal.value)}${goal.valueMax !== null ? `-${formatNumber(goal.valueMax)}` : ''}${ind.measureUnit}），两处不一致。请核对通知，改正后再导入。`,
          });
        }
        return;
      }
      fresh.push({ indicatorId: ind.id, unitId, value: v.value, valueMax: v.valueMax });
    });
  }
  for (const t of fresh) write.targets.push(t); // not push(...fresh): 80,000 arguments would overflow the stack
  for (const ind of indicators) ctx.counted.indicators.add(ind.id);
  // Rows with unknown units cannot be counted yet; the check waits until they are matched.
  if (unresolved === 0) sumChecks(ctx, grid.name, parsed.indicators, indicators, valueAt, district, cellOf, transposed);
  diffTargets(ctx, indicators, fresh, unreadable);
}

/** The plan's indicator a column (or row) names, or a new one. */
function indicatorFor(ctx: AnalysisContext, sheet: string, rows: ParsedTargetRow[], col: ParsedIndicatorColumn, i: number, createdHere: Set<number>): IndicatorRef {
  const { snapshot, write, problems } = ctx;
  const existing = matchIndicator(snapshot.indicators, col.name, col.measureUnit);
  const measureUnit = existing?.measureUnit || col.measureUnit;
  // An indicator another part of this file creates (a notice's goal): this column splits it among the units.
  const pending = existing ? null : matchIndicator(ctx.created.filter((c) => !createdHere.has(c.id)), col.name, col.measureUnit);
  if (pending) {
    const planned = write.indicators.find((w) => w.id === pending.id);
    if (planned) {
      planned.decomposed = true;
      planned.issuedHeader = issuedHeaderOf(col.header);
      if (!planned.measureUnit && col.measureUnit) planned.measureUnit = col.measureUnit;
    }
    const unit = pending.measureUnit || col.measureUnit;
    if (col.measureUnit && pending.measureUnit && col.measureUnit !== pending.measureUnit) {
      problems.push({
        level: 'error',
        sheet,
        ...col.at,
        message: `“${echo(col.header)}”的计量单位是“${col.measureUnit}”，而工作目标中的“${pending.name}”以“${pending.measureUnit}”计；请核对后再导入。`,
      });
    }
    return { id: pending.id, name: pending.name, measureUnit: unit, additive: pending.aggregation === 'sum', decimals: pending.decimals, existingId: null, existingName: pending.name };
  }
  if (existing) {
    if (col.measureUnit && existing.measureUnit && col.measureUnit !== existing.measureUnit) {
      problems.push({
        level: 'error',
        sheet,
        ...col.at,
        message: `“${echo(col.header)}”的计量单位是“${col.measureUnit}”，而工作要点中的“${existing.name}”以“${existing.measureUnit}”计；请换算后再导入，或改正表头。`,
      });
    }
    // The column header as the notice printed it is kept for the exported 附件2 (issuedHeader.ts).
    const issuedHeader = issuedHeaderOf(col.header);
    if (!existing.decomposed || (issuedHeader && issuedHeader !== existing.issuedHeader)) {
      write.indicators.push({ ...toWriteIndicator(existing), decomposed: true, ...(issuedHeader ? { issuedHeader } : {}) });
    }
    return { id: existing.id, name: existing.name, measureUnit, additive: existing.aggregation === 'sum', decimals: existing.decimals, existingId: existing.id, existingName: existing.name };
  }
  const id = ctx.newIndicatorRef();
  const values = rows.map((r) => r.values[i]?.value).filter((v): v is number => v != null);
  const decimals = Math.min(6, Math.max(defaultDecimals(measureUnit), ...values.map(decimalsOf)));
  const aggregation = aggregationOf(col.name, measureUnit);
  const created = {
    id,
    name: col.name,
    measureUnit,
    aggregation,
    decimals,
    decomposed: true,
    wording: null,
    wordingText: null,
    baseline: null,
    updateWording: false,
    issuedHeader: issuedHeaderOf(col.header),
  };
  write.indicators.push(created);
  createdHere.add(id);
  ctx.created.push({ ...created, planId: ctx.plan.id, frequency: 'yearly', sortOrder: 0 });
  ctx.note('added', () => ({ what: 'indicator', label: `指标“${col.name}”${measureUnit ? `（${measureUnit}）` : ''}`, indicator: col.name }));
  return { id, name: col.name, measureUnit, additive: aggregation === 'sum', decimals, existingId: null, existingName: null };
}

/** A negative count or amount cannot be a target (an error at its cell); a negative growth rate can (a warning). */
function checkNegative(ctx: AnalysisContext, sheet: string, at: { row: number; column: string }, unitName: string, ind: IndicatorRef, value: number): void {
  const level = negativeTargetLevel(ind.name, ind.measureUnit);
  const shown = `${formatNumber(value)}${ind.measureUnit}`;
  ctx.problems.push({
    level,
    sheet,
    ...at,
    message:
      level === 'error'
        ? `${unitName}的${ind.name}目标为负数（${shown}）：以“${ind.measureUnit}”计的数量或金额不能小于 0，请改正后再导入。`
        : `${unitName}的${ind.name}目标为负数（${shown}），请核对${/%|％|百分点/.test(ind.measureUnit) ? '（增长率、增幅可以为负）' : ''}。`,
  });
}

/** A second district line (合计 under 全区): checked against the first, never a duplicate. */
function checkSecondTotal(
  ctx: AnalysisContext,
  sheet: string,
  first: DistrictLine,
  line: ParsedTargetRow,
  indicators: IndicatorRef[],
  cellOf: (line: ParsedTargetRow, i: number) => { row: number; column: string },
  lineName: (line: ParsedTargetRow) => string,
): void {
  line.values.forEach((v, i) => {
    const set = first.line.values[i];
    if (!v || !set || (v.value === set.value && (v.valueMax ?? null) === (set.valueMax ?? null))) return;
    const ind = indicators[i];
    ctx.problems.push({
      level: 'warning',
      sheet,
      ...cellOf(line, i),
      message: `${lineName(line)}“${echo(line.unitText)}”的${ind.name}为 ${formatNumber(v.value)}${ind.measureUnit}，与${first.label}“${echo(first.line.unitText)}”的 ${formatNumber(set.value)}${ind.measureUnit} 不一致；按${first.label}导入全区目标。`,
    });
  });
}

/**
 * Do the sub-units add up to the district? Each indicator the sheet gives
 * sub-units for is checked on the plan as it will be after the import (the
 * sheet's values over the existing ones), and the difference is a warning at
 * the district's cell — or at the indicator when the sheet has no district line.
 */
function sumChecks(
  ctx: AnalysisContext,
  sheet: string,
  columns: ParsedIndicatorColumn[],
  indicators: IndicatorRef[],
  valueAt: Map<string, number>,
  district: DistrictLine | null,
  cellOf: (line: ParsedTargetRow, i: number) => { row: number; column: string },
  transposed: boolean,
): void {
  const { snapshot, plan, resolver, oldTargets } = ctx;
  const children = subUnitsOf(snapshot.units, plan.unitId).map((u) => u.id);
  const after = (indicatorId: number, unitId: number) => valueAt.get(targetKey(indicatorId, unitId)) ?? oldTargets.get(targetKey(indicatorId, unitId))?.value ?? null;
  indicators.forEach((ind, i) => {
    const parent = after(ind.id, plan.unitId);
    if (parent === null) return;
    // Each sub-unit's value in this sheet, looked up once: 2,000 sub-units × 40 indicators at the largest scale.
    const inSheet = children.map((c) => valueAt.get(targetKey(ind.id, c)));
    if (!inSheet.some((v) => v !== undefined)) return;
    const values = children.map((c, j) => inSheet[j] ?? oldTargets.get(targetKey(ind.id, c))?.value ?? null);
    const check = checkSum({
      indicatorId: ind.id,
      additive: ind.additive,
      decimals: Math.max(ind.decimals, 4),
      parent,
      children: children.map((c, j) => ({ unitId: c, value: values[j] })),
    });
    const at = district && district.line.values[i] ? cellOf(district.line, i) : transposed ? { row: columns[i].at.row, column: '' } : { row: 0, column: columns[i].column };
    const merged = !district || !district.line.values[i] || values.some((v, j) => inSheet[j] === undefined && v !== null);
    const u = ind.measureUnit;
    if (check.state === 'mismatch' && check.difference !== null) {
      ctx.problems.push({
        level: 'warning',
        sheet,
        ...at,
        message: `${ind.name}：各单位合计 ${formatNumber(check.sum)}${u}，与${resolver.nameOf(plan.unitId)}目标 ${formatNumber(parent)}${u} 相差 ${formatNumber(check.difference)}${u}${merged ? '（含工作要点中已有、本表未列出的单位目标）' : ''}。`,
      });
    } else if (check.state === 'incomplete' && check.missingUnitIds.length) {
      const missing = check.missingUnitIds.map((id) => resolver.nameOf(id));
      ctx.problems.push({
        level: 'warning',
        sheet,
        row: transposed ? columns[i].at.row : 0,
        column: transposed ? '' : columns[i].column,
        message: `${ind.name}：${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 个单位` : ''}没有目标值。`,
      });
    }
  });
}

/** What the sheet adds and changes; with 以本表为准, what it removes (listed first in the preview). */
function diffTargets(ctx: AnalysisContext, indicators: IndicatorRef[], fresh: WritePlan['targets'], unreadable: Set<string>): void {
  const { snapshot, plan, resolver, oldTargets, options, write } = ctx;
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const item = (indicatorId: number, unitId: number) => {
    const indicator = byId.get(indicatorId)?.name ?? '';
    const unit = resolver.nameOf(unitId);
    return { what: 'target' as const, label: `${unit} · ${indicator}`, unit, indicator };
  };
  const num = (v: number, max: number | null | undefined) => (max == null ? formatNumber(v) : `${formatNumber(v)}-${formatNumber(max)}`);
  const inFile = new Set<string>();
  const compare = oldTargets.size > 0;
  for (const t of fresh) {
    // A plan without targets yet (the first import) has nothing to compare: every target is added.
    const key = compare ? targetKey(t.indicatorId, t.unitId) : '';
    if (compare) inFile.add(key);
    const old = compare ? oldTargets.get(key) : undefined;
    if (!old) ctx.note('added', () => ({ ...item(t.indicatorId, t.unitId), after: num(t.value, t.valueMax) }));
    else if (old.value !== t.value || (old.valueMax ?? null) !== (t.valueMax ?? null)) {
      ctx.note('changed', () => ({ ...item(t.indicatorId, t.unitId), before: num(old.value, old.valueMax), after: num(t.value, t.valueMax) }));
    }
  }
  const sheetHasDistrict = fresh.some((t) => t.unitId === plan.unitId);
  let notInFile = 0;
  for (const old of snapshot.targets) {
    const key = targetKey(old.indicatorId, old.unitId);
    if (!byId.has(old.indicatorId) || inFile.has(key) || unreadable.has(key)) continue;
    if (old.unitId === plan.unitId && !sheetHasDistrict) continue; // the plan's own goal is not the breakdown's to remove
    notInFile++;
    if (!options.replace) continue;
    write.removeTargets.push({ indicatorId: old.indicatorId, unitId: old.unitId });
    const figures = snapshot.figuresByTarget?.get(key) ?? 0;
    ctx.note('removed', () => ({ ...item(old.indicatorId, old.unitId), before: num(old.value, old.valueMax), ...(figures ? { figures } : {}) }));
  }
  if (notInFile > 0) {
    const replace = (ctx.preview.replace ??= { targetsNotInFile: 0, tasks: null, chosen: options.replace === true });
    replace.targetsNotInFile += notInFile;
  }
}
