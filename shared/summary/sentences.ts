/**
 * 主要指标完成情况 written out: one numbered paragraph per indicator, in the
 * style of the bureaus' own summaries (seed 001):
 *   "1.技术合同成交额。2022年，全区技术合同成交额达到7.32亿元，完成年度目标
 *    （7亿元）的104.6%，超额完成年度目标，同比增长12.3%。"
 * Every number comes from the ProgressTable (shared/figures) and is formatted
 * by shared/numbers.ts, so the PDF, the preview and the tests agree exactly.
 */
import type { ProgressCell, ProgressTable } from '../figures/progressTable';
import { describePointChange, describeYoy } from '../figures/growth';
import type { Indicator } from '../model/indicator';
import type { Unit } from '../model/units';
import { formatNumber, formatPercent, formatRate, roundTo } from '../numbers';
import { periodLabel, requirePeriod, scheduleProgress } from '../periods';

/** How an indicator stands at the end of the period. */
export type Outcome =
  | 'exceeded' // 超额完成
  | 'met' // 如期完成 (exactly the target, or within a range)
  | 'not_met' // 未完成
  | 'no_figure' // 暂无完成数据
  | 'no_target' // 未设年度目标
  | 'unknown'; // a figure and a target, but no rate (no baseline, invalid target)

export interface IndicatorSentence {
  indicatorId: number;
  /** "1.技术合同成交额。" — printed in the level-3 heading style. */
  lead: string;
  /** The sentence after the lead. */
  body: string;
  /** lead + body, exactly as printed. */
  text: string;
  outcome: Outcome;
}

/** Rank context for a sub-unit's own summary: "在7个街道、镇、集聚区中排名第2". */
export interface RankContext {
  count: number;
  groupName: string;
}

export interface SentenceInput {
  number: number;
  indicator: Indicator;
  cell: ProgressCell;
  /** "全区", "全街道", or the unit's name. */
  scope: string;
  /** The period the figures are for, as a sentence opens: "2022年" or "2022年1-9月". */
  periodLead: string;
  rank?: RankContext | null;
  /**
   * The cell is the plan unit's own growth target ("技术市场交易额增长30%"):
   * buildProgressTable then holds the target as a growth fraction. Defaults to
   * true when the indicator's wording is a growth target.
   */
  growthTarget?: boolean;
}

const isRatio = (i: Indicator) => i.measureUnit === '%';

/** A value with its measure unit, at the indicator's own precision: "7.32亿元", "0.6%". */
export function valueText(value: number, indicator: Indicator): string {
  return `${formatNumber(value, indicator.decimals)}${indicator.measureUnit}`;
}

/** The target as a sentence quotes it: "7亿元", "1-3个", "增长30%", "提高0.14个百分点". */
export function targetText(indicator: Indicator, cell: ProgressCell, growthTarget = isGrowthWording(indicator)): string {
  const q = indicator.wording?.quantity;
  if (q?.kind === 'growth' && growthTarget) {
    const points = indicator.measureUnit.includes('百分点') || indicator.wording?.measureUnit === '个百分点';
    const word = q.direction === 'down' ? (points ? '降低' : '下降') : points ? '提高' : '增长';
    return `${word}${formatNumber(q.value)}${points ? '个百分点' : '%'}`;
  }
  if (cell.target == null) return '';
  if (cell.targetMax != null) {
    return `${formatNumber(cell.target, indicator.decimals)}-${formatNumber(cell.targetMax, indicator.decimals)}${indicator.measureUnit}`;
  }
  return valueText(cell.target, indicator);
}

const isGrowthWording = (indicator: Indicator) => indicator.wording?.quantity.kind === 'growth';


function yoyClause(indicator: Indicator, cell: ProgressCell): string {
  const text = isRatio(indicator)
    ? describePointChange(cell.pointChange, indicator.decimals)
    : describeYoy(cell.yoy);
  return text ? `，${text}` : '';
}

function rankClause(cell: ProgressCell, rank: RankContext | null | undefined): string {
  if (!rank || cell.rank == null) return '';
  return `，完成率在${rank.count}个${rank.groupName}中排名第${cell.rank}`;
}

/** "达到7.32亿元" (or "为0家" when nothing was achieved). */
function reachedClause(scope: string, indicator: Indicator, actual: number): string {
  return `${scope}${indicator.name}${actual > 0 ? '达到' : '为'}${valueText(actual, indicator)}`;
}

