/**
 * Golden tests of the 主要指标完成情况 sentences: every wording case, built
 * through buildProgressTable from targets and figures (as the app does), so
 * the sentences are checked against the same numbers the tables show.
 */
import { describe, expect, it } from 'vitest';
import { buildProgressTable } from '../../shared/figures/progressTable';
import type { Aggregation, Frequency, Indicator } from '../../shared/model/indicator';
import type { Figure, Target } from '../../shared/model/target';
import type { Unit } from '../../shared/model/units';
import { indicatorSection } from '../../shared/summary/sentences';
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

describe('主要指标完成情况: one sentence per indicator', () => {
  it('exceeded, with 同比 (the seed-001 style)', () => {
    const i = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', decimals: 4 });
    expect(districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022', 7.32), fig(i, 1, '2021', 6.52)])).toBe(
      '1.技术合同成交额。2022年，全区技术合同成交额达到7.32亿元，完成年度目标（7亿元）的104.6%，超额完成年度目标，同比增长12.3%。',
    );
  });

  it('met exactly', () => {
    const i = indicator('科技型中小企业140家', '科技型中小企业', '家', { aggregation: 'none' });
    expect(districtText(i, [tgt(i, 1, 140)], [fig(i, 1, '2022', 140), fig(i, 1, '2021', 125)])).toBe(
      '1.科技型中小企业。2022年，全区科技型中小企业达到140家，完成年度目标（140家）的100.0%，如期完成年度目标，同比增长12.0%。',
    );
  });

  it('not met: the rate and what is missing; a fall in 同比', () => {
    const i = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [tgt(i, 1, 76)], [fig(i, 1, '2022', 65), fig(i, 1, '2021', 70)])).toBe(
      '1.高新技术企业。2022年，全区高新技术企业达到65家，完成年度目标（76家）的85.5%，距年度目标尚差11家，同比下降7.1%。',
    );
  });

  it('not met by a hair never prints 100.0%', () => {
    const i = indicator('高新技术企业2500家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [tgt(i, 1, 2500)], [fig(i, 1, '2022', 2499)])).toBe(
      '1.高新技术企业。2022年，全区高新技术企业达到2499家，完成年度目标（2500家）的99.9%，距年度目标尚差1家。',
    );
  });

  it('no figure yet: the target and that the figure is missing', () => {
    const i = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [tgt(i, 1, 76)], [])).toBe('1.高新技术企业。年度目标为76家，2022年完成数暂未填报。');
  });

  it('no figure and no target', () => {
    const i = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [], [])).toBe('1.高新技术企业。2022年完成数暂未填报，也未设年度目标。');
  });

  it('a figure without a target', () => {
    const i = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
    expect(districtText(i, [], [fig(i, 1, '2022', 80)])).toBe('1.高新技术企业。2022年，全区高新技术企业达到80家，未设年度目标。');
  });

  it('no last-year figure: no 同比 clause at all', () => {
    const i = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', decimals: 4 });
    const text = districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022', 7.5)]);
    expect(text).toBe('1.技术合同成交额。2022年，全区技术合同成交额达到7.5亿元，完成年度目标（7亿元）的107.1%，超额完成年度目标。');
    expect(text).not.toContain('同比');
  });

  it('range targets: within, above, below (and nothing at all)', () => {
    const i = indicator('新增市级以上研发平台和创新载体数量1-3个', '新增研发平台', '个', { aggregation: 'none' });
    const t = [tgt(i, 1, 1, 3)];
    expect(districtText(i, t, [fig(i, 1, '2022', 2)])).toBe(
      '1.新增研发平台。2022年，全区新增研发平台达到2个，处于年度目标（1-3个）区间内，完成年度目标。',
    );
    expect(districtText(i, t, [fig(i, 1, '2022', 3)])).toBe(
      '1.新增研发平台。2022年，全区新增研发平台达到3个，处于年度目标（1-3个）区间内，完成年度目标。',
    );
    expect(districtText(i, t, [fig(i, 1, '2022', 5)])).toBe(
      '1.新增研发平台。2022年，全区新增研发平台达到5个，超过年度目标（1-3个）上限，超额完成年度目标。',
    );
    expect(districtText(i, [tgt(i, 1, 2, 4)], [fig(i, 1, '2022', 1)])).toBe(
      '1.新增研发平台。2022年，全区新增研发平台达到1个，低于年度目标（2-4个）下限，完成下限的50.0%。',
    );
    expect(districtText(i, t, [fig(i, 1, '2022', 0)])).toBe(
      '1.新增研发平台。2022年，全区新增研发平台为0个，低于年度目标（1-3个）下限，完成下限的0.0%。',
    );
  });

  it('ratio indicators (%): differences in percentage points, 比上年提高/降低', () => {
    const i = indicator('全社会R&D经费投入占全区GDP比重达到0.55%', 'R&D经费投入强度', '%', { aggregation: 'none', decimals: 2 });
    const t = [tgt(i, 1, 0.55)];
    expect(districtText(i, t, [fig(i, 1, '2022', 0.6), fig(i, 1, '2021', 0.46)])).toBe(
      '1.R&D经费投入强度。2022年，全区R&D经费投入强度达到0.6%，完成年度目标（0.55%）的109.1%，高于目标0.05个百分点，比上年提高0.14个百分点。',
    );
    expect(districtText(i, t, [fig(i, 1, '2022', 0.5), fig(i, 1, '2021', 0.52)])).toBe(
      '1.R&D经费投入强度。2022年，全区R&D经费投入强度达到0.5%，完成年度目标（0.55%）的90.9%，低于目标0.05个百分点，比上年降低0.02个百分点。',
    );
    expect(districtText(i, t, [fig(i, 1, '2022', 0.55), fig(i, 1, '2021', 0.55)])).toBe(
      '1.R&D经费投入强度。2022年，全区R&D经费投入强度达到0.55%，完成年度目标（0.55%）的100.0%，如期完成年度目标，与上年持平。',
    );
  });

  it('growth targets: the achieved growth against the target growth', () => {
    const i = indicator('技术市场交易额增长30%', '技术市场交易额', '亿元', { aggregation: 'none', decimals: 2 });
    expect(districtText(i, [], [fig(i, 1, '2022', 13.5), fig(i, 1, '2021', 10)])).toBe(
      '1.技术市场交易额。2022年，全区技术市场交易额达到13.5亿元，同比增长35.0%，完成年度增长目标（增长30%）的116.7%，超额完成年度目标。',
    );
    expect(districtText(i, [], [fig(i, 1, '2022', 12), fig(i, 1, '2021', 10)])).toBe(
      '1.技术市场交易额。2022年，全区技术市场交易额达到12亿元，同比增长20.0%，完成年度增长目标（增长30%）的66.7%，未完成年度目标。',
    );
    expect(districtText(i, [], [fig(i, 1, '2022', 12)])).toBe(
      '1.技术市场交易额。2022年，全区技术市场交易额达到12亿元，因缺少上年数据，暂无法对照年度增长目标（增长30%）计算完成率。',
    );
    expect(districtText(i, [], [])).toBe('1.技术市场交易额。年度目标为增长30%，2022年完成数暂未填报。');
  });

  it('a period before year end opens with the period label', () => {
    const i = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', frequency: 'monthly', decimals: 4 });
    expect(districtText(i, [tgt(i, 1, 7)], [fig(i, 1, '2022-09', 5.6)], '2022-09')).toBe(
      '1.技术合同成交额。2022年1-9月，全区技术合同成交额达到5.6亿元，完成年度目标（7亿元）的80.0%，距年度目标尚差1.4亿元。',
    );
  });
});

