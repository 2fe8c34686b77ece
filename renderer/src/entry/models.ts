/** The two layouts of the grid, built from what the API returns. */
import { cumulativePredecessor, cumulativeSuccessor } from '../../../shared/entry/periods';
import { unpackCell, type EntryCell } from '../../../shared/entry/packedCell';
import type { EntryGridSheet, UnitYearSheet } from '../../../shared/entry/views';
import { parentEntryRefusal, subUnitEntryRefusal } from '../../../shared/figures/aggregate';
import type { ProgressCell } from '../../../shared/figures/progressTable';
import { FREQUENCY_LABEL, type Indicator } from '../../../shared/model/indicator';
import type { Unit } from '../../../shared/model/units';
import dayjs from 'dayjs';
import { periodLabel } from '../../../shared/periods';
import { withMeasureUnit } from '../format/target';
import type { CellMeta, GridCell, GridModel } from './model';
import { figureCells } from './figureCells';
import { reviewKey, type ReviewMark } from '../../../shared/review/states';
import type { SyncCellMark } from '../../../shared/sync/views';
import { syncMarkKey } from '../sync/useSyncMarks';

/** Why a locked cell is read-only, with who locked its period and when (shown as the cell's tooltip). */
export function lockedReason(period: string, info: { by: string; at: string } | undefined): string {
  const who = info ? `${info.by}于${dayjs(info.at).format('YYYY-MM-DD HH:mm')}锁定` : '已锁定';
  return `${periodLabel(period)}${info ? '已由' : ''}${who}，只读。如需修改，请先点“解锁”并填写原因。`;
}

const APPROVED = '已审核通过，只读：如需更正，请联系区里的管理员退回后再改';

/**
 * The grid's reasons besides the data's own: a 查看 account reads only (`viewOnly`), and
 * approved figures are read-only to a 填报员 (`approvedReadOnly`, from the sheet).
 */
export interface CallerLimits {
  viewOnly: string | null;
}

function reviewIndex(marks: readonly ReviewMark[]): Map<string, ReviewMark> {
  return new Map(marks.map((m) => [reviewKey(m.unitId, m.period), m]));
}

/** The caller's reason a cell is read-only, checked before the data's own (lock, sums, ratios). */
function callerRefusal(limits: CallerLimits, approvedReadOnly: boolean, review: ReviewMark | null): string | null {
  if (limits.viewOnly) return limits.viewOnly;
  if (approvedReadOnly && review?.state === 'approved') return APPROVED;
  return null;
}

/** What metaOf reads of a cell: the full ProgressCell (flipped grid) or an unpacked EntryCell (main grid). */
type CellValues = Pick<ProgressCell, 'actual' | 'target' | 'targetMax' | 'rate' | 'status'> &
  Partial<Pick<ProgressCell, 'lastYear' | 'yoy' | 'pointChange'>> & { source?: EntryCell['source']; actualSource?: ProgressCell['actualSource'] };

function metaOf(
  indicator: Indicator,
  unit: Pick<Unit, 'id' | 'name'>,
  period: string,
  c: CellValues,
  note: string | null,
  previous: number | null,
  next: number | null,
): CellMeta {
  const prev = cumulativePredecessor(period);
  const after = cumulativeSuccessor(period);
  return {
    indicator,
    unitId: unit.id,
    unitName: unit.name,
    period,
    value: c.actual,
    note,
    target: c.target,
    targetMax: c.targetMax,
    rate: c.rate,
    status: c.status,
    previous,
    previousLabel: prev ? periodLabel(prev) : null,
    next,
    nextLabel: after ? periodLabel(after) : null,
    source: c.source !== undefined ? c.source : (c.actualSource ?? null),
    rank: null,
    lastYear: c.lastYear ?? null,
    yoy: c.yoy ?? null,
    pointChange: c.pointChange ?? null,
    review: null,
  };
}

const isSum = (source: CellMeta['source']) => source === 'sum' || source === 'partial_sum';

/**
 * Why a cell is read-only by the one rule of shared/figures/aggregate.ts: the
 * district's cell once it is the sum of its sub-units (always for a split
 * indicator; for one the plan keeps at the district, once sub-units reported
 * it — the cell's source says so), a sub-unit's cell of a ratio it has no target for.
 */
