/**
 * 附件2 指导性任务分解表: the plan's unit first, then each sub-unit, one
 * column per decomposed indicator headed as the notice issued it, numbers as
 * the notice writes them (7, 0.05, 0.5). Below the print area a note says
 * whether the sub-units add up to the district (合计校验); where they do
 * not, a 合计 row shows the sums beside it.
 */
import type { BreakdownRow, TargetBreakdown } from '../../../../shared/api/views';
import type { Indicator } from '../../../../shared/model/indicator';
import type { Plan } from '../../../../shared/model/plan';
import type { Unit } from '../../../../shared/model/units';
import type { SumCheck } from '../../../../shared/figures/sumCheck';
import { formatNumber, roundTo } from '../../../../shared/numbers';
import type { BuiltSheet } from './annex1';
import { cell, SAMPLE_TITLE_MARK, titleCellText, type SheetCell, type SheetModel, type SheetRow } from './sheetModel';
import { CELL_PADDING, fitWidth, SIZE, textWidth, titleHeight } from './style';
import { yearLabel } from './titles';

export interface Annex2Input {
  plan: Plan;
  breakdown: TargetBreakdown;
  /** How the document names the sub-units together ("各街道、镇、集聚区"). */
  subUnitsPhrase: string;
  /** Only this unit's row (the plan's own unit gives the whole table). */
  unit?: Unit;
}

export function annex2Title(plan: Plan): string {
  return `${yearLabel(plan)}有关科技创新指导性任务分解表`;
}

/**
 * The column header: as the issued annex printed it when the plan was seeded
 * or imported from it ("2022年高新技术企业数量（家）", "科技型中小企业"), else
 * "2022年技术合同成交额（亿元）" from the name. A line break goes before a
 * trailing measure unit: left to wrap on its own, a narrow column would
 * break inside "（亿元）" or leave a lone "）" on the second line.
 */
export function indicatorHeader(plan: Plan, indicator: Indicator): string {
  const issued = indicator.issuedHeader?.trim();
  if (issued) return issued.replace(/(?<=.)(（[^（）]{1,6}）)$/, '\n$1');
  return `${yearLabel(plan)}${indicator.name}${indicator.measureUnit ? `\n（${indicator.measureUnit}）` : ''}`;
}

/** A target as the notice writes it: 7, 0.05, 0.5 — no padding zeros (stored values are rounded to the indicator's decimals). */
function asWritten(value: number | null, indicator: Indicator): SheetCell {
  return cell.number(value == null ? null : roundTo(value, indicator.decimals), 'General', { align: 'center' });
}

const amount = (v: number, i: Indicator) => `${formatNumber(v, i.decimals)}${i.measureUnit === '%' ? '%' : i.measureUnit}`;

/** One sentence per indicator that does not simply add up. */
function checkSentence(check: SumCheck, indicator: Indicator, parentName: string, unitName: (id: number) => string): string | null {
  switch (check.state) {
    case 'match':
      return null;
    case 'not_additive':
      return `${indicator.name}为比率指标，不作加总`;
    case 'mismatch': {
      const diff = check.difference ?? 0;
      return `${indicator.name}各单位目标之和为${amount(check.sum, indicator)}，比${parentName}目标${diff > 0 ? '多' : '少'}${amount(Math.abs(diff), indicator)}`;
    }
    case 'incomplete':
      return check.parent == null
        ? `${indicator.name}缺少${parentName}的目标`
        : `${indicator.name}缺少${check.missingUnitIds.map(unitName).join('、')}的目标（已有单位之和为${amount(check.sum, indicator)}）`;
  }
}

/** Wide enough for the name line of a header in at most two lines. */
function headerWidth(header: string): number {
  const nameLine = header.split('\n')[0];
  return Math.min(22, Math.max(13, textWidth(nameLine, SIZE.header) / 2 + CELL_PADDING + 1));
}

