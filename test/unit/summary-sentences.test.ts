/**
 * Golden tests of the （一）主要指标完成情况 sentences: every wording case,
 * built through buildProgressTable from targets and figures (as the app
 * does), so the sentences are checked against the same numbers the tables
 * show. Written as a 公文 writer would: no word twice, percentages judged in
 * 个百分点, amounts at two decimals (万元 below 0.01亿元), a mid-year figure
 * against 时序进度.
 */
import { describe, expect, it } from 'vitest';
import { buildProgressTable } from '../../shared/figures/progressTable';
import type { Aggregation, Frequency, Indicator } from '../../shared/model/indicator';
import type { Figure, Target } from '../../shared/model/target';
import type { Unit } from '../../shared/model/units';
import { indicatorSection } from '../../shared/summary/sentences';
import { amountText } from '../../shared/summary/phrasing';
import { parseTargetWording } from '../../shared/wording';

const district: Unit = { id: 1, name: '青云谱区', kind: 'district', parentId: null, sortOrder: 0 };
const streets: Unit[] = [
  { id: 2, name: '三家店街道', kind: 'street', parentId: 1, sortOrder: 1 },
  { id: 3, name: '洪都街道', kind: 'street', parentId: 1, sortOrder: 2 },
  { id: 4, name: '青云谱镇', kind: 'town', parentId: 1, sortOrder: 3 },
  { id: 5, name: '新经济产业集聚区', kind: 'zone', parentId: 1, sortOrder: 4 },
];

let nextId = 100;
function indicator(wordingText: string, name: string, measureUnit: string, o: { aggregation?: Aggregation; frequency?: Frequency; decimals?: number; decomposed?: boolean; baseline?: number } = {}): Indicator {
  const wording = parseTargetWording(wordingText);
  if (!wording) throw new Error(`test wording does not parse: ${wordingText}`);
  return {
    id: nextId++,
    planId: 1,
    name,
    measureUnit,
    aggregation: o.aggregation ?? 'sum',
    frequency: o.frequency ?? 'yearly',
    decimals: o.decimals ?? 0,
    sortOrder: nextId,
    wording,
    wordingText,
    baseline: o.baseline ?? null,
    decomposed: o.decomposed ?? false,
  };
}

const fig = (i: Indicator, unitId: number, period: string, value: number): Figure => ({
  indicatorId: i.id,
  unitId,
  period,
  value,
  note: null,
  enteredBy: '测试',
  enteredAt: '2023-01-01T00:00:00Z',
});
const tgt = (i: Indicator, unitId: number, value: number, valueMax: number | null = null): Target => ({ indicatorId: i.id, unitId, value, valueMax });

/** The district's sentence of one indicator (the district figure entered directly: aggregation none or no sub-unit figures). */
function districtText(i: Indicator, targets: Target[], figures: Figure[], period = '2022'): string {
  const table = buildProgressTable({ period, parent: district, subUnits: [], indicators: [i], targets, figures });
  return indicatorSection(table, district.id).sentences[0].text;
}

/** Words a sentence never says twice. */
const ONCE = ['年度目标', '完成率', '超额完成', '同比', '达到', '尚差'];
function expectNoRepeats(text: string) {
  for (const w of ONCE) expect(text.split(w).length - 1, `${w} in ${text}`).toBeLessThanOrEqual(1);
}