/** One indicator's paragraph. */
export function indicatorSentence(input: SentenceInput): IndicatorSentence {
  const { indicator, cell, scope, periodLead } = input;
  const lead = `${input.number}.${indicator.name}。`;
  const done = (body: string, outcome: Outcome): IndicatorSentence => ({
    indicatorId: indicator.id,
    lead,
    body,
    text: lead + body,
    outcome,
  });
  const growthTarget = input.growthTarget ?? isGrowthWording(indicator);
  const target = targetText(indicator, cell, growthTarget);
  const actual = cell.actual;

  if (actual == null) {
    if (!target) return done(`${periodLead}完成数暂未填报，也未设年度目标。`, 'no_figure');
    return done(`年度目标为${target}，${periodLead}完成数暂未填报。`, 'no_figure');
  }

  // A district total while some sub-units have not reported is a running figure: say so, don't judge it.
  if (cell.actualSource === 'partial_sum' && cell.reported) {
    const { count, of } = cell.reported;
    const goal = target ? `年度目标为${target}，` : '';
    return done(
      `${goal}${periodLead}已有${count}个下级单位报送（共${of}个），已报单位合计${valueText(actual, indicator)}，待全部报齐后计算完成率。`,
      'unknown',
    );
  }

  const opening = `${periodLead}，${reachedClause(scope, indicator, actual)}`;
  const tail = (outcome: Outcome, completion: string, withYoy = true) =>
    done(`${opening}${completion}${withYoy ? yoyClause(indicator, cell) : ''}${rankClause(cell, input.rank)}。`, outcome);

  if (cell.reason === 'no_target' || !target) return tail('no_target', '，未设年度目标');
  if (cell.reason === 'invalid_target') return tail('unknown', `，年度目标（${target}）有误，无法计算完成率`);

  // Growth targets ("增长30%"): the achieved growth is the completion itself.
  if (growthTarget) {
    if (cell.reason === 'no_baseline') return tail('unknown', `，因缺少上年数据，暂无法对照年度增长目标（${target}）计算完成率`, false);
    if (cell.reason === 'zero_baseline') return tail('unknown', `，上年基数为0，暂无法对照年度增长目标（${target}）计算完成率`, false);
    const growth = isRatio(indicator) || indicator.measureUnit.includes('百分点')
      ? describePointChange(cell.pointChange ?? (cell.lastYear != null ? actual - cell.lastYear : null), indicator.decimals)
      : describeYoy(cell.yoy);
    const growthPart = growth ? `，${growth}` : '';
    if (cell.rate == null) {
      // zero growth target
      const outcome: Outcome = cell.exceeded ? 'exceeded' : 'met';
      return tail(outcome, `${growthPart}，年度目标为与上年持平，${cell.exceeded ? '超额完成年度目标' : '完成年度目标'}`, false);
    }
    const reached = cell.rate >= 1;
    const exceeded = roundTo(cell.rate, 6) > 1;
    const outcome: Outcome = exceeded ? 'exceeded' : reached ? 'met' : 'not_met';
    const verdict = exceeded ? '超额完成年度目标' : reached ? '如期完成年度目标' : '未完成年度目标';
    return tail(outcome, `${growthPart}，完成年度增长目标（${target}）的${formatRate(cell.rate)}，${verdict}`, false);
  }

  if (cell.reason === 'zero_target') {
    return cell.exceeded
      ? tail('exceeded', '，年度目标为0，超额完成年度目标')
      : tail('met', '，年度目标为0');
  }

  const targetValue = cell.target as number;
  const actualR = roundTo(actual, indicator.decimals);

  // Range targets ("1-3个") are judged against both bounds.
  if (cell.targetMax != null) {
    if (actualR > cell.targetMax) return tail('exceeded', `，超过年度目标（${target}）上限，超额完成年度目标`);
    if (actualR >= targetValue) return tail('met', `，处于年度目标（${target}）区间内，完成年度目标`);
    const rate = cell.rate ?? 0;
    return tail('not_met', `，低于年度目标（${target}）下限，完成下限的${formatRate(rate)}`);
  }

  const rate = cell.rate as number;
  if (actualR > targetValue) {
    const over = isRatio(indicator)
      ? `，高于目标${formatNumber(roundTo(actualR - targetValue, indicator.decimals), indicator.decimals)}个百分点`
      : '，超额完成年度目标';
    return tail('exceeded', `，完成年度目标（${target}）的${formatRate(rate)}${over}`);
  }
  if (actualR === targetValue) return tail('met', `，完成年度目标（${target}）的100.0%，如期完成年度目标`);
  const gap = roundTo(targetValue - actualR, indicator.decimals);
  const short = isRatio(indicator)
    ? `，低于目标${formatNumber(gap, indicator.decimals)}个百分点`
    : `，距年度目标尚差${valueText(gap, indicator)}`;
  return tail('not_met', `，完成年度目标（${target}）的${formatRate(rate)}${short}`);
}

