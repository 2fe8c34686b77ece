/**
 * （一）主要指标完成情况 written out: one numbered paragraph per indicator, as
 * the bureaus' own summaries write them (seed 001), e.g.
 *   "2.科技型中小企业。2022年，全区科技型中小企业达到145家，超额完成140家的
 *    年度目标，完成率103.6%，同比增长13.3%。"
 * Written the way an experienced writer of 公文 writes: no word said twice in
 * a sentence, percentages (R&D 强度) judged in 个百分点 rather than by a 完成率
 * of a percentage, amounts at two decimals (phrasing.ts), a mid-year figure
 * judged against 时序进度 rather than as "未完成". Every number comes from
 * the ProgressTable (shared/figures), so the PDF, the preview and the tests agree.
 */
import type { ProgressCell, ProgressTable } from '../figures/progressTable';
import { describePointChange, describeYoy } from '../figures/growth';
import type { Indicator } from '../model/indicator';
import type { Unit } from '../model/units';
import { displayRate, formatNumber, formatRate, roundTo } from '../numbers';
import { periodLabel, requirePeriod, scheduleProgress } from '../periods';
import { amountText, pointsText, targetAmountText } from './phrasing';

/** How an indicator stands at the end of the period. At mid-year, met/exceeded mean "on or ahead of 时序进度". */
export type Outcome =
  | 'exceeded' // 超额完成 (mid-year: already past the annual target)
  | 'met' // 完成 (exactly, or within a range; mid-year: at or ahead of 时序进度)
  | 'not_met' // 未完成 (mid-year: behind 时序进度)
  | 'no_figure' // 暂无完成数据
  | 'not_due' // a yearly indicator in a mid-year summary: reported at year end
  | 'no_target' // 未设年度目标
  | 'unknown'; // a figure and a target, but no verdict (no baseline, invalid target, still being reported)

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
  /** The figures' period ("2022", "2022Q2"): its label opens the sentence and its 时序进度 judges a mid-year figure. */
  period: string;
  rank?: RankContext | null;
  /**
   * The cell is the plan unit's own growth target ("技术市场交易额增长30%"):
   * buildProgressTable then holds the target as a growth fraction. Defaults to
   * true when the indicator's wording is a growth target.
   */
  growthTarget?: boolean;
}

const isRatio = (i: Indicator) => i.measureUnit === '%';
const isGrowthWording = (indicator: Indicator) => indicator.wording?.quantity.kind === 'growth';

/** The growth goal as words: "增长30%", "提高0.2个百分点". */
function growthGoalText(indicator: Indicator): string {
  const q = indicator.wording?.quantity;
  if (q?.kind !== 'growth') return '';
  const points = indicator.measureUnit.includes('百分点') || indicator.wording?.measureUnit === '个百分点';
  const word = q.direction === 'down' ? (points ? '降低' : '下降') : points ? '提高' : '增长';
  return `${word}${formatNumber(q.value)}${points ? '个百分点' : '%'}`;
}

/** The target as a table or sentence quotes it: "7亿元", "1-3个", "增长30%". */
export function targetText(indicator: Indicator, cell: ProgressCell, growthTarget = isGrowthWording(indicator)): string {
  if (growthTarget && isGrowthWording(indicator)) return growthGoalText(indicator);
  if (cell.target == null) return '';
  return targetAmountText(cell.target, cell.targetMax, indicator);
}

/** "，同比增长12.3%" / "，比上年提高0.14个百分点" / '' */
function yoyClause(indicator: Indicator, cell: ProgressCell): string {
  const text = isRatio(indicator) ? describePointChange(cell.pointChange, indicator.decimals) : describeYoy(cell.yoy);
  return text ? `，${text}` : '';
}

function rankClause(cell: ProgressCell, rank: RankContext | null | undefined): string {
  if (!rank || cell.rank == null) return '';
  return `，在${rank.count}个${rank.groupName}中排名第${cell.rank}`;
}