describe('主要指标完成情况: one sentence per indicator', () => {
  it('exceeded, with 同比 (the seed-001 style), 年度目标 said once', () => {
    const i = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', decimals: 4 });
    const text = districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022', 7.484), fig(i, 1, '2021', 6.66)]);
    expect(text).toBe('1.技术合同成交额。2022年，全区技术合同成交额达到7.48亿元，超额完成7亿元的年度目标，完成率106.9%，同比增长12.4%。');
    expectNoRepeats(text);
  });

  it('met exactly: no 100.0% to say it', () => {
    const i = indicator('科技型中小企业140家', '科技型中小企业', '家', { aggregation: 'none' });
    expect(districtText(i, [tgt(i, 1, 140)], [fig(i, 1, '2022', 140), fig(i, 1, '2021', 125)])).toBe(
      '1.科技型中小企业。2022年，全区科技型中小企业达到140家，完成年度目标，同比增长12.0%。',
    );
  });

  it('not met: the rate and what is missing; a fall in 同比', () => {
    const i = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
    const text = districtText(i, [tgt(i, 1, 76)], [fig(i, 1, '2022', 65), fig(i, 1, '2021', 70)]);
    expect(text).toBe('1.高新技术企业。2022年，全区高新技术企业为65家，完成76家年度目标的85.5%，尚差11家，同比下降7.1%。');
    expectNoRepeats(text);
  });

  it('amounts: two decimals whatever is stored, 万元 below 0.01亿元, never two values that read alike', () => {
    const i = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', decimals: 4 });
    expect(districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022', 6.993)])).toBe(
      '1.技术合同成交额。2022年，全区技术合同成交额为6.99亿元，完成7亿元年度目标的99.9%，尚差70万元。',
    );
    expect(amountText(7.4843, i)).toBe('7.48亿元');
    expect(amountText(0.0043, i)).toBe('43万元');
    expect(amountText(0.05, i)).toBe('0.05亿元');
    expect(amountText(6.996, i, 7)).toBe('6.996亿元');
  });

  it('not met by a hair never prints 100.0%', () => {
    const i = indicator('高新技术企业2500家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [tgt(i, 1, 2500)], [fig(i, 1, '2022', 2499)])).toBe(
      '1.高新技术企业。2022年，全区高新技术企业为2499家，完成2500家年度目标的99.9%，尚差1家。',
    );
  });

  it('no figure yet: the target and that the figure is missing; a yearly one mid-year is not due', () => {
    const i = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [tgt(i, 1, 76)], [])).toBe('1.高新技术企业。年度目标为76家，2022年完成数暂未填报。');
    expect(districtText(i, [], [])).toBe('1.高新技术企业。2022年完成数暂未填报，也未设年度目标。');
    expect(districtText(i, [tgt(i, 1, 76)], [], '2022Q2')).toBe('1.高新技术企业。年度目标为76家，该指标按年度统计，年终报送完成数。');
  });

  it('a figure without a target; no last-year figure: no 同比 clause', () => {
    const i = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [], [fig(i, 1, '2022', 80)])).toBe('1.高新技术企业。2022年，全区高新技术企业为80家（未设年度目标）。');
    const c = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', decimals: 4 });
    const text = districtText(c, [tgt(c, 1, 7)], [fig(c, 1, '2022', 7.5)]);
    expect(text).toBe('1.技术合同成交额。2022年，全区技术合同成交额达到7.5亿元，超额完成7亿元的年度目标，完成率107.1%。');
    expect(text).not.toContain('同比');
  });

  it('range targets: within, above, below — against the bounds, no 完成率 of a lower bound', () => {
    const i = indicator('新增市级以上研发平台和创新载体数量1-3个', '新增研发平台', '个', { aggregation: 'none' });
    const t = [tgt(i, 1, 1, 3)];
    expect(districtText(i, t, [fig(i, 1, '2022', 2)])).toBe('1.新增研发平台。2022年，全区新增研发平台达到2个，完成1-3个的年度目标。');
    expect(districtText(i, t, [fig(i, 1, '2022', 5)])).toBe('1.新增研发平台。2022年，全区新增研发平台达到5个，超过1-3个的年度目标上限。');
    expect(districtText(i, [tgt(i, 1, 2, 4)], [fig(i, 1, '2022', 1)])).toBe('1.新增研发平台。2022年，全区新增研发平台为1个，未达到2-4个的年度目标下限，尚差1个。');
  });

  it('percentages (%) are judged in 个百分点, never by a 完成率 of a percentage; a name starting 全 takes no scope', () => {
    const i = indicator('全社会R&D经费投入占全区GDP比重达到0.55%', '全社会R&D经费投入占GDP比重', '%', { aggregation: 'none', decimals: 2 });
    const t = [tgt(i, 1, 0.55)];
    const above = districtText(i, t, [fig(i, 1, '2022', 0.58), fig(i, 1, '2021', 0.51)]);
    expect(above).toBe('1.全社会R&D经费投入占GDP比重。2022年，全社会R&D经费投入占GDP比重达到0.58%，比年度目标（0.55%）高0.03个百分点，比上年提高0.07个百分点。');
    expect(above).not.toMatch(/\d%）的\d/);
    expect(districtText(i, t, [fig(i, 1, '2022', 0.5), fig(i, 1, '2021', 0.52)])).toBe(
      '1.全社会R&D经费投入占GDP比重。2022年，全社会R&D经费投入占GDP比重为0.5%，比年度目标（0.55%）低0.05个百分点，比上年降低0.02个百分点。',
    );
    expect(districtText(i, t, [fig(i, 1, '2022', 0.55), fig(i, 1, '2021', 0.55)])).toBe(
      '1.全社会R&D经费投入占GDP比重。2022年，全社会R&D经费投入占GDP比重达到0.55%，完成年度目标，与上年持平。',
    );
  });

  it('growth targets: the growth achieved against the goal, in 个百分点', () => {
    const i = indicator('技术市场交易额增长30%', '技术市场交易额', '亿元', { aggregation: 'none', decimals: 2 });
    expect(districtText(i, [], [fig(i, 1, '2022', 13.5), fig(i, 1, '2021', 10)])).toBe(
      '1.技术市场交易额。2022年，全区技术市场交易额达到13.5亿元，同比增长35.0%，高于增长30%的年度目标5个百分点。',
    );
    expect(districtText(i, [], [fig(i, 1, '2022', 12), fig(i, 1, '2021', 10)])).toBe(
      '1.技术市场交易额。2022年，全区技术市场交易额为12亿元，同比增长20.0%，低于增长30%的年度目标10个百分点。',
    );
    expect(districtText(i, [], [fig(i, 1, '2022', 12)])).toBe(
      '1.技术市场交易额。2022年，全区技术市场交易额为12亿元；因缺少上年数据，暂无法对照增长30%的年度目标作出评价。',
    );
    expect(districtText(i, [], [])).toBe('1.技术市场交易额。年度目标为增长30%，2022年完成数暂未填报。');
  });

  it('before year end: against 时序进度, never "未完成"', () => {
    const i = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', frequency: 'monthly', decimals: 4 });
    expect(districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022-09', 5.6)], '2022-09')).toBe(
      '1.技术合同成交额。2022年1-9月，全区技术合同成交额达到5.6亿元，完成7亿元年度目标的80.0%，快于时序进度5个百分点。',
    );
    expect(districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022-06', 3.1)], '2022Q2')).toBe(
      '1.技术合同成交额。2022年上半年，全区技术合同成交额达到3.1亿元，完成7亿元年度目标的44.3%，慢于时序进度5.7个百分点。',
    );
    expect(districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022-09', 7.2)], '2022-09')).toBe(
      '1.技术合同成交额。2022年1-9月，全区技术合同成交额达到7.2亿元，已超额完成7亿元的年度目标，完成率102.9%。',
    );
  });
});

