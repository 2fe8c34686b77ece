/**
 * 完成情况统计表 for one period, from the same ProgressTable the screens and
 * the summary read (shared/figures/progressTable.ts): per unit and indicator
 * the target, the figure, 完成率, 时序进度, status (a coloured fill AND a
 * word, so it survives black-and-white printing), 同比 where last year's
 * figure exists, and the rank among the sub-units.
 *
 * Whole district: one block per indicator (a merged row naming it and its
 * measure unit), the district row first, then each sub-unit.
 * One unit: one row per indicator, with the unit's rank among its peers.
 */
import type { Indicator } from '../../../../shared/model/indicator';
import type { ProgressCell, ProgressRow, ProgressTable } from '../../../../shared/figures/progressTable';
import { STATUS_COLOR, STATUS_HINT, STATUS_LABEL } from '../../../../shared/figures/status';
import { COMPLETION_REASON_LABEL } from '../../../../shared/figures/completion';
import { displayRate, formatNumber, formatPercent } from '../../../../shared/numbers';
import { periodLabel } from '../../../../shared/periods';
import type { BuiltSheet } from './annex1';
import { cell, SAMPLE_TITLE_MARK, titleCellText, type SheetCell, type SheetRow } from './sheetModel';
import { REVIEW_STATE_LABEL, type ReviewMark } from '../../../../shared/review/states';
import { decimalsFormat, fitWidth, GROWTH_FORMAT, INTEGER_FORMAT, PERCENT_FORMAT, POINTS_FORMAT, SIZE, titleHeight } from './style';

export interface ProgressInput {
  /** The whole table (plan unit and every sub-unit), so a single unit keeps its rank. */
  table: ProgressTable;
  /** Only this unit (a sub-unit, or the plan's unit alone); the whole table when absent. */
  unitId?: number;
  /** 审核 marks of the table's units and periods: figures not approved yet are named under the table. */
  reviews?: ReviewMark[];
  /** The plan holds generated sample figures: the title (and so the file name) says 示例数据. */
  sample?: boolean;
}