describe('district vs sub-unit summaries', () => {
  const i = indicator('科技型中小企业140家', '科技型中小企业', '家', { decomposed: true });
  const targets = [tgt(i, 1, 60), tgt(i, 2, 21), tgt(i, 3, 8), tgt(i, 4, 16), tgt(i, 5, 15)];
  const figures = [fig(i, 2, '2022', 24), fig(i, 3, '2022', 7), fig(i, 4, '2022', 16), fig(i, 5, '2022', 12), fig(i, 2, '2021', 20), fig(i, 3, '2021', 7), fig(i, 4, '2021', 15), fig(i, 5, '2021', 10)];
  const table = buildProgressTable({ period: '2022', parent: district, subUnits: streets, indicators: [i], targets, figures });

  it('the district: 全区, the sum of its sub-units, 同比 of the summed last year', () => {
    expect(indicatorSection(table, 1).sentences[0].text).toBe(
      '1.科技型中小企业。2022年，全区科技型中小企业达到59家，完成年度目标（60家）的98.3%，距年度目标尚差1家，同比增长13.5%。',
    );
  });

  it('a street: 全街道 and its rank among the sub-units', () => {
    expect(indicatorSection(table, 2).sentences[0].text).toBe(
      '1.科技型中小企业。2022年，全街道科技型中小企业达到24家，完成年度目标（21家）的114.3%，超额完成年度目标，同比增长20.0%，完成率在4个街道、镇、集聚区中排名第1。',
    );
  });

  it('a town says 全镇; a zone uses its own name', () => {
    expect(indicatorSection(table, 4).sentences[0].text).toBe(
      '1.科技型中小企业。2022年，全镇科技型中小企业达到16家，完成年度目标（16家）的100.0%，如期完成年度目标，同比增长6.7%，完成率在4个街道、镇、集聚区中排名第2。',
    );
    expect(indicatorSection(table, 5).sentences[0].text).toBe(
      '1.科技型中小企业。2022年，新经济产业集聚区科技型中小企业达到12家，完成年度目标（15家）的80.0%，距年度目标尚差3家，同比增长20.0%，完成率在4个街道、镇、集聚区中排名第4。',
    );
  });
});