/** "全区科技型中小企业"; a name that already says 全… ("全社会R&D…") takes no scope. */
function subjectOf(scope: string, indicator: Indicator): string {
  return indicator.name.startsWith('全') ? indicator.name : `${scope}${indicator.name}`;
}

/** One indicator's paragraph. */
export function indicatorSentence(input: SentenceInput): IndicatorSentence {
  const { indicator, cell, scope } = input;
  const lead = `${input.number}.${indicator.name}。`;
  const done = (body: string, outcome: Outcome): IndicatorSentence => ({ indicatorId: indicator.id, lead, body, text: lead + body, outcome });
  const opening = periodLead(input.period);
  const schedule = scheduleProgress(input.period);
  const midYear = schedule < 1;
  const growthTarget = input.growthTarget ?? isGrowthWording(indicator);
  const target = targetText(indicator, cell, growthTarget);
  const actual = cell.actual;
  const subject = subjectOf(scope, indicator);

  if (actual == null) {
    if (cell.figurePeriod == null) {
      return done(`${target ? `年度目标为${target}，` : ''}该指标按年度统计，年终报送完成数。`, 'not_due');
    }
    if (!target) return done(`${opening}完成数暂未填报，也未设年度目标。`, 'no_figure');
    return done(`年度目标为${target}，${opening}完成数暂未填报。`, 'no_figure');
  }
  const value = (v: number) => amountText(v, indicator, cell.target);
  const actualText = value(actual);

  // A district total while some sub-units have not reported is a running figure: say so, don't judge it.
  if (cell.actualSource === 'partial_sum' && cell.reported) {
    const { count, of } = cell.reported;
    const goal = target ? `（年度目标${target}）` : '';
    return done(`${opening}，${of}个下级单位中已有${count}个报送，合计${actualText}${goal}，待全部报齐后再作评价。`, 'unknown');
  }

  const tail = (outcome: Outcome, clause: string, withYoy = true) =>
    done(`${opening}，${clause}${withYoy ? yoyClause(indicator, cell) : ''}${rankClause(cell, input.rank)}。`, outcome);
  const reached = (verb: '达到' | '为') => `${subject}${verb}${actualText}`;

  if (cell.reason === 'no_target' || !target) return tail('no_target', `${reached('为')}（未设年度目标）`);
  if (cell.reason === 'invalid_target') return tail('unknown', `${reached('为')}，年度目标设置有误，无法计算完成率`);

  // Growth goals ("增长30%"): the growth achieved is the completion itself, judged in 个百分点.
  if (growthTarget && isGrowthWording(indicator)) {
    if (cell.reason === 'no_baseline') return tail('unknown', `${reached('为')}；因缺少上年数据，暂无法对照${target}的年度目标作出评价`, false);
    if (cell.reason === 'zero_baseline') return tail('unknown', `${reached('为')}；上年基数为0，暂无法对照${target}的年度目标作出评价`, false);
    const points = indicator.measureUnit.includes('百分点') || isRatio(indicator);
    const change = points
      ? describePointChange(cell.pointChange ?? (cell.lastYear != null ? actual - cell.lastYear : null), indicator.decimals)
      : describeYoy(cell.yoy);
    const rate = cell.rate;
    if (rate == null) {
      const outcome: Outcome = cell.exceeded ? 'exceeded' : 'met';
      return tail(outcome, `${reached('达到')}${change ? `，${change}` : ''}，${cell.exceeded ? '好于' : '达到'}与上年持平的年度目标`, false);
    }
    const ok = rate >= 1;
    const outcome: Outcome = roundTo(rate, 6) > 1 ? 'exceeded' : ok ? 'met' : 'not_met';
    if (points) {
      return tail(outcome, `${reached(ok ? '达到' : '为')}，${change}，${ok ? '完成' : '未达到'}${target}的年度目标`, false);
    }
    // Relative growth against a relative goal: the difference in 个百分点.
    const q = indicator.wording!.quantity as Extract<NonNullable<Indicator['wording']>['quantity'], { kind: 'growth' }>;
    const goal = (q.direction === 'down' ? -1 : 1) * q.value;
    const achieved = roundTo((cell.yoy ?? 0) * 100, 1);
    const diff = roundTo(achieved - goal, 1);
    const judged = diff === 0 ? `与${target}的年度目标持平` : `${diff > 0 ? '高于' : '低于'}${target}的年度目标${pointsText(diff)}`;
    return tail(outcome, `${reached(ok ? '达到' : '为')}，${change}，${judged}`, false);
  }

  if (cell.reason === 'zero_target') {
    return tail(cell.exceeded ? 'exceeded' : 'met', `${reached('为')}（年度目标为0）`);
  }

  const targetValue = cell.target as number;
  const decimals = indicator.decimals;
  const actualR = roundTo(actual, decimals);

  // Percentages (R&D 投入强度 0.55%) are judged in 个百分点 against the target, not by a 完成率 of a percentage.
  if (isRatio(indicator) && cell.targetMax == null) {
    const diff = roundTo(actualR - targetValue, decimals);
    if (diff > 0) return tail('exceeded', `${reached('达到')}，比年度目标（${target}）高${formatNumber(diff, decimals)}个百分点`);
    if (diff === 0) return tail('met', `${reached('达到')}，完成年度目标`);
    return tail('not_met', `${reached('为')}，比年度目标（${target}）低${formatNumber(-diff, decimals)}个百分点`);
  }

  // Range targets ("1-3个") are judged against both bounds.
  if (cell.targetMax != null) {
    if (actualR > cell.targetMax) return tail('exceeded', `${reached('达到')}，超过${target}的年度目标上限`);
    if (actualR >= targetValue) return tail('met', `${reached('达到')}，完成${target}的年度目标`);
    const gap = amountText(roundTo(targetValue - actualR, decimals), indicator);
    if (midYear) return tail('not_met', `${reached('为')}，距${target}的年度目标下限尚差${gap}`);
    return tail('not_met', `${reached('为')}，未达到${target}的年度目标下限，尚差${gap}`);
  }

  const rate = cell.rate as number;
  const shown = formatRate(rate);
  if (midYear) {
    // 1-9月 against the annual target: ahead of or behind 时序进度, never "未完成".
    if (rate >= 1) {
      const verdict = roundTo(rate, 6) > 1 ? '已超额完成' : '已完成';
      return tail(roundTo(rate, 6) > 1 ? 'exceeded' : 'met', `${reached('达到')}，${verdict}${target}的年度目标，完成率${shown}`);
    }
    const diff = roundTo((displayRate(rate) - schedule) * 100, 1);
    const pace = diff === 0 ? '与时序进度持平' : `${diff > 0 ? '快于' : '慢于'}时序进度${pointsText(diff)}`;
    return tail(diff >= 0 ? 'met' : 'not_met', `${reached('达到')}，完成${target}年度目标的${shown}，${pace}`);
  }
  if (actualR > targetValue) return tail('exceeded', `${reached('达到')}，超额完成${target}的年度目标，完成率${shown}`);
  if (actualR === targetValue) return tail('met', `${reached('达到')}，完成年度目标`);
  const gap = amountText(roundTo(targetValue - actualR, decimals), indicator);
  return tail('not_met', `${reached('为')}，完成${target}年度目标的${shown}，尚差${gap}`);
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

/** How a period is named where a sentence or title starts: "2022年" at year end, else "2022年上半年", "2022年1-10月". */
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
  const indicators = summaryIndicators(table, unitId);
  const sentences = indicators.map((indicator, k) =>
    indicatorSentence({
      number: k + 1,
      indicator,
      cell: row.cells[indicator.id],
      scope: scopeOf(row.unit),
      period: table.period,
      rank,
      // Only the plan unit's own target is worded as growth; sub-units get amounts (附件2).
      growthTarget: isParent && isGrowthWording(indicator),
    }),
  );
  const noFigures = sentences.every((s) => s.outcome === 'no_figure' || s.outcome === 'not_due');
  return { sentences, conclusion: conclusionOf(sentences, indicators, table.period), noFigures };
}