function ruleRefusal(i: Indicator, isPlanUnit: boolean, meta: CellMeta): string | null {
  if (isPlanUnit) return parentEntryRefusal(i, isSum(meta.source));
  return subUnitEntryRefusal(i, meta.target != null);
}

/** Units × indicators for one view period; the plan unit's row first. Cells are unpacked as they are drawn. */
export function unitsModel(sheet: EntryGridSheet, limits: CallerLimits = { viewOnly: null }, sync?: ReadonlyMap<string, SyncCellMark>): GridModel {
  const { indicators, units } = sheet;
  const locked = new Set(sheet.locked);
  const reviews = reviewIndex(sheet.reviews ?? []);
  const rowCount = units.length - 1;
  return {
    ...figureCells,
    corner: '单位',
    rows: units.map((u, i) => ({
      key: `u${u.id}`,
      title: u.name,
      subtitle: i === 0 ? '全区（合计或填报）' : undefined,
      emphasis: i === 0,
    })),
    columns: indicators.map((i) => {
      const fp = sheet.figurePeriods[i.id];
      return {
        key: `i${i.id}`,
        title: withMeasureUnit(i.name, i.measureUnit),
        subtitle: fp ? periodLabel(fp) : `${FREQUENCY_LABEL[i.frequency]}，本期不填`,
      };
    }),
    cell(row, col): GridCell {
      const unit = units[row];
      const i = indicators[col];
      const fp = sheet.figurePeriods[i.id];
      if (!fp) return { meta: null, readOnly: `${FREQUENCY_LABEL[i.frequency]}报送` };
      const c = unpackCell(sheet.cells[row][col]);
      const rank = sheet.ranks[i.id]?.[row] ?? null;
      const review = reviews.get(reviewKey(unit.id, fp)) ?? null;
      const meta: CellMeta = { ...metaOf(i, unit, fp, c, c.note, c.previous, c.next), rank: rank == null ? null : { rank, of: rowCount }, review, sync: sync?.get(syncMarkKey(i.id, unit.id, fp)) ?? null };
      let readOnly: string | null = callerRefusal(limits, sheet.approvedReadOnly, review);
      if (readOnly) return { meta, readOnly };
      if (locked.has(fp)) return { meta, readOnly: lockedReason(fp, sheet.lockInfo?.[fp]), locked: true };
      readOnly = ruleRefusal(i, row === 0, meta);
      return { meta, readOnly };
    },
  };
}

/** One unit: indicators × the twelve months (quarterly figures in quarter-end months, yearly in December). */
export function unitYearModel(sheet: UnitYearSheet, limits: CallerLimits = { viewOnly: null }, sync?: ReadonlyMap<string, SyncCellMark>): GridModel {
  const locked = new Set(sheet.locked);
  const reviews = reviewIndex(sheet.reviews ?? []);
  return {
    ...figureCells,
    corner: '指标',
    rows: sheet.indicators.map((i) => ({
      key: `i${i.id}`,
      title: withMeasureUnit(i.name, i.measureUnit),
      subtitle: FREQUENCY_LABEL[i.frequency],
    })),
    columns: sheet.months.map((m, idx) => ({
      key: m,
      title: idx === 0 ? '1月' : `1-${idx + 1}月`,
      subtitle: [3, 6, 9, 12].includes(idx + 1) ? (idx === 11 ? '含第四季度、全年' : `含第${'一二三'[(idx + 1) / 3 - 1]}季度`) : '',
    })),
    cell(row, col): GridCell {
      const i = sheet.indicators[row];
      const c = sheet.cells[`${i.id}|${sheet.months[col]}`];
      if (!c) return { meta: null, readOnly: '' };
      const review = reviews.get(reviewKey(sheet.unit.id, c.figurePeriod)) ?? null;
      const meta = { ...metaOf(i, sheet.unit, c.figurePeriod, c.cell, c.note, c.previous, c.next ?? null), review, sync: sync?.get(syncMarkKey(i.id, sheet.unit.id, c.figurePeriod)) ?? null };
      let readOnly: string | null = callerRefusal(limits, sheet.approvedReadOnly, review);
      if (readOnly) return { meta, readOnly };
      if (locked.has(c.figurePeriod)) return { meta, readOnly: lockedReason(c.figurePeriod, sheet.lockInfo?.[c.figurePeriod]), locked: true };
      readOnly = ruleRefusal(i, sheet.isPlanUnit, meta);
      return { meta, readOnly };
    },
  };
}