describe('the closing sentence', () => {
  const a = indicator('科技型中小企业140家', '科技型中小企业', '家', { aggregation: 'none' });
  const b = indicator('高新技术企业76家', '高新技术企业', '家', { aggregation: 'none' });
  const c = indicator('技术合同成交额突破7亿元', '技术合同成交额', '亿元', { aggregation: 'none', decimals: 4 });
  const section = (figures: Figure[]) =>
    indicatorSection(
      buildProgressTable({ period: '2022', parent: district, subUnits: [], indicators: [a, b, c], targets: [tgt(a, 1, 140), tgt(b, 1, 76), tgt(c, 1, 7)], figures }),
      1,
    );

  it('counts met, not met and missing, naming the ones not met', () => {
    expect(section([fig(a, 1, '2022', 150), fig(b, 1, '2022', 70)]).conclusion).toBe(
      '以上3项指标中，已完成年度目标1项，均为超额完成，未完成1项（高新技术企业），暂无完成数据1项（技术合同成交额）。',
    );
    expect(section([fig(a, 1, '2022', 150), fig(b, 1, '2022', 76), fig(c, 1, '2022', 7)]).conclusion).toBe(
      '以上3项指标中，已完成年度目标3项（其中超额完成1项）。',
    );
  });

  it('no figures at all: says so, and every sentence says the figure is missing', () => {
    const s = section([]);
    expect(s.noFigures).toBe(true);
    expect(s.conclusion).toBe('截至本总结生成时，2022年各项指标均暂无完成数据，以上仅列出年度目标；待完成数填报后，重新生成本总结即可写出完成情况。');
    expect(s.sentences.map((x) => x.outcome)).toEqual(['no_figure', 'no_figure', 'no_figure']);
  });
});