/**
 * The indicators a unit's summary reports: all of the plan unit's; for a
 * sub-unit those split among the sub-units, those it has a target for, and
 * those it reported a figure of (新增研发平台: a street's 1 counts for the district).
 */
export function summaryIndicators(table: ProgressTable, unitId: number): Indicator[] {
  if (table.parent.unit.id === unitId) return table.indicators;
  const row = table.rows.find((r) => r.unit.id === unitId);
  if (!row) return [];
  return table.indicators.filter((i) => i.decomposed || row.cells[i.id]?.target != null || row.cells[i.id]?.actual != null);
}

/**
 * The closing sentence, in words rather than a tally: "以上6项指标均完成年度目标，
 * 其中5项超额完成。", "以上3项指标均未完成年度目标。", "以上6项指标中，5项完成年度目标
 * （其中4项超额完成），高新技术企业未完成。" Mid-year: against 时序进度.
 */
export function conclusionOf(sentences: readonly IndicatorSentence[], indicators: readonly Indicator[], period: string): string {
  if (sentences.length === 0) return '本计划尚未设置指标。';
  const lead = periodLead(period);
  const midYear = scheduleProgress(period) < 1;
  const nameOf = (id: number) => indicators.find((i) => i.id === id)?.name ?? '';
  const of = (...o: Outcome[]) => sentences.filter((s) => o.includes(s.outcome));
  const names = (list: IndicatorSentence[]) => list.map((s) => nameOf(s.indicatorId)).join('、');
  const done = of('exceeded', 'met');
  const exceeded = of('exceeded');
  const notMet = of('not_met');
  const noFigure = of('no_figure');
  const notDue = of('not_due');
  const noTarget = of('no_target');
  const other = of('unknown');
  const n = sentences.length;
  if (noFigure.length + notDue.length === n) {
    return `截至本总结生成时，${lead}各项指标均暂无完成数据，以上仅列出年度目标；待完成数填报后，重新生成本总结即可写出完成情况。`;
  }
  const goalWord = midYear ? '达到时序进度' : '完成年度目标';
  const missWord = midYear ? '慢于时序进度' : '未完成年度目标';
  const exceededWord = midYear ? '已提前完成年度目标' : '超额完成';
  // Indicators without a target (a street's share of a goal the plan keeps at the district) are set
  // aside, as seed 001 does: "以上指标除…外，其余指标均…".
  const judged = n - noTarget.length;
  const lead2 = noTarget.length ? `以上指标中，除${names(noTarget)}未设目标外，其余${judged}项` : `以上${n}项指标`;
  if (judged > 0 && done.length === judged) {
    const extra = exceeded.length === judged ? (midYear ? '，且均已提前完成年度目标' : '，且均超额完成') : exceeded.length ? `，其中${exceeded.length}项${exceededWord}` : '';
    return `${lead2}均${goalWord}${extra}。`;
  }
  if (judged > 0 && notMet.length === judged) return `${lead2}均${missWord}。`;
  const parts: string[] = [];
  if (done.length) {
    const inner = exceeded.length && exceeded.length < done.length ? `（其中${exceeded.length}项${exceededWord}）` : exceeded.length ? `（均为${exceededWord}）` : '';
    parts.push(done.length === 1 ? `${names(done)}${goalWord}` : `${done.length}项${goalWord}${inner}`);
  }
  if (notMet.length) parts.push(`${names(notMet)}${midYear ? missWord : '未完成'}`);
  if (noFigure.length) parts.push(`${names(noFigure)}暂无完成数据`);
  if (notDue.length) parts.push(`${names(notDue)}按年度统计，年终报送`);
  if (noTarget.length) parts.push(`${names(noTarget)}未设目标`);
  if (other.length) parts.push(`${names(other)}暂无法评价`);
  return `以上${n}项指标中，${parts.join('，')}。`;
}