/** "洪都街道（待审核）、京山街道（已退回）": the shown units whose figures are not approved yet. */
function unapproved(table: ProgressTable, reviews: readonly ReviewMark[], only?: number): string {
  const shownPeriods = new Set(table.indicators.map((i) => table.parent.cells[i.id]?.figurePeriod).filter(Boolean));
  const names = new Map([table.parent, ...table.rows].map((r) => [r.unit.id, r.unit.name]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of reviews) {
    if (m.state === 'approved' || !shownPeriods.has(m.period) || !names.has(m.unitId) || (only != null && m.unitId !== only)) continue;
    const text = `${names.get(m.unitId)}（${REVIEW_STATE_LABEL[m.state]}）`;
    if (!seen.has(text)) out.push(text), seen.add(text);
  }
  return out.join('、');
}

export function progressTitle(table: ProgressTable, unitName: string, sample = false): string {
  return `${unitName}${table.periodLabel}科技创新主要指标完成情况统计表${sample ? SAMPLE_TITLE_MARK : ''}`;
}

const withUnit = (i: Indicator) => `${i.name}${i.measureUnit ? `（${i.measureUnit}）` : ''}`;

/** Where an indicator's figures come from another period than the one asked (quarterly, yearly). */
function periodNote(i: Indicator, c: ProgressCell | undefined, asked: string): string {
  if (i.frequency === 'monthly') return '';
  const how = i.frequency === 'quarterly' ? '按季报送' : '按年报送';
  if (!c?.figurePeriod) return `（${how}，本期无应报数）`;
  return c.figurePeriod === asked ? '' : `（${how}，数据期${periodLabel(c.figurePeriod)}）`;
}

/** "—" for no value: one cell object shared by every row (the writer only reads cells). */
const DASH = cell.center('—');

/** The status cells, one per status and reason, shared like DASH (80,000 rows at 2,000 × 40 use a handful). */
const statusCells = new Map<string, SheetCell>();
function statusCell(c: ProgressCell | undefined): SheetCell {
  const status = c?.status ?? 'none';
  const reason = status === 'none' ? (c?.reason ?? null) : null;
  const key = `${status}|${reason ?? ''}`;
  let made = statusCells.get(key);
  if (!made) {
    const colors = STATUS_COLOR[status];
    const text = reason ? COMPLETION_REASON_LABEL[reason] : STATUS_LABEL[status];
    statusCells.set(key, (made = cell.center(text, { fill: colors.background, color: colors.color, bold: status === 'red' })));
  }
  return made;
}

/** The value cells of one unit × indicator, in column order 目标值 … 排名; `scheduleCell` is the table's 时序进度, shared. */
function valueCells(i: Indicator, c: ProgressCell | undefined, scheduleCell: SheetCell, withRank: boolean): SheetCell[] {
  const fmt = decimalsFormat(i.decimals);
  const target =
    c?.target == null
      ? DASH
      : c.targetMax != null
        ? cell.text(`${formatNumber(c.target, i.decimals)}-${formatNumber(c.targetMax, i.decimals)}`, { align: 'right' })
        : cell.number(c.target, fmt);
  const growth =
    c?.pointChange != null ? cell.number(c.pointChange, POINTS_FORMAT) : c?.yoy != null ? cell.number(c.yoy, GROWTH_FORMAT) : DASH;
  const cells: SheetCell[] = [
    target,
    c?.actual == null ? DASH : cell.number(c.actual, fmt),
    c?.rate == null ? DASH : cell.number(displayRate(c.rate), PERCENT_FORMAT),
    scheduleCell,
    statusCell(c),
    growth,
  ];
  if (withRank) cells.push(c?.rank == null ? DASH : cell.number(c.rank, INTEGER_FORMAT, { align: 'center' }));
  return cells;
}

const VALUE_HEADERS = ['目标值', '完成数', '完成率', '时序进度', '状态', '同比', '排名'];
const VALUE_WIDTHS = [10, 10, 10, 10, 11, 14, 7];

function notes(table: ProgressTable, parentName: string, hasSums: boolean, pending: string): string {
  const lines = [
    `注：1. 完成率＝完成数÷目标值；时序进度为报告期末全年时间进度（${table.periodLabel}为${formatPercent(table.scheduleProgress)}）。`,
    `2. 状态：${(['green', 'amber', 'red', 'partial', 'none'] as const).map((s) => `${STATUS_LABEL[s]}——${STATUS_HINT[s]}`).join('；')}。`,
    '3. 同比为与上年同期相比；以“%”计量的比率指标为增减百分点。',
    '4. 排名为各下级单位按完成率由高到低排列，完成率相同者名次并列，无完成数者不排名。',
  ];
  if (hasSums) lines.push(`${lines.length + 1}. 可加总指标${parentName}的完成数为各下级单位完成数之和。`);
  if (pending) lines.push(`${lines.length + 1}. 以下单位本期的完成数尚未经区里审核通过：${pending}。`);
  return lines.join('\n');
}

/** Where the district's indicator blocks go among the fixed rows (made lazily: see `blocks`). */
const LAZY_BLOCKS: SheetRow = { cells: [] };

export function buildProgress(input: ProgressInput): BuiltSheet {
  const { table } = input;
  const schedule = table.scheduleProgress;
  const single: ProgressRow | undefined =
    input.unitId == null
      ? undefined
      : input.unitId === table.parent.unit.id
        ? table.parent
        : table.rows.find((r) => r.unit.id === input.unitId);
  if (input.unitId != null && !single) throw new RangeError(`unit ${input.unitId} is not in the progress table`);
  const focus = single ?? table.parent;
  const scheduleCell = cell.number(schedule, PERCENT_FORMAT);
  const title = progressTitle(table, focus.unit.name, input.sample);
  const withRank = !single || !single.isParent;

  const rows: SheetRow[] = [];
  let columns: number[];
  if (!single) {
    columns = [fitWidth(['单位', table.parent.unit.name, ...table.rows.map((r) => r.unit.name)], SIZE.body, 12, 24), ...VALUE_WIDTHS];
  } else {
    columns = [6, fitWidth(table.indicators.map(withUnit), SIZE.body, 18, 28), ...VALUE_WIDTHS.slice(0, withRank ? 7 : 6)];
  }
  const ncol = columns.length;
  const titleText = titleCellText(title);
  const tableWidth = columns.reduce((a, w) => a + w, 0);
  rows.push({ cells: [{ value: titleText, kind: 'title', span: ncol }], height: titleHeight(titleText, tableWidth, 62) });
  rows.push({
    cells: [
      {
        value: `报告期：${table.periodLabel}　　时序进度：${formatPercent(schedule)}${single && withRank ? `　　排名范围：${table.rows.length}个下级单位` : ''}`,
        kind: 'subtitle',
        span: ncol,
        align: 'center',
      },
    ],
    height: 24,
  });
  const valueHeaders = VALUE_HEADERS.slice(0, withRank ? 7 : 6).map((h) => cell.header(h));
  rows.push({ cells: single ? [cell.header('序号'), cell.header('指标（计量单位）'), ...valueHeaders] : [cell.header('单位'), ...valueHeaders], height: 28 });
  const headerRow = rows.length;

  // The whole district's blocks (one per indicator: a section row, the district, each sub-unit) are
  // made as the writer asks for them: 80,000 rows of cells at 2,000 × 40 then die young, instead of
  // all being kept until the last is written (most of the export's garbage-collection time).
  function* blocks(): Generator<SheetRow> {
    for (const [k, i] of table.indicators.entries()) {
      const note = periodNote(i, table.parent.cells[i.id], table.period);
      yield { cells: [{ value: `${k + 1}. ${withUnit(i)}${note}`, kind: 'section', span: ncol }] };
      yield { cells: [cell.center(table.parent.unit.name, { bold: true }), ...valueCells(i, table.parent.cells[i.id], scheduleCell, true)] };
      for (const r of table.rows) yield { cells: [cell.center(r.unit.name), ...valueCells(i, r.cells[i.id], scheduleCell, true)] };
    }
  }
  if (!single) {
    rows.push(LAZY_BLOCKS);
  } else {
    table.indicators.forEach((i, k) => {
      const note = periodNote(i, single.cells[i.id], table.period);
      rows.push({ cells: [cell.number(k + 1, INTEGER_FORMAT, { align: 'center' }), cell.text(note ? `${withUnit(i)}\n${note}` : withUnit(i)), ...valueCells(i, single.cells[i.id], scheduleCell, withRank)] });
    });
  }
  const hasSums = focus.isParent && Object.values(focus.cells).some((c) => c.actualSource === 'sum');
  const pending = unapproved(table, input.reviews ?? [], single?.unit.id);
  rows.push({ cells: [{ value: notes(table, focus.unit.name, hasSums, pending), kind: 'note', span: ncol }] });
  const all: Iterable<SheetRow> = {
    *[Symbol.iterator]() {
      for (const row of rows) {
        if (row === LAZY_BLOCKS) yield* blocks();
        else yield row;
      }
    },
  };

  return {
    title,
    model: { name: single ? `完成情况（${focus.unit.name}）` : '完成情况统计表', columns, rows: all, headerRows: { first: headerRow, last: headerRow } },
  };
}