describe('district vs sub-unit summaries', () => {
  const i = indicator('科技型中小企业140家', '科技型中小企业', '家', { decomposed: true });
  const targets = [tgt(i, 1, 60), tgt(i, 2, 21), tgt(i, 3, 8), tgt(i, 4, 16), tgt(i, 5, 15)];
  const figures = [fig(i, 2, '2022', 24), fig(i, 3, '2022', 7), fig(i, 4, '2022', 16), fig(i, 5, '2022', 12), fig(i, 2, '2021', 20), fig(i, 3, '2021', 7), fig(i, 4, '2021', 15), fig(i, 5, '2021', 10)];
  const table = buildProgressTable({ period: '2022', parent: district, subUnits: streets, indicators: [i], targets, figures });

  it('the district: 全区, the sum of its sub-units, 同比 of the summed last year', () => {
    expect(indicatorSection(table, 1).sentences[0].text).toBe('1.科技型中小企业。2022年，全区科技型中小企业为59家，完成60家年度目标的98.3%，尚差1家，同比增长13.5%。');
  });

  it('a street: 全街道 and its rank among the sub-units, 完成率 said once', () => {
    const text = indicatorSection(table, 2).sentences[0].text;
    expect(text).toBe('1.科技型中小企业。2022年，全街道科技型中小企业达到24家，超额完成21家的年度目标，完成率114.3%，同比增长20.0%，在4个街道、镇、集聚区中排名第1。');
    expectNoRepeats(text);
  });

  it('a town says 全镇; a zone uses its own name', () => {
    expect(indicatorSection(table, 4).sentences[0].text).toBe('1.科技型中小企业。2022年，全镇科技型中小企业达到16家，完成年度目标，同比增长6.7%，在4个街道、镇、集聚区中排名第2。');
    expect(indicatorSection(table, 5).sentences[0].text).toBe(
      '1.科技型中小企业。2022年，新经济产业集聚区科技型中小企业为12家，完成15家年度目标的80.0%，尚差3家，同比增长20.0%，在4个街道、镇、集聚区中排名第4。',
    );
  });
});