/** "全区", "全市", "全街道", "全镇", or the unit's own name (zones, departments). */
export function scopeOf(unit: Unit): string {
  switch (unit.kind) {
    case 'city':
      return '全市';
    case 'district':
      return unit.name.endsWith('县') ? '全县' : '全区';
    case 'street':
      return '全街道';
    case 'town':
      return unit.name.endsWith('乡') ? '全乡' : '全镇';
    default:
      return unit.name;
  }
}

const KIND_WORD: Partial<Record<Unit['kind'], string>> = { street: '街道', town: '镇', zone: '集聚区', district: '县区' };

/** "街道、镇、集聚区" from the kinds of the sub-units, in tree order. */
export function groupNameOf(units: readonly Unit[]): string {
  const words: string[] = [];
  for (const u of units) {
    const w = KIND_WORD[u.kind] ?? '单位';
    if (!words.includes(w)) words.push(w);
  }
  return words.join('、') || '单位';
}

/** "2022年" at year end, else the period's label ("2022年1-9月"). */
export function periodLead(period: string): string {
  const p = requirePeriod(period);
  return scheduleProgress(period) === 1 ? `${p.year}年` : periodLabel(period);
}

export interface IndicatorSection {
  sentences: IndicatorSentence[];
  /** The closing sentence: how many indicators were met, not met, without data. */
  conclusion: string;
  /** True when no indicator has a figure: the document says so instead of inventing sentences. */
  noFigures: boolean;
}

/**
 * All indicator paragraphs of one unit's summary. `unitId` is the plan's
 * unit (the table's parent) or one of its sub-units; a sub-unit's sentences
 * carry its rank among its siblings.
 */
export function indicatorSection(input: ProgressTable, unitId: number): IndicatorSection {
  const table = input;
  const isParent = table.parent.unit.id === unitId;
  const row = isParent ? table.parent : table.rows.find((r) => r.unit.id === unitId);
  if (!row) throw new RangeError(`unit ${unitId} is not in the progress table`);
  const rank = isParent || table.rows.length < 2 ? null : { count: table.rows.length, groupName: groupNameOf(table.rows.map((r) => r.unit)) };
  const lead = periodLead(table.period);
  // A sub-unit reports only the indicators split among sub-units or that it has a target for.
  const indicators = table.indicators.filter((i) => isParent || i.decomposed || row.cells[i.id]?.target != null);
  const sentences = indicators.map((indicator, k) =>
    indicatorSentence({
      number: k + 1,
      indicator,
      cell: row.cells[indicator.id],
      scope: scopeOf(row.unit),
      periodLead: lead,
      rank,
      // Only the plan unit's own target is worded as growth; sub-units get amounts (附件2).
      growthTarget: isParent && isGrowthWording(indicator),
    }),
  );
  const noFigures = sentences.every((s) => s.outcome === 'no_figure');
  return { sentences, conclusion: conclusionOf(sentences, indicators, lead), noFigures };
}

/** "以上6项指标中，已完成年度目标4项（其中超额完成3项），未完成1项（高新技术企业），暂无完成数据1项。" */
export function conclusionOf(sentences: readonly IndicatorSentence[], indicators: readonly Indicator[], lead: string): string {
  if (sentences.length === 0) return '本计划尚未设置指标。';
  const nameOf = (id: number) => indicators.find((i) => i.id === id)?.name ?? '';
  const of = (...o: Outcome[]) => sentences.filter((s) => o.includes(s.outcome));
  const done = of('exceeded', 'met');
  const exceeded = of('exceeded');
  const notMet = of('not_met');
  const noFigure = of('no_figure');
  const other = of('no_target', 'unknown');
  if (noFigure.length === sentences.length) {
    return `截至本总结生成时，${lead}各项指标均暂无完成数据，以上仅列出年度目标；待完成数填报后，重新生成本总结即可写出完成情况。`;
  }
  const parts: string[] = [];
  if (done.length) {
    parts.push(`已完成年度目标${done.length}项${exceeded.length && exceeded.length < done.length ? `（其中超额完成${exceeded.length}项）` : exceeded.length ? '，均为超额完成' : ''}`);
  }
  if (notMet.length) parts.push(`未完成${notMet.length}项（${notMet.map((s) => nameOf(s.indicatorId)).join('、')}）`);
  if (noFigure.length) parts.push(`暂无完成数据${noFigure.length}项（${noFigure.map((s) => nameOf(s.indicatorId)).join('、')}）`);
  if (other.length) parts.push(`未设目标或暂无法计算完成率${other.length}项`);
  return `以上${sentences.length}项指标中，${parts.join('，')}。`;
}