export function buildAnnex2(input: Annex2Input): BuiltSheet {
  const { plan, breakdown, unit } = input;
  // The per-unit targets of a plan made as an example (the 南昌市 example's) are sample data: said in the title.
  const title = `${annex2Title(plan)}${plan.sampleTargets ? SAMPLE_TITLE_MARK : ''}`;
  const indicators = breakdown.indicators;
  const whole = !unit || unit.id === breakdown.parent.unit.id;
  const dataRows: BreakdownRow[] = whole ? [breakdown.parent, ...breakdown.rows] : breakdown.rows.filter((r) => r.unit.id === unit.id);
  const headers = indicators.map((i) => indicatorHeader(plan, i));

  const widths = [
    fitWidth(['县区', ...dataRows.map((r) => r.unit.name)], SIZE.body, 12, 22),
    ...headers.map(headerWidth),
  ];
  const ncol = widths.length;

  const rows: SheetRow[] = [
    { cells: [{ value: '附件2', kind: 'label', span: Math.min(2, ncol) }], height: 26 },
    // As many lines as the title takes across the table (the 示例数据 mark has one of its own: titleCellText).
    { cells: [{ value: titleCellText(title), kind: 'title', span: ncol }], height: titleHeight(titleCellText(title), widths.reduce((a, w) => a + w, 0), 44) },
  ];
  if (!whole) rows.push({ cells: [{ value: `（${unit!.name}）`, kind: 'subtitle', span: ncol, align: 'center' }] });
  rows.push({ cells: [cell.header('县区'), ...headers.map((h) => cell.header(h))] });
  const headerRow = rows.length;

  for (const r of dataRows) {
    rows.push({
      cells: [
        cell.center(r.unit.name),
        ...indicators.map((i) => asWritten(r.values[i.id] ?? null, i)),
      ],
    });
  }
  if (!whole && dataRows.length === 0) {
    rows.push({ cells: [cell.center(`${unit!.name}不是${breakdown.parent.unit.name}的下级单位，没有分解目标。`, { span: ncol })] });
  }

  let lastPrintedRow: number | undefined;
  if (whole) {
    const checks = indicators.map((i) => breakdown.checks.find((c) => c.indicatorId === i.id));
    const unitName = (id: number) => breakdown.rows.find((r) => r.unit.id === id)?.unit.name ?? `单位${id}`;
    const parentName = breakdown.parent.unit.name;
    const problems = indicators
      .map((i, k) => (checks[k] ? checkSentence(checks[k]!, i, parentName, unitName) : null))
      .filter((s): s is string => s != null);
    const additiveTrouble = checks.some((c) => c && (c.state === 'mismatch' || c.state === 'incomplete'));
    // The checks are for whoever prepares the table, not part of the issued annex: they stay below the print area.
    lastPrintedRow = rows.length;
    rows.push({ cells: [] });
    if (additiveTrouble) {
      // Sums are plain values, never formulas: what prints is what the app computed.
      rows.push({
        cells: [
          cell.center('各单位合计', { bold: true }),
          ...indicators.map((i, k) =>
            checks[k] && checks[k]!.state !== 'not_additive' ? { ...asWritten(checks[k]!.sum, i), bold: true } : cell.center('—'),
          ),
        ],
      });
    }
    const note =
      problems.length === 0
        ? `注：合计校验——${input.subUnitsPhrase}目标之和与${parentName}目标相符。`
        : `注：合计校验——${problems.join('；')}。${indicators.length > problems.length ? '其余指标相符。' : ''}`;
    rows.push({ cells: [{ value: note, kind: 'note', span: ncol }] });
  }

  const model: SheetModel = {
    name: whole ? '附件2 指导性任务分解表' : `附件2（${unit!.name}）`,
    columns: widths,
    rows,
    headerRows: { first: headerRow, last: headerRow },
    lastPrintedRow,
  };
  return { title, model };
}