describe('the closing sentence: counts in words, not a tally', () => {
  const a = indicator('科技型中小企业140家', '科技型中小企业', '家', { aggregation: 'none' });
  const b = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
  const c = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', decimals: 4 });
  const section = (figures: Figure[], period = '2022') =>
    indicatorSection(
      buildProgressTable({ period, parent: district, subUnits: [], indicators: [a, b, c], targets: [tgt(a, 1, 140), tgt(b, 1, 76), tgt(c, 1, 7)], figures }),
      1,
    );

  it('all met, all not met, or a mix naming what is behind', () => {
    expect(section([fig(a, 1, '2022', 150), fig(b, 1, '2022', 76), fig(c, 1, '2022', 7)]).conclusion).toBe('以上3项指标均完成年度目标，其中1项超额完成。');
    expect(section([fig(a, 1, '2022', 150), fig(b, 1, '2022', 80), fig(c, 1, '2022', 8)]).conclusion).toBe('以上3项指标均完成年度目标，且均超额完成。');
    // The street summary of issue 17 said "以上3项指标中，未完成3项".
    expect(section([fig(a, 1, '2022', 100), fig(b, 1, '2022', 70), fig(c, 1, '2022', 6)]).conclusion).toBe('以上3项指标均未完成年度目标。');
    expect(section([fig(a, 1, '2022', 150), fig(b, 1, '2022', 70)]).conclusion).toBe('以上3项指标中，科技型中小企业完成年度目标，高新技术企业未完成，技术合同成交额暂无完成数据。');
    expect(section([fig(a, 1, '2022', 150), fig(b, 1, '2022', 76), fig(c, 1, '2022', 6)]).conclusion).toBe(
      '以上3项指标中，2项完成年度目标（其中1项超额完成），技术合同成交额未完成。',
    );
  });

  it('no figures at all: says so, and every sentence says the figure is missing', () => {
    const s = section([]);
    expect(s.noFigures).toBe(true);
    expect(s.conclusion).toBe('截至本总结生成时，2022年各项指标均暂无完成数据，以上仅列出年度目标；待完成数填报后，重新生成本总结即可写出完成情况。');
    expect(s.sentences.map((x) => x.outcome)).toEqual(['no_figure', 'no_figure', 'no_figure']);
  });
});
